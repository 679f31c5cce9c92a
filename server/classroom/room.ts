// A class session: the teacher's console, the students' lobby and the projector in one room. At
// the start it splits the students into parallel markets (ordinary market rooms with the same
// scenario and seed), hands each student a ticket to its seat, and paces every market at once.
// It never holds a market's object: it calls its markets through matchMaker.remoteRoomCall and
// hears from them on a presence channel (each market pushes a summary when what the monitor shows
// changes, and records its own quarters for the export), so its markets may live on any process.
// The session saves itself in the store and comes back after a restart with its keys.
import { createHash, randomBytes } from "node:crypto";
import { CloseCode, ErrorCode, matchMaker, Room, ServerError, type Client, type Delayed, type RoomException } from "@colyseus/core";
import { fillOrder, splitIntoMarkets, type SeatTemplate } from "../../shared/src/classroom/split.ts";
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
import { MarketSummary, SavedSession, type SavedStudent } from "../../shared/src/room/saved.ts";
import { DEFAULT_SCENARIO, DEFAULT_SEATS, seeds } from "../../seeds/index.ts";
import { claimRoomCode, newRoomCode, releaseRoomCode } from "../codes.ts";
import { fail, listen, OK, type Reply } from "../receive.ts";
import { isShuttingDown, takeRestoreTicket } from "../restore.ts";
import { closeIfHalfOpen, DEFAULT_ROOM_CONFIG, sessionChannel, type MarketRoom, type RoomConfig } from "../room.ts";
import type { RoomStore } from "../store/rooms.ts";
import { ClassMarket, ClassroomState, ClassSeat, ClassStudent } from "../../shared/src/state/classroom.ts";
import type { SessionStore } from "./store.ts";

export const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");
const secret = () => randomBytes(18).toString("base64url");

interface Student extends SavedStudent {
  /** Session id of its classroom connection, "" while away. */
  sessionId: string;
}

/** Who a joining client is, decided in onAuth before anything changes. */
type Arrival = { kind: "creator" } | { kind: "host" } | { kind: "watch" } | { kind: "back"; student: Student } | { kind: "new" };

/** Live sessions of this process, by code (the HTTP side reads their settings). */
export const liveSessions = new Map<string, ClassroomRoom>();

export class ClassroomRoom extends Room<{ state: ClassroomState }> {
  /** Set by the server: where sessions' results are stored (debrief, exports). */
  store!: SessionStore;
  /** Set by the server: where live rooms are recorded to outlive a restart (null: nowhere). */
  rooms: RoomStore | null = null;
  /** The markets wait this long for their students to arrive before bots play the empty seats. */
  joinGraceSeconds = 20;
  /** Set by the server: timings shared with the market rooms (handshakeSeconds). */
  config: RoomConfig = DEFAULT_ROOM_CONFIG;
  /** A running session nobody is connected to ends after this long (a teacher who never came back). */
  idleMinutes = 30;
  override maxClients = 400; // a class of 60, its reloads and screens: one address reserves at most 240 a minute (limits.ts)

  private opts!: ClassroomOptions;
  private template: ResolvedSeat[] = [];
  private hostKeyHash = "";
  private seed = 0;
  private students = new Map<string, Student>();
  /** Join order of students, by id (it decides the split). */
  private order: string[] = [];
  /** The market rooms' codes, by index, and the last summary each sent. */
  private markets: string[] = [];
  private summaries: (MarketSummary | null)[] = [];
  private nextStudent = 1;
  private created = Date.now();
  /** When every market finished (0: not yet). */
  private endedAt = 0;
  private graceEnds = 0;

  override async onCreate(options: unknown) {
    const restoring = takeRestoreTicket(options);
    if (restoring) await this.restore(restoring);
    else await this.createNew(options);
    listen(this, CLASSROOM_MESSAGE_TYPES, "session", (client, type, payload) => this.handle(client, type, payload));
    await this.presence.subscribe(sessionChannel(this.roomId), this.onMarketNews);
    liveSessions.set(this.roomId, this);
  }

