// A simulated class over real WebSockets: a teacher's console and N students with @colyseus/sdk,
// each student joining the session by code, then its market with the ticket it is given, and
// submitting the smallest valid sheet every quarter (request/reply, timed). Used by
// `npm run loadtest -- --classroom` and by the classroom tests.
import { Client, type Room } from "@colyseus/sdk";
import { CLASSROOM_ROOM, type AssignmentMessage, type ClassroomOptionsInput } from "../shared/src/protocol/index.ts";

const st = (r: Room) => r.state as any;

export async function waitFor(cond: () => unknown, what: string, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface SimStudent {
  name: string;
  session: Room;
  key: string;
  id: string;
  assignment: AssignmentMessage | null;
  market: Room | null;
  /** Round trips of submitSheet, ms. */
  acks: number[];
  /** Quarters this student submitted a sheet for. */
  submitted: number[];
  errors: unknown[];
  /** False: the student stops submitting (a straggler). */
  active: boolean;
}

export interface SimClass {
  url: string;
  teacher: Room;
  hostKey: string;
  students: SimStudent[];
  code: string;
  close(): Promise<void>;
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Submits the smallest valid sheet whenever the student's market enters a new decide phase. */
function play(s: SimStudent) {
  const m = s.market!;
  let lastRound = 0;
  const loop = async () => {
    if (!s.active || st(m).phase !== "decide" || st(m).round === lastRound) return;
    const seat = st(m).seats.find((x: any) => x.player === m.sessionId);
    if (!seat || seat.submitted) return;
    lastRound = st(m).round;
    const co = st(m).companies.find((c: any) => c.id === seat.companyId);
    const sheet = seat.role === "chipmaker" ? { role: seat.role, listPrice: co.listPrice, supply: co.fabLots } : { role: seat.role };
    const t0 = performance.now();
    const r: any = await m.request("submitSheet", { sheet });
    s.acks.push(performance.now() - t0);
    if (r.ok) s.submitted.push(lastRound);
    else s.errors.push(r.error);
  };
  m.onStateChange(() => void loop().catch((e) => s.errors.push(String(e))));
}

/** Joins (or rejoins) a student's market with its ticket and starts playing. */
export async function enterMarket(url: string, s: SimStudent): Promise<void> {
  const a = s.assignment!;
  const m = await new Client(url).joinById(a.roomId, { ticket: a.ticket, name: s.name });
  m.reconnection.minUptime = 0;
  m.onMessage("error", (e) => s.errors.push(e));
  s.market = m;
  await waitFor(() => st(m).seats?.[a.seat]?.player === m.sessionId, `${s.name} seated in its market`);
  play(s);
}

export async function joinStudent(url: string, code: string, name: string, studentKey?: string): Promise<SimStudent> {
  const s: SimStudent = { name, session: null as unknown as Room, key: "", id: "", assignment: null, market: null, acks: [], submitted: [], errors: [], active: true };
  const room = await new Client(url).joinById(code, studentKey ? { studentKey } : { name });
  room.reconnection.minUptime = 0;
  s.session = room;
  room.onMessage("studentKey", (m: { key?: string; student: string }) => {
    s.key = m.key ?? studentKey ?? s.key;
    s.id = m.student;
  });
  room.onMessage("assignment", (a: AssignmentMessage) => {
    s.assignment = a;
    enterMarket(url, s).catch((e) => s.errors.push(String(e)));
  });
  room.onMessage("error", (e) => s.errors.push(e));
  await waitFor(() => s.id !== "", `${name}'s student key`);
  return s;
}

export async function openClass(url: string, students: number, options: ClassroomOptionsInput): Promise<SimClass> {
  const teacher = await new Client(url).create(CLASSROOM_ROOM, { name: "Teacher", ...options });
  teacher.reconnection.minUptime = 0;
  let hostKey = "";
  teacher.onMessage("hostKey", (m: { key: string }) => (hostKey = m.key));
  teacher.onMessage("error", () => {});
  await waitFor(() => hostKey !== "" && st(teacher).code, "the host key");
  const code: string = st(teacher).code;
  const list: SimStudent[] = [];
  // Students arrive in small waves, as a class does when the code goes up on the projector.
  for (let i = 0; i < students; i += 10) {
    const wave = await Promise.all(Array.from({ length: Math.min(10, students - i) }, (_, j) => joinStudent(url, code, `Student ${i + j + 1}`)));
    list.push(...wave);
  }
  return {
    url,
    teacher,
    hostKey,
    students: list,
    code,
    close: async () => {
      // A connection the server already closed (a removed student) may never answer a leave.
      const leave = (r: Room | null) => (r ? Promise.race([r.leave().catch(() => {}), new Promise((ok) => setTimeout(ok, 500))]) : undefined);
      for (const s of list) {
        await leave(s.market);
        await leave(s.session);
      }
      await leave(teacher);
    },
  };
}

export interface ClassResult {
  joined: number;
  markets: number;
  roundsCompleted: number;
  finishedMarkets: number;
  p99AckMs: number;
  p50AckMs: number;
  submissions: number;
  errors: number;
  seconds: number;
}

/** A whole session: join, start, play every market to its end. */
export async function runClass(url: string, students: number, options: ClassroomOptionsInput): Promise<ClassResult> {
  const t0 = performance.now();
  const c = await openClass(url, students, options);
  await waitFor(() => st(c.teacher).students.size === students, "every student listed");
  const r: any = await c.teacher.request("start");
  if (!r.ok) throw new Error(`start refused: ${JSON.stringify(r.error)}`);
  await waitFor(() => c.students.every((s) => s.market), "every student in its market", 120_000);
  await waitFor(() => st(c.teacher).phase === "ended", "every market finished", 20 * 60_000);
  const markets = [...st(c.teacher).markets];
  const acks = c.students.flatMap((s) => s.acks);
  const result: ClassResult = {
    joined: st(c.teacher).students.size,
    markets: markets.length,
    roundsCompleted: Math.min(...markets.map((m: any) => m.round)),
    finishedMarkets: markets.filter((m: any) => m.finished).length,
    p99AckMs: Math.round(percentile(acks, 99) * 10) / 10,
    p50AckMs: Math.round(percentile(acks, 50) * 10) / 10,
    submissions: acks.length,
    errors: c.students.reduce((a, s) => a + s.errors.length, 0),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  await c.close();
  return result;
}
