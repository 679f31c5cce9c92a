// The teacher's console: the code and join link (large, with a QR code), the students, the
// session's controls, the live monitor per market, the downloads, and the debrief tab.
import { useState } from "preact/hooks";
import { t, tx } from "../../i18n.ts";
import { CARDS } from "../../data.ts";
import { classRequest, cls, downloadUrl, leaveClass, type ClassStateJ } from "../../classNet.ts";
import { LangSwitch, RoleBadge } from "../common.tsx";
import { Debrief } from "./debrief.tsx";
import { MarketMonitor } from "./monitor.tsx";
import { QrCode } from "./qr.tsx";
import "./class.css";

export function Console() {
  const s = cls.value;
  const [tab, setTab] = useState<"console" | "debrief">("console");
  if (!s) {
    return (
      <main class="boot" id="main">
        <p role="status"><span class="spinner" aria-hidden="true" /> {t("connecting")}</p>
      </main>
    );
  }
  return (
    <main class="class-console" id="main" data-testid="class-console">
      <header class="class-head">
        <h1>{t("class_console")}</h1>
        <div class="tabs-inline" role="tablist">
          <button type="button" role="tab" aria-selected={tab === "console"} class={tab === "console" ? "on" : ""} onClick={() => setTab("console")} data-testid="tab-console">{t("class_tab_console")}</button>
          <button type="button" role="tab" aria-selected={tab === "debrief"} class={tab === "debrief" ? "on" : ""} onClick={() => setTab("debrief")} data-testid="tab-debrief">{t("class_debrief")}</button>
        </div>
        <LangSwitch />
        <button type="button" class="ghost small" onClick={() => void leaveClass()}>{t("leave")}</button>
      </header>
      {tab === "console" ? <ConsoleBody s={s} /> : <Debrief code={s.code} />}
    </main>
  );
}

