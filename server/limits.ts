// The HTTP limits of the game port, checked before Colyseus or any route sees a request:
// - a cap on request bodies: a bigger one is answered 413 and never read whole (Colyseus reads the
//   matchmaking bodies itself, with no limit of its own);
// - rate limits per client address (rate-limiter-flexible), answered 429 with `retry-after` and
//   `{error, retryAfterSeconds}`: matchmaking (room creates, joins, joins by code, reconnects), room
//   codes that do not exist (guesses, counted apart and tighter), and the class downloads.
// The limiters live in memory (one process); `store` builds them, so that a RateLimiterRedis (same
// options plus its `storeClient`) can be passed in to share the counts between processes.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface RateLimits {
  /** Matchmaking requests (POST /matchmake/…: create, join, joinById, joinOrCreate, reconnect) per address and second, sustained. */
  matchmakePerSecond: number;
  /** On top of that rate, matchmaking requests an address may burst per minute (a class joining at once). */
  matchmakeBurstPerMinute: number;
  /**
   * joinById/reconnect to a room that does not exist (a mistyped or guessed code), per address and
   * minute. Past it, every joinById/reconnect from that address is refused until the minute ends, so
   * the refusal says nothing about whether a code exists.
   */
  unknownCodesPerMinute: number;
  /** GET /classroom/CODE/… downloads per address and minute. */
  downloadsPerMinute: number;
  /**
   * joinById of one market room per address and minute: fewer than the room's places (64), so no
   * address can fill a friend's room with reservations it never uses. A class session, which a whole
   * class joins from one school address, takes `sessionJoinsPerMinute`.
   */
  roomJoinsPerMinute: number;
  sessionJoinsPerMinute: number;
}

/**
 * Limits a class behind one school address never reaches: 60 students make about 121 matchmaking
 * requests (the session, then their market), in two bursts; 10 a second plus 200 a minute on top
 * passes them with room for a second class or a wave of reloads.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  matchmakePerSecond: 10,
  matchmakeBurstPerMinute: 200,
  unknownCodesPerMinute: 30,
  downloadsPerMinute: 60,
  roomJoinsPerMinute: 24,
  sessionJoinsPerMinute: 240,
};

/** The largest request body accepted (the biggest legitimate one, a room's create options, is under 2 KB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

interface Limiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
}
/**
 * Builds one limiter: `points` per `duration` seconds per key, its keys prefixed by `keyPrefix` — a
 * RateLimiterMemory here, or e.g. `(o) => new RateLimiterRedis({ ...o, storeClient: redis })`.
 */
export type LimiterStore = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/** In this process's memory. */
export const memoryLimiters: LimiterStore = (opts) => new RateLimiterMemory(opts);

export interface HttpGuardOptions {
  maxBodyBytes?: number;
  /** false: no rate limits. */
  rateLimits?: Partial<RateLimits> | false;
  store?: LimiterStore;
  /**
   * A code that is no guess though no room has it yet: a stored room coming back after a restart
   * (its players' rejoins must not spend their address's guesses while it is restored).
   */
  storedCode?: (code: string) => boolean;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The key an address is counted under: IPv4 as it is, IPv6 by its /64 (one household or phone has a whole /64). */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  let a = address.split("%")[0];
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  if (!a.includes(":")) return a;
  const [head, tail] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = a.includes("::") ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}

/** Colyseus's matchmaking route, matched on the raw path as Colyseus matches it (its room id is not decoded). */
const MATCHMAKE = /^\/matchmake\/([^/]+)\/([^/]+)$/;
/** The downloads, matched on the parsed path as server/classroom/http.ts matches it. */
const DOWNLOAD = /^\/classroom\/[^/]+\/[^/]+$/;
/** Matchmaking methods whose target is a room id: an unknown one is a guessed code. */
const BY_CODE = new Set(["joinById", "reconnect"]);

/**
 * The guard: `guard(req, res, next)` answers 413 or 429 itself, or calls next() to let the request
 * on. Install it in front of everything with installHttpGuard.
 */
