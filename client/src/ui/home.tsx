// Home: nickname, language, one-click solo game, create a room, join with a code.
import { useState } from "preact/hooks";
import { RoomCode } from "../../../shared/src/protocol/messages.ts";
import { t, tx } from "../i18n.ts";
import { PROFILES } from "../data.ts";
import { createRoom, joinRoom, request } from "../net.ts";
import { ROLE_IDS, roleLook, type RoleId } from "../roles.ts";
import { conn, notice, state } from "../store.ts";
import { glossaryOpen, LangSwitch, RoleBadge } from "./common.tsx";
import { pendingClass } from "../classNet.ts";
import { HostForm } from "./class/host.tsx";

const DEFAULT_SEATS = ["nvidia", "amd", "microsoft", "meta", "coreweave", "fluidstack", "blue-owl", "apollo"];

/** ?fast=1: very short timers and a 6-quarter game (tests, demos). */
function fastMode(): boolean {
  return new URLSearchParams(location.search).get("fast") === "1";
}

async function waitForSeats(): Promise<void> {
  for (let i = 0; i < 100 && !(state.value && state.value.seats.length > 0); i++) await new Promise((r) => setTimeout(r, 50));
}

export async function startSolo(role: RoleId, rounds: number | undefined) {
  const fast = fastMode();
  try {
    await createRoom({
      private: true,
      bots: true,
      seats: DEFAULT_SEATS,
      decideSeconds: fast ? 120 : 300,
      newsSeconds: fast ? 0.3 : 5,
      reportSeconds: fast ? 0.3 : 8,
      ...(fast ? { rounds: 6 } : rounds ? { rounds } : {}),
    });
    await waitForSeats();
    const s = state.value!;
    const seat = s.seats.find((x) => x.role === role);
    if (seat && seat.index !== 0) await request("chooseSeat", { seat: seat.index });
    const r = await request("start", {});
    if (!r.ok) notice.value = { kind: "error", text: r.error?.message ?? "start failed" };
  } catch (e) {
    notice.value = { kind: "error", text: (e as Error).message };
  }
}

