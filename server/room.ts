// The market room: a thin adapter between Colyseus and the rules. Each client message goes
// through one parse at the edge (receive.ts, then the protocol's zod schema), then through the
// table below to one handler that calls the shared rules (the offer book, the order composition,
// the phase clock, the engine) and mirrors the result into the synchronized state. The room
// records its game as it goes (store/rooms.ts), so a restart brings it back under the same code.
import { createHash, randomBytes, randomInt } from "node:crypto";
import { ClientState, CloseCode, ErrorCode, Room, ServerError, type Client, type Delayed, type RoomException } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { defaultSheet, endGameNow, injectCard, resolveRound, stateHash, type GameEvent, type GameState, type OrderSheet } from "../shared/src/index.ts";
import {
  checkSubmittedSheet,
  CLIENT_MESSAGE_TYPES,
  CreateOptions,
  describeIssues,
  errorReply,
  HOST_MESSAGES,
  JoinOptions,
  MESSAGE_PHASE,
  messageTypeName,
  parseClientMessage,
  resolveSeats,
  zodIssues,
  type ClientMessage,
  type ClientMessageType,
  type ErrorReply,
  type Phase,
  type ResolvedSeat,
} from "../shared/src/protocol/index.ts";
import * as clock from "../shared/src/room/clock.ts";
import { OfferBook, type BookOffer } from "../shared/src/room/offers.ts";
import { botAnswersNow, botsOpen, composeOrders, prepareTotal } from "../shared/src/room/orders.ts";
import { applyStep, GameStep, ReplayError, setupOf, startGame, type GameStart } from "../shared/src/room/record.ts";
import { SavedMarket, type MarketSummary, type SavedTicket } from "../shared/src/room/saved.ts";
import { DEFAULT_SCENARIO, DEFAULT_SEATS, seeds } from "../seeds/index.ts";
import { roundRows } from "./classroom/rounds.ts";
import type { SessionStore } from "./classroom/store.ts";
import { claimRoomCode, newRoomCode, releaseRoomCode } from "./codes.ts";
import { joinPath } from "./http.ts";
import { addCompanies, offerState, publishGame, publishNews } from "./market/mirror.ts";
import { fail, listen, OK, type Reply } from "./receive.ts";
import { isShuttingDown, takeRestoreTicket } from "./restore.ts";
import type { RoomStore } from "./store/rooms.ts";
import { MarketState, MacroState, PlayerState, SeatPrivate, SeatState, SettingsState } from "../shared/src/state/market.ts";

/** Server-side settings of every room (not the client's to choose). */
export interface RoomConfig {
  /** How long a dropped player's seat is held for reconnection (a bot plays it meanwhile). */
  reconnectSeconds: number;
  /** A client sending more messages than this in a second is disconnected. */
  maxMessagesPerSecond: number;
  /** Larger messages are refused with "too_large" (the transport drops anything past its own cap). */
  maxMessageBytes: number;
  /** How long a seat reservation (an HTTP join not yet followed by its WebSocket) holds a place. */
  seatReservationSeconds: number;
  /** A connection that has not completed its join after this long is closed (it holds no seat, and leaves no trace). */
  handshakeSeconds: number;
}

export const DEFAULT_ROOM_CONFIG: RoomConfig = { reconnectSeconds: 120, maxMessagesPerSecond: 20, maxMessageBytes: 8 * 1024, seatReservationSeconds: 15, handshakeSeconds: 20 };

/** Closes a connection that never completed its join (a script holding sockets open): its onLeave cleans up. */
export function closeIfHalfOpen(room: Room, client: Client, seconds: number): void {
  room.clock.setTimeout(() => {
    if (client.state !== ClientState.JOINING) return;
    client.userData = { ...(client.userData as object | undefined), halfOpen: true };
    client.leave(CloseCode.CONSENTED);
  }, seconds * 1000);
}

/** Live market rooms of this process, for /healthz and the shutdown. */
export const liveRooms = new Set<MarketRoom>();

export const hashSecret = (key: string) => createHash("sha256").update(key).digest("hex");
const newSecret = () => randomBytes(18).toString("base64url");

/** A player the room knows by its key: who it is and where it sits, connected or not. */
interface Known {
  keyHash: string;
  name: string;
  seat: number;
  host: boolean;
  /** Its connection's session id, "" while away. */
  sessionId: string;
  /** When it went away (epoch ms; 0 while connected): its seat is held for it for reconnectSeconds. */
  awaySince: number;
}

/** Who a joining client is, decided in onAuth (nothing changes before the join goes through). */
type Arrival = { kind: "new" } | { kind: "back"; known: Known } | { kind: "ticket"; ticket: SavedTicket; ticketHash: string };

/** A class session's market: which session, which market, and the students' tickets. */
interface Managed {
  session: string;
  market: number;
  lang: "en" | "fr";
  tickets: Map<string, SavedTicket>;
}

type Handler = (room: MarketRoom, p: PlayerState, data: never) => Reply;

/** Every client message and the handler it goes to (the message's shape is parsed before). */
const HANDLERS: { [K in ClientMessageType]: (room: MarketRoom, p: PlayerState, data: ClientMessage<K>) => Reply } = {
  setName: (r, p, m) => r.rename(p, m.name),
  chooseSeat: (r, p, m) => r.place(p, m.seat, "chooseSeat"),
  ready: (r, p, m) => r.setReady(p, m.ready),
  takeSeat: (r, p, m) => r.takeSeat(p, m.seat),
  settings: (r, _p, m) => r.changeSettings(m),
  addBot: (r, _p, m) => r.addBot(m.seat),
  removeBot: (r, _p, m) => r.removeBot(m.seat),
  moveSeat: (r, _p, m) => r.moveSeat(m.player, m.seat),
  start: (r, p) => r.startByHost(p),
  submitSheet: (r, p, m) => r.submit(p, m.sheet),
  proposeOffer: (r, p, m) => r.propose(p, m.offer),
  withdrawOffer: (r, p, m) => r.withdraw(p, m.id),
  acceptOffer: (r, p, m) => r.answer(p, m.key, true),
  rejectOffer: (r, p, m) => r.answer(p, m.key, false),
};

