// Lobby: the room code and link (readable from the back of a classroom), the seats with their
// roles, companies, players, readiness and bots, and the host's settings.
import { useState } from "preact/hooks";
import { t, tx } from "../i18n.ts";
import { PROFILES, SCENARIOS } from "../data.ts";
import { leaveRoom, request } from "../net.ts";
import { roleLook } from "../roles.ts";
import { isHost, me, notice, state } from "../store.ts";
import { CheckField, LangSwitch, RoleBadge, SelectField } from "./common.tsx";

async function send(type: string, payload: unknown = {}) {
  const r = await request(type, payload);
  if (!r.ok) notice.value = { kind: "error", text: r.error?.message ?? type };
  return r.ok;
}

export function Lobby() {
  const s = state.value!;
  const p = me.value;
  const host = isHost.value;
  const [copied, setCopied] = useState(false);
  const url = `${location.protocol}//${location.host}${s.link}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      /* no clipboard: the link is on screen */
    }
  };
  const settings = s.settings;
  const everyoneReady = Object.values(s.players).every((x) => x.seat < 0 || x.host || x.ready || !x.connected);
  return (
    <main class="lobby" id="main">
      <header class="lobby-head">
        <h1>Boom Loop · {t("lobby")}</h1>
        <div class="home-tools">
          <LangSwitch />
          <button type="button" class="ghost" onClick={() => void leaveRoom()}>{t("leave")}</button>
        </div>
      </header>
      <section class="room-code" aria-label={t("room_code")}>
        <div class="code-label">{t("room_code")}</div>
        <div class="code-big" data-testid="room-code">{s.code}</div>
        <div class="code-link">
          {t("join_at")} <strong>{url}</strong>
        </div>
        <button type="button" class="secondary" onClick={() => void copy()}>{copied ? t("copied") : t("copy_link")}</button>
      </section>

      <section class="seats" aria-label={t("seats")}>
        <h2>{t("seats")}</h2>
        <ul class="seat-grid">
          {s.seats.map((seat) => {
            const look = roleLook(seat.role);
            const player = seat.player ? s.players[seat.player] : undefined;
            const mine = !!p && seat.player === p.sessionId;
            const free = !seat.player && !seat.bot;
            const prof = PROFILES[seat.profile];
            return (
              <li key={seat.index} class={`seat ${mine ? "mine" : ""} ${free ? "free" : ""}`} style={{ "--role": look.color }} data-testid={`seat-${seat.index}`}>
                <div class="seat-top">
                  <RoleBadge role={seat.role} short />
                  <span class="seat-company">{seat.company}</span>
                </div>
                {prof && <p class="seat-blurb">{tx(prof.blurb)}</p>}
                <div class="seat-who">
                  {seat.bot ? (
                    <span class="who bot">⚙ {t("bot")}</span>
                  ) : player ? (
                    <span class="who">
                      <span class={`dot ${player.connected ? "on" : "off"}`} aria-hidden="true" /> {player.name}
                      {mine && ` (${t("you")})`}
                      {player.host && ` · ${t("host")}`}
                      <span class={`ready-tag ${player.ready || player.host ? "yes" : "no"}`}>{player.host ? "★" : player.ready ? `✓ ${t("ready")}` : t("not_ready")}</span>
                    </span>
                  ) : (
                    <button type="button" class="sit" onClick={() => void send("chooseSeat", { seat: seat.index })}>
                      {t("free_seat")}
                    </button>
                  )}
                </div>
                {host && !mine && !seat.player && (
                  <button type="button" class="small ghost" onClick={() => void send(seat.bot ? "removeBot" : "addBot", { seat: seat.index })}>
                    {seat.bot ? t("remove_bot") : t("add_bot")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {p && p.seat >= 0 && (
          <button type="button" class="small ghost" onClick={() => void send("chooseSeat", { seat: null })}>
            {t("stand_up")}
          </button>
        )}
        {p && p.seat < 0 && <p class="hint">{t("spectator")}</p>}
      </section>

      {host ? (
        <section class="card settings" aria-labelledby="settings-h">
          <h2 id="settings-h">{t("settings")}</h2>
          <div class="settings-grid">
            <SelectField id="set-scenario" label={t("scenario")} value={settings.scenario} options={SCENARIOS.map((x) => ({ value: x.id, label: tx(x.name) }))} onValue={(v) => void send("settings", { scenario: v })} />
            <SelectField id="set-rounds" label={t("quarters")} value={String(settings.rounds)} options={[6, 8, 10, 12, 14, 16].map((n) => ({ value: String(n), label: String(n) }))} onValue={(v) => void send("settings", { rounds: Number(v) })} />
            <SelectField
              id="set-decide"
              label={t("decide_time")}
              value={String(settings.decideSeconds)}
              options={[30, 60, 90, 120, 180, 300, 600].concat([settings.decideSeconds]).filter((v, i, a) => a.indexOf(v) === i).sort((a, b) => a - b).map((n) => ({ value: String(n), label: `${n} ${t("seconds")}` }))}
              onValue={(v) => void send("settings", { decideSeconds: Number(v) })}
            />
            <CheckField id="set-bots" label={t("bots_fill")} checked={settings.bots} onValue={(v) => void send("settings", { bots: v })} />
          </div>
          <p class="hint">{tx(SCENARIOS.find((x) => x.id === settings.scenario)?.description)}</p>
          <button type="button" class="primary big" data-testid="start" onClick={() => void send("start")} disabled={!everyoneReady}>
            ▶ {t("start_game")}
          </button>
        </section>
      ) : (
        <section class="card waiting">
          {p && p.seat >= 0 && (
            <button type="button" class={p.ready ? "secondary" : "primary big"} data-testid="ready" aria-pressed={p.ready} onClick={() => void send("ready", { ready: !p.ready })}>
              {p.ready ? `✓ ${t("ready")}` : t("im_ready")}
            </button>
          )}
          <p class="hint">{t("waiting_host")}</p>
          <p class="hint">
            {t("scenario")}: {tx(SCENARIOS.find((x) => x.id === settings.scenario)?.name)} · {t("quarters")}: {settings.rounds}
          </p>
        </section>
      )}
    </main>
  );
}
