// npm start: the game server (market rooms over WebSocket, /healthz and the client page) on one port.
// PORT (default 2567) and HOST (default all interfaces) come from the environment. The browser
// client is built first (Vite) when client/dist is missing or older than its sources.
import { startGameServer, VERSION } from "../server/main.ts";
import { buildClient } from "./client-build.ts";

const port = Number(process.env.PORT ?? 2567);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}
try {
  await buildClient();
} catch (e) {
  console.error(`could not build the browser client: ${(e as Error).message}`);
  process.exit(1);
}
try {
  const gs = await startGameServer({ port, host: process.env.HOST || undefined });
  console.log(`Boom Loop ${VERSION} — game server on ${gs.url} (health: ${gs.url}/healthz)`);
  console.log(`Open ${gs.url} in a browser to play (solo against bots, or create a room for friends).`);
} catch (e) {
  console.error(`could not start the server on port ${port}: ${(e as Error).message}`);
  process.exit(1);
}
