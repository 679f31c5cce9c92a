// The game server: the market room over Colyseus 0.18 (WebSocket transport), GET /healthz and
// the client's page, all on one port.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import pkg from "../package.json" with { type: "json" };
import { CLASSROOM_ROOM, ROOM_NAME } from "../shared/src/protocol/index.ts";
import { classroomFiles } from "./classroom/http.ts";
import { ClassroomRoom } from "./classroom/room.ts";
import { SessionStore } from "./classroom/store.ts";
import { DEFAULT_ROOM_CONFIG, liveRooms, MarketRoom, type RoomConfig } from "./room.ts";
import { defaultStaticDir, joinLinks, sendJson, staticFiles } from "./http.ts";

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
  /** The SQLite file of class sessions (default: BOOMLOOP_DB, else data/boomloop.sqlite; ":memory:" keeps nothing). */
  dbPath?: string;
  /** Install SIGINT/SIGTERM handlers that shut the server down (default true; tests pass false). */
  signals?: boolean;
}

export interface GameServer {
  server: Server;
  port: number;
  url: string;
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
  const files = staticFiles(opts.staticDir ?? defaultStaticDir(ROOT));
  const store = new SessionStore(opts.dbPath ?? process.env.BOOMLOOP_DB ?? join(ROOT, "data", "boomloop.sqlite"));
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
  }
  server.define(ROOM_NAME, ConfiguredMarketRoom);
  class ConfiguredClassroom extends ClassroomRoom {
    override store = store;
  }
  server.define(CLASSROOM_ROOM, ConfiguredClassroom);
  // Colyseus only listens for server errors once listening: a busy port would hang listen().
  let onError: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    onError = reject;
    transport.server!.once("error", onError);
  });
  await Promise.race([server.listen(opts.port ?? 2567, opts.host), failed]);
  transport.server!.off("error", onError);
  const addr = server.transport.server!.address() as AddressInfo;
  const host = opts.host && opts.host !== "0.0.0.0" && opts.host !== "::" ? opts.host : "localhost";
  return {
    server,
    port: addr.port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${addr.port}`,
    close: async () => {
      await server.gracefullyShutdown(false);
      store.close();
    },
  };
}
