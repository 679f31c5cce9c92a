// Classroom mode with a real server and real SDK clients: 60 students join a session by code, are
// split into balanced markets, play under the teacher's pacing, and the export matches the games.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { matchMaker } from "@colyseus/core";
import type { MarketRoom } from "../../server/room.ts";
import { enterMarket, joinStudent, openClass, waitFor, type SimClass, type SimStudent } from "../../scripts/classroom-sim.ts";
import { bootServer } from "./helpers.ts";

const st = (r: { state: unknown }) => r.state as any;
let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

async function get(path: string): Promise<Response> {
  return fetch(`${gs.url}${path}`);
}

/** Parses the simple CSV the export writes (quoted fields with doubled quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\n") row.push(cell.replace(/\r$/, "")), rows.push(row), (row = []), (cell = "");
    else cell += ch;
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

/**
 * The engine state of market k, read off the market room in this process (the test's view; the
 * session itself never holds a market's object).
 */
function marketGame(c: SimClass, k: number) {
  const code = st(c.teacher).markets?.[k]?.roomId;
  const room = code ? (matchMaker.getLocalRoomById(code) as unknown as MarketRoom | undefined) : undefined;
  return room?.engineState ?? null;
}

let fences = 0;

/**
 * A fence on the class session: the student renames itself to a marker and back, and the teacher
 * waits to see each. The session handles the student's messages in order, and its patches reach the
 * teacher in order: once the teacher sees the name back, every change the student's earlier
 * messages made to the session (and to the markets it mirrors at once) has reached the teacher.
 */
async function fenceClass(c: SimClass, s: SimStudent): Promise<void> {
  const name = () => st(c.teacher).students.get(s.id)?.name;
  const was = name();
  const mark = `fence ${++fences}`;
  s.session.send("setName", { name: mark });
  await waitFor(() => name() === mark, "fence: the teacher sees the marker");
  s.session.send("setName", { name: was });
  await waitFor(() => name() === was, "fence: the teacher sees the name back");
}

