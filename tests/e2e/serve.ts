// The game server for the browser tests, in its own process: a free loopback port, the built
// client, and its URL printed as one JSON line on stdout.
import { startGameServer } from "../../server/main.ts";
import { DIST_DIR } from "../../scripts/client-build.ts";

const gs = await startGameServer({ port: 0, host: "127.0.0.1", signals: true, staticDir: DIST_DIR, room: { reconnectSeconds: 60 } });
console.log(JSON.stringify({ url: gs.url }));
