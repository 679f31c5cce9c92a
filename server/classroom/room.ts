// A class session: the teacher's console, the students' lobby and the projector in one room. At
// the start it splits the students into parallel markets (ordinary market rooms with the same
// scenario and seed), hands each student a ticket to its seat, paces every market at once,
// mirrors them for the live monitor, and records every quarter in the session store.
import { createHash, randomBytes } from "node:crypto";
import { ErrorCode, matchMaker, Room, ServerError, type Client, type Delayed, type RoomException } from "@colyseus/core";
import { balanceSheet, describe, offBalanceDebt, onBalanceDebt, scores, stateHash, type GameState } from "../../shared/src/index.ts";
import { splitIntoMarkets, fillOrder, type SeatTemplate } from "../../shared/src/classroom/split.ts";
import {
  CLASSROOM_MESSAGE_TYPES,
  CLASSROOM_STUDENT_MESSAGES,
  ClassroomJoin,
  ClassroomOptions,
  describeIssues,
  errorReply,
  parseClassroomMessage,
  PlayerName,
  resolveSeats,
  ROOM_NAME,
  zodIssues,
  type ClassroomMessage,
  type ClassroomMessageType,
  type ErrorReply,
  type ResolvedSeat,
} from "../../shared/src/protocol/index.ts";
import { DEFAULT_SCENARIO, DEFAULT_SEATS, seeds } from "../../seeds/index.ts";
import { newRoomCode, releaseRoomCode } from "../codes.ts";
import { fail, listen, OK, type Reply } from "../receive.ts";
import type { MarketRoom, RoundRecord } from "../room.ts";
import { ClassMarket, ClassroomState, ClassSeat, ClassStudent } from "./state.ts";
import type { CompanyRoundRow, EventRow, SessionStore } from "./store.ts";


export const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");
const secret = () => randomBytes(18).toString("base64url");

interface Student {
  id: string;
  key: string;
  name: string;
  /** Session id of its classroom connection, "" while away. */
  sessionId: string;
  market: number;
  seat: number;
  ticket: string;
}

interface Market {
  room: MarketRoom;
  tickets: Map<string, number>;
}

/** Live sessions of this process, by code (the HTTP side reads their settings). */
export const liveSessions = new Map<string, ClassroomRoom>();

export class ClassroomRoom extends Room<{ state: ClassroomState }> {
  /** Set by the server: where sessions are stored. */
  store!: SessionStore;
  /** How often the monitor reads the markets, ms. */
  monitorMs = 400;
  /** The markets wait this long for their students to arrive before bots play the empty seats. */
  joinGraceSeconds = 20;
  override maxClients = 200;

  private opts!: ClassroomOptions;
  private template: ResolvedSeat[] = [];
  private hostKeyHash = "";
  private seed = 0;
  private students = new Map<string, Student>();
  /** Join order of students, by id (it decides the split). */
  private order: string[] = [];
  private markets: Market[] = [];
  private monitor: Delayed | null = null;
  private nextStudent = 1;
  private created = Date.now();

