// The market room: a thin adapter between Colyseus and the rules engine. It owns seats, phases
// and timers, parses every message at the edge (zod, then the engine's checks), keeps each
// seat's orders private until resolution, and calls the engine, and only the engine, to resolve.
import { randomInt } from "node:crypto";
import { CloseCode, ErrorCode, Room, ServerError, type Client, type Delayed, type RoomException } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import {
  baselineSheet,
  createGame,
  defaultSheet,
  OrderError,
  prepareOrders,
  resolveRound,
  respond,
  scores,
  stateHash,
  balanceSheet,
  chipLots,
  endGameNow,
  injectCard,
  marketCap,
  type GameEvent,
  type GameState,
  type Offer,
  type OrderSheet,
} from "../shared/src/index.ts";
import {
  checkProposedOffer,
  checkSubmittedSheet,
  CreateOptions,
  describeIssues,
  errorReply,
  HOST_MESSAGES,
  JoinOptions,
  makeRoomCode,
  MAX_ACCEPTS,
  messageTypeName,
  MESSAGE_PHASE,
  offerKey,
  parseClientMessage,
  resolveSeats,
  zodIssues,
  CLIENT_MESSAGE_TYPES,
  type ClientMessage,
  type ClientMessageType,
  type ErrorReply,
  type Phase,
  type ResolvedSeat,
} from "../shared/src/protocol/index.ts";
import { DEFAULT_SCENARIO, DEFAULT_SEATS, seeds } from "../seeds/index.ts";
import { seatBook } from "../shared/src/preview/book.ts";
import { leverage, ltv, maxLtvOf, rating } from "../shared/src/engine/accounts.ts";
import { joinPath } from "./http.ts";
import { newRoomCode, releaseRoomCode } from "./codes.ts";
import { fail, listen, OK, type Reply } from "./receive.ts";
import { CompanyState, EventState, MacroState, MarketState, OfferState, PlayerState, SeatPrivate, SeatState, SettingsState } from "./state.ts";

/** Server-side settings of every room (not the client's to choose). */
export interface RoomConfig {
  /** How long a dropped player's seat is held for reconnection (a bot plays it meanwhile). */
  reconnectSeconds: number;
  /** A client sending more messages than this in a second is disconnected. */
  maxMessagesPerSecond: number;
  /** Larger messages are refused with "too_large" (the transport drops anything past its own cap). */
  maxMessageBytes: number;
}

export const DEFAULT_ROOM_CONFIG: RoomConfig = { reconnectSeconds: 120, maxMessagesPerSecond: 20, maxMessageBytes: 8 * 1024 };

const MAX_EVENTS = 200;
/** Events kept for the end-of-game debrief, and at most how many. */
const MOMENT_TYPES = new Set(["card", "default", "margin_call", "labs_missed_payment", "new_generation", "backstop_called", "build_delayed"]);
const MAX_MOMENTS = 120;


/** A live offer of the current quarter. */
interface LiveOffer {
  key: string;
  from: string;
  to: string;
  offer: Offer;
  status: "open" | "accepted" | "rejected";
  out: OfferState;
  in: OfferState | null;
}

/** A seat's orders of the current quarter, beside what the schema shows. */
interface SeatRound {
  sheet: OrderSheet | null;
  botSheet: OrderSheet | null;
  /** Keys of the offers it accepted, in order. */
  accepts: string[];
}

/** A quarter once resolved, as a classroom session records it. */
export interface RoundRecord {
  round: number;
  sheets: Record<string, OrderSheet>;
  state: GameState;
  events: GameEvent[];
}

/**
 * Set by a classroom session that runs this market: the session holds the host powers, seats
 * its students by ticket, paces the phases and records every quarter.
 */
export interface MarketController {
  /** Join ticket → seat index. */
  tickets: Map<string, number>;
  onRound(r: RoundRecord): void;
}

/** Live rooms of this process, for /healthz. */
export const liveRooms = new Set<MarketRoom>();

export class MarketRoom extends Room<{ state: MarketState }> {
  config: RoomConfig = DEFAULT_ROOM_CONFIG;
  override maxClients = 16;

  private opts!: CreateOptions;
  private resolved: ResolvedSeat[] = [];
  private game: GameState | null = null;
  private timer: Delayed | null = null;
  /** What the running timer will do, kept so a pause can resume it. */
  private pending: (() => void) | null = null;
  /** Milliseconds left on the timer while paused. */
  private pausedLeft = 0;
  private controller: MarketController | null = null;
  private offers = new Map<string, LiveOffer>();
  private rounds: SeatRound[] = [];
  /** Each player's view, by session id (it outlives a connection: a reconnected client keeps it). */
  private views = new Map<string, StateView>();
  /** The sheets each round was resolved with: enough to replay the game with the engine alone. */
  readonly orderLog: Record<string, OrderSheet>[] = [];