export function httpGuard(opts: HttpGuardOptions = {}) {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const store = opts.store ?? memoryLimiters;
  const l = opts.rateLimits === false ? null : { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits };
  const limiters = l && {
    matchmake: new BurstyRateLimiter(
      store({ keyPrefix: "matchmake", points: l.matchmakePerSecond, duration: 1 }),
      store({ keyPrefix: "matchmake-burst", points: l.matchmakeBurstPerMinute, duration: 60 }),
    ) as Limiter,
    codes: store({ keyPrefix: "unknown-code", points: l.unknownCodesPerMinute, duration: 60 }),
    codesMax: l.unknownCodesPerMinute,
    downloads: store({ keyPrefix: "download", points: l.downloadsPerMinute, duration: 60 }),
    roomJoins: store({ keyPrefix: "room-join", points: l.roomJoinsPerMinute, duration: 60 }),
    sessionJoins: store({ keyPrefix: "session-join", points: l.sessionJoinsPerMinute, duration: 60 }),
  };

  /** Consumes a point; false once it answered 429. */
  const take = async (limiter: Limiter, key: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    try {
      await limiter.consume(key);
      return true;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      tooMany(req, res, e.msBeforeNext);
      return false;
    }
  };

  /** The rate limits of this request; false once it answered 429. */
  const limit = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (!limiters) return true;
    const key = addressKey(req.socket.remoteAddress);
    if (req.method === "POST") {
      const raw = (req.url ?? "/").split("?")[0];
      const m = MATCHMAKE.exec(raw);
      if (!m && !raw.startsWith("/matchmake/")) return true;
      const byCode = !!m && BY_CODE.has(m[1]);
      if (byCode) {
        // Out of guesses: every code is refused alike, known or not.
        const spent = await limiters.codes.get(key);
        if (spent && spent.consumedPoints >= limiters.codesMax) {
          tooMany(req, res, spent.msBeforeNext);
          return false;
        }
      }
      if (!(await take(limiters.matchmake, key, req, res))) return false;
      if (byCode) {
        const code = m![2];
        const listing = (await matchMaker.findRoomsByIds([code])).get(code);
        if (!listing && !opts.storedCode?.(code) && !(await take(limiters.codes, key, req, res))) return false;
        // Reservations of one room by one address: never enough to lock the room.
        if (listing && m![1] === "joinById") {
          const perRoom = listing.name === "classroom" ? limiters.sessionJoins : limiters.roomJoins;
          if (!(await take(perRoom, `${key}:${code}`, req, res))) return false;
        }
      }
      return true;
    }
    if (req.method === "GET") {
      let path = "/";
      try {
        path = new URL(req.url ?? "/", "http://x").pathname;
      } catch {
        /* no route answers it */
      }
      if (DOWNLOAD.test(path)) return take(limiters.downloads, key, req, res);
    }
    return true;
  };

  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const length = req.headers["content-length"];
    if (length !== undefined && !(Number(length) <= maxBody)) return tooLarge(req, res, maxBody);
    limit(req, res)
      .then((ok) => {
        if (!ok) return;
        // A body of unknown length (chunked) is read here, up to the cap, and handed on as req.body.
        if (length === undefined && req.headers["transfer-encoding"] !== undefined) readCapped(req, res, maxBody, next);
        else next();
      })
      .catch((e) => {
        // A limiter's store that fails (a Redis outage) must not take the game down: let the request on.
        console.error("rate limiter failed; request let through:", e);
        if (!res.headersSent) next();
      });
  };
}

/**
 * Puts `guard` in front of every 'request' listener of the HTTP server (Colyseus's matchmaking router
 * and the express app behind it). Call it once Colyseus has bound its routes (after listen()).
 */
export function installHttpGuard(server: HttpServer, guard: ReturnType<typeof httpGuard>): void {
  const listeners = server.listeners("request") as Listener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    guard(req, res, () => {
      for (const l of listeners) l.call(server, req, res);
    });
  });
}

function cors(req: IncomingMessage): Record<string, string> {
  return { ...matchMaker.controller.DEFAULT_CORS_HEADERS, "Access-Control-Allow-Origin": req.headers.origin || "*" };
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...cors(req),
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

function tooMany(req: IncomingMessage, res: ServerResponse, msBeforeNext: number) {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  answer(req, res, 429, { error: `too many requests from this address: try again in ${retryAfterSeconds} s`, retryAfterSeconds }, { "retry-after": retryAfterSeconds });
}

/**
 * 413, and the connection closed once the answer is out: the rest of the body is never read. (The
 * server's automatic draining of an unread body is turned off by reading nothing and destroying the
 * socket after the response.)
 */
function tooLarge(req: IncomingMessage, res: ServerResponse, max: number) {
  answer(req, res, 413, { error: `request body too large: at most ${max} bytes` }, { connection: "close" });
}

/** Reads a body of unknown length up to `max` bytes into req.body; past it, answers 413. */
function readCapped(req: IncomingMessage, res: ServerResponse, max: number, next: () => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > max) {
      over = true;
      req.off("data", onData);
      req.pause();
      tooLarge(req, res, max);
      return;
    }
    chunks.push(chunk);
  };
  req.on("data", onData);
  req.once("end", () => {
    if (over) return;
    (req as IncomingMessage & { body?: string }).body = Buffer.concat(chunks).toString("utf8");
    next();
  });
  req.once("error", () => {
    if (!res.headersSent) res.destroy();
  });
}