  override async onCreate(options: unknown) {
    const parsed = ClassroomOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid session options: ${describeIssues(zodIssues(parsed.error))}`);
    const opts = parsed.data;
    if (opts.scenario !== undefined && !seeds.scenarios[opts.scenario]) {
      throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid session options: scenario: unknown "${opts.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`);
    }
    const seats = resolveSeats(opts.seats ?? DEFAULT_SEATS, seeds.profiles);
    if (!seats.ok) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid session options: ${describeIssues(seats.issues)}`);
    this.opts = opts;
    this.template = seats.seats;
    this.seed = opts.seed ?? randomBytes(4).readUInt32BE() % 2 ** 31;
    const scenario = seeds.scenarios[opts.scenario ?? DEFAULT_SCENARIO];

    this.roomId = await newRoomCode(this.presence);
    await this.setPrivate(true);
    const st = new ClassroomState();
    st.code = this.roomId;
    st.link = `/class/${this.roomId}`;
    st.scenario = scenario.id;
    st.rounds = opts.rounds ?? scenario.rounds;
    st.marketSize = this.template.length;
    st.lang = opts.lang;
    st.decideSeconds = opts.decideSeconds;
    this.state = st;

    listen(this, CLASSROOM_MESSAGE_TYPES, "session", (client, type, payload) => this.handle(client, type, payload));
    liveSessions.set(this.roomId, this);
  }

  /** A timer or lifecycle hook that throws is logged and stops there, never ending the process or the session. */
  override onUncaughtException(e: RoomException, method: string) {
    console.error(`session ${this.roomId}: ${method} failed`, e.cause ?? e);
  }

  override async onDispose() {
    liveSessions.delete(this.roomId);
    this.monitor?.clear();
    for (const m of this.markets) m.room.disconnect().catch(() => {});
    await releaseRoomCode(this.presence, this.roomId);
  }

  // ---------------------------------------------------------------- who joins

  override onJoin(client: Client, options: unknown) {
    const o = ClassroomJoin.safeParse(options ?? {});
    const join = o.success ? o.data : {};
    // The first to join is the creator: it gets the host key, kept by its browser.
    if (!this.hostKeyHash) {
      const key = secret();
      this.hostKeyHash = hashKey(key);
      this.persistSession();
      this.becomeHost(client, join.name ?? "Teacher");
      client.send("hostKey", { key });
      return;
    }
    if (join.hostKey !== undefined) {
      if (hashKey(join.hostKey) !== this.hostKeyHash) throw new ServerError(ErrorCode.AUTH_FAILED, "this host key does not open this session");
      this.becomeHost(client, join.name ?? this.state.hostName);
      return;
    }
    if (join.watch) return; // a projector or monitor: state only
    const back = join.studentKey !== undefined ? [...this.students.values()].find((s) => s.key === join.studentKey) : undefined;
    if (back) {
      back.sessionId = client.sessionId;
      this.syncStudent(back);
      client.send("studentKey", { key: back.key, student: back.id });
      if (back.ticket) this.sendAssignment(back);
      return;
    }
    this.addStudent(client, join.name);
  }

  override onLeave(client: Client) {
    if (this.state.host === client.sessionId) this.state.host = "";
    const s = this.studentBySession(client.sessionId);
    if (s) {
      s.sessionId = "";
      this.syncStudent(s);
    }
  }

  private becomeHost(client: Client, name: string) {
    this.state.host = client.sessionId;
    this.state.hostName = name;
  }

  private addStudent(client: Client, rawName: string | undefined) {
    const id = `s${this.nextStudent++}`;
    const s: Student = { id, key: secret(), name: this.uniqueName(rawName ?? `Student ${this.nextStudent - 1}`), sessionId: client.sessionId, market: -1, seat: -1, ticket: "" };
    this.students.set(id, s);
    this.order.push(id);
    client.send("studentKey", { key: s.key, student: id });
    if (this.state.phase === "running") this.placeLate(s);
    this.syncStudent(s);
  }

  /** Names are trimmed and limited by the schema; a taken name gets a number. */
  private uniqueName(raw: string): string {
    const p = PlayerName.safeParse(raw);
    const base = p.success ? p.data : "Student";
    const taken = new Set([...this.students.values()].map((s) => s.name));
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) {
      const n = `${base.slice(0, 20)} (${i})`;
      if (!taken.has(n)) return n;
    }
  }

  // ---------------------------------------------------------------- messages

  private handle(client: Client, type: string, payload: unknown): Reply {
    const m = parseClassroomMessage(type, payload);
    if (!m.ok) return fail(m.error);
    const t = m.type;
    const isHost = this.state.host === client.sessionId;
    if (!CLASSROOM_STUDENT_MESSAGES.includes(t) && !isHost) return fail(errorReply("not_host", `${t}: only the teacher's console may do this`, { type: t }));
    const d = m.data;
    switch (t) {
      case "setName": {
        const s = this.studentBySession(client.sessionId);
        if (!s) return fail(errorReply("no_such_student", "setName: you are not a student of this session", { type: t }));
        return this.rename(s, (d as ClassroomMessage<"setName">).name);
      }
      case "start":
        return this.start();
      case "pause":
        return this.pace(t, (mk) => mk.pause(), true);
      case "resume":
        return this.pace(t, (mk) => mk.resume(), false);
      case "addTime":
        return this.pace(t, (mk) => mk.addTime((d as ClassroomMessage<"addTime">).seconds));
      case "closePhase":
        return this.pace(t, (mk) => mk.closePhase(), false);
      case "injectCard":
        return this.inject((d as ClassroomMessage<"injectCard">).card);
      case "endGame":
        return this.pace(t, (mk) => mk.endNow(), false);
      case "renameStudent": {
        const x = d as ClassroomMessage<"renameStudent">;
        const s = this.students.get(x.student);
        if (!s) return fail(this.noStudent(t, x.student));
        return this.rename(s, x.name);
      }
      case "removeStudent":
        return this.remove(d as ClassroomMessage<"removeStudent">);
      case "moveStudent":
        return this.move(d as ClassroomMessage<"moveStudent">);
    }
    return fail(errorReply("unknown_message", `unknown message type ${t}`, { type: t }));
  }

  private noStudent(type: ClassroomMessageType, id: string): ErrorReply {
    return errorReply("no_such_student", `${type}: no student "${id}"; students are ${[...this.students.keys()].join(", ") || "none yet"}`, { type, field: "student" });
  }

  private rename(s: Student, name: string): Reply {
    s.name = this.uniqueName(name);
    if (s.market >= 0 && this.markets[s.market]) this.markets[s.market].room.renameSeat(s.seat, s.name);
    this.syncStudent(s);
    this.persistStudent(s);
    return OK;
  }

  private remove(m: ClassroomMessage<"removeStudent">): Reply {
    const s = this.students.get(m.student);
    if (!s) return fail(this.noStudent("removeStudent", m.student));
    this.release(s);
    this.students.delete(s.id);
    this.order = this.order.filter((x) => x !== s.id);
    this.state.students.delete(s.id);
    this.store.deleteStudent(this.roomId, s.id);
    const client = this.clients.find((c) => c.sessionId === s.sessionId);
    if (client) {
      client.send("removed", { by: this.state.hostName });
      client.leave(4000);
    }
    return OK;
  }

  private move(m: ClassroomMessage<"moveStudent">): Reply {
    const s = this.students.get(m.student);
    if (!s) return fail(this.noStudent("moveStudent", m.student));
    if (this.state.phase !== "running") {
      return fail(errorReply("wrong_phase", "moveStudent: students are placed when the session starts; move them once the markets run", { type: "moveStudent" }));
    }
    const target = this.markets[m.market];
    if (!target) return fail(errorReply("no_such_seat", `moveStudent: no market ${m.market}; markets are 0–${this.markets.length - 1}`, { type: "moveStudent", field: "market" }));
    if (m.seat >= this.template.length) return fail(errorReply("no_such_seat", `moveStudent: no seat ${m.seat}; seats are 0–${this.template.length - 1}`, { type: "moveStudent", field: "seat" }));
    const holder = [...this.students.values()].find((x) => x !== s && x.market === m.market && x.seat === m.seat);
    if (holder) return fail(errorReply("seat_taken", `moveStudent: ${holder.name} plays that seat`, { type: "moveStudent", field: "seat" }));
    this.release(s);
    this.assign(s, m.market, m.seat);
    return OK;
  }

  // ---------------------------------------------------------------- the markets

  private async startMarkets(): Promise<void> {
    const placements = splitIntoMarkets(this.order, this.template.map((t): SeatTemplate => ({ profile: t.profile, role: t.role })));
    const count = placements.length ? Math.max(...placements.map((p) => p.market)) + 1 : 1;
    for (let k = 0; k < count; k++) {
      const listing = await matchMaker.createRoom(ROOM_NAME, {
        private: true,
        seats: this.template.map((t) => t.profile),
        scenario: this.state.scenario,
        rounds: this.state.rounds,
        seed: this.seed,
        decideSeconds: this.opts.decideSeconds,
        newsSeconds: this.opts.newsSeconds,
        reportSeconds: this.opts.reportSeconds,
        bots: true,
      });
      const room = matchMaker.getLocalRoomById(listing.roomId) as unknown as MarketRoom;
      const market: Market = { room, tickets: new Map() };
      room.manage({ tickets: market.tickets, onRound: (r) => this.record(k, r) });
      this.markets.push(market);
      const cm = new ClassMarket();
      cm.index = k;
      cm.roomId = listing.roomId;
      this.state.markets.push(cm);
    }
    for (const p of placements) this.assign(this.students.get(p.student)!, p.market, p.seat);
    this.store.saveSession({ ...this.sessionRow(), markets: this.markets.length });
    this.graceEnds = Date.now() + this.joinGraceSeconds * 1000;
    this.tick();
  }

  private graceEnds = 0;

  /** A market starts once every connected student placed in it sits at its seat, or when the grace period ends. */
  private startArrivedMarkets() {
    this.markets.forEach((m, k) => {
      if (m.room.state.phase !== "lobby") return;
      const waiting = [...this.students.values()].filter((s) => s.market === k && s.sessionId !== "");
      const seated = waiting.every((s) => m.room.state.seats[s.seat]?.player !== "");
      if (seated || Date.now() >= this.graceEnds) m.room.startManaged();
    });
  }

  private start(): Reply {
    if (this.state.phase !== "lobby") return fail(errorReply("wrong_phase", "start: the session has already started", { type: "start" }));
    this.state.phase = "running";
    this.startMarkets().catch((e) => {
      console.error(`session ${this.roomId}: could not start its markets`, e);
      this.state.phase = "lobby";
    });
    return OK;
  }

  /** A student who arrives once the markets run takes a bot's seat in the emptiest market. */
  private placeLate(s: Student) {
    const order = fillOrder(this.template.map((t) => ({ profile: t.profile, role: t.role })));
    const humans = (k: number) => [...this.students.values()].filter((x) => x.market === k).length;
    const markets = this.markets.map((_, k) => k).sort((a, b) => humans(a) - humans(b) || a - b);
    for (const k of markets) {
      const g = this.markets[k].room.engineState;
      for (const seat of order) {
        const taken = [...this.students.values()].some((x) => x.market === k && x.seat === seat);
        if (!taken && !(g && g.companies[seat]?.bankrupt)) {
          this.assign(s, k, seat);
          return;
        }
      }
    }
    // Every seat of every market has a student: this one watches.
  }

  private assign(s: Student, market: number, seat: number) {
    const m = this.markets[market];
    s.market = market;
    s.seat = seat;
    s.ticket = secret();
    m.tickets.set(s.ticket, seat);
    this.sendAssignment(s);
    this.syncStudent(s);
    this.persistStudent(s);
  }

  /** The student's seat goes back to a bot (its ticket no longer opens it). */
  private release(s: Student) {
    const m = this.markets[s.market];
    if (m && s.ticket) {
      m.tickets.delete(s.ticket);
      m.room.releaseSeat(s.seat);
    }
    s.market = -1;
    s.seat = -1;
    s.ticket = "";
  }

  private sendAssignment(s: Student) {
    const client = this.clients.find((c) => c.sessionId === s.sessionId);
    const m = this.markets[s.market];
    if (!client || !m) return;
    const t = this.template[s.seat];
    client.send("assignment", { roomId: m.room.roomId, ticket: s.ticket, market: s.market, seat: s.seat, company: t.name, role: t.role });
  }

  private pace(type: ClassroomMessageType, f: (m: MarketRoom) => void, paused?: boolean): Reply {
    if (this.state.phase !== "running") return fail(errorReply("wrong_phase", `${type}: the markets are not running (${this.state.phase})`, { type }));
    for (const m of this.markets) f(m.room);
    if (paused !== undefined) this.state.paused = paused;
    this.tick();
    return OK;
  }

  private inject(card: string): Reply {
    if (this.state.phase !== "running") return fail(errorReply("wrong_phase", `injectCard: the markets are not running (${this.state.phase})`, { type: "injectCard" }));
    if (!seeds.cards[card]) return fail(errorReply("bad_card", `injectCard: no card "${card}" in the deck (${seeds.deck.length} cards, e.g. ${seeds.deck.slice(0, 3).map((c) => c.id).join(", ")})`, { type: "injectCard", field: "card" }));
    const problems = this.markets.map((m, k) => [k, m.room.injectCard(card)] as const).filter(([, e]) => e !== null);
    this.tick();
    if (problems.length === this.markets.length) return fail(errorReply("bad_card", `injectCard: ${problems[0][1]}`, { type: "injectCard", field: "card" }));
    return OK;
  }

  // ---------------------------------------------------------------- monitor and records

  /** Mirrors every market into the session's state; runs while the markets do. */
  private tick() {
    this.monitor?.clear();
    const st = this.state;
    this.startArrivedMarkets();
    let finished = this.markets.length > 0;
    this.markets.forEach((m, k) => {
      const ms = m.room.state;
      const cm = st.markets[k];
      cm.round = ms.round;
      cm.rounds = ms.settings.rounds;
      cm.phase = ms.phase;
      cm.deadline = ms.deadline;
      cm.paused = ms.paused;
      cm.hype = ms.macro.hype;
      cm.benchmark = ms.macro.benchmark;
      cm.gpuSpot = ms.macro.gpuSpot;
      cm.defaults = ms.macro.defaults;
      cm.marginCalls = ms.macro.marginCalls;
      cm.finished = ms.finished;
      if (cm.news.length !== ms.news.length || cm.news.some((x, i) => x !== ms.news[i])) {
        cm.news.clear();
        for (const id of ms.news) cm.news.push(id);
      }
      ms.seats.forEach((seat, i) => {
        let cs = cm.seats[i];
        if (!cs) {
          cs = new ClassSeat();
          cs.seat = i;
          cm.seats.push(cs);
        }
        const student = [...this.students.values()].find((x) => x.market === k && x.seat === i);
        const co = ms.companies[i];
        cs.company = seat.company;
        cs.companyId = seat.companyId;
        cs.role = seat.role;
        cs.student = student?.id ?? "";
        cs.player = student?.name ?? "Bot";
        cs.bot = !seat.player;
        cs.connected = seat.connected;
        cs.submitted = seat.submitted;
        cs.price = co?.price ?? 0;
        cs.score = co?.score ?? 0;
        cs.bankrupt = co?.bankrupt ?? false;
      });
      if (!ms.finished) finished = false;
    });
    if (finished && st.phase === "running") {
      st.phase = "ended";
      this.store.saveSession({ ...this.sessionRow(), markets: this.markets.length, ended: Date.now() });
    }
    if (st.phase === "running") this.monitor = this.clock.setTimeout(() => this.tick(), this.monitorMs);
  }

  private record(market: number, r: RoundRecord) {
    const g = r.state;
    const sc = new Map(scores(g).map((x) => [x.id, x.score]));
    const names: Record<string, string> = {};
    for (const c of g.companies) names[c.id] = c.name;
    const companies: CompanyRoundRow[] = g.companies.map((c, i) => {
      const student = [...this.students.values()].find((x) => x.market === market && x.seat === i);
      const bs = balanceSheet(g, c);
      return {
        code: this.roomId,
        market,
        round: r.round,
        company: c.id,
        role: c.role,
        student: student?.id ?? "",
        player: student?.name ?? "Bot",
        sheet: JSON.stringify(r.sheets[c.id] ?? null),
        cash: c.cash,
        debt: onBalanceDebt(g, c.id),
        offBalanceDebt: offBalanceDebt(g, c.id),
        equityBook: bs.equity,
        price: c.price,
        fundamental: c.fundamental,
        score: sc.get(c.id) ?? 0,
        bankrupt: c.bankrupt ? 1 : 0,
      };
    });
    const events: EventRow[] = r.events.map((e) => ({
      code: this.roomId,
      market,
      round: r.round,
      type: e.type,
      mechanism: e.mechanism,
      company: e.company ?? "",
      text: describe(e, this.opts.lang, names, seeds.cards) ?? "",
      data: JSON.stringify(e.data),
    }));
    const h = g.history;
    this.store.saveRound(
      {
        code: this.roomId,
        market,
        round: r.round,
        benchmark: g.macro.benchmark,
        hype: g.macro.hype,
        gpuSpot: g.macro.gpuSpot,
        computePrice: g.macro.computePrice,
        defaults: h.defaults,
        marginCalls: h.marginCalls,
        cards: JSON.stringify(h.cards[h.cards.length - 1] ?? []),
        stateHash: stateHash(g),
      },
      companies,
      events,
    );
  }

  // ---------------------------------------------------------------- helpers

  private studentBySession(sessionId: string): Student | undefined {
    return [...this.students.values()].find((s) => s.sessionId === sessionId);
  }

  private syncStudent(s: Student) {
    let cs = this.state.students.get(s.id);
    if (!cs) {
      cs = new ClassStudent();
      cs.id = s.id;
      this.state.students.set(s.id, cs);
    }
    cs.name = s.name;
    cs.market = s.market;
    cs.seat = s.seat;
    const t = s.seat >= 0 ? this.template[s.seat] : undefined;
    cs.company = t?.name ?? "";
    cs.role = t?.role ?? "";
    cs.connected = s.sessionId !== "";
  }

  private sessionRow() {
    return {
      code: this.roomId,
      created: this.created,
      settings: JSON.stringify({ ...this.opts, scenario: this.state.scenario, rounds: this.state.rounds, seed: this.seed, seats: this.template.map((t) => t.profile) }),
      hostKeyHash: this.hostKeyHash,
      markets: 0,
      ended: 0,
    };
  }

  private persistSession() {
    this.store.saveSession(this.sessionRow());
  }

  private persistStudent(s: Student) {
    const t = s.seat >= 0 ? this.template[s.seat] : undefined;
    this.store.saveStudent({ code: this.roomId, student: s.id, name: s.name, market: s.market, seat: s.seat, company: t?.profile ?? "", role: t?.role ?? "" });
  }

  /** For tests: the engine state of market k. */
  marketState(k: number): GameState | null {
    return this.markets[k]?.room.engineState ?? null;
  }
}
