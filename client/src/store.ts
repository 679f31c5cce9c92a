// The room state mirrored into signals (plain objects, replaced on each patch), and what the UI
// derives from it: my player, my seat, my company, my private part and book.
import { computed, signal } from "@preact/signals";
import type { SeatBook } from "../../shared/src/preview/book.ts";
import type { CompanyJ, PrivateJ, StateJ } from "./types.ts";

export type Conn = "idle" | "connecting" | "connected" | "reconnecting" | "lost";

export const state = signal<StateJ | null>(null);
export const sessionId = signal<string>("");
export const conn = signal<Conn>("idle");
/** A message to show at the top (errors from the server or the connection). */
export const notice = signal<{ kind: "error" | "info"; text: string } | null>(null);
/** Local clock offset is ignored: deadlines are compared with Date.now(). This ticks each second. */
export const now = signal(Date.now());
setInterval(() => (now.value = Date.now()), 500);

export const me = computed(() => {
  const s = state.value;
  return s?.players ? s.players[sessionId.value] : undefined;
});

export const mySeat = computed(() => {
  const s = state.value;
  const p = me.value;
  if (!s?.seats || !p || p.seat < 0) return undefined;
  const seat = s.seats[p.seat];
  return seat && seat.player === p.sessionId ? seat : undefined;
});

export const myCompany = computed<CompanyJ | undefined>(() => {
  const s = state.value;
  const seat = mySeat.value;
  if (!s?.companies || !seat) return undefined;
  return s.companies.find((c) => c.seat === seat.index);
});

export const myPrivate = computed<PrivateJ | undefined>(() => {
  const s = state.value;
  const seat = mySeat.value;
  if (!s || !seat || !s.privates) return undefined;
  return s.privates[String(seat.index)];
});

let lastBookText = "";
let lastBook: SeatBook | null = null;
export const book = computed<SeatBook | null>(() => {
  const text = myPrivate.value?.book ?? "";
  if (text === lastBookText) return lastBook;
  lastBookText = text;
  try {
    lastBook = text.trim() ? (JSON.parse(text) as SeatBook) : null;
  } catch {
    lastBook = null;
  }
  return lastBook;
});

export const isHost = computed(() => !!me.value?.host);

export const companyNames = computed<Record<string, string>>(() => {
  const s = state.value;
  const names: Record<string, string> = { labs: "AI labs", market: "market" };
  if (s?.companies) for (const c of s.companies) names[c.id] = c.name;
  return names;
});

export function companyById(id: string): CompanyJ | undefined {
  return state.value?.companies.find((c) => c.id === id);
}

/** Seconds left in the phase (0 without a deadline). */
export const secondsLeft = computed(() => {
  const s = state.value;
  if (!s || !s.deadline || s.paused) return 0;
  return Math.max(0, Math.ceil((s.deadline - now.value) / 1000));
});
