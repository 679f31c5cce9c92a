// The connection to the game server (@colyseus/sdk 0.18): create, join by code, and come back
// after a reload or a restart of the server. The reconnection token and the player's key (or its
// class ticket) are kept in localStorage under the room's code, and the URL carries ?join=CODE
// while in a room, so a reload (or the shared link) returns to the seat.
import { Client, type Room } from "@colyseus/sdk";
import { ROOM_NAME } from "../../shared/src/protocol/messages.ts";
import type { CreateOptionsInput } from "../../shared/src/protocol/messages.ts";
import { errorText, lang } from "./i18n.ts";
import { keepSeat, rejoin } from "./rejoin.ts";
import { conn, notice, sessionId, state } from "./store.ts";
import type { StateJ } from "./types.ts";

const TOKEN_KEY = (code: string) => `boomloop:token:${code}`;
/** The player's own key in a room (JoinOptions.playerKey): its seat back after a restart of the server. */
const PLAYER_KEY = (code: string) => `boomloop:playerKey:${code}`;
/** A class market's ticket, kept for the same reason. */
const TICKET_KEY = (code: string) => `boomloop:ticket:${code}`;
const LAST_KEY = "boomloop:last";

let client: Client | null = null;
let room: Room | null = null;
/** Set when we leave on purpose (no "connection lost" then). */
let leaving = false;

function serverUrl(): string {
  return `${location.protocol}//${location.host}`;
}

function sdk(): Client {
  if (!client) client = new Client(serverUrl());
  return client;
}

/** What brings this page back to its seat in a room: its player key, or its class ticket. */
function seatOptions(code: string): Record<string, unknown> {
  const ticket = localStorage.getItem(TICKET_KEY(code));
  if (ticket) return { ticket };
  const key = localStorage.getItem(PLAYER_KEY(code));
  return key ? { playerKey: key } : {};
}

export function currentRoom(): Room | null {
  return room;
}

export interface Reply {
  ok: boolean;
  error?: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
}

/** Sends a message and waits for the server's verdict ({ok} or {ok:false, error}). */
export async function request(type: string, payload: unknown = {}): Promise<Reply> {
  if (!room) return { ok: false, error: { code: "not_connected", message: "not connected" } };
  try {
    return (await room.request(type, payload, { timeout: 10_000 } as never)) as Reply;
  } catch (e) {
    return { ok: false, error: { code: "timeout", message: (e as Error).message || "no answer from the server" } };
  }
}

let scheduled = false;
function mirror() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    const raw = room?.state as { toJSON(): StateJ } | undefined;
    // Wait for the first full state (players, seats, settings) before showing the room.
    if (raw && (raw as unknown as StateJ).seats) {
      const json = raw.toJSON();
      json.players ??= {};
      json.seats ??= [];
      json.companies ??= [];
      json.events ??= [];
      json.hype ??= [];
      json.news ??= [];
      state.value = json;
    }
  });
}

function attach(r: Room) {
  room = r;
  leaving = false;
  // The SDK retries a dropped connection by itself once the room has been up this long (default 5 s).
  r.reconnection.minUptime = 1000;
  sessionId.value = r.sessionId;
  conn.value = "connected";
  localStorage.setItem(TOKEN_KEY(r.roomId), r.reconnectionToken);
  localStorage.setItem(LAST_KEY, r.roomId);
  const url = new URL(location.href);
  if (url.searchParams.get("join") !== r.roomId) {
    url.searchParams.set("join", r.roomId);
    history.replaceState(null, "", url.pathname + url.search);
  }
  r.onStateChange(() => mirror());
  if (r.state) mirror();
  r.onMessage("error", (e: { code?: string; message?: string }) => {
    notice.value = { kind: "error", text: errorText(e) };
  });
  r.onMessage("playerKey", (m: { key: string }) => localStorage.setItem(PLAYER_KEY(r.roomId), m.key));
  r.onMessage("restarting", () => {
    conn.value = "reconnecting";
  });
  r.onDrop(() => {
    conn.value = "reconnecting";
  });
  r.onReconnect(() => {
    conn.value = "connected";
    localStorage.setItem(TOKEN_KEY(r.roomId), r.reconnectionToken);
    mirror();
  });
  r.onLeave((code: number) => {
    if (room !== r) return;
    if (leaving || code === 1000 || code === 4000) {
      conn.value = "idle";
      return;
    }
    conn.value = "reconnecting";
  });
  // A lost connection that the SDK cannot resume (the server restarted): back by key or ticket.
  keepSeat(r, {
    url: serverUrl(),
    options: () => seatOptions(r.roomId),
    cancelled: () => leaving || room !== r,
    onRoom: (back) => {
      if (room === r) attach(back);
    },
    onGiveUp: () => {
      if (room !== r) return;
      // The key or ticket opens nothing any more (a class session may hand out a new ticket).
      room = null;
      conn.value = "lost";
    },
  });
  r.onError((_code: number, message?: string) => {
    notice.value = { kind: "error", text: message ?? "connection error" };
  });
}

