// Restart-proof rooms: on start, every unfinished room of the store comes back under its own code
// (markets first, then the class sessions that run them); on SIGTERM, every room is saved and its
// clients are told the server is restarting before the process stops.
import { randomBytes } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import { CLASSROOM_ROOM, ROOM_NAME } from "../shared/src/protocol/index.ts";
import type { RoomStore } from "./store/rooms.ts";

let shuttingDown = false;

/** True once the process is stopping: rooms keep their records instead of ending them. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

export function beginShutdown(): void {
  shuttingDown = true;
}

/** For tests that stop a server and start another in the same process. */
export function resetShutdown(): void {
  shuttingDown = false;
}

// A room is restored by creating it with a one-time ticket only this process knows: a client
// cannot forge one (the room's options schema is strict and the ticket is 128 random bits), so no
// client can take over a stored room by asking to "restore" it.
const tickets = new Map<string, string>();
const RESTORE = "__restore";

/** The code of the stored room this creation restores, or null for an ordinary creation. */
export function takeRestoreTicket(options: unknown): string | null {
  if (typeof options !== "object" || options === null) return null;
  const t = (options as Record<string, unknown>)[RESTORE];
  if (typeof t !== "string") return null;
  const code = tickets.get(t);
  if (code === undefined) return null;
  tickets.delete(t);
  return code;
}

export interface RestoreReport {
  restored: string[];
  failed: { code: string; error: string }[];
}

/** Brings back every stored room; one that cannot be restored is logged and left out, not fatal. */
export async function restoreRooms(store: RoomStore): Promise<RestoreReport> {
  const report: RestoreReport = { restored: [], failed: [] };
  const rows = store.list();
  // Every stored code is taken before any room is created, so a new room cannot take one.
  for (const r of rows) await matchMaker.presence.sadd("boomloop:room-codes", r.code);
  for (const r of rows) {
    const ticket = randomBytes(16).toString("hex");
    tickets.set(ticket, r.code);
    try {
      await matchMaker.createRoom(r.kind === "market" ? ROOM_NAME : CLASSROOM_ROOM, { [RESTORE]: ticket });
      report.restored.push(r.code);
    } catch (e) {
      tickets.delete(ticket);
      const error = (e as Error).message;
      console.error(`could not restore room ${r.code}: ${error}`);
      report.failed.push({ code: r.code, error });
    }
  }
  return report;
}
