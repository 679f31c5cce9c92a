// The projector: every market at a glance for the back of the room, in the session's language —
// quarter, phase, timer, hype bar, defaults, and the students ranked by score.
import { t } from "../../i18n.ts";
import { cls, type ClassMarketJ } from "../../classNet.ts";
import { num, signedPct } from "../../format.ts";
import { phaseLabel, timeLeft } from "./monitor.tsx";
import { QrCode } from "./qr.tsx";
import "./class.css";

function MarketPanel({ m }: { m: ClassMarketJ }) {
  const people = m.seats.filter((s) => !s.bot).sort((a, b) => (b.bankrupt ? -1 : b.score) - (a.bankrupt ? -1 : a.score));
  return (
    <section class="proj-market" data-testid="proj-market">
      <header>
        <h2>{t("class_market")} #{m.index + 1}</h2>
        <span class="proj-round">{t("class_round", { n: m.round, of: m.rounds })}</span>
      </header>
      <div class="proj-phase">
        <span>{m.finished ? phaseLabel("ended") : phaseLabel(m.phase)}</span>
        <span class={`proj-timer ${m.paused ? "paused" : ""}`}>{m.paused ? t("class_paused") : timeLeft(m)}</span>
      </div>
      <div class="hype-bar" aria-label={`${t("hype")} ${num(m.hype, 0)}`}>
        <span class="hype-label">{t("hype")} {num(m.hype, 0)}</span>
        <span class="hype-fill" style={{ width: `${Math.max(0, Math.min(100, m.hype))}%` }} />
      </div>
      <p class={`proj-defaults ${m.defaults ? "down" : ""}`}>{t("class_defaults")}: {m.defaults}</p>
      <ol class="proj-rank">
        {people.map((s, i) => (
          <li key={s.seat}>
            <span class="rank">{i + 1}.</span>
            <span class="who">{s.player || "—"}</span>
            <span class="co">{s.company}</span>
            <span class={s.bankrupt || s.score < 0 ? "down" : "up"}>{s.bankrupt ? "−100 %" : signedPct(s.score)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Projector() {
  const s = cls.value;
  if (!s) return <main class="boot" id="main"><p role="status"><span class="spinner" aria-hidden="true" /> {t("connecting")}</p></main>;
  const link = `${location.origin}${s.link}`;
  return (
    <main class="projector" id="main" data-testid="projector">
      {s.phase === "lobby" || s.markets.length === 0 ? (
        <section class="proj-lobby">
          <div>
            <div class="code-label">{t("class_link")}</div>
            <div class="class-link">{link.replace(/^https?:\/\//, "")}</div>
            <div class="class-code">{s.code}</div>
            <p class="proj-count">{t("class_students_in", { n: Object.keys(s.students).length })}</p>
          </div>
          <div><QrCode text={link} size={340} /><p class="hint">{t("class_scan")}</p></div>
        </section>
      ) : (
        <>
          <header class="proj-head">
            <h1>Boom Loop · {s.code}</h1>
            <span>{s.phase === "ended" ? t("class_ended") : s.paused ? t("class_paused") : t("class_phase_running")}</span>
          </header>
          <div class="proj-grid">{s.markets.map((m) => <MarketPanel key={m.index} m={m} />)}</div>
        </>
      )}
    </main>
  );
}
