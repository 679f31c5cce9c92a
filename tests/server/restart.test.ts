// Restart-proof rooms, against real server processes on one store file: a friends game and a class
// session survive SIGKILL and SIGTERM mid-game. Every room comes back under its code at its last
// resolved quarter, every player gets its seat back with its key (or ticket), no resolved quarter
// is lost, and the game ends with the same final state as one never interrupted, given the same orders.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { seeds } from "../../seeds/index.ts";
import { botRound, createGame, resolveRound, type GameState } from "../../shared/src/index.ts";
import { CLASSROOM_ROOM, ROOM_NAME } from "../../shared/src/protocol/index.ts";
import { publicHash } from "../../shared/src/room/record.ts";
import { keepSeat } from "../../client/src/rejoin.ts";
import { SessionStore } from "../../server/classroom/store.ts";
import { waitFor } from "./helpers.ts";

const st = (r: Room) => r.state as any;
const dirs: string[] = [];
const procs = new Set<ChildProcess>();
afterAll(() => {
  for (const p of procs) p.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Child {
  proc: ChildProcess;
  url: string;
  restored: string[];
}

/** A server process on `port` with the store `db`; resolves once it listens (and restored its rooms). */
async function serve(port: number, db: string): Promise<Child> {
  const proc = spawn(process.execPath, [join(import.meta.dirname, "child-server.ts")], {
    env: { ...process.env, PORT: String(port), BOOMLOOP_DB: db },
    stdio: ["ignore", "pipe", "pipe"],
  });
  procs.add(proc);
  let err = "";
  proc.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ proc, ...JSON.parse(line) });
    });
    proc.once("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
}

async function stop(c: Child, signal: NodeJS.Signals): Promise<void> {
  if (c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once("exit", r));
  c.proc.kill(signal);
  await exited;
  procs.delete(c.proc);
}

function tempDb(): string {
  const d = mkdtempSync(join(tmpdir(), "boomloop-restart-"));
  dirs.push(d);
  return join(d, "store.sqlite");
}

/**
 * A player as the page keeps it: its room, its key, and a room joined again by itself whenever the
 * connection is lost for good (a restart), exactly as the client does (client/src/rejoin.ts).
 */
class Player {
  room!: Room;
  key = "";
  leftWith: number[] = [];
  restarting = 0;
  rejoined = 0;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  attach(r: Room) {
    this.room = r;
    r.reconnection.minUptime = 0;
    r.onMessage("playerKey", (m: { key: string }) => (this.key = m.key));
    r.onMessage("restarting", () => this.restarting++);
    r.onMessage("error", () => {});
    r.onLeave((code: number) => {
      if (this.room === r) this.leftWith.push(code);
    });
    keepSeat(r, {
      url: this.url,
      options: () => ({ playerKey: this.key }),
      timeoutMs: 60_000,
      onRoom: (back) => {
        this.rejoined++;
        this.attach(back);
      },
    });
  }
}

const SEATS = ["microsoft", "coreweave", "nvidia", "apollo"];
const SEED = 4242;
const ROUNDS = 6;
const sheetA = (r: number) => ({ role: "hyperscaler", build: { gw: r % 2 ? 0.3 : 0 }, chips: [{ from: "nvidia", lots: r }], buyback: r === 4 ? 2 : 0 });
const sheetB = (r: number) => ({ role: "neocloud", chips: r === 2 ? [{ from: "nvidia", lots: 1 }] : [], build: { gw: 0.1 } });

/** The same game never interrupted: the two players' orders, the bots' own. */
function uninterrupted(): GameState {
  const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
  let s = createGame(setup, SEATS.map((profile) => ({ profile })), SEED, { rounds: ROUNDS });
  while (!s.finished) {
    const r = s.round + 1;
    s = resolveRound(setup, s, { ...botRound(s, ["nvidia", "apollo"]), microsoft: sheetA(r), coreweave: sheetB(r) }).state;
  }
  return s;
}

