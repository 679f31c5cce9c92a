// A game server in its own process, for the restart tests: a given loopback port and store file,
// signal handling as `npm start` has it (SIGTERM: graceful), its URL and restored rooms printed as
// one JSON line on stdout.
import { startGameServer } from "../../server/main.ts";

const gs = await startGameServer({
  port: Number(process.env.PORT),
  host: "127.0.0.1",
  signals: true,
  dbPath: process.env.BOOMLOOP_DB,
  room: { reconnectSeconds: 60 },
  rateLimits: false,
});
console.log(JSON.stringify({ url: gs.url, restored: gs.restored.restored }));
