// npm start: the game server (market rooms over WebSocket, /healthz and the client page) on one port.
// PORT (default 2567) and HOST (default all interfaces) come from the environment.
import { startGameServer, VERSION } from "../server/main.ts";

const port = Number(process.env.PORT ?? 2567);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}
try {
  const gs = await startGameServer({ port, host: process.env.HOST || undefined });
  console.log(`Boom Loop ${VERSION} — game server on ${gs.url} (health: ${gs.url}/healthz)`);
  console.log(`Play against bots: npm run bot -- --url ${gs.url} --create --bots 5`);
} catch (e) {
  console.error(`could not start the server on port ${port}: ${(e as Error).message}`);
  process.exit(1);
}
