// The game server: the market room over Colyseus 0.18 (WebSocket transport), GET /healthz and
// the client's page, all on one port, behind the HTTP limits of limits.ts (body cap, rate limits).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import pkg from "../package.json" with { type: "json" };
import { CLASSROOM_ROOM, ROOM_NAME } from "../shared/src/protocol/index.ts";
import { classroomFiles } from "./classroom/http.ts";
import { ClassroomRoom } from "./classroom/room.ts";
import { SessionStore } from "./classroom/store.ts";
import { DEFAULT_ROOM_CONFIG, liveRooms, MarketRoom, type RoomConfig } from "./room.ts";
import { beginShutdown, resetShutdown, restoreRooms, type RestoreReport } from "./restore.ts";
import { RoomStore } from "./store/rooms.ts";
import { defaultStaticDir, joinLinks, sendJson, staticFiles } from "./http.ts";
import { httpGuard, installHttpGuard, type LimiterStore, type RateLimits } from "./limits.ts";

export const VERSION: string = pkg.version;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface GameServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  staticDir?: string;
  room?: Partial<RoomConfig>;
  /** Largest WebSocket frame accepted; a bigger one closes the connection (default 16 KB). */
  maxPayloadBytes?: number;
  /** Largest HTTP request body accepted; a bigger one is answered 413 unread (default 64 KB). */
  maxHttpBodyBytes?: number;
  /** Per-address rate limits of matchmaking, unknown room codes and class downloads (DEFAULT_RATE_LIMITS); false: none. */
  rateLimits?: Partial<RateLimits> | false;
  /** Where the rate limiters count (default: this process's memory; a RateLimiterRedis factory shares them). */
  rateLimiterStore?: LimiterStore;
  /**
   * The SQLite file of class sessions and live rooms (default: BOOMLOOP_DB, else data/boomloop.sqlite;
   * ":memory:" keeps nothing). Every unfinished room stored there comes back when the server starts.
   */
  dbPath?: string;
  /** Install SIGINT/SIGTERM handlers that shut the server down (default true; tests pass false). */
  signals?: boolean;
}

export interface GameServer {
  server: Server;
  port: number;
  url: string;
  /** The rooms brought back from the store at start. */
  restored: RestoreReport;
  /** Stops like SIGTERM does: rooms saved, clients told the server is restarting, stores closed. */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
interface App {
  get(path: string, h: (req: IncomingMessage, res: ServerResponse) => void): void;
  use(h: Handler): void;
}

export function health() {
  let clients = 0;
  for (const r of liveRooms) clients += r.clients.length;
  return { version: VERSION, rooms: liveRooms.size, clients };
}

export async function startGameServer(opts: GameServerOptions = {}): Promise<GameServer> {
  const config: RoomConfig = { ...DEFAULT_ROOM_CONFIG, ...opts.room };
  const staticDir = resolve(opts.staticDir ?? defaultStaticDir(ROOT));
  // The client's sources (no build): looked up on disk at each request.
  const files = staticFiles(staticDir, { dev: staticDir === join(ROOT, "client") });

  resetShutdown();
  const dbPath = opts.dbPath ?? process.env.BOOMLOOP_DB ?? join(ROOT, "data", "boomloop.sqlite");
  const store = new SessionStore(dbPath);
  const rooms = new RoomStore(dbPath);
  const guard = httpGuard({ maxBodyBytes: opts.maxHttpBodyBytes, rateLimits: opts.rateLimits, store: opts.rateLimiterStore, storedCode: (code) => rooms.has(code) });
  const transport = new WebSocketTransport({ maxPayload: opts.maxPayloadBytes ?? 16 * 1024 });


  const server = new Server({
    transport,
    greet: false,
    gracefullyShutdown: opts.signals ?? true,
    express: (app: App) => {
      app.get("/healthz", (_req, res) => sendJson(res, 200, health()));
      // A route for "/" itself, so Colyseus does not install its own banner there.
      app.get("/", (req, res) => files(req, res, () => sendJson(res, 404, { error: "no client page" })));
      app.use(joinLinks);
      app.use(classroomFiles(store));
      app.use(files);
    },
  });
  class ConfiguredMarketRoom extends MarketRoom {
    override config = config;
    override store = rooms;
    override sessions = store;
  }
  server.define(ROOM_NAME, ConfiguredMarketRoom);
  class ConfiguredClassroom extends ClassroomRoom {
    override config = config;
    override store = store;
    override rooms = rooms;
  }
  server.define(CLASSROOM_ROOM, ConfiguredClassroom);
  // A shutdown (SIGTERM, SIGINT, close()) keeps every room's record: each room saves itself and
  // tells its clients the server is restarting (Room.onBeforeShutdown), then the stores close.
  server.onBeforeShutdown(async () => beginShutdown());
  server.onShutdown(async () => {
    store.close();
    rooms.close();
  });
  // Colyseus only listens for server errors once listening: a busy port would hang listen().
  let onError: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    onError = reject;
    transport.server!.once("error", onError);
  });
  // Once Colyseus has bound its routes (this callback), the guard goes in front of them all.
  const listening = server.listen(opts.port ?? 2567, opts.host, undefined, (err?: Error) => {
    if (!err) installHttpGuard(transport.server!, guard);
  });
  await Promise.race([listening, failed]);
  transport.server!.off("error", onError);
  const restored = await restoreRooms(rooms);
  if (restored.restored.length > 0) console.log(`restored ${restored.restored.length} room(s) from the store: ${restored.restored.join(", ")}`);
  const addr = server.transport.server!.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" && opts.host !== "::" ? opts.host : "localhost";
  return {
    server,
    port: addr.port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}`,
    restored,
    close: async () => {
      await server.gracefullyShutdown(false);
    },
  };
}
