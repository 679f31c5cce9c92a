// The live monitor of a class session: one table per market (round, phase, time left, hype,
// defaults; each seat's player or bot, submitted, connected, price, score).
import { t, type Key } from "../../i18n.ts";
import type { ClassMarketJ } from "../../classNet.ts";
import { money, num, signedPct } from "../../format.ts";
import { now } from "../../store.ts";
import { RoleBadge } from "../common.tsx";

export function phaseLabel(phase: string): string {
  const k = `phase_${phase}` as Key;
  try {
    return t(k) || phase;
  } catch {
    return phase;
  }
}

export function timeLeft(m: ClassMarketJ): string {
  if (m.finished) return "—";
  if (m.paused) return "⏸";
  if (!m.deadline) return "—";
  const s = Math.max(0, Math.ceil((m.deadline - now.value) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function MarketHead({ m }: { m: ClassMarketJ }) {
  return (
    <dl class="market-head">
      <div><dt>{t("class_market")}</dt><dd>#{m.index + 1}</dd></div>
      <div><dt>{t("quarters")}</dt><dd>{m.round}/{m.rounds}</dd></div>
      <div><dt>{t("class_phase")}</dt><dd data-testid="market-phase">{m.finished ? phaseLabel("ended") : phaseLabel(m.phase)}</dd></div>
      <div><dt>{t("class_time_left")}</dt><dd>{timeLeft(m)}{m.paused ? ` ${t("class_paused")}` : ""}</dd></div>
      <div><dt>{t("hype")}</dt><dd>{num(m.hype, 0)}</dd></div>
      <div><dt>{t("class_defaults")}</dt><dd class={m.defaults ? "down" : ""}>{m.defaults}</dd></div>
    </dl>
  );
}

export function MarketMonitor({ m }: { m: ClassMarketJ }) {
  return (
    <section class="card monitor" data-testid={`monitor-${m.index}`}>
      <MarketHead m={m} />
      <div class="table-wrap">
        <table class="class-table">
          <thead>
            <tr>
              <th>{t("class_company")}</th>
              <th>{t("class_player")}</th>
              <th>{t("class_submitted")}</th>
              <th>{t("class_connected")}</th>
              <th>{t("class_price")}</th>
              <th>{t("class_score")}</th>
            </tr>
          </thead>
          <tbody>
            {m.seats.map((s) => (
              <tr key={s.seat} class={s.bankrupt ? "bankrupt" : ""}>
                <td><RoleBadge role={s.role} withLabel={false} /> {s.company}</td>
                <td>{s.bot ? t("bot") : s.player}</td>
                <td>{s.submitted ? "✓" : ""}</td>
                <td>{s.bot ? "" : s.connected ? "●" : "○"}</td>
                <td>{money(s.price)}</td>
                <td class={s.bankrupt || s.score < 0 ? "down" : "up"}>{s.bankrupt ? "−100 %" : signedPct(s.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