export function Home() {
  const [name, setName] = useState(localStorage.getItem("boomloop:name") ?? "");
  const [role, setRole] = useState<RoleId>((localStorage.getItem("boomloop:role") as RoleId) || "neocloud");
  const [length, setLength] = useState<number>(Number(localStorage.getItem("boomloop:rounds")) || 12);
  const [code, setCode] = useState("");
  const [codeErr, setCodeErr] = useState("");
  const [classCode, setClassCode] = useState("");
  const [classErr, setClassErr] = useState("");
  const [hosting, setHosting] = useState(false);
  const busy = conn.value === "connecting" || conn.value === "reconnecting";

  const saveName = (v: string) => {
    setName(v);
    localStorage.setItem("boomloop:name", v.trim().slice(0, 24));
  };
  const pickRole = (r: RoleId) => {
    setRole(r);
    localStorage.setItem("boomloop:role", r);
  };
  const join = async (e: Event) => {
    e.preventDefault();
    const parsed = RoomCode.safeParse(code);
    if (!parsed.success) {
      setCodeErr(t("code_invalid"));
      return;
    }
    setCodeErr("");
    try {
      await joinRoom(parsed.data);
    } catch (err) {
      notice.value = { kind: "error", text: `${parsed.data}: ${(err as Error).message}` };
    }
  };
  const joinClass = (e: Event) => {
    e.preventDefault();
    const parsed = RoomCode.safeParse(classCode);
    if (!parsed.success) {
      setClassErr(t("code_invalid"));
      return;
    }
    setClassErr("");
    pendingClass.value = parsed.data;
  };
  const create = async () => {
    try {
      await createRoom({ private: true });
    } catch (err) {
      notice.value = { kind: "error", text: (err as Error).message };
    }
  };
  const sample = Object.values(PROFILES).find((p) => p.role === role);

  return (
    <main class="home" id="main">
      <header class="home-head">
        <div class="logo" aria-hidden="true">
          <svg viewBox="0 0 64 64" width="56" height="56"><rect width="64" height="64" rx="14" fill="#13203a" /><path d="M10 46 L22 30 L32 38 L54 12" stroke="#f5c542" stroke-width="6" fill="none" stroke-linecap="round" stroke-linejoin="round" /><circle cx="54" cy="12" r="5" fill="#ff5a4f" /></svg>
        </div>
        <div>
          <h1>Boom Loop</h1>
          <p class="tagline">{t("tagline")}</p>
        </div>
        <div class="home-tools">
          <LangSwitch />
          <button type="button" class="ghost" onClick={() => (glossaryOpen.value = "all")}>{t("glossary")}</button>
        </div>
      </header>
      <p class="pitch">{t("pitch")}</p>

      <div class="field name-field">
        <label for="nickname">{t("nickname")}</label>
        <input id="nickname" type="text" maxLength={24} autoComplete="nickname" value={name} onInput={(e) => saveName((e.currentTarget as HTMLInputElement).value)} placeholder="Ada" />
      </div>

      <section class="card solo" aria-labelledby="solo-h">
        <h2 id="solo-h">{t("play_solo")}</h2>
        <p class="hint">{t("solo_hint")}</p>
        <div class="role-picker" role="radiogroup" aria-label={t("solo_as")}>
          {ROLE_IDS.map((r) => {
            const look = roleLook(r);
            return (
              <button type="button" role="radio" aria-checked={role === r} key={r} class={`role-chip ${role === r ? "on" : ""}`} style={{ "--role": look.color }} onClick={() => pickRole(r)}>
                <RoleBadge role={r} />
              </button>
            );
          })}
        </div>
        {sample && <p class="blurb">{tx(sample.blurb)}</p>}
        <div class="length" role="radiogroup" aria-label={t("game_length")}>
          {[6, 12].map((n) => (
            <button type="button" role="radio" aria-checked={length === n} key={n} class={`pill ${length === n ? "on" : ""}`} onClick={() => { setLength(n); localStorage.setItem("boomloop:rounds", String(n)); }}>
              {n === 6 ? t("short_game") : t("full_game")}
            </button>
          ))}
        </div>
        <button type="button" class="primary big" data-testid="play-solo" disabled={busy} onClick={() => void startSolo(role, length)}>
          ▶ {t("play_solo")}
        </button>
      </section>

      <section class="card friends" aria-labelledby="friends-h">
        <h2 id="friends-h">{t("with_friends")}</h2>
        <button type="button" class="secondary" data-testid="create-room" disabled={busy} onClick={() => void create()}>
          {t("create_room")}
        </button>
        <form class="join-form" onSubmit={join}>
          <div class={`field ${codeErr ? "has-error" : ""}`}>
            <label for="code">{t("room_code")}</label>
            <input id="code" class="code-input" type="text" inputMode="text" autoCapitalize="characters" autoComplete="off" maxLength={6} placeholder={t("code_placeholder")} value={code} onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value.toUpperCase())} aria-invalid={!!codeErr} />
            {codeErr && <div class="err">{codeErr}</div>}
          </div>
          <button type="submit" class="secondary" data-testid="join" disabled={busy}>
            {t("join_room")}
          </button>
        </form>
      </section>

      <section class="card class" aria-labelledby="class-h">
        <h2 id="class-h">{t("join_class")}</h2>
        <form class="join-form" onSubmit={joinClass}>
          <div class={`field ${classErr ? "has-error" : ""}`}>
            <label for="class-code">{t("class_code")}</label>
            <input id="class-code" class="code-input" type="text" autoCapitalize="characters" autoComplete="off" maxLength={6} placeholder={t("code_placeholder")} value={classCode} onInput={(e) => setClassCode((e.currentTarget as HTMLInputElement).value.toUpperCase())} aria-invalid={!!classErr} />
            {classErr && <div class="err">{classErr}</div>}
          </div>
          <button type="submit" class="secondary" data-testid="join-class">{t("join_class_btn")}</button>
        </form>
        {hosting ? (
          <HostForm onCancel={() => setHosting(false)} />
        ) : (
          <button type="button" class="ghost" data-testid="host-class" onClick={() => setHosting(true)}>{t("host_class")}</button>
        )}
      </section>

      <section class="card how" aria-labelledby="how-h">
        <h2 id="how-h">{t("how_to_play")}</h2>
        <ol>
          <li>{t("how_1")}</li>
          <li>{t("how_2")}</li>
          <li>{t("how_3")}</li>
        </ol>
      </section>
    </main>
  );
}
