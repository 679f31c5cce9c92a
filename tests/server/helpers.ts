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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
