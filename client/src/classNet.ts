// The connection to a class session (room type "classroom"): a student waiting for its market, the
// teacher's console, or a projector. Keys live in localStorage (boomloop:studentKey:CODE,
// boomloop:hostKey:CODE) and the URL carries ?class=, ?host= or ?projector=, so a reload rejoins.
import { Client, type Room } from "@colyseus/sdk";
import { signal } from "@preact/signals";
import type { ToJSON } from "@colyseus/schema";
import type { ClassMarket, ClassroomState, ClassSeat, ClassStudent } from "../../shared/src/state/classroom.ts";
import { CLASSROOM_ROOM, type AssignmentMessage, type ClassroomOptionsInput } from "../../shared/src/protocol/classroom.ts";
import { keepSeat, shouldRejoin } from "./rejoin.ts";
import { errorText, lang, t, type Lang } from "./i18n.ts";
import { joinMarket, type Reply } from "./net.ts";
import { notice } from "./store.ts";

export type ClassRole = "student" | "host" | "watch";

// The session's state as received (toJSON()), typed from its one declaration (shared/src/state/classroom.ts).
export type ClassSeatJ = ToJSON<ClassSeat>;
export type ClassMarketJ = ToJSON<ClassMarket>;
export type ClassStudentJ = ToJSON<ClassStudent>;
export type ClassStateJ = ToJSON<ClassroomState>;

/** The session's state, mirrored (plain objects, replaced on each patch). */
export const cls = signal<ClassStateJ | null>(null);
export const classRole = signal<ClassRole | null>(null);
/** A student's own id and name; its assignment once the teacher started. */
export const myStudent = signal<{ id: string; name: string } | null>(null);
export const assignment = signal<AssignmentMessage | null>(null);
/** The host key (the console's downloads need it). */
export const hostKey = signal("");

const STUDENT_KEY = (code: string) => `boomloop:studentKey:${code}`;
const HOST_KEY = (code: string) => `boomloop:hostKey:${code}`;

let client: Client | null = null;
let room: Room | null = null;

function sdk(): Client {
  if (!client) client = new Client(`${location.protocol}//${location.host}`);
  return client;
}

export function classRoom(): Room | null {
  return room;
}

function setUrl(param: "class" | "host" | "projector" | null, code = "") {
  const url = new URL(location.href);
  for (const p of ["class", "host", "projector"]) url.searchParams.delete(p);
  if (param) url.searchParams.set(param, code);
  history.replaceState(null, "", url.pathname + url.search);
}

function attach(r: Room, role: ClassRole) {
  room = r;
  classRole.value = role;
  r.reconnection.minUptime = 1000;
  const mirror = () => {
    const raw = r.state as { toJSON(): ClassStateJ; code?: string } | undefined;
    if (!raw?.code) return;
    const json = raw.toJSON();
    json.students ??= {};
    json.markets ??= [];
    cls.value = json;
    // The projector speaks the session's language.
    if (role === "watch" && (json.lang === "en" || json.lang === "fr") && lang.value !== json.lang) lang.value = json.lang as Lang;
  };
  r.onStateChange(mirror);
  if (r.state) mirror();
  r.onMessage("error", (e: { code?: string; message?: string }) => (notice.value = { kind: "error", text: errorText(e) }));
  r.onMessage("hostKey", (m: { key: string }) => {
    hostKey.value = m.key;
    const code = (r.state as { code?: string }).code || r.roomId;
    localStorage.setItem(HOST_KEY(code), m.key);
  });
  // The key comes once, when the student is new; coming back with it, only the id is sent.
  r.onMessage("studentKey", (m: { key?: string; student: string }) => {
    if (m.key) localStorage.setItem(STUDENT_KEY(r.roomId), m.key);
    myStudent.value = { id: m.student, name: myStudent.value?.name ?? "" };
  });
  r.onMessage("assignment", (a: AssignmentMessage) => {
    assignment.value = a;
    const name = cls.value?.students[myStudent.value?.id ?? ""]?.name ?? myStudent.value?.name ?? "";
    joinMarket(a.roomId, a.ticket, name).catch((e) => (notice.value = { kind: "error", text: (e as Error).message }));
  });
  r.onMessage("removed", () => {
    localStorage.removeItem(STUDENT_KEY(r.roomId));
    notice.value = { kind: "info", text: t("class_removed") };
    void leaveClass();
  });
  r.onLeave((code: number) => {
    if (room === r && !shouldRejoin(code)) {
      room = null;
      classRole.value = null;
      cls.value = null;
    }
  });
  // A restart of the server (or a connection the SDK could not resume): back with the same key.
  keepSeat(r, {
    url: `${location.protocol}//${location.host}`,
    options: () => {
      const code = (r.state as { code?: string } | undefined)?.code || r.roomId;
      if (role === "host") return { hostKey: localStorage.getItem(HOST_KEY(code)) ?? "" };
      if (role === "watch") return { watch: true };
      const key = localStorage.getItem(STUDENT_KEY(code));
      return key ? { studentKey: key } : {};
    },
    cancelled: () => room !== r,
    onRoom: (back) => {
      if (room === r) attach(back, role);
    },
    onGiveUp: () => {
      if (room !== r) return;
      room = null;
      classRole.value = null;
      cls.value = null;
    },
  });
}

