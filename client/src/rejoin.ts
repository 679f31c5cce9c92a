// Coming back to a room after the connection is lost for good: the server restarted (it said so,
// or it was killed), the SDK's own reconnection gave up, or the page was reloaded. The room comes
// back under the same code; a market player returns with its player key, a class student with its
// ticket. Network code only (the SDK), no DOM: the page, the bot script and the tests share it.
import { Client, CloseCode, type Room } from "@colyseus/sdk";

export interface RejoinOptions {
  /** The server's address (http://host:port). */
  url: string;
  /** The room's code. */
  code: string;
  /** What to join with: { playerKey } for a market, { ticket } for a class market, { studentKey } or { hostKey } for a session. */
  options: Record<string, unknown>;
  /** Gives up after this long (default 3 minutes: a server update in a lesson may take a while). */
  timeoutMs?: number;
  /** Called before each attempt (to show "reconnecting…"). */
  onAttempt?: (n: number) => void;
  /** Stops retrying when it returns true (the player left on purpose meanwhile). */
  cancelled?: () => boolean;
}

/** Close codes after which a player should not come back by itself. */
const FINAL = new Set<number>([CloseCode.CONSENTED, CloseCode.NORMAL_CLOSURE]);

/** True when a room left with this code is worth joining again (not a leave the player asked for). */
export function shouldRejoin(code: number): boolean {
  return !FINAL.has(code);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Joins the room again by its code, retrying while the server is down or the room not back yet
 * (backoff 0.25 s → 4 s). Resolves to the new room, or null once it gives up. A refusal that says
 * the key opens nothing (the room is gone for good, or the key was revoked) ends the attempts.
 */
export async function rejoin(o: RejoinOptions): Promise<Room | null> {
  const deadline = Date.now() + (o.timeoutMs ?? 180_000);
  let delay = 250;
  for (let n = 1; Date.now() < deadline; n++) {
    if (o.cancelled?.()) return null;
    o.onAttempt?.(n);
    try {
      return await new Client(o.url).joinById(o.code, o.options);
    } catch (e) {
      const message = (e as Error).message ?? "";
      // The room exists and refused this key: retrying will not change that.
      if (/opens no seat|does not open|belongs to a class session/.test(message)) return null;
    }
    await sleep(delay);
    delay = Math.min(4000, delay * 2);
  }
  return null;
}

export interface KeepSeatOptions {
  url: string;
  /** What to join with, read when needed (a key that arrived after the join counts). */
  options: () => Record<string, unknown>;
  /** A new room once back (the old one is dropped). */
  onRoom: (room: Room) => void;
  /** Could not get back. */
  onGiveUp?: () => void;
  /** How long the SDK's own reconnection (a network blip) may try before a rejoin by key (default 4 s). */
  graceMs?: number;
  timeoutMs?: number;
  cancelled?: () => boolean;
}

/**
 * Watches a room and gets the seat back when its connection is lost for good: the SDK's own
 * reconnection covers a blip (same server, seat held), a rejoin by key covers the rest — a
 * restarted server (the old connection cannot resume there), or an SDK that stopped trying.
 */
export function keepSeat(r: Room, o: KeepSeatOptions): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const takeOver = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    r.reconnection.enabled = false;
    void rejoin({ url: o.url, code: r.roomId, options: o.options(), timeoutMs: o.timeoutMs, cancelled: o.cancelled }).then((back) => {
      if (back) o.onRoom(back);
      else o.onGiveUp?.();
    });
  };
  r.onDrop(() => {
    clearTimeout(timer);
    timer = setTimeout(takeOver, o.graceMs ?? 4000);
  });
  r.onReconnect(() => clearTimeout(timer));
  r.onLeave((code: number) => {
    clearTimeout(timer);
    if (shouldRejoin(code)) takeOver();
    else done = true;
  });
}