export class MarketRoom extends Room<{ state: MarketState }> {
  config: RoomConfig = DEFAULT_ROOM_CONFIG;
  /** Set by the server: where live rooms are recorded (null: nowhere, nothing survives a restart). */
  store: RoomStore | null = null;
  /** Set by the server: where a class session's quarters are recorded for its export. */
  sessions: SessionStore | null = null;
  /** Seats, spectators and pending reservations: room enough that a burst of reservations cannot lock friends out. */
  override maxClients = 64;

  private seatSpecs: string[] = [];
  private resolved: ResolvedSeat[] = [];
  private seed: number | undefined;
  private botSeats = new Set<number>();
  private secret = newSecret();
  private start: GameStart | null = null;
  private game: GameState | null = null;
  private steps = 0;
  private phaseClock: clock.PhaseClock = clock.idleClock();
  private timer: Delayed | null = null;
  private managed: Managed | null = null;
  private book = new OfferBook();
  /** This quarter's sheets by seat: submitted by the player, or written by the bot when the phase opened. */
  private sheets: (OrderSheet | null)[] = [];
  private botSheets: (OrderSheet | null)[] = [];
  private known = new Map<string, Known>();
  /** Each player's view, by session id (it outlives a connection: a reconnected client keeps it). */
  private views = new Map<string, StateView>();
  /** The last summary sent to the class session (a monitor update goes out only when it changes). */
  private lastSummary = "";
  /** The last setup written to the store (a save goes out only when it changes). */
  private lastSaved = "";
  /** When the room was restored from the store (0: created here). */
  private restoredAt = 0;

  override async onCreate(options: unknown) {
    this.maxMessagesPerSecond = this.config.maxMessagesPerSecond;
    this.seatReservationTimeout = this.config.seatReservationSeconds;
    const restoring = takeRestoreTicket(options);
    if (restoring) this.restore(restoring);
    else await this.createNew(options);
    listen(this, CLIENT_MESSAGE_TYPES, "room", (client, type, payload) => this.handle(client, type, payload));
    liveRooms.add(this);
  }