  override async onCreate(options: unknown) {
    const parsed = CreateOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid room options: ${describeIssues(zodIssues(parsed.error))}`);
    const opts = parsed.data;
    const scenario = seeds.scenarios[opts.scenario ?? DEFAULT_SCENARIO];
    if (opts.scenario !== undefined && !seeds.scenarios[opts.scenario]) {
      throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid room options: scenario: unknown "${opts.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`);
    }
    const seats = resolveSeats(opts.seats ?? DEFAULT_SEATS, seeds.profiles);
    if (!seats.ok) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid room options: ${describeIssues(seats.issues)}`);
    this.opts = opts;
    this.resolved = seats.seats;

    this.roomId = await newRoomCode(this.presence);
    this.maxMessagesPerSecond = this.config.maxMessagesPerSecond;
    if (opts.private) await this.setPrivate(true);

    const st = new MarketState();
    st.code = this.roomId;
    st.link = joinPath(this.roomId);
    st.settings = new SettingsState();
    st.macro = new MacroState();
    this.state = st;
    st.settings.private = opts.private;
    this.applySettings({
      scenario: scenario.id,
      rounds: opts.rounds ?? scenario.rounds,
      decideSeconds: opts.decideSeconds,
      newsSeconds: opts.newsSeconds,
      reportSeconds: opts.reportSeconds,
      bots: opts.bots,
    });
    this.layoutSeats();

    listen(this, CLIENT_MESSAGE_TYPES, "room", (client, type, payload) => this.handle(client, type, payload));
    liveRooms.add(this);
  }

  /**
   * Whatever throws in a timer or a lifecycle hook is logged here and stops there: it never ends
   * the process or the room (message handlers answer the sender themselves, see receive.ts).
   */
  override onUncaughtException(e: RoomException, method: string) {
    console.error(`room ${this.roomId}: ${method} failed`, e.cause ?? e);
  }

  override async onDispose() {
    liveRooms.delete(this);
    this.timer?.clear();
    await releaseRoomCode(this.presence, this.roomId);
  }

  // ---------------------------------------------------------------- clients

  override onJoin(client: Client, options: unknown) {
    const o = JoinOptions.safeParse(options ?? {});
    const p = new PlayerState();
    p.sessionId = client.sessionId;
    p.name = o.success && o.data.name ? o.data.name : `Player ${this.state.players.size + 1}`;
    p.connected = true;
    this.state.players.set(client.sessionId, p);
    client.view = new StateView();
    this.views.set(client.sessionId, client.view);
    if (this.controller) {
      // A classroom's market: its session is the host; a student's ticket names its seat.
      const ticket = o.success ? o.data.ticket : undefined;
      const seat = ticket !== undefined ? this.controller.tickets.get(ticket) : undefined;
      if (seat !== undefined) this.claimSeat(p, seat);
      return;
    }
    if (!this.hostPlayer()) this.setHost(p);
    // In the lobby a newcomer sits at the first free seat; once the game runs it watches, and may
    // take over a bot's seat between two quarters (takeSeat).
    const free = this.state.phase === "lobby" ? this.state.seats.find((s) => !s.player && !s.bot) : undefined;
    if (free) this.seatPlayer(p, free.index);
  }

  override onDrop(client: Client, code?: number) {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    // Refused by the framework (flooding, a malformed frame), or the server is shutting down:
    // no seat is held; onLeave follows.
    if (code === CloseCode.WITH_ERROR || code === CloseCode.SERVER_SHUTDOWN) return;
    this.setConnected(p, false);
    // Rejected when the hold expires or the room is disposed; onLeave handles both.
    Promise.resolve(this.allowReconnection(client, this.config.reconnectSeconds)).catch(() => {});
    this.passHostIfGone();
    this.checkAllSubmitted();
  }

  override onReconnect(client: Client) {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    this.setConnected(p, true);
    if (!this.hostPlayer() && !this.controller) this.setHost(p);
    const seat = this.seatOf(p);
    if (seat) this.refreshPrivate(seat);
  }

  override onLeave(client: Client) {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    const seat = this.seatOf(p);
    if (this.state.phase === "lobby") {
      if (seat) this.unseat(p);
    } else if (seat) {
      // A bot plays the seat for the rest of the game.
      seat.player = "";
      seat.playerName = "Bot";
      seat.bot = true;
      seat.connected = false;
    }
    this.state.players.delete(client.sessionId);
    this.views.get(client.sessionId)?.dispose();
    this.views.delete(client.sessionId);
    if (p.host) {
      p.host = false;
      this.state.host = "";
    }
    this.passHostIfGone();
    this.checkAllSubmitted();
  }

  // ---------------------------------------------------------------- messages

  private handle(client: Client, type: string, payload: unknown): Reply {
    const size = approxBytes(payload);
    if (size > this.config.maxMessageBytes) {
      const name = messageTypeName(type);
      return fail(errorReply("too_large", `${name}: message of ${size} bytes; at most ${this.config.maxMessageBytes}`, { type: name }));
    }
    const m = parseClientMessage(type, payload);
    if (!m.ok) return fail(m.error);
    const t = m.type;
    const phase = this.state.phase as Phase;
    if (!MESSAGE_PHASE[t].includes(phase)) {
      return fail(errorReply("wrong_phase", `${t} is allowed in the ${MESSAGE_PHASE[t].join(" or ")} phase; the room is in the ${phase} phase`, { type: t }));
    }
    const p = this.state.players.get(client.sessionId);
    if (!p) return fail(errorReply("no_such_player", `${t}: you are not in this room`, { type: t }));
    if (HOST_MESSAGES.includes(t) && !p.host) return fail(errorReply("not_host", `${t}: only the host (${this.hostPlayer()?.name ?? "nobody"}) may do this`, { type: t }));
    const data = m.data;
    switch (t) {
      case "setName":
        return this.onSetName(p, data as ClientMessage<"setName">);
      case "chooseSeat":
        return this.onChooseSeat(p, data as ClientMessage<"chooseSeat">);
      case "ready":
        p.ready = (data as ClientMessage<"ready">).ready;
        return OK;
      case "takeSeat":
        return this.onTakeSeat(p, data as ClientMessage<"takeSeat">);
      case "settings":
        return this.onSettings(data as ClientMessage<"settings">);
      case "addBot":
        return this.onAddBot(data as ClientMessage<"addBot">);
      case "removeBot":
        return this.onRemoveBot(data as ClientMessage<"removeBot">);
      case "moveSeat":
        return this.onMoveSeat(data as ClientMessage<"moveSeat">);
      case "start":
        return this.onStart(p);
      case "submitSheet":
        return this.onSubmitSheet(p, data as ClientMessage<"submitSheet">);
      case "proposeOffer":
        return this.onPropose(p, data as ClientMessage<"proposeOffer">);
      case "withdrawOffer":
        return this.onWithdraw(p, data as ClientMessage<"withdrawOffer">);
      case "acceptOffer":
        return this.onAnswer(p, (data as ClientMessage<"acceptOffer">).key, true);
      case "rejectOffer":
        return this.onAnswer(p, (data as ClientMessage<"rejectOffer">).key, false);
    }
    return assertNever(t);
  }

  // ---------------------------------------------------------------- lobby

  private onSetName(p: PlayerState, m: ClientMessage<"setName">): Reply {
    p.name = m.name;
    const seat = this.seatOf(p);
    if (seat) seat.playerName = m.name;
    return OK;
  }

  private onChooseSeat(p: PlayerState, m: ClientMessage<"chooseSeat">): Reply {
    return this.place(p, m.seat, "chooseSeat");
  }

  /** Seats a player (or stands it up with null) if the seat is free. */
  private place(p: PlayerState, seat: number | null, type: ClientMessageType): Reply {
    if (seat === null) {
      this.unseat(p);
      return OK;
    }
    const err = this.seatAvailable(seat, p, type);
    if (err) return fail(err);
    this.seatPlayer(p, seat);
    return OK;
  }

  private onTakeSeat(p: PlayerState, m: ClientMessage<"takeSeat">): Reply {
    const seat = this.state.seats[m.seat];
    if (!seat) return fail(errorReply("no_such_seat", `takeSeat: no seat ${m.seat}; seats are 0–${this.state.seats.length - 1}`, { type: "takeSeat", field: "seat" }));
    if (this.seatOf(p)) return fail(errorReply("already_seated", `takeSeat: you already play seat ${p.seat}`, { type: "takeSeat", field: "seat" }));
    if (seat.player || !seat.bot) {
      return fail(errorReply("seat_taken", `takeSeat: seat ${m.seat} (${seat.company}) is played by ${seat.playerName || "someone"}; only a bot's seat can be taken`, { type: "takeSeat", field: "seat" }));
    }
    const co = this.game?.companies.find((c) => c.id === seat.companyId);
    if (co?.bankrupt) return fail(errorReply("seat_bankrupt", `takeSeat: ${seat.company} is bankrupt; choose a company still in the game`, { type: "takeSeat", field: "seat" }));
    this.seatPlayer(p, m.seat);
    return OK;
  }

  /** A ticket holder's seat: taken back from the bot or from an earlier connection of the same ticket. */
  private claimSeat(p: PlayerState, index: number) {
    const seat = this.state.seats[index];
    if (!seat) return;
    const old = seat.player ? this.state.players.get(seat.player) : undefined;
    if (old && old !== p) this.unseat(old);
    this.seatPlayer(p, index);
  }

  private seatAvailable(index: number, p: PlayerState, type: ClientMessageType): ErrorReply | null {
    const seat = this.state.seats[index];
    if (!seat) return errorReply("no_such_seat", `${type}: no seat ${index}; seats are 0–${this.state.seats.length - 1}`, { type, field: "seat" });
    if (seat.player && seat.player !== p.sessionId) {
      return errorReply("seat_taken", `${type}: seat ${index} (${seat.company}) is taken by ${seat.playerName}`, { type, field: "seat" });
    }
    if (seat.bot) return errorReply("seat_taken", `${type}: seat ${index} (${seat.company}) is reserved for a bot (the host can removeBot)`, { type, field: "seat" });
    return null;
  }

  private onSettings(m: ClientMessage<"settings">): Reply {
    if (m.scenario !== undefined && !seeds.scenarios[m.scenario]) {
      return fail(errorReply("bad_settings", `settings: scenario: unknown "${m.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`, { type: "settings", field: "scenario" }));
    }
    if (m.seats !== undefined) {
      const r = resolveSeats(m.seats, seeds.profiles);
      if (!r.ok) return fail(errorReply("bad_settings", `settings: ${describeIssues(r.issues)}`, { type: "settings", issues: r.issues }));
      this.resolved = r.seats;
      this.layoutSeats();
    }
    this.applySettings(m);
    for (const p of this.state.players.values()) p.ready = false;
    return OK;
  }

  private onAddBot(m: ClientMessage<"addBot">): Reply {
    const seat = this.state.seats[m.seat];
    if (!seat) return fail(errorReply("no_such_seat", `addBot: no seat ${m.seat}; seats are 0–${this.state.seats.length - 1}`, { type: "addBot", field: "seat" }));
    if (seat.player) return fail(errorReply("seat_taken", `addBot: ${seat.playerName} sits at seat ${m.seat}: move them first (moveSeat)`, { type: "addBot", field: "seat" }));
    seat.bot = true;
    seat.playerName = "Bot";
    return OK;
  }

  private onRemoveBot(m: ClientMessage<"removeBot">): Reply {
    const seat = this.state.seats[m.seat];
    if (!seat) return fail(errorReply("no_such_seat", `removeBot: no seat ${m.seat}; seats are 0–${this.state.seats.length - 1}`, { type: "removeBot", field: "seat" }));
    if (!seat.bot) return fail(errorReply("no_such_seat", `removeBot: seat ${m.seat} has no bot`, { type: "removeBot", field: "seat" }));
    seat.bot = false;
    seat.playerName = "";
    return OK;
  }

  private onMoveSeat(m: ClientMessage<"moveSeat">): Reply {
    const target = this.state.players.get(m.player);
    if (!target) return fail(errorReply("no_such_player", `moveSeat: no player with session id "${m.player}"`, { type: "moveSeat", field: "player" }));
    return this.place(target, m.seat, "moveSeat");
  }

  private onStart(host: PlayerState): Reply {
    const problems: string[] = [];
    for (const seat of this.state.seats) {
      if (!seat.player && !seat.bot && !this.state.settings.bots) problems.push(`seat ${seat.index} (${seat.company}) has no player: add a bot or turn bots on`);
    }
    const notReady = [...this.state.players.values()].filter((p) => p.seat >= 0 && p !== host && !p.ready && p.connected);
    if (notReady.length > 0) problems.push(`not ready: ${notReady.map((p) => p.name).join(", ")}`);
    if (problems.length > 0) return fail(errorReply("not_ready", `start: ${problems.join("; ")}`, { type: "start" }));
    this.startGame();
    return OK;
  }

  private applySettings(m: Partial<ClientMessage<"settings">>) {
    const s = this.state.settings;
    if (m.scenario !== undefined) {
      s.scenario = m.scenario;
      // A new scenario brings its own length unless the host names one.
      if (m.rounds === undefined) s.rounds = seeds.scenarios[m.scenario].rounds;
    }
    if (m.rounds !== undefined) s.rounds = m.rounds;
    if (m.decideSeconds !== undefined) s.decideSeconds = m.decideSeconds;
    if (m.newsSeconds !== undefined) s.newsSeconds = m.newsSeconds;
    if (m.reportSeconds !== undefined) s.reportSeconds = m.reportSeconds;
    if (m.bots !== undefined) s.bots = m.bots;
    this.state.rounds = s.rounds;
  }

  /** (Re)builds the seats from the resolved specs, keeping players and bots where seats remain. */
  private layoutSeats() {
    const seats = this.state.seats;
    while (seats.length > this.resolved.length) {
      const gone = seats[seats.length - 1];
      const p = gone.player ? this.state.players.get(gone.player) : undefined;
      if (p) this.unseat(p);
      seats.pop();
      this.state.privates.delete(String(gone.index));
    }
    this.resolved.forEach((r, i) => {
      let seat = seats[i];
      if (!seat) {
        seat = new SeatState();
        seat.index = i;
        seats.push(seat);
        this.state.privates.set(String(i), new SeatPrivate());
      }
      seat.spec = r.spec;
      seat.profile = r.profile;
      seat.role = r.role;
      seat.company = r.name;
    });
  }

  private seatPlayer(p: PlayerState, index: number) {
    if (p.seat === index) return;
    this.unseat(p);
    const seat = this.state.seats[index];
    seat.player = p.sessionId;
    seat.playerName = p.name;
    seat.connected = p.connected;
    seat.bot = false;
    p.seat = index;
    p.ready = false;
    const view = this.views.get(p.sessionId);
    if (view) {
      view.add(this.priv(seat));
      this.refreshPrivate(seat);
    }
  }

  private unseat(p: PlayerState) {
    if (p.seat < 0) return;
    const seat = this.state.seats[p.seat];
    if (seat && seat.player === p.sessionId) {
      seat.player = "";
      seat.playerName = "";
      seat.connected = false;
      this.views.get(p.sessionId)?.remove(this.priv(seat));
    }
    p.seat = -1;
    p.ready = false;
  }

  // ---------------------------------------------------------------- host

  private hostPlayer(): PlayerState | undefined {
    const p = this.state.host ? this.state.players.get(this.state.host) : undefined;
    return p && p.host ? p : undefined;
  }

  private setHost(p: PlayerState) {
    const old = this.hostPlayer();
    if (old) old.host = false;
    p.host = true;
    this.state.host = p.sessionId;
  }

  /** The host role goes to another connected human when the host is gone or disconnected. */
  private passHostIfGone() {
    if (this.controller) return; // a classroom's market has no host among its players
    const h = this.hostPlayer();
    if (h && h.connected) return;
    const players = [...this.state.players.values()].filter((p) => p.connected && p !== h);
    const next = players.find((p) => p.seat >= 0) ?? players[0];
    if (next) this.setHost(next);
  }

  private setConnected(p: PlayerState, connected: boolean) {
    p.connected = connected;
    const seat = this.seatOf(p);
    if (seat) seat.connected = connected;
  }

  private priv(seat: SeatState): SeatPrivate {
    return this.state.privates.get(String(seat.index))!;
  }

  private seatOf(p: PlayerState): SeatState | undefined {
    const seat = p.seat >= 0 ? this.state.seats[p.seat] : undefined;
    return seat && seat.player === p.sessionId ? seat : undefined;
  }

  /**
   * Re-assigns the private fields so a view granted (or a connection resumed) mid-game gets
   * them: a field is sent to a new view only when it changes (schema#232).
   */
  private refreshPrivate(seat: SeatState) {
    const v = this.priv(seat);
    const sheet = v.sheet;
    v.sheet = sheet + " ";
    v.sheet = sheet;
    v.sheetRound = v.sheetRound;
    const book = v.book;
    v.book = book + " ";
    v.book = book;
  }

  // ---------------------------------------------------------------- the game

  private get setup() {
    return { ...seeds, scenario: seeds.scenarios[this.state.settings.scenario] };
  }

  private startGame() {
    const st = this.state;
    const seed = this.opts.seed ?? randomInt(2 ** 31 - 1);
    this.game = createGame(this.setup, this.resolved.map((r) => ({ profile: r.profile })), seed, { rounds: st.settings.rounds });
    // Out of matchmaking (joinOrCreate will not drop strangers into a running game), still open
    // by code or link to spectators and to late joiners who take a bot's seat.
    void this.setPrivate(true);
    this.game.companies.forEach((c, i) => {
      const seat = st.seats[i];
      seat.companyId = c.id;
      if (!seat.player) {
        seat.bot = true;
        seat.playerName = "Bot";
      }
      const cs = new CompanyState();
      cs.id = c.id;
      cs.name = c.name;
      cs.role = c.role;
      cs.profile = c.profile;
      cs.seat = i;
      st.companies.push(cs);
    });
    this.rounds = st.seats.map(() => ({ sheet: null, botSheet: null, accepts: [] }));
    this.publish([]);
    this.startNews();
  }

  private schedule(seconds: number, fn: () => void) {
    this.timer?.clear();
    const ms = Math.max(0, Math.round(seconds * 1000));
    this.pending = fn;
    if (this.state.paused) {
      this.pausedLeft = ms;
      this.state.deadline = 0;
      return;
    }
    this.state.deadline = Date.now() + ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.pending = null;
      fn();
    }, ms);
  }

  // ---------------------------------------------------------------- a classroom's pacing

  /** Hands the host powers to a classroom session: it seats students by ticket and paces the game. */
  manage(c: MarketController) {
    this.controller = c;
    // The session disposes its markets; one whose students have all left keeps running on bots.
    this.autoDispose = false;
    const host = this.hostPlayer();
    if (host) host.host = false;
    this.state.host = "";
    this.state.managed = true;
  }

  get managed(): boolean {
    return this.controller !== null;
  }

  /** The classroom renamed the student who plays this seat. */
  renameSeat(index: number, name: string): void {
    const seat = this.state.seats[index];
    const p = seat?.player ? this.state.players.get(seat.player) : undefined;
    if (!seat || !p) return;
    p.name = name;
    seat.playerName = name;
  }

  /** The classroom moved or removed the student of this seat: a bot plays it from now on. */
  releaseSeat(index: number): void {
    const seat = this.state.seats[index];
    const p = seat?.player ? this.state.players.get(seat.player) : undefined;
    if (p) this.unseat(p);
    if (seat && this.game) {
      seat.bot = true;
      seat.playerName = "Bot";
    }
  }

  /** Starts the game whoever is ready: bots take the seats whose students have not arrived. */
  startManaged(): string | null {
    if (this.state.phase !== "lobby") return "the game has already started";
    this.startGame();
    return null;
  }

  pause(): void {
    if (this.state.paused || !this.game || this.state.finished) return;
    this.state.paused = true;
    if (this.timer) {
      this.pausedLeft = Math.max(0, this.state.deadline - Date.now());
      this.timer.clear();
      this.timer = null;
    }
    this.state.deadline = 0;
  }

  resume(): void {
    if (!this.state.paused) return;
    this.state.paused = false;
    const fn = this.pending;
    if (fn) this.schedule(this.pausedLeft / 1000, fn);
  }

  /** More time for the current phase (paused or not). */
  addTime(seconds: number): void {
    if (!this.pending || !this.game || this.state.finished) return;
    if (this.state.paused) {
      this.pausedLeft += seconds * 1000;
      return;
    }
    const left = Math.max(0, this.state.deadline - Date.now());
    this.schedule(left / 1000 + seconds, this.pending);
  }

  /** Ends the current phase now: stragglers in the decide phase play their default sheet. */
  closePhase(): void {
    const fn = this.pending;
    if (!fn || !this.game || this.state.finished) return;
    this.timer?.clear();
    this.timer = null;
    this.pending = null;
    this.state.paused = false;
    fn();
  }

  /** A card from the deck joins the news of the quarter being played (or the next one). */
  injectCard(cardId: string): string | null {
    if (!this.game || this.state.finished) return "no game is running";
    if (this.state.phase === "resolve") return "the quarter is being resolved; try again in a moment";
    try {
      this.game = injectCard(this.setup, this.game, cardId);
    } catch (e) {
      return (e as Error).message;
    }
    this.state.news.clear();
    for (const id of this.game.news) this.state.news.push(id);
    return null;
  }

  /** Ends the game after the quarters already played: the scores stand as they are. */
  endNow(): void {
    if (!this.game || this.state.finished) return;
    this.timer?.clear();
    this.timer = null;
    this.pending = null;
    this.state.paused = false;
    this.game = endGameNow(this.game);
    this.publish([]);
    this.state.phase = "ended";
    this.state.finished = true;
    this.state.deadline = 0;
  }


  private startNews() {
    const g = this.game!;
    this.state.phase = "news";
    this.state.round = g.round + 1;
    this.schedule(this.state.settings.newsSeconds, () => this.startDecide());
  }

  private startDecide() {
    const g = this.game!;
    const st = this.state;
    st.phase = "decide";
    this.offers.clear();
    st.seats.forEach((seat, i) => {
      this.rounds[i] = { sheet: null, botSheet: null, accepts: [] };
      seat.submitted = false;
      this.priv(seat).sheet = "";
      this.priv(seat).sheetRound = 0;
      this.priv(seat).offersOut.clear();
      this.priv(seat).offersIn.clear();
    });
    // Bots answer at once: their sheets and offers now, then their answers to each other's offers
    // (the same calls, in the same order, as botRound: an all-bot room plays the engine's game).
    const bots = st.seats.filter((s) => !s.player && this.alive(s));
    for (const seat of bots) {
      const sheet = baselineSheet(g, seat.companyId);
      this.rounds[seat.index].botSheet = sheet;
      for (const o of sheet.offers) this.addOffer(seat, o);
      seat.submitted = true;
    }
    for (const seat of bots) {
      const incoming: { from: string; offer: Offer }[] = [];
      for (const from of bots) for (const o of this.rounds[from.index].botSheet!.offers) if (o.to === seat.companyId) incoming.push({ from: from.companyId, offer: o });
      for (const key of respond(g, seat.companyId, incoming)) this.answer(seat, key, true);
    }
    for (const seat of st.seats) if (!this.alive(seat)) seat.submitted = true;
    this.schedule(st.settings.decideSeconds, () => this.endDecide());
    this.checkAllSubmitted();
  }

  private alive(seat: SeatState): boolean {
    return !!this.game && !this.game.companies[seat.index].bankrupt;
  }

  /**
   * Ends the decide phase early when every connected human seat has submitted. When the only
   * humans are dropped ones, the timer runs on (a blip must not fast-forward the game); a game
   * of bots alone (a spectating host) goes at once.
   */
  private checkAllSubmitted() {
    if (this.state.phase !== "decide") return;
    const alive = this.state.seats.filter((s) => this.alive(s));
    const connected = alive.filter((s) => s.player && s.connected);
    const botsOnly = alive.every((s) => !s.player);
    if (connected.some((s) => !s.submitted)) return;
    if (connected.length === 0 && !botsOnly) return;
    this.schedule(0, () => this.endDecide());
  }

  private seatByCompany(id: string): SeatState | undefined {
    return this.state.seats.find((s) => s.companyId === id);
  }

  private addOffer(from: SeatState, offer: Offer): LiveOffer {
    const key = offerKey(from.companyId, offer.id);
    const to = this.seatByCompany(offer.to);
    const make = () => {
      const o = new OfferState();
      o.key = key;
      o.id = offer.id;
      o.from = from.companyId;
      o.to = offer.to;
      o.kind = offer.kind;
      o.json = JSON.stringify(offer);
      o.status = "open";
      return o;
    };
    const live: LiveOffer = { key, from: from.companyId, to: offer.to, offer, status: "open", out: make(), in: to ? make() : null };
    this.priv(from).offersOut.push(live.out);
    if (to && live.in) this.priv(to).offersIn.push(live.in);
    this.offers.set(key, live);
    return live;
  }

  /** Records an answer to an offer addressed to `seat`. */
  private answer(seat: SeatState, key: string, accept: boolean) {
    const live = this.offers.get(key);
    if (!live) return;
    const round = this.rounds[seat.index];
    const i = round.accepts.indexOf(key);
    if (accept && i < 0) round.accepts.push(key);
    if (!accept && i >= 0) round.accepts.splice(i, 1);
    live.status = accept ? "accepted" : "rejected";
    live.out.status = live.status;
    if (live.in) live.in.status = live.status;
  }

  private mySeat(p: PlayerState, type: ClientMessageType): { seat: SeatState } | { error: ErrorReply } {
    const seat = this.seatOf(p);
    if (!seat) return { error: errorReply("not_seated", `${type}: you have no seat in this game (spectator)`, { type }) };
    if (!this.alive(seat)) return { error: errorReply("not_seated", `${type}: ${seat.company} is bankrupt and can no longer place orders`, { type }) };
    return { seat };
  }

  private onSubmitSheet(p: PlayerState, m: ClientMessage<"submitSheet">): Reply {
    const me = this.mySeat(p, "submitSheet");
    if ("error" in me) return fail(me.error);
    const r = checkSubmittedSheet(this.game!, me.seat.companyId, m.sheet);
    if (!r.ok) return fail(r.error);
    this.rounds[me.seat.index].sheet = r.sheet;
    this.priv(me.seat).sheet = JSON.stringify(r.sheet);
    this.priv(me.seat).sheetRound = this.state.round;
    me.seat.submitted = true;
    this.checkAllSubmitted();
    return OK;
  }

  private onPropose(p: PlayerState, m: ClientMessage<"proposeOffer">): Reply {
    const me = this.mySeat(p, "proposeOffer");
    if ("error" in me) return fail(me.error);
    const mine = [...this.offers.values()].filter((o) => o.from === me.seat.companyId).map((o) => o.offer);
    const r = checkProposedOffer(this.game!, me.seat.companyId, m.offer, mine);
    if (!r.ok) return fail(r.error);
    const live = this.addOffer(me.seat, m.offer);
    // A bot (or a dropped player's bot) at the other end answers at once.
    const to = this.seatByCompany(m.offer.to);
    if (to && !to.player && this.alive(to)) {
      const yes = this.rounds[to.index].accepts.length < MAX_ACCEPTS && respond(this.game!, to.companyId, [{ from: me.seat.companyId, offer: m.offer }]).includes(live.key);
      this.answer(to, live.key, yes);
    }
    return OK;
  }

  private onWithdraw(p: PlayerState, m: ClientMessage<"withdrawOffer">): Reply {
    const me = this.mySeat(p, "withdrawOffer");
    if ("error" in me) return fail(me.error);
    const key = offerKey(me.seat.companyId, m.id);
    const live = this.offers.get(key);
    if (!live) return fail(errorReply("no_such_offer", `withdrawOffer: you have no offer "${m.id}" this quarter`, { type: "withdrawOffer", field: "id" }));
    const to = this.seatByCompany(live.to);
    if (to) {
      const r = this.rounds[to.index];
      r.accepts = r.accepts.filter((k) => k !== key);
      removeFrom(this.priv(to).offersIn, live.in);
    }
    removeFrom(this.priv(me.seat).offersOut, live.out);
    this.offers.delete(key);
    return OK;
  }

  private onAnswer(p: PlayerState, key: string, accept: boolean): Reply {
    const type = accept ? "acceptOffer" : "rejectOffer";
    const me = this.mySeat(p, type);
    if ("error" in me) return fail(me.error);
    const live = this.offers.get(key);
    if (!live || live.to !== me.seat.companyId) {
      const open = [...this.offers.values()].filter((o) => o.to === me.seat.companyId).map((o) => o.key);
      return fail(errorReply("no_such_offer", `${type}: no offer "${key}" addressed to you this quarter; yours: ${open.join(", ") || "none"}`, { type, field: "key" }));
    }
    if (accept && live.status !== "accepted" && this.rounds[me.seat.index].accepts.length >= MAX_ACCEPTS) {
      return fail(errorReply("bad_offer", `acceptOffer: at most ${MAX_ACCEPTS} accepted offers a quarter`, { type, field: "key" }));
    }
    this.answer(me.seat, key, accept);
    return OK;
  }

  /** The round's orders: submitted sheets, bots' sheets, and the offers made and accepted during the phase. */
  private composeOrders(): Record<string, unknown> {
    const g = this.game!;
    const orders: Record<string, unknown> = {};
    for (const seat of this.state.seats) {
      if (!this.alive(seat)) continue;
      const id = seat.companyId;
      const round = this.rounds[seat.index];
      const offers = [...this.offers.values()].filter((o) => o.from === id).map((o) => o.offer);
      let accepts = round.accepts.filter((k) => this.offers.get(k)?.status === "accepted");
      let base: OrderSheet | null = round.sheet ?? round.botSheet;
      const humanHere = seat.player && seat.connected;
      if (!base && !humanHere) {
        // A seat without its player (gone, or dropped and not back): the bot decides, and answers
        // the offers still open.
        base = baselineSheet(g, id);
        const open = [...this.offers.values()].filter((o) => o.to === id && o.status === "open").map((o) => ({ from: o.from, offer: o.offer }));
        for (const key of respond(g, id, open)) if (accepts.length < MAX_ACCEPTS && !accepts.includes(key)) accepts.push(key);
        accepts = accepts.slice(0, MAX_ACCEPTS);
      }
      if (!base) {
        if (offers.length === 0 && accepts.length === 0) continue; // the engine's default sheet
        base = defaultSheet(g, id);
      }
      orders[id] = { ...base, offers, accept: accepts };
    }
    return orders;
  }

  private endDecide() {
    if (this.state.phase !== "decide" || !this.game) return;
    this.timer?.clear();
    this.state.phase = "resolve";
    this.state.deadline = 0;
    const g = this.game;
    let sheets: Record<string, OrderSheet>;
    let r: ReturnType<typeof resolveRound>;
    try {
      sheets = this.prepare(g, this.composeOrders());
      r = resolveRound(this.setup, g, sheets);
    } catch (e) {
      // Never stall a room: an engine failure on the players' orders falls back to every seat's
      // default sheet; if even that fails, the game ends where it is.
      console.error(`room ${this.roomId}: round ${g.round + 1} failed to resolve; default sheets instead`, e);
      try {
        sheets = prepareOrders(g, {});
        r = resolveRound(this.setup, g, sheets);
      } catch (e2) {
        console.error(`room ${this.roomId}: round ${g.round + 1} cannot be resolved; the game ends`, e2);
        this.state.phase = "ended";
        this.state.finished = true;
        return;
      }
    }
    this.orderLog.push(sheets);
    this.game = r.state;
    this.publish(r.events);
    this.controller?.onRound({ round: r.state.round, sheets, state: r.state, events: r.events });
    if (r.state.finished) {
      this.state.phase = "ended";
      this.state.finished = true;
      this.state.deadline = 0;
      return;
    }
    this.state.phase = "report";
    this.schedule(this.state.settings.reportSeconds, () => this.startNews());
  }

  /**
   * The engine's prepareOrders, made total: a seat whose orders fail the checks (which the edge
   * checks should prevent) plays its default sheet, so a round always resolves.
   */
  private prepare(g: GameState, orders: Record<string, unknown>): Record<string, OrderSheet> {
    let o = orders;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return prepareOrders(g, o);
      } catch (e) {
        if (!(e instanceof OrderError)) throw e;
        console.error(`room ${this.roomId}: round ${g.round + 1}: orders refused by the engine, default sheets instead: ${e.message}`);
        const bad = new Set(e.issues.map((i) => i.company));
        const next: Record<string, unknown> = {};
        for (const [id, sh] of Object.entries(o)) {
          if (bad.has(id)) continue;
          const s = sh as OrderSheet;
          next[id] = { ...s, accept: s.accept.filter((k) => !bad.has(k.split("/")[0])) };
        }
        o = next;
      }
    }
    return prepareOrders(g, {});
  }

  /** Copies the engine's public figures into the synchronized state. */
  private publish(events: GameEvent[]) {
    const g = this.game!;
    const st = this.state;
    const mac = g.macro;
    const m = st.macro;
    m.benchmark = mac.benchmark;
    m.igSpread = mac.igSpread;
    m.hySpread = mac.hySpread;
    m.hype = mac.hype;
    m.demandGw = last(g.history.demandGw);
    m.capacityGw = last(g.history.capacityGw);
    m.gpuSpot = mac.gpuSpot;
    m.computePrice = mac.computePrice;
    m.utilisation = mac.utilisation;
    m.energyGw = mac.energyGw * mac.energyFactor;
    m.generation = mac.generation;
    m.creditAppetite = mac.creditAppetite;
    m.labsCash = g.labs.cash;
    m.labsRevenue = g.labs.revenue;
    m.labsCommitmentsGw = g.labs.commitmentsGw;
    m.labsMissedPayments = g.labs.missedPayments;
    m.labsDistressed = g.labs.distressed;
    m.defaults = g.history.defaults;
    m.marginCalls = g.history.marginCalls;
    const sc = new Map(scores(g).map((s) => [s.id, s.score]));
    g.companies.forEach((c, i) => {
      const cs = st.companies[i];
      const bs = balanceSheet(g, c);
      cs.price = c.price;
      cs.startPrice = c.startPrice;
      cs.fundamental = c.fundamental;
      cs.marketCap = marketCap(c);
      cs.cash = c.cash;
      cs.debt = bs.debt;
      cs.offBalanceDebt = bs.offBalanceDebt;
      cs.equityBook = c.equityBook;
      cs.revenue = c.last.revenue;
      cs.aiRevenue = c.last.aiRevenue;
      cs.ebitda = c.last.ebitda;
      cs.netIncome = c.last.netIncome;
      cs.capex = c.last.capex;
      cs.gw = c.dcGw;
      cs.lots = chipLots(c);
      cs.credibility = c.credibility;
      cs.listPrice = c.fab?.listPrice ?? 0;
      cs.fabLots = c.fab?.capLots ?? 0;
      cs.vendorPct = c.fab?.vendorPct ?? 0;
      cs.bankrupt = c.bankrupt;
      cs.leverage = Math.min(leverage(g, c), 99);
      cs.rating = rating(g, c);
      const l = ltv(g, c);
      cs.ltv = Number.isFinite(l) ? l : 99;
      const lim = maxLtvOf(g, c.id);
      cs.maxLtv = Number.isFinite(lim) ? lim : 0;
      cs.score = sc.get(c.id) ?? 0;
      const path = g.history.prices[c.id] ?? [];
      for (let k = cs.prices.length; k < path.length; k++) cs.prices.push(path[k]);
    });
    for (let k = st.hype.length; k < g.history.hype.length; k++) st.hype.push(g.history.hype[k]);
    st.news.clear();
    for (const id of g.news) st.news.push(id);
    const eventState = (e: GameEvent) => {
      const es = new EventState();
      es.round = e.round;
      es.type = e.type;
      es.mechanism = e.mechanism;
      es.company = e.company ?? "";
      es.data = JSON.stringify(e.data);
      return es;
    };
    st.events.clear();
    for (const e of events.slice(0, MAX_EVENTS)) st.events.push(eventState(e));
    for (const e of events) if (MOMENT_TYPES.has(e.type) && st.moments.length < MAX_MOMENTS) st.moments.push(eventState(e));
    // Each seat's own book (sent to that seat only).
    for (const seat of st.seats) if (seat.companyId) this.priv(seat).book = JSON.stringify(seatBook(g, seat.companyId));
    st.stateHash = stateHash(g);
  }

  /** The engine state (tests, replays). */
  get engineState(): GameState | null {
    return this.game;
  }
}

function last(xs: number[]): number {
  return xs.length ? xs[xs.length - 1] : 0;
}

function removeFrom<T>(arr: { indexOf(x: T): number; splice(i: number, n: number): unknown }, x: T | null) {
  if (x === null) return;
  const i = arr.indexOf(x);
  if (i >= 0) arr.splice(i, 1);
}

function approxBytes(x: unknown): number {
  try {
    return JSON.stringify(x ?? null)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled message ${String(x)}`);
}
