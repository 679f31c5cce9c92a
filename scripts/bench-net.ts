// npm run bench:net -- [--json]: what a real room costs on the wire. A loopback server, two
// @colyseus/sdk clients and six server bots play a whole 12-quarter game; every frame each client
// receives is counted. The humans submit at once, so the figure is the state patches plus replies.
import { Client, type Room } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { startGameServer } from "../server/main.ts";
import { DEFAULT_SEATS } from "../seeds/index.ts";
import { ROOM_NAME } from "../shared/src/protocol/index.ts";
import { flags } from "./args.ts";

const f = flags({ json: { type: "boolean", default: false } });
const gs = await startGameServer({ port: 0, host: "127.0.0.1", signals: false, dbPath: ":memory:" });
const st = (r: Room) => r.state as any;
const waitFor = async (cond: () => unknown, what: string) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > 20_000) throw new Error(`timed out waiting for ${what} (phase ${st(host)?.phase}, round ${st(host)?.round})`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
/** Counts the bytes of every frame the client receives. */
function meter(room: Room): { bytes: number; frames: number } {
  const m = { bytes: 0, frames: 0 };
  const conn = (room as any).connection;
  const orig = conn.events.onmessage;
  conn.events.onmessage = (ev: { data: ArrayBuffer }) => {
    m.bytes += (ev.data as ArrayBuffer).byteLength;
    m.frames++;
    orig(ev);
  };
  return m;
}

const options = { seats: DEFAULT_SEATS, rounds: 12, seed: 1, newsSeconds: 0, reportSeconds: 0, decideSeconds: 30, bots: true };
const host = await new Client(gs.url).create(ROOM_NAME, options);
const guest = await new Client(gs.url).joinById(host.roomId, { name: "guest" });
const meters = [meter(host), meter(guest)];
/** Bytes the server wrote on each client's TCP socket: what crosses the network (WebSocket frames and their headers). */
const wire = () => {
  const room = matchMaker.getLocalRoomById(host.roomId) as unknown as { clients: { sessionId: string; ref: { _socket?: { bytesWritten: number } } }[] };
  return [host, guest].map((r) => room.clients.find((c) => c.sessionId === r.sessionId)?.ref._socket?.bytesWritten ?? 0);
};
const refusals: unknown[] = [];
for (const r of [host, guest]) r.onMessage("playerKey", () => {});
for (const r of [host, guest]) r.onMessage("error", (e: unknown) => { refusals.push(e); console.error("refused:", JSON.stringify(e)); });
await waitFor(() => st(guest).seats?.length && st(host).players.size === 2, "both players");
guest.send("ready", { ready: true });
await waitFor(() => [...st(host).players.values()].every((p: any) => p.ready || p.host), "ready");
const before = meters.map((m) => m.bytes);
const wireBefore = wire();
const t0 = performance.now();
host.send("start");
const humans = [host, guest];
let submitted = 0;
while (st(host).phase !== "ended") {
  await waitFor(() => st(host).phase === "decide" || st(host).phase === "ended", "decide");
  if (st(host).phase === "ended") break;
  const round = st(host).round;
  for (const r of humans) {
    const me = st(r).players.get(r.sessionId);
    const seat = st(r).seats[me.seat];
    const co = st(r).companies.find((c: any) => c.id === seat.companyId);
    // The smallest valid sheet: a chipmaker must name its price and supply; the rest has defaults.
    const sheet = seat.role === "chipmaker" ? { role: seat.role, listPrice: co.listPrice, supply: co.fabLots } : { role: seat.role };
    r.send("submitSheet", { sheet });
    submitted++;
  }
  await waitFor(() => st(host).round > round || st(host).phase === "ended" || st(host).phase === "report", "resolution");
  await waitFor(() => st(host).phase !== "decide" && st(host).phase !== "resolve", "next phase");
}
const wireAfter = wire();
const seconds = (performance.now() - t0) / 1000;
const rounds = st(host).round;
const perClient = meters.map((m, i) => (m.bytes - before[i]) / rounds);
const wirePerClient = wireAfter.map((b, i) => (b - wireBefore[i]) / rounds);
const out = {
  rounds,
  clients: humans.length,
  bots: DEFAULT_SEATS.length - humans.length,
  /** What crossed the network per client per quarter (TCP bytes the server wrote to that client: frames and their headers). */
  wireBytesPerClientPerRound: Math.round(wirePerClient.reduce((a, b) => a + b, 0) / wirePerClient.length),
  /** What the SDK decodes: the state patches and messages, without the frames' headers. */
  bytesPerClientPerRound: Math.round(perClient.reduce((a, b) => a + b, 0) / perClient.length),
  maxBytesPerClientPerRound: Math.round(Math.max(...perClient)),
  bytesJoinAndLobby: Math.round(before.reduce((a, b) => a + b, 0) / before.length),
  gameSeconds: Math.round(seconds * 100) / 100,
  sheetsSubmitted: submitted,
};
await host.leave();
await guest.leave();
await gs.close();
if (f.json) console.log(JSON.stringify(out));
else {
  console.log(`${out.rounds} quarters, ${out.clients} SDK clients + ${out.bots} server bots`);
  console.log(`on the wire per client per quarter: ${out.wireBytesPerClientPerRound} bytes`);
  console.log(`decoded per client per quarter: ${out.bytesPerClientPerRound} bytes on average (max ${out.maxBytesPerClientPerRound})`);
  console.log(`join and lobby: ${out.bytesJoinAndLobby} bytes per client; whole game in ${out.gameSeconds} s`);
}
if (refusals.length) console.error("refused:", JSON.stringify(refusals.slice(0, 3)));
process.exit(0);