  private async createNew(options: unknown) {
    const parsed = ClassroomOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid session options: ${describeIssues(zodIssues(parsed.error))}`);
    const opts = parsed.data;
    if (opts.scenario !== undefined && !seeds.scenarios[opts.scenario]) {
      throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid session options: scenario: unknown "${opts.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`);
    }
    this.setOptions(opts);
    this.seed = opts.seed ?? randomBytes(4).readUInt32BE() % 2 ** 31;
    this.roomId = await newRoomCode(this.presence);
    await this.setPrivate(true);
    this.initState();
    this.save();
  }

  private setOptions(opts: ClassroomOptions) {
    const seats = resolveSeats(opts.seats ?? DEFAULT_SEATS, seeds.profiles);
    if (!seats.ok) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid session options: ${describeIssues(seats.issues)}`);
    this.opts = opts;
    this.template = seats.seats;
  }

  private initState() {
    const scenario = seeds.scenarios[this.opts.scenario ?? DEFAULT_SCENARIO];
    const st = new ClassroomState();
    st.code = this.roomId;
    st.link = `/class/${this.roomId}`;
    st.scenario = scenario.id;
    st.rounds = this.opts.rounds ?? scenario.rounds;
    st.marketSize = this.template.length;
    st.lang = this.opts.lang;
    st.decideSeconds = this.opts.decideSeconds;
    this.state = st;
  }

  /** A timer or lifecycle hook that throws is logged and stops there, never ending the process or the session. */
  override onUncaughtException(e: RoomException, method: string) {
    // A refused join (a wrong key, a market without a ticket) is the joiner's answer, not a failure.
    if (method === "onAuth" && e.cause instanceof ServerError) return;
    console.error(`session ${this.roomId}: ${method} failed`, e.cause ?? e);
  }

  override async onDispose() {
    liveSessions.delete(this.roomId);
    await this.presence.unsubscribe(sessionChannel(this.roomId), this.onMarketNews);
    if (isShuttingDown()) return; // the record brings the session and its markets back
    for (const code of this.markets) matchMaker.remoteRoomCall(code, "disconnect").catch(() => {});
    this.rooms?.remove(this.roomId);
    await releaseRoomCode(this.presence, this.roomId);
  }

  // ---------------------------------------------------------------- who joins

  /** Keys and options are checked before the join: a wrong or malformed key is refused, never turned into a student. */
  override onAuth(_client: Client, options: unknown): Arrival {
    const o = ClassroomJoin.safeParse(options ?? {});
    if (!o.success) throw new ServerError(ErrorCode.AUTH_FAILED, `invalid join options: ${describeIssues(zodIssues(o.error))}`);
    const join = o.data;
    if (!this.hostKeyHash) return { kind: "creator" };
    if (join.hostKey !== undefined) {
      if (hashKey(join.hostKey) !== this.hostKeyHash) throw new ServerError(ErrorCode.AUTH_FAILED, "this host key does not open this session");
      return { kind: "host" };
    }
    if (join.watch) return { kind: "watch" };
    if (join.studentKey !== undefined) {
      const h = hashKey(join.studentKey);
      const back = [...this.students.values()].find((s) => s.keyHash === h);
      if (!back) throw new ServerError(ErrorCode.AUTH_FAILED, "this student key does not open this session: join with your name instead");
      return { kind: "back", student: back };
    }
    return { kind: "new" };
  }

  override onJoin(client: Client, options: unknown, auth: Arrival) {
    const join = ClassroomJoin.safeParse(options ?? {});
    const name = join.success ? join.data.name : undefined;
    switch (auth.kind) {
      case "creator": {
        // The first to join is the creator: it gets the host key, kept by its browser.
        const key = secret();
        this.hostKeyHash = hashKey(key);
        this.becomeHost(client, name ?? "Teacher");
        client.send("hostKey", { key });
        this.save();
        return;
      }
      case "host":
        this.becomeHost(client, name ?? this.state.hostName);
        return;
      case "watch":
        return; // a projector or monitor: state only
      case "back": {
        const s = auth.student;
        s.sessionId = client.sessionId;
        this.syncStudent(s);
        // A student key is shown once; coming back with it needs no new one.
        client.send("studentKey", { student: s.id });
        if (s.market >= 0) void this.sendAssignment(s);
        return;
      }
      case "new":
        this.addStudent(client, name);
        // A connection that never completes its join (a script holding sockets open) leaves no trace.
        closeIfHalfOpen(this, client, this.config.handshakeSeconds);
        return;
    }
  }

  override onDrop(client: Client, code?: number) {
    const s = this.studentBySession(client.sessionId);
    if (s) {
      s.sessionId = "";
      this.syncStudent(s);
    }
    const wasHost = this.state.host === client.sessionId;
    if (wasHost) this.state.host = "";
    // A dropped console or phone (a Wi-Fi blip, a sleeping phone) keeps its place while the SDK
    // reconnects; a student who does not come back before the start leaves the roster then (onLeave).
    if ((s || wasHost) && code !== CloseCode.WITH_ERROR && code !== CloseCode.SERVER_SHUTDOWN) {
      this.holders.set(client.sessionId, wasHost ? "host" : "student");
      Promise.resolve(this.allowReconnection(client, this.config.reconnectSeconds)).catch(() => {});
    }
    this.checkIdle();
  }

  /** Who a held connection was, by session id (a reconnection gives the role back). */
  private holders = new Map<string, "host" | "student">();

  override onReconnect(client: Client) {
    if (this.holders.get(client.sessionId) === "host" && !this.state.host) this.state.host = client.sessionId;
    this.holders.delete(client.sessionId);
    const s = [...this.students.values()].find((x) => x.sessionId === "" && this.lastSession.get(x.id) === client.sessionId);
    if (s) {
      s.sessionId = client.sessionId;
      this.syncStudent(s);
    }
    this.checkIdle();
  }

  /** The last connection of each student (a reconnection resumes it). */
  private lastSession = new Map<string, string>();

  override onLeave(client: Client) {
    this.holders.delete(client.sessionId);
    this.checkIdle();
    if (this.state.host === client.sessionId) this.state.host = "";
    const s = [...this.students.values()].find((x) => x.sessionId === client.sessionId || (x.sessionId === "" && this.lastSession.get(x.id) === client.sessionId));
    if (!s || isShuttingDown()) return;
    // Gone before the start and not back, or a connection that never completed its join (in any
    // phase): off the roster, out of its market seat and out of the store.
    if (this.state.phase === "lobby" || (client.userData as { halfOpen?: boolean } | undefined)?.halfOpen) {
      this.dropStudent(s);
      return;
    }
    s.sessionId = "";
    this.syncStudent(s);
  }

  private idle: Delayed | null = null;

  /**
   * A running session stays up without clients (its markets run on; the teacher may be back), and
   * ends after idleMinutes with nobody; an ended one goes once empty, like any room.
   */
  private checkIdle() {
    this.idle?.clear();
    this.idle = null;
    if (this.state.phase !== "running") {
      this.autoDispose = true;
      return;
    }
    this.autoDispose = false;
    if (this.clients.length > 0) return;
    this.idle = this.clock.setTimeout(() => {
      if (this.clients.length === 0) void this.disconnect();
    }, this.idleMinutes * 60_000);
  }

  private becomeHost(client: Client, name: string) {
    this.state.host = client.sessionId;
    this.state.hostName = name;
  }

  private addStudent(client: Client, rawName: string | undefined) {
    const id = `s${this.nextStudent++}`;
    const key = secret();
    const s: Student = { id, keyHash: hashKey(key), name: this.uniqueName(rawName ?? `Student ${this.nextStudent - 1}`), sessionId: client.sessionId, market: -1, seat: -1 };
    this.students.set(id, s);
    this.lastSession.set(id, client.sessionId);
    this.order.push(id);
    client.send("studentKey", { key, student: id });
    if (this.state.phase === "running") this.placeLate(s);
    this.syncStudent(s);
    this.persistStudent(s);
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

  private handle(client: Client, type: string, payload: unknown): Reply | Promise<Reply> {
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
        return this.pace(t, "pause", [], true);
      case "resume":
        return this.pace(t, "resume", [], false);
      case "addTime":
        return this.pace(t, "addTime", [(d as ClassroomMessage<"addTime">).seconds]);
      case "closePhase":
        return this.pace(t, "closePhase", [], false);
      case "injectCard":
        return this.inject((d as ClassroomMessage<"injectCard">).card);
      case "endGame":
        return this.pace(t, "endNow", [], false);
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
    if (s.market >= 0) this.callMarket(s.market, "renameSeat", [s.seat, s.name]);
    this.syncStudent(s);
    this.persistStudent(s);
    return OK;
  }

  private remove(m: ClassroomMessage<"removeStudent">): Reply {
    const s = this.students.get(m.student);
    if (!s) return fail(this.noStudent("removeStudent", m.student));
    const client = this.clients.find((c) => c.sessionId === s.sessionId);
    this.dropStudent(s);
    if (client) {
      client.send("removed", { by: this.state.hostName });
      client.leave(4000);
    }
    return OK;
  }

  private dropStudent(s: Student) {
    this.release(s);
    this.students.delete(s.id);
    this.lastSession.delete(s.id);
    this.order = this.order.filter((x) => x !== s.id);
    this.state.students.delete(s.id);
    this.store.deleteStudent(this.roomId, s.id);
    this.save();
  }

  private move(m: ClassroomMessage<"moveStudent">): Reply {
    const s = this.students.get(m.student);
    if (!s) return fail(this.noStudent("moveStudent", m.student));
    if (this.state.phase !== "running") {
      return fail(errorReply("wrong_phase", "moveStudent: students are placed when the session starts; move them once the markets run", { type: "moveStudent" }));
    }
    if (!this.markets[m.market]) return fail(errorReply("no_such_seat", `moveStudent: no market ${m.market}; markets are 0–${this.markets.length - 1}`, { type: "moveStudent", field: "market" }));
    if (m.seat >= this.template.length) return fail(errorReply("no_such_seat", `moveStudent: no seat ${m.seat}; seats are 0–${this.template.length - 1}`, { type: "moveStudent", field: "seat" }));
    const holder = [...this.students.values()].find((x) => x !== s && x.market === m.market && x.seat === m.seat);
    if (holder) return fail(errorReply("seat_taken", `moveStudent: ${holder.name} plays that seat`, { type: "moveStudent", field: "seat" }));
    this.release(s);
    this.assign(s, m.market, m.seat);
    return OK;
  }

  // ---------------------------------------------------------------- the markets

  /** Calls a market room's method, wherever its process; a failure is logged (the monitor shows the market as it last reported). */
  private callMarket(market: number, method: keyof MarketRoom, args: unknown[] = []): Promise<unknown> {
    const code = this.markets[market];
    if (!code) return Promise.resolve(undefined);
    return matchMaker.remoteRoomCall<MarketRoom>(code, method, args).catch((e) => {
      console.error(`session ${this.roomId}: market ${market} (${code}): ${String(method)} failed`, e);
      return undefined;
    });
  }

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
      this.markets.push(listing.roomId);
      this.summaries.push(null);
      const cm = new ClassMarket();
      cm.index = k;
      cm.roomId = listing.roomId;
      this.state.markets.push(cm);
      await this.callMarket(k, "manage", [this.roomId, k, this.opts.lang]);
    }
    for (const p of placements) this.assign(this.students.get(p.student)!, p.market, p.seat);
    this.placed = true;
    this.store.saveSession({ ...this.sessionRow(), markets: this.markets.length });
    this.graceEnds = Date.now() + this.joinGraceSeconds * 1000;
    this.save();
    // The markets whose students are all seated start as soon as they report it; the others when the grace ends.
    this.clock.setTimeout(() => this.startArrivedMarkets(), this.joinGraceSeconds * 1000);
    this.startArrivedMarkets();
  }

  /** Set once the students are placed: no market starts before (its students would not be waited for). */
  private placed = false;

  /** A market starts once every connected student placed in it sits at its seat, or when the grace period ends. */
  private startArrivedMarkets() {
    if (!this.placed) return;
    this.markets.forEach((_, k) => {
      const sum = this.summaries[k];
      if (sum && sum.phase !== "lobby") return;
      const waiting = [...this.students.values()].filter((s) => s.market === k && s.sessionId !== "");
      const seated = !!sum && waiting.every((s) => sum.seats[s.seat]?.human);
      if (seated || Date.now() >= this.graceEnds) void this.callMarket(k, "startManaged");
    });
  }

  private start(): Reply {
    if (this.state.phase !== "lobby") return fail(errorReply("wrong_phase", "start: the session has already started", { type: "start" }));
    this.state.phase = "running";
    this.checkIdle();
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
      const sum = this.summaries[k];
      for (const seat of order) {
        const taken = [...this.students.values()].some((x) => x.market === k && x.seat === seat);
        if (!taken && !sum?.seats[seat]?.bankrupt) {
          this.assign(s, k, seat);
          return;
        }
      }
    }
    // Every seat of every market has a student: this one watches.
  }

  /** The student's place, and a fresh ticket to it (the market keeps the ticket's hash). */
  private assign(s: Student, market: number, seat: number) {
    s.market = market;
    s.seat = seat;
    this.syncStudent(s);
    this.persistStudent(s);
    this.save();
    void this.sendAssignment(s);
  }

  /** The student's seat goes back to a bot (no ticket opens it any more). */
  private release(s: Student) {
    if (s.market >= 0) void this.callMarket(s.market, "releaseSeat", [s.seat]);
    s.market = -1;
    s.seat = -1;
  }

  /** A new ticket for the student's seat, sent to its phone once the market holds it. */
  private async sendAssignment(s: Student) {
    const code = this.markets[s.market];
    if (!code) return;
    const ticket = secret();
    const { market, seat } = s;
    await this.callMarket(market, "grantTicket", [hashKey(ticket), seat, s.id, s.name]);
    const client = this.clients.find((c) => c.sessionId === s.sessionId);
    if (!client || s.market !== market || s.seat !== seat) return;
    const t = this.template[seat];
    client.send("assignment", { roomId: code, ticket, market, seat, company: t.name, role: t.role });
  }

  private pace(type: ClassroomMessageType, method: keyof MarketRoom, args: unknown[], paused?: boolean): Reply {
    if (this.state.phase !== "running") return fail(errorReply("wrong_phase", `${type}: the markets are not running (${this.state.phase})`, { type }));
    this.markets.forEach((_, k) => void this.callMarket(k, method, args));
    if (paused !== undefined) this.state.paused = paused;
    this.save();
    return OK;
  }

  /** The card goes to every market; refused (with the markets' reason) only when none could take it. */
  private async inject(card: string): Promise<Reply> {
    if (this.state.phase !== "running") return fail(errorReply("wrong_phase", `injectCard: the markets are not running (${this.state.phase})`, { type: "injectCard" }));
    if (!seeds.cards[card]) return fail(errorReply("bad_card", `injectCard: no card "${card}" in the deck (${seeds.deck.length} cards, e.g. ${seeds.deck.slice(0, 3).map((c) => c.id).join(", ")})`, { type: "injectCard", field: "card" }));
    const answers = await Promise.all(this.markets.map((_, k) => this.callMarket(k, "injectCard", [card])));
    const refused = answers.filter((a): a is string => typeof a === "string");
    if (answers.length > 0 && refused.length === answers.length) return fail(errorReply("bad_card", `injectCard: ${refused[0]}`, { type: "injectCard", field: "card" }));
    return OK;
  }

  // ---------------------------------------------------------------- the monitor

  /** A market's news: what it shows changed. Mirrored into the session's state, nothing polled. */
  private onMarketNews = (msg: unknown) => {
    // Runs inside the market's own call (local presence): a failure here is the session's, not the market's.
    try {
      this.hearMarket(msg);
    } catch (e) {
      console.error(`session ${this.roomId}: could not take a market's news`, e);
    }
  };

  private hearMarket(msg: unknown) {
    const m = MarketSummary.safeParse((msg as { summary?: unknown })?.summary);
    if (!m.success) return;
    const sum = m.data;
    const k = sum.market;
    if (this.markets[k] !== sum.roomId) return;
    this.summaries[k] = sum;
    this.mirror(k, sum);
    if (this.state.phase === "running") {
      this.startArrivedMarkets();
      if (this.summaries.length > 0 && this.summaries.every((s) => s?.finished)) {
        this.state.phase = "ended";
        this.endedAt = Date.now();
        this.save();
        this.checkIdle();
      }
    }
  }

  private mirror(k: number, sum: MarketSummary) {
    const cm = this.state.markets[k];
    if (!cm) return;
    cm.round = sum.round;
    cm.rounds = sum.rounds;
    cm.phase = sum.phase;
    cm.deadline = sum.deadline;
    cm.paused = sum.paused;
    cm.hype = sum.hype;
    cm.benchmark = sum.benchmark;
    cm.gpuSpot = sum.gpuSpot;
    cm.defaults = sum.defaults;
    cm.marginCalls = sum.marginCalls;
    cm.finished = sum.finished;
    if (cm.news.length !== sum.news.length || cm.news.some((x, i) => x !== sum.news[i])) {
      cm.news.clear();
      for (const id of sum.news) cm.news.push(id);
    }
    sum.seats.forEach((seat, i) => {
      let cs = cm.seats[i];
      if (!cs) {
        cs = new ClassSeat();
        cs.seat = i;
        cm.seats.push(cs);
      }
      const student = [...this.students.values()].find((x) => x.market === k && x.seat === i);
      cs.company = seat.company;
      cs.companyId = seat.companyId;
      cs.role = seat.role;
      cs.student = student?.id ?? "";
      cs.player = student?.name ?? "Bot";
      cs.bot = !seat.human;
      cs.connected = seat.connected;
      cs.submitted = seat.submitted;
      cs.price = seat.price;
      cs.score = seat.score;
      cs.bankrupt = seat.bankrupt;
    });
  }

  // ---------------------------------------------------------------- store

  private studentBySession(sessionId: string): Student | undefined {
    return [...this.students.values()].find((s) => s.sessionId === sessionId);
  }

  private syncStudent(s: Student) {
    if (s.sessionId) this.lastSession.set(s.id, s.sessionId);
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
      ended: this.endedAt,
    };
  }

  private persistStudent(s: Student) {
    const t = s.seat >= 0 ? this.template[s.seat] : undefined;
    this.store.saveStudent({ code: this.roomId, student: s.id, name: s.name, market: s.market, seat: s.seat, company: t?.profile ?? "", role: t?.role ?? "" });
  }

  /** The process is stopping: the session is saved and its clients told the server is restarting. */
  override onBeforeShutdown(): void {
    this.save(true);
    this.broadcast("restarting", {});
    super.onBeforeShutdown();
  }

  /** The session as it stands, for its restart (and its row for the debrief). */
  private save(final = false) {
    if (!this.roomId || (isShuttingDown() && !final)) return;
    this.store.saveSession({ ...this.sessionRow(), markets: this.markets.length });
    if (!this.rooms) return;
    const saved: SavedSession = {
      v: 1,
      options: this.opts as Record<string, unknown>,
      seed: this.seed,
      hostKeyHash: this.hostKeyHash,
      hostName: this.state.hostName,
      phase: this.state.phase as SavedSession["phase"],
      paused: this.state.paused,
      students: [...this.students.values()].map(({ sessionId: _, ...s }) => s),
      order: this.order,
      nextStudent: this.nextStudent,
      markets: this.markets,
      created: this.created,
    };
    try {
      this.rooms.saveMeta(this.roomId, "classroom", JSON.stringify(saved));
    } catch (e) {
      console.error(`session ${this.roomId}: could not save`, e);
    }
  }

  /** Back from the store: the same code, host key, students' keys and places, and its markets (restored before it). */
  private async restore(code: string) {
    const row = this.rooms?.load(code);
    if (!row) throw new ServerError(ErrorCode.APPLICATION_ERROR, `no stored session ${code}`);
    const saved = SavedSession.parse(JSON.parse(row.meta));
    this.setOptions(ClassroomOptions.parse(saved.options));
    this.roomId = code;
    await claimRoomCode(this.presence, code);
    await this.setPrivate(true);
    this.initState();
    this.seed = saved.seed;
    this.hostKeyHash = saved.hostKeyHash;
    this.state.hostName = saved.hostName;
    this.state.phase = saved.phase;
    this.state.paused = saved.paused;
    this.created = saved.created;
    this.endedAt = this.store.session(code)?.ended ?? 0;
    this.nextStudent = saved.nextStudent;
    this.order = saved.order;
    for (const s of saved.students) {
      const st: Student = { ...s, sessionId: "" };
      this.students.set(s.id, st);
      this.syncStudent(st);
    }
    this.markets = saved.markets;
    this.summaries = saved.markets.map(() => null);
    saved.markets.forEach((roomId, k) => {
      const cm = new ClassMarket();
      cm.index = k;
      cm.roomId = roomId;
      this.state.markets.push(cm);
    });
    // The markets came back first: they tell the session where they stand. Students are placed.
    this.placed = saved.phase !== "lobby";
    this.checkIdle();
    this.clock.setTimeout(() => this.markets.forEach((_, k) => void this.callMarket(k, "manage", [this.roomId, k, this.opts.lang])), 0);
  }
}