function playerName(): string | undefined {
  const n = (localStorage.getItem("boomloop:name") ?? "").trim();
  return n ? n.slice(0, 24) : undefined;
}

export async function createRoom(options: CreateOptionsInput): Promise<Room> {
  conn.value = "connecting";
  try {
    const r = await sdk().create(ROOM_NAME, { ...options, name: playerName() });
    attach(r);
    return r;
  } catch (e) {
    conn.value = "idle";
    throw e;
  }
}

export async function joinRoom(code: string): Promise<Room> {
  conn.value = "connecting";
  try {
    const r = await sdk().joinById(code, { name: playerName() });
    attach(r);
    return r;
  } catch (e) {
    conn.value = "idle";
    throw e;
  }
}

/** A class session's market: join the room it assigned with its ticket (or come back to it after a reload). */
export async function joinMarket(roomId: string, ticket: string, name: string): Promise<Room> {
  if (room?.roomId === roomId) return room;
  // The session's latest ticket is the one that opens the seat (an earlier one may be revoked).
  localStorage.setItem(TICKET_KEY(roomId), ticket);
  if (await resume(roomId)) return room!;
  conn.value = "connecting";
  try {
    const r = await sdk().joinById(roomId, name ? { ticket, name } : { ticket });
    attach(r);
    return r;
  } catch (e) {
    conn.value = "idle";
    throw e;
  }
}

/**
 * Back to a room we were in (after a reload): with the connection's token while the server still
 * holds the seat, else with the player key (or class ticket), which also works after the server
 * restarted. True if the seat was resumed.
 */
export async function resume(code: string): Promise<boolean> {
  const token = localStorage.getItem(TOKEN_KEY(code));
  const seat = seatOptions(code);
  if (!token && Object.keys(seat).length === 0) return false;
  conn.value = "reconnecting";
  if (token) {
    try {
      const r = await sdk().reconnect(token);
      attach(r);
      return true;
    } catch {
      localStorage.removeItem(TOKEN_KEY(code));
    }
  }
  if (Object.keys(seat).length > 0) {
    const r = await rejoin({ url: serverUrl(), code, options: seat, timeoutMs: 15_000 });
    if (r) {
      attach(r);
      return true;
    }
    localStorage.removeItem(PLAYER_KEY(code));
    localStorage.removeItem(TICKET_KEY(code));
  }
  conn.value = "idle";
  return false;
}

/** On page load: the room of ?join=CODE (resumed if we were in it, else joined), or the last room we were in. */
export async function boot(): Promise<void> {
  const url = new URL(location.href);
  const code = (url.searchParams.get("join") ?? "").trim().toUpperCase();
  if (code) {
    if (await resume(code)) return;
    try {
      await joinRoom(code);
    } catch (e) {
      notice.value = { kind: "error", text: `${code}: ${(e as Error).message}` };
      clearUrl();
    }
    return;
  }
  const last = localStorage.getItem(LAST_KEY);
  if (last && (localStorage.getItem(TOKEN_KEY(last)) || Object.keys(seatOptions(last)).length > 0)) {
    if (!(await resume(last))) localStorage.removeItem(LAST_KEY);
  }
}

function clearUrl() {
  const url = new URL(location.href);
  url.searchParams.delete("join");
  history.replaceState(null, "", url.pathname + url.search);
}

export async function leaveRoom(): Promise<void> {
  const r = room;
  leaving = true;
  if (r) {
    localStorage.removeItem(TOKEN_KEY(r.roomId));
    localStorage.removeItem(PLAYER_KEY(r.roomId));
    localStorage.removeItem(TICKET_KEY(r.roomId));
    localStorage.removeItem(LAST_KEY);
  }
  room = null;
  state.value = null;
  conn.value = "idle";
  clearUrl();
  try {
    await r?.leave(true);
  } catch {
    /* already gone */
  }
}

/** After "connection lost": try the saved token once more. */
export async function retry(): Promise<void> {
  const code = state.value?.code ?? localStorage.getItem(LAST_KEY) ?? "";
  if (code && (await resume(code))) return;
  await leaveRoom();
}

// Debug/test hook: the e2e tests read the room from here.
(globalThis as { __boomloop?: unknown }).__boomloop = { room: () => room, lang: () => lang.value };