  private async createNew(options: unknown) {
    const parsed = CreateOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid room options: ${describeIssues(zodIssues(parsed.error))}`);
    const opts = parsed.data;
    if (opts.scenario !== undefined && !seeds.scenarios[opts.scenario]) {
      throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid room options: scenario: unknown "${opts.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`);
    }
    const specs = opts.seats ?? DEFAULT_SEATS;
    const seats = resolveSeats(specs, seeds.profiles);
    if (!seats.ok) throw new ServerError(ErrorCode.APPLICATION_ERROR, `invalid room options: ${describeIssues(seats.issues)}`);
    this.seatSpecs = [...specs];
    this.resolved = seats.seats;
    this.seed = opts.seed;
    this.roomId = await newRoomCode(this.presence);
    if (opts.private) await this.setPrivate(true);
    const scenario = seeds.scenarios[opts.scenario ?? DEFAULT_SCENARIO];
    this.initState(opts.private);
    this.applySettings({
      scenario: scenario.id,
      rounds: opts.rounds ?? scenario.rounds,
      decideSeconds: opts.decideSeconds,
      newsSeconds: opts.newsSeconds,
      reportSeconds: opts.reportSeconds,
      bots: opts.bots,
    });
    this.layoutSeats();
    this.save();
  }

  private initState(isPrivate: boolean) {
    const st = new MarketState();
    st.code = this.roomId;
    st.link = joinPath(this.roomId);
    st.settings = new SettingsState();
    st.macro = new MacroState();
    st.settings.private = isPrivate;
    this.state = st;
  }

  /**
   * Whatever throws in a timer or a lifecycle hook is logged here and stops there: it never ends
   * the process or the room (message handlers answer the sender themselves, see receive.ts).
   */
  override onUncaughtException(e: RoomException, method: string) {
    // A refused join (a wrong key, a market without a ticket) is the joiner's answer, not a failure.
    if (method === "onAuth" && e.cause instanceof ServerError) return;
    console.error(`room ${this.roomId}: ${method} failed`, e.cause ?? e);
  }

  override async onDispose() {
    liveRooms.delete(this);
    this.timer?.clear();
    // A shutdown keeps the record (the room comes back on the next start); anything else ends it.
    if (!isShuttingDown()) {
      this.store?.remove(this.roomId);
      await releaseRoomCode(this.presence, this.roomId);
    }
  }

  // ---------------------------------------------------------------- who joins

  /** Decides who the client is before it joins: a refused key or ticket changes nothing. */
  override onAuth(_client: Client, options: unknown): Arrival {
    const o = JoinOptions.safeParse(options ?? {});
    if (!o.success) throw new ServerError(ErrorCode.AUTH_FAILED, `invalid join options: ${describeIssues(zodIssues(o.error))}`);
    const { ticket, playerKey } = o.data;
    if (this.managed) {
      // A class market seats the session's students only, each with the ticket it was given.
      const hash = ticket ? hashSecret(ticket) : "";
      const t = this.managed.tickets.get(hash);
      if (!t) throw new ServerError(ErrorCode.AUTH_FAILED, "this market belongs to a class session: join the session with its code, it gives you your seat");
      return { kind: "ticket", ticket: t, ticketHash: hash };
    }
    if (playerKey !== undefined) {
      const known = this.known.get(hashSecret(playerKey));
      if (!known) throw new ServerError(ErrorCode.AUTH_FAILED, `this player key opens no seat in room ${this.roomId}`);
      if (known.sessionId && this.clients.some((c) => c.sessionId === known.sessionId)) {
        throw new ServerError(ErrorCode.AUTH_FAILED, "this player is connected from another page: close it, or wait a few seconds and try again");
      }
      return { kind: "back", known };
    }
    return { kind: "new" };
  }

  override onJoin(client: Client, options: unknown, auth: Arrival) {
    const o = JoinOptions.safeParse(options ?? {});
    const p = new PlayerState();
    p.sessionId = client.sessionId;
    p.connected = true;
    client.view = new StateView();
    this.views.set(client.sessionId, client.view);
    if (auth.kind === "ticket") {
      p.name = auth.ticket.name;
      this.state.players.set(client.sessionId, p);
      this.claimSeat(p, auth.ticket.seat);
    } else if (auth.kind === "back") {
      const k = auth.known;
      // Its previous connection may still be held for reconnection: this one replaces it.
      const old = k.sessionId ? this.state.players.get(k.sessionId) : undefined;
      if (old) this.forget(old);
      k.sessionId = client.sessionId;
      k.awaySince = 0;
      p.name = k.name;
      this.state.players.set(client.sessionId, p);
      if (k.host || !this.hostPlayer()) this.setHost(p);
      this.reseat(p, k);
    } else {
      const key = newSecret();
      const k: Known = { keyHash: hashSecret(key), name: o.success && o.data.name ? o.data.name : `Player ${this.known.size + 1}`, seat: -1, host: false, sessionId: client.sessionId, awaySince: 0 };
      this.known.set(k.keyHash, k);
      p.name = k.name;
      this.state.players.set(client.sessionId, p);
      client.send("playerKey", { key });
      // After a restart the host's chair waits for the host a while: a newcomer does not take it.
      if (!this.hostPlayer() && !this.hostAway()) this.setHost(p);
      // In the lobby a newcomer sits at the first free seat; once the game runs it watches, and may
      // take over a bot's seat between two quarters (takeSeat).
      const free = this.state.phase === "lobby" ? this.state.seats.find((s) => !s.player && !s.bot) : undefined;
      if (free) this.seatPlayer(p, free.index);
      closeIfHalfOpen(this, client, this.config.handshakeSeconds);
    }
    this.changed();
  }

  /** Drops a player's earlier connection from the state without handing its seat to a bot. */
  private forget(old: PlayerState) {
    const seat = this.seatOf(old);
    if (seat) {
      seat.player = "";
      seat.connected = false;
      this.views.get(old.sessionId)?.remove(this.priv(seat));
    }
    if (old.host) this.state.host = "";
    this.state.players.delete(old.sessionId);
    this.views.get(old.sessionId)?.dispose();
    this.views.delete(old.sessionId);
  }

  /** A player back with its key sits where it sat, if that seat is still its to take. */
  private reseat(p: PlayerState, k: Known) {
    const seat = this.state.seats[k.seat];
    if (!seat) return;
    if (this.state.phase === "lobby") {
      if (!seat.player && !seat.bot) this.seatPlayer(p, seat.index);
    } else if (!seat.player && this.alive(seat)) {
      this.seatPlayer(p, seat.index);
    }
  }

  /**
   * A reconnection token that belongs to a live connection does not evict it (Colyseus would close
   * the live player and hand the seat to whoever sent the token): it is refused, and the SDK retries
   * until the old socket is found dead and its seat held for reconnection.
   */
  override checkReconnectionToken(token: string): string {
    // Colyseus reads a falsy answer as "invalid or expired": the newcomer is refused, the live player plays on.
    if (this.clients.some((c) => c.reconnectionToken === token)) return undefined as unknown as string;
    return super.checkReconnectionToken(token);
  }

  override onDrop(client: Client, code?: number) {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    // Refused by the framework (flooding, a malformed frame), or the server is shutting down:
    // no seat is held; onLeave follows.
    if (code === CloseCode.WITH_ERROR || code === CloseCode.SERVER_SHUTDOWN) return;
    this.setConnected(p, false);
    const k = this.knownBySession(client.sessionId);
    if (k) k.awaySince = Date.now();
    // Rejected when the hold expires or the room is disposed; onLeave handles both.
    Promise.resolve(this.allowReconnection(client, this.config.reconnectSeconds)).catch(() => {});
    this.passHostIfGone();
    this.checkAllSubmitted();
    this.changed();
  }

  override onReconnect(client: Client) {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    this.setConnected(p, true);
    const k = this.knownBySession(client.sessionId);
    if (k) k.awaySince = 0;
    if (!this.hostPlayer() && !this.managed) this.setHost(p);
    const seat = this.seatOf(p);
    if (seat) this.refreshPrivate(seat);
    this.changed();
  }

  override onLeave(client: Client, code?: number) {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    if (isShuttingDown()) return; // the record keeps every seat as it was
    const seat = this.seatOf(p);
    if (this.state.phase === "lobby") {
      if (seat) this.unseat(p);
    } else if (seat) {
      // A bot plays the seat until its player comes back with its key.
      seat.player = "";
      seat.playerName = "Bot";
      seat.bot = true;
      seat.connected = false;
    }
    this.state.players.delete(client.sessionId);
    this.views.get(client.sessionId)?.dispose();
    this.views.delete(client.sessionId);
    const k = this.knownBySession(client.sessionId);
    // Gone from the lobby, gone on purpose, or a spectator: nothing to come back to, the key is
    // forgotten (and a bot plays the seat in full). Dropped from a game: the key still opens the
    // seat, held for it a while, which a bot plays meanwhile.
    if (k && (this.state.phase === "lobby" || code === CloseCode.CONSENTED || k.seat < 0)) this.known.delete(k.keyHash);
    else if (k) {
      k.sessionId = "";
      k.awaySince ||= Date.now();
    }
    if (p.host) {
      p.host = false;
      this.state.host = "";
    }
    this.passHostIfGone();
    this.checkAllSubmitted();
    this.changed();
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
    const r = (HANDLERS[t] as Handler)(this, p, m.data as never);
    if (r.ok) this.changed();
    return r;
  }

  // ---------------------------------------------------------------- lobby

  rename(p: PlayerState, name: string): Reply {
    p.name = name;
    const seat = this.seatOf(p);
    if (seat) seat.playerName = name;
    const k = this.knownBySession(p.sessionId);
    if (k) k.name = name;
    return OK;
  }

  setReady(p: PlayerState, ready: boolean): Reply {
    p.ready = ready;
    return OK;
  }

  /** Seats a player (or stands it up with null) if the seat is free. */
  place(p: PlayerState, seat: number | null, type: ClientMessageType): Reply {
    if (seat === null) {
      this.unseat(p);
      return OK;
    }
    const err = this.seatAvailable(seat, p, type);
    if (err) return fail(err);
    this.seatPlayer(p, seat);
    return OK;
  }

  takeSeat(p: PlayerState, index: number): Reply {
    const seat = this.state.seats[index];
    if (!seat) return fail(errorReply("no_such_seat", `takeSeat: no seat ${index}; seats are 0–${this.state.seats.length - 1}`, { type: "takeSeat", field: "seat" }));
    if (this.seatOf(p)) return fail(errorReply("already_seated", `takeSeat: you already play seat ${p.seat}`, { type: "takeSeat", field: "seat" }));
    if (this.managed) return fail(errorReply("seat_taken", "takeSeat: in a class session the teacher's console places students", { type: "takeSeat", field: "seat" }));
    if (seat.player || !seat.bot) {
      return fail(errorReply("seat_taken", `takeSeat: seat ${index} (${seat.company}) is played by ${seat.playerName || "someone"}; only a bot's seat can be taken`, { type: "takeSeat", field: "seat" }));
    }
    if (this.held(index)) {
      return fail(errorReply("seat_taken", `takeSeat: seat ${index} (${seat.company}) is held for its player, who may come back within ${this.config.reconnectSeconds} s; take another bot's seat`, { type: "takeSeat", field: "seat" }));
    }
    if (!this.alive(seat)) return fail(errorReply("seat_bankrupt", `takeSeat: ${seat.company} is bankrupt; choose a company still in the game`, { type: "takeSeat", field: "seat" }));
    this.seatPlayer(p, index);
    return OK;
  }

  changeSettings(m: ClientMessage<"settings">): Reply {
    if (m.scenario !== undefined && !seeds.scenarios[m.scenario]) {
      return fail(errorReply("bad_settings", `settings: scenario: unknown "${m.scenario}"; known: ${Object.keys(seeds.scenarios).join(", ")}`, { type: "settings", field: "scenario" }));
    }
    if (m.seats !== undefined) {
      const r = resolveSeats(m.seats, seeds.profiles);
      if (!r.ok) return fail(errorReply("bad_settings", `settings: ${describeIssues(r.issues)}`, { type: "settings", issues: r.issues }));
      this.seatSpecs = [...m.seats];
      this.resolved = r.seats;
      this.layoutSeats();
    }
    this.applySettings(m);
    for (const p of this.state.players.values()) p.ready = false;
    return OK;
  }

  addBot(index: number): Reply {
    const seat = this.state.seats[index];
    if (!seat) return fail(errorReply("no_such_seat", `addBot: no seat ${index}; seats are 0–${this.state.seats.length - 1}`, { type: "addBot", field: "seat" }));
    if (seat.player) return fail(errorReply("seat_taken", `addBot: ${seat.playerName} sits at seat ${index}: move them first (moveSeat)`, { type: "addBot", field: "seat" }));
    seat.bot = true;
    seat.playerName = "Bot";
    this.botSeats.add(index);
    return OK;
  }

  removeBot(index: number): Reply {
    const seat = this.state.seats[index];
    if (!seat) return fail(errorReply("no_such_seat", `removeBot: no seat ${index}; seats are 0–${this.state.seats.length - 1}`, { type: "removeBot", field: "seat" }));
    if (!seat.bot) return fail(errorReply("no_such_seat", `removeBot: seat ${index} has no bot`, { type: "removeBot", field: "seat" }));
    seat.bot = false;
    seat.playerName = "";
    this.botSeats.delete(index);
    return OK;
  }

  moveSeat(player: string, seat: number | null): Reply {
    const target = this.state.players.get(player);
    if (!target) return fail(errorReply("no_such_player", `moveSeat: no player with session id "${player}"`, { type: "moveSeat", field: "player" }));
    return this.place(target, seat, "moveSeat");
  }

  startByHost(host: PlayerState): Reply {
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

  // ---------------------------------------------------------------- decide phase

  submit(p: PlayerState, sheet: unknown): Reply {
    const me = this.mySeat(p, "submitSheet");
    if ("error" in me) return fail(me.error);
    const r = checkSubmittedSheet(this.game!, me.seat.companyId, sheet);
    if (!r.ok) return fail(r.error);
    this.sheets[me.seat.index] = r.sheet;
    this.priv(me.seat).sheet = JSON.stringify(r.sheet);
    this.priv(me.seat).sheetRound = this.state.round;
    me.seat.submitted = true;
    this.checkAllSubmitted();
    return OK;
  }

  propose(p: PlayerState, offer: ClientMessage<"proposeOffer">["offer"]): Reply {
    const me = this.mySeat(p, "proposeOffer");
    if ("error" in me) return fail(me.error);
    const r = this.book.propose(this.game!, me.seat.companyId, offer);
    if (!r.ok) return fail(r.error);
    // A bot (or a dropped player's bot) at the other end answers at once.
    const to = this.seatByCompany(offer.to);
    if (to && !to.player && this.alive(to)) botAnswersNow(this.game!, to.companyId, me.seat.companyId, r.offer.key, this.book);
    this.mirrorOffers();
    return OK;
  }

  withdraw(p: PlayerState, id: string): Reply {
    const me = this.mySeat(p, "withdrawOffer");
    if ("error" in me) return fail(me.error);
    const r = this.book.withdraw(me.seat.companyId, id);
    if (!r.ok) return fail(r.error);
    this.mirrorOffers();
    return OK;
  }

  answer(p: PlayerState, key: string, accept: boolean): Reply {
    const me = this.mySeat(p, accept ? "acceptOffer" : "rejectOffer");
    if ("error" in me) return fail(me.error);
    const r = this.book.answer(me.seat.companyId, key, accept);
    if (!r.ok) return fail(r.error);
    this.mirrorOffers();
    return OK;
  }

  /** Each seat's private lists of the offers it made and received, as the book has them. */
  private mirrorOffers() {
    const all = this.book.all();
    for (const seat of this.state.seats) {
      const v = this.priv(seat);
      const out = all.filter((o) => o.from === seat.companyId);
      const inc = all.filter((o) => o.to === seat.companyId);
      syncOffers(v.offersOut, out);
      syncOffers(v.offersIn, inc);
    }
  }

  private mySeat(p: PlayerState, type: ClientMessageType): { seat: SeatState } | { error: ErrorReply } {
    const seat = this.seatOf(p);
    if (!seat) return { error: errorReply("not_seated", `${type}: you have no seat in this game (spectator)`, { type }) };
    if (!this.alive(seat)) return { error: errorReply("not_seated", `${type}: ${seat.company} is bankrupt and can no longer place orders`, { type }) };
    return { seat };
  }

  // ---------------------------------------------------------------- the phases

  private startGame() {
    const st = this.state;
    this.start = {
      scenario: st.settings.scenario,
      rounds: st.settings.rounds,
      seed: this.seed ?? randomInt(2 ** 31 - 1),
      profiles: this.resolved.map((r) => r.profile),
    };
    this.game = startGame(seeds, this.start);
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
    });
    addCompanies(st, this.game);
    this.publish([]);
    this.nextQuarter();
  }

  /** Runs a step of the phase clock. */
  private run(step: clock.PhaseStep) {
    if (step === "openDecide") this.openDecide();
    else if (step === "closeDecide") this.closeDecide();
    else this.nextQuarter();
  }

  private nextQuarter() {
    const g = this.game!;
    this.state.phase = "news";
    this.state.round = g.round + 1;
    this.schedule(this.state.settings.newsSeconds, "openDecide");
  }

  private openDecide() {
    const g = this.game!;
    const st = this.state;
    st.phase = "decide";
    this.book = new OfferBook();
    this.sheets = st.seats.map(() => null);
    this.botSheets = st.seats.map(() => null);
    for (const seat of st.seats) {
      seat.submitted = !this.alive(seat);
      const v = this.priv(seat);
      v.sheet = "";
      v.sheetRound = 0;
    }
    // Bots answer at once: their sheets and offers now, then their answers to each other's offers.
    // A seat whose player is away is not a bot's yet: if it is still empty when the phase closes,
    // its bot decides then (composeOrders), so a player back in time plays its own quarter.
    const bots = st.seats.filter((s) => !s.player && !this.held(s.index) && this.alive(s));
    const sheets = botsOpen(g, bots.map((s) => s.companyId), this.book);
    for (const seat of bots) {
      this.botSheets[seat.index] = sheets.get(seat.companyId) ?? null;
      seat.submitted = true;
    }
    this.mirrorOffers();
    this.schedule(st.settings.decideSeconds, "closeDecide");
    this.checkAllSubmitted();
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
    // A seat whose player is away (a restart, a reload) is not a bot's: the timer waits for it.
    const botsOnly = alive.every((s) => !s.player && !this.held(s.index));
    if (connected.some((s) => !s.submitted)) return;
    if (connected.length === 0 && !botsOnly) return;
    this.schedule(0, "closeDecide");
  }

  private closeDecide() {
    if (this.state.phase !== "decide" || !this.game) return;
    this.setClock(clock.idleClock());
    this.state.phase = "resolve";
    const g = this.game;
    const seats = this.state.seats.map((seat) => ({
      companyId: seat.companyId,
      sheet: this.sheets[seat.index] ?? null,
      botSheet: this.botSheets[seat.index] ?? null,
      humanHere: !!seat.player && seat.connected,
    }));
    let sheets: Record<string, OrderSheet>;
    let r: ReturnType<typeof resolveRound>;
    try {
      const prepared = prepareTotal(g, composeOrders(g, seats, this.book));
      for (const e of prepared.refused) console.error(`room ${this.roomId}: round ${g.round + 1}: orders refused by the engine, default sheets instead: ${e.message}`);
      sheets = prepared.sheets;
      r = resolveRound(setupOf(seeds, this.start!), g, sheets);
    } catch (e) {
      // Never stall a room: an engine failure on the players' orders falls back to every seat's
      // default sheet; if even that fails, the game ends where it is.
      console.error(`room ${this.roomId}: round ${g.round + 1} failed to resolve; default sheets instead`, e);
      try {
        sheets = prepareTotal(g, {}).sheets;
        r = resolveRound(setupOf(seeds, this.start!), g, sheets);
      } catch (e2) {
        console.error(`room ${this.roomId}: round ${g.round + 1} cannot be resolved; the game ends`, e2);
        this.endNow();
        return;
      }
    }
    this.game = r.state;
    this.record({ t: "round", round: r.state.round, sheets, hash: stateHash(r.state) });
    this.publish(r.events);
    this.recordForSession(r.state.round, sheets, r.state, r.events);
    if (r.state.finished) {
      this.finish();
      return;
    }
    this.state.phase = "report";
    this.schedule(this.state.settings.reportSeconds, "nextQuarter");
  }

  private finish() {
    this.setClock(clock.idleClock());
    // The last quarter played (an early end stops after the quarters already resolved).
    if (this.game) this.state.round = this.game.round;
    this.state.phase = "ended";
    this.state.finished = true;
    this.state.hashSecret = this.secret;
    this.save();
  }

  private schedule(seconds: number, next: clock.PhaseStep) {
    this.setClock(clock.schedule(this.phaseClock, Date.now(), seconds, next));
  }

  /** Adopts a new clock: one timer armed at its deadline, the deadline shown, the pacing saved. */
  private setClock(c: clock.PhaseClock) {
    this.phaseClock = c;
    this.timer?.clear();
    this.timer = null;
    this.state.paused = c.paused;
    this.state.deadline = c.paused ? 0 : c.deadline;
    const ms = clock.msLeft(c, Date.now());
    if (Number.isFinite(ms)) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        const { step, clock: idle } = clock.close(this.phaseClock);
        this.phaseClock = idle;
        if (step) this.run(step);
        this.changed();
      }, ms);
    }
    this.save();
  }

  // ---------------------------------------------------------------- records

  private get setupForGame() {
    return setupOf(seeds, this.start!);
  }

  /** Adds a step to the game's record (the room's setup is saved with it, atomically). */
  private record(step: GameStep) {
    this.steps++;
    try {
      const meta = JSON.stringify(this.saved());
      this.store?.addStep(this.roomId, "market", this.steps, JSON.stringify(step), meta);
      this.lastSaved = meta;
    } catch (e) {
      console.error(`room ${this.roomId}: could not record quarter ${this.state.round}`, e);
    }
  }

  /** Saves the room's setup, seats and pacing (a no-op without a store, or once the shutdown saved it). */
  private save(final = false) {
    if (!this.store || !this.roomId || (isShuttingDown() && !final)) return;
    try {
      const text = JSON.stringify(this.saved());
      if (text === this.lastSaved) return;
      this.lastSaved = text;
      this.store.saveMeta(this.roomId, "market", text);
    } catch (e) {
      console.error(`room ${this.roomId}: could not save`, e);
    }
  }

  private saved(): SavedMarket {
    const s = this.state.settings;
    return {
      v: 1,
      seats: this.seatSpecs,
      settings: { scenario: s.scenario, rounds: s.rounds, decideSeconds: s.decideSeconds, newsSeconds: s.newsSeconds, reportSeconds: s.reportSeconds, bots: s.bots, private: s.private },
      seed: this.seed,
      botSeats: [...this.botSeats],
      players: [...this.known.values()].map((k) => ({ keyHash: k.keyHash, name: k.name, seat: k.seat, host: k.host })),
      secret: this.secret,
      start: this.start,
      phase: this.state.phase as Phase,
      clock: this.phaseClock,
      managed: this.managed ? { session: this.managed.session, market: this.managed.market, lang: this.managed.lang, tickets: [...this.managed.tickets.entries()].map(([, t]) => t) } : null,
    };
  }

  /**
   * Rebuilds the room from the store at its last resolved quarter: the same code, seats and
   * players' keys, the game replayed step by step and checked against each quarter's hash. The
   * quarter that was being decided starts again with its news; bots hold the seats until their
   * players come back with their keys or tickets.
   */
  private restore(code: string) {
    const row = this.store?.load(code);
    if (!row) throw new ServerError(ErrorCode.APPLICATION_ERROR, `no stored room ${code}`);
    const saved = SavedMarket.parse(JSON.parse(row.meta));
    const seats = resolveSeats(saved.seats, seeds.profiles);
    if (!seats.ok) throw new ServerError(ErrorCode.APPLICATION_ERROR, `stored room ${code}: ${describeIssues(seats.issues)}`);
    this.roomId = code;
    void claimRoomCode(this.presence, code);
    this.seatSpecs = saved.seats;
    this.resolved = seats.seats;
    this.seed = saved.seed;
    this.secret = saved.secret;
    this.botSeats = new Set(saved.botSeats);
    void this.setPrivate(saved.settings.private || saved.start !== null);
    this.initState(saved.settings.private);
    this.applySettings(saved.settings);
    this.layoutSeats();
    for (const i of this.botSeats) {
      const seat = this.state.seats[i];
      if (seat) {
        seat.bot = true;
        seat.playerName = "Bot";
      }
    }
    this.restoredAt = Date.now();
    for (const p of saved.players) this.known.set(p.keyHash, { ...p, sessionId: "", awaySince: this.restoredAt });
    if (saved.managed) this.managed = { ...saved.managed, tickets: new Map(saved.managed.tickets.map((t) => [t.ticketHash, t])) };
    this.state.managed = !!this.managed;
    // Nobody is connected yet: the room waits for its players as long as a dropped player's seat is held.
    this.autoDispose = false;
    this.clock.setTimeout(() => {
      if (!this.managed) this.autoDispose = true;
      this.passHostIfGone();
      this.checkAllSubmitted();
    }, this.config.reconnectSeconds * 1000);
    if (!saved.start) return;

    this.start = saved.start;
    let g = startGame(seeds, saved.start);
    let events: GameEvent[] = [];
    this.state.seats.forEach((seat, i) => {
      seat.companyId = g.companies[i].id;
      seat.bot = true;
      seat.playerName = "Bot";
    });
    addCompanies(this.state, g);
    this.game = g;
    this.publish([]);
    let lastWasRound = true;
    for (const text of row.steps) {
      try {
        const step = GameStep.parse(JSON.parse(text));
        const r = applyStep(seeds, saved.start, g, step);
        g = r.state;
        this.steps++;
        this.game = g;
        lastWasRound = step.t === "round";
        if (lastWasRound) {
          events = r.events;
          this.publish(events);
        }
      } catch (e) {
        // A step that does not replay to its recorded hash: the game resumes from the last one that
        // did, and the steps after it leave the record (a later restart must not replay them).
        console.error(`room ${code}: restored up to quarter ${g.round}; step ${this.steps + 1} does not replay`, e instanceof ReplayError ? e.message : e);
        this.store?.truncate(code, this.steps);
        break;
      }
    }
    this.game = g;
    // An early end or an injected card after the last quarter: published as they were.
    if (!lastWasRound) this.publish(g.finished ? [] : events);
    publishNews(this.state, g);
    this.phaseClock = { ...clock.idleClock(), paused: saved.clock.paused };
    if (g.finished) this.finish();
    else this.nextQuarter();
  }

  // ---------------------------------------------------------------- a classroom's pacing
  // The class session calls these through matchMaker.remoteRoomCall (same process or another).

  /** Hands the host powers to a class session: it seats students by ticket and paces the game. */
  manage(session: string, market: number, lang: "en" | "fr"): void {
    this.managed = { session, market, lang, tickets: this.managed?.tickets ?? new Map() };
    // The session disposes its markets; one whose students have all left keeps running on bots.
    this.autoDispose = false;
    const host = this.hostPlayer();
    if (host) host.host = false;
    this.state.host = "";
    this.state.managed = true;
    this.changed();
  }

  /** A student's ticket to a seat (the ticket itself stays with the student; the room keeps its hash). */
  grantTicket(ticketHash: string, seat: number, student: string, name: string): void {
    if (!this.managed) return;
    // One ticket per student: a new one (a return, a move) replaces what it held.
    for (const [h, t] of this.managed.tickets) if (t.student === student || t.seat === seat) this.managed.tickets.delete(h);
    this.managed.tickets.set(ticketHash, { ticketHash, seat, student, name });
    this.changed();
  }

  /** The class session renamed the student who plays this seat. */
  renameSeat(index: number, name: string): void {
    const seat = this.state.seats[index];
    for (const t of this.managed?.tickets.values() ?? []) if (t.seat === index) t.name = name;
    const p = seat?.player ? this.state.players.get(seat.player) : undefined;
    if (seat && p) {
      p.name = name;
      seat.playerName = name;
    }
    this.changed();
  }

  /** The class session moved or removed the student of this seat: its tickets no longer open it, a bot plays it. */
  releaseSeat(index: number): void {
    for (const [h, t] of this.managed?.tickets ?? []) if (t.seat === index) this.managed!.tickets.delete(h);
    const seat = this.state.seats[index];
    const p = seat?.player ? this.state.players.get(seat.player) : undefined;
    if (p) this.unseat(p);
    if (seat && this.game) {
      seat.bot = true;
      seat.playerName = "Bot";
    }
    this.changed();
  }

  /** Starts the game whoever is ready: bots take the seats whose students have not arrived. */
  startManaged(): string | null {
    if (this.state.phase !== "lobby") return "the game has already started";
    this.startGame();
    this.changed();
    return null;
  }

  pause(): void {
    if (!this.game || this.state.finished) return;
    this.setClock(clock.pause(this.phaseClock, Date.now()));
    this.changed();
  }

  resume(): void {
    this.setClock(clock.resume(this.phaseClock, Date.now()));
    this.changed();
  }

  /** More time for the current phase (paused or not). */
  addTime(seconds: number): void {
    if (!this.game || this.state.finished) return;
    this.setClock(clock.addTime(this.phaseClock, Date.now(), seconds));
    this.changed();
  }

  /** Ends the current phase now: stragglers in the decide phase play their default sheet. */
  closePhase(): void {
    if (!this.game || this.state.finished) return;
    const { step, clock: idle } = clock.close(this.phaseClock);
    this.setClock(idle);
    if (step) this.run(step);
    this.changed();
  }

  /** A card from the deck joins the news of the quarter being played (or the next one). */
  injectCard(cardId: string): string | null {
    if (!this.game || this.state.finished) return "no game is running";
    if (this.state.phase === "resolve") return "the quarter is being resolved; try again in a moment";
    try {
      this.game = injectCard(this.setupForGame, this.game, cardId);
    } catch (e) {
      return (e as Error).message;
    }
    this.record({ t: "inject", card: cardId });
    publishNews(this.state, this.game);
    this.changed();
    return null;
  }

  /** Ends the game after the quarters already played: the scores stand as they are. */
  endNow(): void {
    if (!this.game || this.state.finished) return;
    this.game = endGameNow(this.game);
    this.record({ t: "end" });
    this.publish([]);
    this.finish();
    this.changed();
  }

  /**
   * The process is stopping: the room is saved as it stands, its clients are told the server is
   * restarting (they come back with their keys once it is up), and they are disconnected.
   */
  override onBeforeShutdown(): void {
    this.save(true);
    this.broadcast("restarting", {});
    super.onBeforeShutdown();
  }

  /** After every change: the class session's monitor hears of it (only when what it shows changed). */
  private changed() {
    this.save();
    if (!this.managed) return;
    const summary = this.summary();
    const text = JSON.stringify(summary);
    if (text === this.lastSummary) return;
    this.lastSummary = text;
    void this.presence.publish(sessionChannel(this.managed.session), { kind: "market", summary });
  }

  private summary(): MarketSummary {
    const st = this.state;
    return {
      market: this.managed?.market ?? 0,
      roomId: this.roomId,
      round: st.round,
      rounds: st.settings.rounds,
      phase: st.phase,
      deadline: st.deadline,
      paused: st.paused,
      hype: st.macro.hype,
      benchmark: st.macro.benchmark,
      gpuSpot: st.macro.gpuSpot,
      defaults: st.macro.defaults,
      marginCalls: st.macro.marginCalls,
      finished: st.finished,
      news: [...st.news],
      seats: st.seats.map((seat, i) => {
        const co = st.companies[i];
        return {
          company: seat.company,
          companyId: seat.companyId,
          role: seat.role,
          human: !!seat.player,
          connected: seat.connected,
          submitted: seat.submitted,
          price: co?.price ?? 0,
          score: co?.score ?? 0,
          bankrupt: co?.bankrupt ?? false,
        };
      }),
    };
  }

  /** A class market's quarter, recorded for the session's debrief and exports. */
  private recordForSession(round: number, sheets: Record<string, OrderSheet>, g: GameState, events: GameEvent[]) {
    if (!this.managed || !this.sessions) return;
    const bySeat = new Map<number, SavedTicket>();
    for (const t of this.managed.tickets.values()) bySeat.set(t.seat, t);
    try {
      const rows = roundRows(this.managed.session, this.managed.market, this.managed.lang, round, sheets, g, events, (i) => {
        const t = bySeat.get(i);
        return t ? { student: t.student, name: t.name } : null;
      });
      this.sessions.saveRound(rows.market, rows.companies, rows.events);
    } catch (e) {
      console.error(`room ${this.roomId}: could not record quarter ${round} for session ${this.managed.session}`, e);
    }
  }

  // ---------------------------------------------------------------- seats and players

  private applySettings(m: Partial<ClientMessage<"settings">> & { private?: boolean }) {
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
      this.botSeats.delete(gone.index);
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

  /** A ticket holder's seat: taken back from the bot or from an earlier connection of the same student. */
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

  private seatPlayer(p: PlayerState, index: number) {
    if (p.seat === index && this.state.seats[index]?.player === p.sessionId) return;
    this.unseat(p);
    const seat = this.state.seats[index];
    seat.player = p.sessionId;
    seat.playerName = p.name;
    seat.connected = p.connected;
    seat.bot = false;
    this.botSeats.delete(index);
    // Back in the middle of a decide phase: the bot's sheet stands until the player sends its own.
    if (this.state.phase === "decide" && this.alive(seat) && !this.sheets[index]) seat.submitted = false;
    p.seat = index;
    p.ready = false;
    const k = this.knownBySession(p.sessionId);
    if (k) k.seat = index;
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
      if (this.game) {
        seat.bot = true;
        seat.playerName = "Bot";
      }
    }
    p.seat = -1;
    p.ready = false;
    const k = this.knownBySession(p.sessionId);
    if (k) k.seat = -1;
  }

  private knownBySession(sessionId: string): Known | undefined {
    for (const k of this.known.values()) if (k.sessionId === sessionId) return k;
    return undefined;
  }

  private hostPlayer(): PlayerState | undefined {
    const p = this.state.host ? this.state.players.get(this.state.host) : undefined;
    return p && p.host ? p : undefined;
  }

  private setHost(p: PlayerState) {
    if (this.managed) return; // a classroom's market has no host among its players
    const old = this.hostPlayer();
    if (old) {
      old.host = false;
      const ko = this.knownBySession(old.sessionId);
      if (ko) ko.host = false;
    }
    p.host = true;
    this.state.host = p.sessionId;
    const k = this.knownBySession(p.sessionId);
    if (k) k.host = true;
  }

  /** The host role goes to another connected human when the host is gone or disconnected. */
  private passHostIfGone() {
    if (this.managed) return;
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

  /**
   * The seat waits for its player: one is connected to it, or went away (a drop, a restart) less than
   * reconnectSeconds ago. A class student's seat is held that long after a restart.
   */
  private held(index: number): boolean {
    const hold = this.config.reconnectSeconds * 1000;
    const now = Date.now();
    for (const k of this.known.values()) if (k.seat === index && (k.sessionId !== "" || now - k.awaySince < hold)) return true;
    if (this.restoredAt && now - this.restoredAt < hold) for (const t of this.managed?.tickets.values() ?? []) if (t.seat === index) return true;
    return false;
  }

  /** The host went away less than reconnectSeconds ago (a restart): its role waits for it. */
  private hostAway(): boolean {
    const hold = this.config.reconnectSeconds * 1000;
    for (const k of this.known.values()) if (k.host && k.sessionId === "" && Date.now() - k.awaySince < hold) return true;
    return false;
  }

  private alive(seat: SeatState): boolean {
    return !!this.game && !this.game.companies[seat.index]?.bankrupt;
  }

  private seatByCompany(id: string): SeatState | undefined {
    return this.state.seats.find((s) => s.companyId === id);
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

  private publish(events: GameEvent[]) {
    publishGame(this.state, this.game!, events, this.secret, (i) => this.state.privates.get(String(i)));
  }

  /** The engine state (tests, replays). */
  get engineState(): GameState | null {
    return this.game;
  }

  /** The seat's default sheet this quarter (tests). */
  defaultSheetOf(seat: number): OrderSheet | null {
    return this.game ? defaultSheet(this.game, this.game.companies[seat].id) : null;
  }
}

/** The presence channel on which a class session hears from its markets. */
export function sessionChannel(session: string): string {
  return `boomloop:class:${session}`;
}

/** Keeps a schema array of offers in step with the book's list (same order, statuses updated). */
function syncOffers(arr: { length: number; [i: number]: { key: string; status: string }; push(x: never): unknown; splice(i: number, n: number): unknown; clear(): void }, want: BookOffer[]) {
  const same = arr.length === want.length && want.every((o, i) => arr[i].key === o.key);
  if (same) {
    want.forEach((o, i) => {
      if (arr[i].status !== o.status) arr[i].status = o.status;
    });
    return;
  }
  arr.clear();
  for (const o of want) arr.push(offerState(o) as never);
}

function approxBytes(x: unknown): number {
  try {
    return JSON.stringify(x ?? null)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