describe("classroom", () => {
  let c: SimClass;

  it("splits 60 students into balanced markets with the same scenario and seed", async () => {
    c = await openClass(gs.url, 60, { rounds: 6, decideSeconds: 30, newsSeconds: 0, reportSeconds: 0, seed: 7 });
    await waitFor(() => st(c.teacher).students.size === 60, "60 students listed");
    // Stragglers: a quarter of the class (some in every market) will not submit until the teacher
    // closes the phase, so the first decide phase waits for them.
    for (const s of c.students.slice(0, 15)) s.active = false;
    expect(await c.teacher.request("start")).toEqual({ ok: true });
    await waitFor(() => c.students.every((s) => s.market), "every student in its market");
    const markets = [...st(c.teacher).markets];
    expect(markets).toHaveLength(8); // 60 students, 8 seats a market
    const perMarket = markets.map((_: unknown, k: number) => c.students.filter((s) => s.assignment!.market === k));
    for (const ss of perMarket) {
      expect(ss.length).toBeGreaterThanOrEqual(7);
      expect(ss.length).toBeLessThanOrEqual(8);
      // Roles in turn: 7 students make at least one of each role and at most two.
      const roles = new Map<string, number>();
      for (const s of ss) roles.set(s.assignment!.role, (roles.get(s.assignment!.role) ?? 0) + 1);
      expect(roles.size).toBe(4);
      expect(Math.max(...roles.values())).toBeLessThanOrEqual(2);
    }
    // Same scenario and seed: every market starts from the same state.
    await waitFor(() => markets.every((_: unknown, k: number) => marketGame(c, k)), "games created");
    const starts = markets.map((_: unknown, k: number) => marketGame(c, k)!);
    expect(new Set(starts.map((g) => `${g.scenario}/${g.seed}`)).size).toBe(1);
    expect(new Set(starts.map((g) => JSON.stringify(Object.values(g.history.prices).map((p) => p[0])))).size).toBe(1);
  });

  it("refuses the teacher's commands from a student, and changes nothing", async () => {
    const s = c.students[0];
    const r: any = await s.session.request("pause");
    expect(r).toMatchObject({ ok: false, error: { code: "not_host", type: "pause" } });
    expect(await s.session.request("injectCard", { card: "rate-shock" })).toMatchObject({ ok: false, error: { code: "not_host" } });
    // Nothing paused, no card dealt (the markets play on: their timers move by themselves).
    await fenceClass(c, s);
    expect(st(c.teacher).paused).toBe(false);
    expect([...st(c.teacher).markets].some((m: any) => m.paused || m.news.includes("rate-shock"))).toBe(false);
    for (let k = 0; k < 8; k++) expect(marketGame(c, k)!.news).not.toContain("rate-shock");
  });

  it("paces every market at once: pause, add time, resume, inject a card, close the phase", async () => {
    await waitFor(() => [...st(c.teacher).markets].every((m: any) => m.phase === "decide"), "every market deciding");
    expect(await c.teacher.request("pause")).toEqual({ ok: true });
    await waitFor(() => [...st(c.teacher).markets].every((m: any) => m.paused && m.deadline === 0), "paused");
    const rounds = [...st(c.teacher).markets].map((m: any) => m.round);
    // The time left was frozen at the pause: once resumed with 60 s more, every deadline lies at
    // least 60 s after the moment the teacher asked (a bound the server's load can only widen).
    const asked = Date.now();
    expect(await c.teacher.request("addTime", { seconds: 60 })).toEqual({ ok: true });
    expect(await c.teacher.request("resume")).toEqual({ ok: true });
    await waitFor(() => [...st(c.teacher).markets].every((m: any) => !m.paused && m.deadline >= asked + 60_000), "resumed with more time");
    expect(await c.teacher.request("injectCard", { card: "no-such-card" })).toMatchObject({ ok: false, error: { code: "bad_card", field: "card" } });
    expect(await c.teacher.request("injectCard", { card: "rate-shock" })).toEqual({ ok: true });
    await waitFor(() => [...st(c.teacher).markets].every((m: any) => m.news.includes("rate-shock")), "card in every market's news");
    expect(await c.teacher.request("closePhase")).toEqual({ ok: true });
    await waitFor(() => [...st(c.teacher).markets].every((m: any, k: number) => m.round > rounds[k] || m.phase !== "decide"), "phase closed");
    for (const s of c.students.slice(0, 15)) s.active = true;
  });

  it("returns a student to its seat after a reload", async () => {
    const s = c.students[20];
    const { roomId, seat } = s.assignment!;
    await s.market!.leave();
    await s.session.leave();
    const back = await joinStudent(gs.url, c.code, "ignored", s.key);
    expect(back.id).toBe(s.id);
    await waitFor(() => back.market && st(back.market).seats?.[seat]?.player === back.market.sessionId, "back at its seat");
    expect(back.assignment).toMatchObject({ roomId, seat });
    expect(st(back.market!).seats[seat].player).toBe(back.market!.sessionId);
    c.students[20] = back;
  });

  it("plays every market to the end and exports rows that match the games", async () => {
    await waitFor(() => st(c.teacher).phase === "ended", "every market finished", 120_000);
    const markets = [...st(c.teacher).markets];
    expect(markets.every((m: any) => m.finished && m.round === 6)).toBe(true);

    // The code alone opens nothing.
    expect((await get(`/classroom/${c.code}/rounds.csv`)).status).toBe(403);
    expect((await get(`/classroom/${c.code}/rounds.csv?key=${"x".repeat(24)}`)).status).toBe(403);
    const csv = parseCsv(await (await get(`/classroom/${c.code}/rounds.csv?key=${c.hostKey}`)).text());
    expect(csv).toHaveLength(8 * 6 * 8); // markets × quarters × companies
    for (let k = 0; k < 8; k++) {
      const g = marketGame(c, k)!;
      for (const co of g.companies) {
        const rows = csv.filter((r) => Number(r.market) === k && r.company === co.id).sort((a, b) => Number(a.round) - Number(b.round));
        expect(rows.map((r) => Number(r.price))).toEqual(g.history.prices[co.id].slice(1));
      }
    }
    // A student's row names the student and carries its sheet.
    const s = c.students[5];
    const mine = csv.filter((r) => r.student === s.id);
    expect(mine).toHaveLength(6);
    expect(mine.every((r) => r.player === s.name && JSON.parse(r.sheet).role === s.assignment!.role)).toBe(true);
    // The injected card is in every market's event log, once.
    const events = parseCsv(await (await get(`/classroom/${c.code}/events.csv?key=${c.hostKey}`)).text());
    for (let k = 0; k < 8; k++) expect(events.filter((e) => Number(e.market) === k && e.type === "card" && JSON.parse(e.data).card === "rate-shock")).toHaveLength(1);
    const json: any = await (await get(`/classroom/${c.code}/export.json?key=${c.hostKey}`)).json();
    expect(json.rounds).toHaveLength(csv.length);
    expect(json.students).toHaveLength(60);
    const debrief: any = await (await get(`/classroom/${c.code}/debrief.json?key=${c.hostKey}`)).json();
    expect(debrief.markets).toHaveLength(8);
    expect(debrief.ranking).toHaveLength(60);
    expect(debrief.ranking[0].rankInClass).toBe(1);
    expect(debrief.markets[0].moments.some((m: any) => m.type === "card" && m.source)).toBe(true);
    await c.close();
  });
});