/** Both players submit their sheet for the quarter being decided, then wait for it to resolve. */
async function playQuarter(a: Player, b: Player): Promise<void> {
  await waitFor(() => st(a.room)?.phase === "decide" && st(b.room)?.phase === "decide", "the decide phase", 30_000);
  const r = st(a.room).round;
  a.room.send("submitSheet", { sheet: sheetA(r) });
  b.room.send("submitSheet", { sheet: sheetB(r) });
  await waitFor(() => st(a.room).round > r || st(a.room).phase === "ended" || (st(a.room).phase !== "decide" && st(a.room).hype.length > r), `quarter ${r} resolved`, 30_000);
}

async function friendsGameSurvives(signal: NodeJS.Signals) {
  const db = tempDb();
  const port = await freePort();
  let server = await serve(port, db);
  const host = new Player(server.url);
  const guest = new Player(server.url);
  host.attach(await new Client(server.url).create(ROOM_NAME, { seats: SEATS, seed: SEED, rounds: ROUNDS, newsSeconds: 0.05, reportSeconds: 0.05, decideSeconds: 120, name: "Ada" }));
  await waitFor(() => st(host.room)?.seats?.length === 4 && host.key, "the room and the host's key");
  const code = host.room.roomId;
  guest.attach(await new Client(server.url).joinById(code, { name: "Bob" }));
  await waitFor(() => guest.key && st(host.room).seats[1].player !== "", "the guest seated");
  guest.room.send("ready", { ready: true });
  await waitFor(() => [...st(host.room).players.values()].every((p: any) => p.host || p.ready), "the guest ready");
  host.room.send("start");
  for (let q = 0; q < 3; q++) await playQuarter(host, guest);
  await waitFor(() => st(host.room).phase === "decide" && st(host.room).round === 4, "quarter 4 open");
  const hashBefore = st(host.room).stateHash;

  await stop(server, signal);
  server = await serve(port, db);
  expect(server.restored).toContain(code);
  // Both players come back by themselves, under the same code, to their own seats.
  await waitFor(() => host.rejoined === 1 && guest.rejoined === 1, "both players back", 60_000).catch((e) => {
    throw new Error(`${e.message}: host left with ${host.leftWith}, guest with ${guest.leftWith}`);
  });
  if (signal === "SIGTERM") {
    expect(host.restarting + guest.restarting).toBe(2); // told the server was restarting
    expect(host.leftWith).toEqual([4001]);
  }
  expect(host.room.roomId).toBe(code);
  await waitFor(() => st(host.room)?.seats?.[0]?.player === host.room.sessionId && st(guest.room)?.seats?.[1]?.player === guest.room.sessionId, "seats back");
  expect(st(host.room).seats[0].playerName).toBe("Ada");
  expect(st(guest.room).seats[1].playerName).toBe("Bob");
  expect(st(host.room).players.get(host.room.sessionId).host).toBe(true);
  // At the last resolved quarter: three quarters played, none lost, the same state as before.
  await waitFor(() => st(host.room).round === 4 && st(host.room).stateHash, "the restored quarter");
  expect(st(host.room).hype.length).toBe(4);
  expect(st(host.room).stateHash).toBe(hashBefore);

  for (let q = 3; q < ROUNDS; q++) await playQuarter(host, guest);
  await waitFor(() => st(host.room).phase === "ended" && st(host.room).hashSecret, "the end");
  expect(st(host.room).stateHash).toBe(publicHash(st(host.room).hashSecret, uninterrupted()));
  await host.room.leave();
  await guest.room.leave();
  await stop(server, "SIGKILL");
}

