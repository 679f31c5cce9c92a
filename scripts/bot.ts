// npm run bot -- --url http://localhost:2567 --create [--bots 5] [--json]
//                [--code CODE | --join CODE] [--seats a,b,...] [--scenario id] [--rounds n] [--seed n] [--name s]
//                [--decide s] [--news s] [--report s] [--timeout s]
// A network client that plays one seat through the real protocol (the SDK, the same messages a
// person's client sends), with a simple policy read off the public state. --create makes a room
// (this client takes the first seat, server bots take the --bots others) and starts it; --join
// takes the first free seat of an existing room and waits for its host. Prints the result.
import { Client, type Room } from "@colyseus/sdk";
import { DEFAULT_SEATS } from "../seeds/index.ts";
import { ROOM_NAME, type CreateOptionsInput, type ErrorReply } from "../shared/src/protocol/index.ts";
import { flags, intFlag } from "./args.ts";

const f = flags({
  url: { type: "string", default: "http://localhost:2567" },
  create: { type: "boolean", default: false },
  join: { type: "string" },
  code: { type: "string" },
  bots: { type: "string" },
  seats: { type: "string" },
  scenario: { type: "string" },
  rounds: { type: "string" },
  seed: { type: "string" },
  name: { type: "string", default: "Bot client" },
  decide: { type: "string" },
  news: { type: "string" },
  report: { type: "string" },
  json: { type: "boolean", default: false },
  timeout: { type: "string", default: "600" },
});

// --code is the documented name; --join is kept as an alias.
if (f.code !== undefined) f.join = f.code;
if (!f.create && !f.join) {
  console.error("say --create (make a room and start it) or --code CODE (join a room by its code)");
  process.exit(2);
}
const log = (s: string) => {
  if (!f.json) console.log(s);
};

/** This client's seat first, then the server bots' seats. */
function seatList(): string[] {
  if (f.seats) return (f.seats as string).split(",").map((s) => s.trim());
  const bots = intFlag(f.bots, "bots", 5);
  if (bots < 1 || bots > 7) {
    console.error("--bots must be 1 to 7 (a market has 2 to 8 seats)");
    process.exit(2);
  }
  const mine = "microsoft";
  return [mine, ...DEFAULT_SEATS.filter((s) => s !== mine).slice(0, bots)];
}

type S = any;

/** A plain policy from public figures: keep chip prices, buy a little in a boom, build to match. */
function sheetFor(s: S, seat: S): unknown {
  const me = s.companies.find((c: S) => c.id === seat.companyId);
  const makers = s.companies.filter((c: S) => c.role === "chipmaker" && !c.bankrupt);
  const boom = s.macro.utilisation > 0.85 && s.macro.hype >= 45;
  switch (seat.role) {
    case "chipmaker":
      return { role: "chipmaker", listPrice: Math.min(10, Math.max(1, me.listPrice)), supply: Math.min(200, Math.floor(me.fabLots)) };
    case "hyperscaler":
    case "neocloud": {
      const cheapest = [...makers].sort((a: S, b: S) => a.listPrice - b.listPrice)[0];
      const lots = boom && cheapest && me.cash > cheapest.listPrice * 3 ? Math.min(3, Math.floor(me.cash / cheapest.listPrice / 4)) : 0;
      const chips = lots > 0 ? [{ from: cheapest.id, lots }] : [];
      return { role: seat.role, chips, build: { gw: lots > 0 ? Math.round(lots * 0.1 * 100) / 100 : 0 } };
    }
    default:
      return { role: "lender" };
  }
}

async function main() {
  const client = new Client(f.url as string);
  let room: Room;
  if (f.create) {
    const options: CreateOptionsInput = { name: f.name as string, seats: seatList(), newsSeconds: 0.3, reportSeconds: 0.3, decideSeconds: 30 };
    if (f.scenario) options.scenario = f.scenario as string;
    if (f.rounds) options.rounds = intFlag(f.rounds, "rounds", 12);
    if (f.seed) options.seed = intFlag(f.seed, "seed", 1);
    if (f.decide) options.decideSeconds = Number(f.decide);
    if (f.news) options.newsSeconds = Number(f.news);
    if (f.report) options.reportSeconds = Number(f.report);
    room = await client.create(ROOM_NAME, options);
  } else {
    room = await client.joinById((f.join as string).toUpperCase(), { name: f.name as string });
  }
  log(`room ${room.roomId} (session ${room.sessionId})`);
  const done = new Promise<void>((resolve, reject) => {
    let played = 0;
    let started = false;
    let lastPhase = "";
    // The bot plays one connection: a restart of the server ends its game (a page rejoins with its key).
    room.onMessage("playerKey", () => {});
    room.onMessage("restarting", () => log("the server is restarting"));
    room.onMessage("error", (e: ErrorReply) => {
      log(`server refused ${e.type ?? "a message"}: ${e.message}`);
      if (e.type === "start") reject(new Error(`could not start: ${e.message}`));
    });
    room.onLeave((code) => reject(new Error(`left the room (code ${code})`)));
    room.onStateChange(() => {
      const s: S = room.state;
      if (!s?.seats) return;
      if (s.phase !== lastPhase) {
        lastPhase = s.phase;
        if (s.phase === "news") log(`round ${s.round}/${s.rounds}: news ${[...s.news].join(", ") || "none"}`);
        if (s.phase === "report") log(`  hype ${s.macro.hype.toFixed(1)}, GPU spot ${s.macro.gpuSpot.toFixed(2)}, utilisation ${(s.macro.utilisation * 100).toFixed(0)} %`);
      }
      if (s.phase === "lobby" && f.create && !started && s.host === room.sessionId) {
        started = true;
        room.send("start");
      }
      if (s.phase === "lobby" && !f.create) {
        const me = s.players.get(room.sessionId);
        if (me && me.seat >= 0 && !me.ready) room.send("ready", { ready: true });
      }
      const seat = s.seats.find((x: S) => x.player === room.sessionId);
      if (s.phase === "decide" && seat && s.round > played) {
        played = s.round;
        const c = s.companies.find((x: S) => x.id === seat.companyId);
        if (c && !c.bankrupt) room.send("submitSheet", { sheet: sheetFor(s, seat) });
      }
      if (s.phase === "ended") resolve();
    });
  });
  const limit = intFlag(f.timeout, "timeout", 600);
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`no end after ${limit} s`)), limit * 1000))]);
  const s: S = room.state;
  const result = {
    roomId: room.roomId,
    rounds: s.rounds,
    finished: s.finished,
    stateHash: s.stateHash,
    companies: s.companies.map((c: S) => ({ id: c.id, role: c.role, score: c.score, bankrupt: c.bankrupt })),
  };
  if (f.json) console.log(JSON.stringify(result));
  else {
    log("final scores:");
    for (const c of [...result.companies].sort((a, b) => b.score - a.score)) log(`  ${c.id.padEnd(14)} ${c.role.padEnd(12)} ${c.bankrupt ? "BANKRUPT" : `${(c.score * 100).toFixed(1)} %`}`);
  }
  room.removeAllListeners();
  await room.leave();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bot: ${(e as Error).message}`);
    process.exit(1);
  },
);