function ConsoleBody({ s }: { s: ClassStateJ }) {
  const link = `${location.origin}${s.link}`;
  const students = Object.values(s.students).sort((a, b) => a.market - b.market || a.seat - b.seat || a.name.localeCompare(b.name));
  return (
    <>
      <section class="class-code-block">
        <div>
          <div class="code-label">{t("class_link")}</div>
          <div class="class-link" data-testid="class-link">{link.replace(/^https?:\/\//, "")}</div>
          <div class="class-code" data-testid="class-code">{s.code}</div>
          <div class="hint">{t(`class_phase_${s.phase}` as "class_phase_lobby")}{s.paused ? ` · ${t("class_paused")}` : ""}</div>
        </div>
        <QrCode text={link} size={260} />
      </section>
      <Controls s={s} />
      <section class="card" aria-labelledby="students-h">
        <h2 id="students-h">{t("class_students")} ({students.length})</h2>
        {students.length === 0 ? (
          <p class="hint">{t("class_no_students")}</p>
        ) : (
          <div class="table-wrap">
            <table class="class-table" data-testid="students">
              <thead>
                <tr><th>{t("class_student")}</th><th>{t("class_market")}</th><th>{t("class_company")}</th><th>{t("class_connected")}</th><th /></tr>
              </thead>
              <tbody>
                {students.map((st) => (
                  <tr key={st.id} data-testid="student-row">
                    <td>{st.name}</td>
                    <td>{st.market >= 0 ? `#${st.market + 1}` : "—"}</td>
                    <td>{st.company ? <><RoleBadge role={st.role} withLabel={false} /> {st.company}</> : "—"}</td>
                    <td>{st.connected ? `● ${t("class_connected")}` : `○ ${t("class_offline")}`}</td>
                    <td class="row-actions">
                      <button type="button" class="small" onClick={() => {
                        const name = prompt(t("class_rename_prompt"), st.name)?.trim();
                        if (name) void classRequest("renameStudent", { student: st.id, name: name.slice(0, 24) });
                      }}>{t("class_rename")}</button>
                      {s.phase === "running" && (
                        <button type="button" class="small" onClick={() => {
                          // Onto a seat a bot plays: "market seat", both counted from 1 as the monitor shows them.
                          const m = /^\s*#?(\d+)[\s,;/]+(\d+)\s*$/.exec(prompt(t("class_move_prompt"), `${st.market + 1} ${st.seat + 1}`) ?? "");
                          if (m) void classRequest("moveStudent", { student: st.id, market: Number(m[1]) - 1, seat: Number(m[2]) - 1 });
                        }}>{t("class_move")}</button>
                      )}
                      <button type="button" class="small" onClick={() => {
                        if (confirm(t("class_remove_confirm", { name: st.name }))) void classRequest("removeStudent", { student: st.id });
                      }}>{t("class_remove")}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {s.markets.length > 0 && (
        <section aria-labelledby="monitor-h">
          <h2 id="monitor-h">{t("class_monitor")}</h2>
          <div class="monitors">{s.markets.map((m) => <MarketMonitor key={m.index} m={m} />)}</div>
        </section>
      )}
      <section class="card" aria-labelledby="dl-h">
        <h2 id="dl-h">{t("class_downloads")}</h2>
        <p class="downloads">
          {["rounds.csv", "events.csv", "export.json"].map((f) => (
            <a key={f} href={downloadUrl(s.code, f)} download data-testid={`dl-${f}`}>⬇ {f}</a>
          ))}
        </p>
      </section>
    </>
  );
}

function Controls({ s }: { s: ClassStateJ }) {
  const cards = Object.values(CARDS).sort((a, b) => tx(a.title).localeCompare(tx(b.title)));
  // A card already in the coming quarter's news of every live market would be refused: say so in the list.
  const live = s.markets.filter((m) => !m.finished);
  const dealt = new Set(cards.filter((c) => live.length > 0 && live.every((m) => m.news.includes(c.id))).map((c) => c.id));
  const [card, setCard] = useState(cards[0]?.id ?? "");
  const running = s.phase === "running";
  return (
    <section class="card controls" aria-label={t("class_console")}>
      <div class="row-buttons">
        {s.phase === "lobby" && (
          <button type="button" class="primary big-ish" data-testid="class-start" disabled={Object.keys(s.students).length === 0} onClick={() => void classRequest("start")}>▶ {t("class_start")}</button>
        )}
        {running && (s.paused ? (
          <button type="button" class="primary" data-testid="class-resume" onClick={() => void classRequest("resume")}>▶ {t("class_resume")}</button>
        ) : (
          <button type="button" class="secondary" data-testid="class-pause" onClick={() => void classRequest("pause")}>‖ {t("class_pause")}</button>
        ))}
        {running && <button type="button" class="secondary" data-testid="class-add-time" onClick={() => void classRequest("addTime", { seconds: 30 })}>{t("class_add_time")}</button>}
        {running && <button type="button" class="secondary" data-testid="class-close-phase" onClick={() => void classRequest("closePhase")}>» {t("class_close_phase")}</button>}
        {running && <button type="button" class="danger" data-testid="class-end" onClick={() => { if (confirm(t("class_end_confirm"))) void classRequest("endGame"); }}>■ {t("class_end")}</button>}
        <a class="button-link" href={`/?projector=${s.code}`} target="_blank" rel="noopener" data-testid="open-projector">{t("class_projector")} ↗</a>
      </div>
      {running && (
        <form class="inject" onSubmit={(e) => { e.preventDefault(); if (card && !dealt.has(card)) void classRequest("injectCard", { card }); }}>
          <label for="inject-card">{t("class_inject")}</label>
          <select id="inject-card" value={card} onChange={(e) => setCard((e.currentTarget as HTMLSelectElement).value)}>
            {cards.map((c) => (
              <option key={c.id} value={c.id} disabled={dealt.has(c.id)}>
                {tx(c.title)}
                {dealt.has(c.id) ? ` — ${t("class_card_dealt")}` : ""}
              </option>
            ))}
          </select>
          <button type="submit" class="small secondary" disabled={!card || dealt.has(card)}>{t("class_inject_btn")}</button>
        </form>
      )}
    </section>
  );
}