async function classSurvives(signal: NodeJS.Signals) {
  const db = tempDb();
  const port = await freePort();
  let server = await serve(port, db);
  const teacher = await new Client(server.url).create(CLASSROOM_ROOM, { name: "T", rounds: 6, seats: ["microsoft", "coreweave", "nvidia", "apollo"], seed: 9, decideSeconds: 600, newsSeconds: 0, reportSeconds: 0 });
  let hostKey = "";
  teacher.onMessage("hostKey", (m: { key: string }) => (hostKey = m.key));
  await waitFor(() => hostKey && st(teacher)?.code, "the host key");
  const code = teacher.roomId;
  interface Student {
    key: string;
    id: string;
    session: Room;
    market: Room | null;
    assignment: any;
  }
  const students: Student[] = [];
  const enter = (s: Student, url: string) => {
    s.session.onMessage("studentKey", (m: { key?: string; student: string }) => {
      if (m.key) s.key = m.key;
      s.id = m.student;
    });
    s.session.onMessage("assignment", async (a: any) => {
      s.assignment = a;
      s.market = await new Client(url).joinById(a.roomId, { ticket: a.ticket });
    });
  };
  for (const name of ["Zoé", "Yann", "Xu"]) {
    const s: Student = { key: "", id: "", session: await new Client(server.url).joinById(code, { name }), market: null, assignment: null };
    enter(s, server.url);
    students.push(s);
  }
  await waitFor(() => students.every((s) => s.key && s.id), "students' keys");
  expect(await teacher.request("start")).toEqual({ ok: true });
  await waitFor(() => students.every((s) => s.market && st(s.market)?.seats?.length === 4), "students in their market");
  const marketCode = students[0].assignment.roomId;
  // Two quarters, closed by the teacher (students send nothing: their default sheets).
  for (let q = 1; q <= 2; q++) {
    await waitFor(() => st(students[0].market!)?.phase === "decide" && st(students[0].market!).round === q, `quarter ${q} open`, 30_000);
    expect(await teacher.request("closePhase")).toEqual({ ok: true });
  }
  await waitFor(() => st(students[0].market!)?.round === 3 && st(students[0].market!).phase === "decide", "quarter 3 open", 30_000);
  const before = st(students[0].market!).stateHash;

  await stop(server, signal);
  server = await serve(port, db);
  expect(server.restored).toEqual(expect.arrayContaining([code, marketCode]));
  // The teacher's console and each phone come back with their keys; the session hands out new tickets.
  const teacher2 = await new Client(server.url).joinById(code, { hostKey });
  await waitFor(() => st(teacher2)?.host === teacher2.sessionId, "the teacher is host again");
  for (const s of students) {
    s.market = null;
    s.session = await new Client(server.url).joinById(code, { studentKey: s.key });
    enter(s, server.url);
  }
  await waitFor(() => students.every((s) => s.market && st(s.market)?.seats?.length === 4), "students back in their market", 30_000);
  for (const s of students) {
    await waitFor(() => st(s.market!).seats[s.assignment.seat].player === s.market!.sessionId, `${s.id} seated again`);
  }
  expect(students[0].assignment.roomId).toBe(marketCode);
  await waitFor(() => st(students[0].market!).round === 3 && st(students[0].market!).phase === "decide", "quarter 3 again");
  expect(st(students[0].market!).stateHash).toBe(before);
  await waitFor(() => st(teacher2).markets?.[0]?.round === 3, "the monitor shows the market");
  expect(st(teacher2).students.size).toBe(3);
  // A wrong or malformed host key is refused, not turned into a student.
  await expect(new Client(server.url).joinById(code, { hostKey: "x" })).rejects.toThrow();
  await expect(new Client(server.url).joinById(code, { hostKey: "y".repeat(20) })).rejects.toThrow(/host key/);
  expect(st(teacher2).students.size).toBe(3);

  for (let q = 3; q <= 6; q++) {
    await waitFor(() => st(students[0].market!)?.phase === "decide" && st(students[0].market!).round === q, `quarter ${q} open`, 30_000);
    expect(await teacher2.request("closePhase")).toEqual({ ok: true });
  }
  await waitFor(() => st(teacher2).phase === "ended", "the session ends", 30_000);
  await stop(server, "SIGKILL");
  // Every quarter of the market is in the export, once.
  const store = new SessionStore(db);
  const rounds = store.marketRounds(code).filter((r) => r.market === 0).map((r) => r.round);
  store.close();
  expect(rounds).toEqual([1, 2, 3, 4, 5, 6]);
}