describe("the teacher's hand on students", () => {
  it("moves a student onto a bot's seat, renames one and removes one", async () => {
    const c = await openClass(gs.url, 3, { rounds: 6, decideSeconds: 60, newsSeconds: 0, reportSeconds: 0, seats: ["nvidia", "microsoft", "coreweave", "apollo"] });
    for (const s of c.students) s.active = false; // keep the market in its first decide phase
    await c.teacher.request("start");
    await waitFor(() => c.students.every((s) => s.market) && st(c.teacher).markets[0]?.phase === "decide", "seated and deciding", 10_000);
    const [a, b, d] = c.students;
    expect(c.students.map((s) => s.assignment!.seat).sort()).toEqual([0, 1, 2]);

    // Seat 3 (Apollo) is a bot's: A moves there; its old seat goes back to a bot.
    const old = a.assignment!.seat;
    expect(await c.teacher.request("moveStudent", { student: a.id, market: 0, seat: b.assignment!.seat })).toMatchObject({ ok: false, error: { code: "seat_taken" } });
    expect(await c.teacher.request("moveStudent", { student: a.id, market: 0, seat: 3 })).toEqual({ ok: true });
    await waitFor(() => a.assignment!.seat === 3 && st(a.market!).seats?.[3]?.player === a.market!.sessionId, "A at seat 3", 10_000);
    await waitFor(() => st(c.teacher).markets[0].seats[old].bot === true, "old seat played by a bot", 10_000);
    await waitFor(() => st(c.teacher).students.get(a.id)?.seat === 3, "student list updated", 10_000);
    expect(st(c.teacher).students.get(a.id)).toMatchObject({ seat: 3, company: "Apollo", market: 0 });

    expect(await c.teacher.request("renameStudent", { student: b.id, name: "  Grace  " })).toEqual({ ok: true });
    await waitFor(() => st(c.teacher).students.get(b.id).name === "Grace" && st(b.market!).seats[b.assignment!.seat].playerName === "Grace", "renamed everywhere", 10_000);

    expect(await c.teacher.request("removeStudent", { student: "s999" })).toMatchObject({ ok: false, error: { code: "no_such_student", field: "student" } });
    expect(await c.teacher.request("removeStudent", { student: d.id })).toEqual({ ok: true });
    await waitFor(() => !st(c.teacher).students.has(d.id) && st(c.teacher).markets[0].seats[d.assignment!.seat].bot, "removed, a bot plays on", 10_000);
    expect(marketGame(c, 0)!.round).toBe(0); // still deciding its first quarter: stragglers hold it
    await c.close();
  });
});

describe("a stored session", () => {
  it("reopens its export and debrief after a server restart", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "boomloop-")), "sessions.sqlite");
    let one = await bootServer({ dbPath: db });
    const c = await openClass(one.url, 3, { rounds: 6, decideSeconds: 30, newsSeconds: 0, reportSeconds: 0, seats: ["nvidia", "microsoft", "coreweave", "apollo"] });
    await c.teacher.request("start");
    await waitFor(() => st(c.teacher).markets.length === 1 && st(c.teacher).markets[0].round >= 3, "two quarters resolved");
    expect(await c.teacher.request("endGame")).toEqual({ ok: true });
    await waitFor(() => st(c.teacher).phase === "ended", "ended");
    const before: any = await (await fetch(`${one.url}/classroom/${c.code}/export.json?key=${c.hostKey}`)).json();
    await c.close();
    await one.close();

    one = await bootServer({ dbPath: db });
    const after: any = await (await fetch(`${one.url}/classroom/${c.code}/export.json?key=${c.hostKey}`)).json();
    expect(after).toEqual(before);
    expect(after.rounds.length).toBeGreaterThanOrEqual(2 * 4);
    const debrief: any = await (await fetch(`${one.url}/classroom/${c.code}/debrief.json?key=${c.hostKey}`)).json();
    expect(debrief.ranking).toHaveLength(3);
    await one.close();
  });
});