/** Sends a message to the session and waits for its verdict. */
export async function classRequest(type: string, payload: unknown = {}): Promise<Reply> {
  if (!room) return { ok: false, error: { code: "not_connected", message: "not connected" } };
  try {
    const r = (await room.request(type, payload, { timeout: 10_000 } as never)) as Reply;
    if (!r.ok) notice.value = { kind: "error", text: errorText(r.error) };
    return r;
  } catch (e) {
    return { ok: false, error: { code: "timeout", message: (e as Error).message } };
  }
}

export async function joinClass(code: string, name: string): Promise<void> {
  const key = localStorage.getItem(STUDENT_KEY(code));
  let r: Room;
  try {
    r = await sdk().joinById(code, key ? { studentKey: key } : { name });
  } catch (e) {
    if (!key) throw e;
    localStorage.removeItem(STUDENT_KEY(code));
    r = await sdk().joinById(code, { name });
  }
  myStudent.value = { id: "", name };
  attach(r, "student");
  setUrl("class", code);
}

export async function createClass(options: ClassroomOptionsInput): Promise<void> {
  const r = await sdk().create(CLASSROOM_ROOM, options);
  attach(r, "host");
  setUrl("host", r.roomId);
}

async function rejoinHost(code: string): Promise<boolean> {
  const key = localStorage.getItem(HOST_KEY(code));
  if (!key) return false;
  const r = await sdk().joinById(code, { hostKey: key });
  hostKey.value = key;
  attach(r, "host");
  return true;
}

export async function watchClass(code: string): Promise<void> {
  const r = await sdk().joinById(code, { watch: true });
  attach(r, "watch");
  setUrl("projector", code);
}

export async function leaveClass(): Promise<void> {
  const r = room;
  room = null;
  classRole.value = null;
  cls.value = null;
  assignment.value = null;
  setUrl(null);
  await r?.leave(true).catch(() => {});
}

/** A code typed or linked as ?class=CODE before the student has named itself. */
export const pendingClass = signal("");

/** On page load: ?host=, ?projector= or ?class= (true when the page is a class page). */
export async function bootClass(): Promise<boolean> {
  const url = new URL(location.href);
  const get = (p: string) => (url.searchParams.get(p) ?? "").trim().toUpperCase();
  const host = get("host");
  const proj = get("projector");
  const code = get("class");
  try {
    if (host) {
      if (!(await rejoinHost(host))) {
        notice.value = { kind: "error", text: `${host}: no host key on this browser` };
        setUrl(null);
      }
      return true;
    }
    if (proj) {
      await watchClass(proj);
      return true;
    }
    if (code) {
      if (localStorage.getItem(STUDENT_KEY(code))) await joinClass(code, "");
      else pendingClass.value = code;
      return true;
    }
  } catch (e) {
    notice.value = { kind: "error", text: `${host || proj || code}: ${(e as Error).message}` };
    setUrl(null);
    return true;
  }
  return false;
}

/** The students' download links, opened with the host key. */
export function downloadUrl(code: string, file: string): string {
  return `/classroom/${code}/${file}?key=${encodeURIComponent(hostKey.value)}`;
}

// Debug/test hook: the e2e tests read the session's state from here.
(globalThis as { __boomloopClass?: unknown }).__boomloopClass = { state: () => cls.value, role: () => classRole.value };