describe("restart-proof rooms", () => {
  it("a friends game killed with SIGKILL comes back at its last resolved quarter and ends as if never interrupted", async () => {
    await friendsGameSurvives("SIGKILL");
  }, 240_000);

  it("the same after SIGTERM: clients told the server is restarting, and back by themselves", async () => {
    await friendsGameSurvives("SIGTERM");
  }, 240_000);

  it("a class session killed mid-game (SIGKILL) comes back with its host key, students' keys and markets, and its export misses no quarter", async () => {
    await classSurvives("SIGKILL");
  }, 240_000);

  it("the same for a class session stopped with SIGTERM", async () => {
    await classSurvives("SIGTERM");
  }, 240_000);

  it("after a crash, a stranger neither takes a player's seat nor the host's role, and a finished game stays as it ended", async () => {
    const db = tempDb();
    const port = await freePort();
    let server = await serve(port, db);
    // A game waiting for its host's first sheet, and a game of bots already over.
    const host = await new Client(server.url).create(ROOM_NAME, { seats: SEATS, seed: 5, rounds: 6, newsSeconds: 60, decideSeconds: 120, name: "Ada" });
    let key = "";
    host.onMessage("playerKey", (m: { key: string }) => (key = m.key));
    host.onMessage("error", () => {});
    await waitFor(() => key && st(host)?.seats?.length === 4, "the host's key");
    const code = host.roomId;
    host.send("start");
    await waitFor(() => st(host).phase === "news", "the first news");
    const watcher = await new Client(server.url).create(ROOM_NAME, { seats: ["microsoft", "nvidia"], seed: 6, rounds: 6, newsSeconds: 0, reportSeconds: 0 });
    watcher.onMessage("playerKey", () => {});
    await waitFor(() => st(watcher)?.seats?.length === 2, "the bots' room");
    watcher.send("chooseSeat", { seat: null });
    await waitFor(() => st(watcher).seats.every((x: any) => !x.player), "its host stands up");
    watcher.send("start");
    await waitFor(() => st(watcher).phase === "ended" && st(watcher).hashSecret, "the bots' game over");
    const ended = { round: st(watcher).round, hash: st(watcher).stateHash, secret: st(watcher).hashSecret, prices: JSON.stringify(st(watcher).companies.map((c: any) => c.price)) };
    const over = watcher.roomId;

    await stop(server, "SIGKILL");
    server = await serve(port, db);
    const stranger = await new Client(server.url).joinById(code, { name: "Mallory" });
    stranger.onMessage("playerKey", () => {});
    await waitFor(() => st(stranger)?.players?.size === 1 && st(stranger).phase === "news", "the stranger in, the news open");
    expect(st(stranger).players.get(stranger.sessionId).host).toBe(false);
    const taken: any = await stranger.request("takeSeat", { seat: 0 });
    expect(taken).toMatchObject({ ok: false, error: { code: "seat_taken" } });
    expect(taken.error.message).toMatch(/held for its player/);
    // The host comes back with its key: its seat and its role.
    const back = await new Client(server.url).joinById(code, { playerKey: key });
    await waitFor(() => st(back)?.seats?.[0]?.player === back.sessionId, "the host back in its seat");
    expect(st(back).players.get(back.sessionId).host).toBe(true);
    expect(st(back).players.get(back.sessionId).name).toBe("Ada");

    const look = await new Client(server.url).joinById(over, { name: "Late" });
    look.onMessage("playerKey", () => {});
    await waitFor(() => st(look)?.phase === "ended" && st(look).companies?.length === 2, "the finished game");
    expect({ round: st(look).round, hash: st(look).stateHash, secret: st(look).hashSecret, prices: JSON.stringify(st(look).companies.map((c: any) => c.price)) }).toEqual(ended);
    await Promise.all([stranger.leave(), back.leave(), look.leave()]);
    await stop(server, "SIGKILL");
  }, 240_000);
});
