// Test helpers: a real game server on a loopback port and real @colyseus/sdk clients.
import { Client, type Room } from "@colyseus/sdk";
import { startGameServer, type GameServer, type GameServerOptions } from "../../server/main.ts";
import { ROOM_NAME, type CreateOptionsInput } from "../../shared/src/protocol/index.ts";

export async function bootServer(opts: GameServerOptions = {}): Promise<GameServer> {
  return startGameServer({ port: 0, host: "127.0.0.1", signals: false, dbPath: ":memory:", ...opts });
}

/** Phases short enough for tests: the decide phase still ends early once every player submitted. */
export const FAST = { newsSeconds: 0.05, reportSeconds: 0.05, decideSeconds: 20 } satisfies CreateOptionsInput;

export function sdk(gs: GameServer): Client {
  return new Client(gs.url);
}

export async function create(gs: GameServer, options: CreateOptionsInput & Record<string, unknown>): Promise<Room> {
  const room = await sdk(gs).create(ROOM_NAME, options);
  room.reconnection.minUptime = 0;
  await waitFor(() => room.state && (room.state as any).seats?.length > 0, "initial state");
  return room;
}

export async function joinById(gs: GameServer, code: string, options: Record<string, unknown> = {}): Promise<Room> {
  const room = await sdk(gs).joinById(code, options);
  room.reconnection.minUptime = 0;
  await waitFor(() => room.state && (room.state as any).seats?.length > 0, "initial state");
  return room;
}

/** Polls until `cond` holds (no reliance on a particular patch arriving). */
export async function waitFor(cond: () => unknown, what: string, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Collects the "error" messages a room receives. */
export function errors(room: Room): any[] {
  const out: any[] = [];
  room.onMessage("error", (e: any) => out.push(e));
  return out;
}

export function st(room: Room): any {
  return room.state as any;
}

export function json(room: Room): any {
  return (room.state as any).toJSON();
}

let fences = 0;

/**
 * A fence: returns once every message each of `rooms` sent before it has been handled and every
 * state change made so far (by those messages, or by the server on its own) has reached every one
 * of `rooms`. Use it instead of sleeping, to assert that something did not happen.
 *
 * Why a state change and not a reply: the server handles one connection's messages in order and
 * answers an `error` or a request at once, but state changes travel in patches sent on the room's
 * patch timer, so a reply can overtake the patch of an earlier message. Patches reach each client in
 * order, though: so each room renames its own player (`setName` is allowed in every phase) to a
 * marker, waits until every room has seen every marker, then takes its name back the same way. A
 * change made before a room's rename rides in the same patch or an earlier one, and the state ends
 * as it was (only the players' names are touched, and they are restored).
 */
export async function fence(...rooms: Room[]): Promise<void> {
  const me = (viewer: Room, r: Room) => st(viewer).players?.get(r.sessionId);
  const names: string[] = rooms.map((r) => me(r, r)?.name);
  if (names.some((n) => !n)) throw new Error("fence: a room's own player is not in its state yet");
  const marks = rooms.map(() => `fence ${++fences}`);
  const everyoneSees = (want: string[]) => () => rooms.every((viewer) => rooms.every((r, i) => me(viewer, r)?.name === want[i]));
  rooms.forEach((r, i) => r.send("setName", { name: marks[i] }));
  await waitFor(everyoneSees(marks), "fence: every marker seen");
  rooms.forEach((r, i) => r.send("setName", { name: names[i] }));
  await waitFor(everyoneSees(names), "fence: every name back");
}
