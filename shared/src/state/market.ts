// The market room's synchronized state (@colyseus/schema 5), declared once: the server fills it, the
// client's types are derived from it (client/src/types.ts, schema's ToJSON). Public market data for everyone; each
// seat's private part (its sheet, the offers it made and received) lives in a .view() map and
// is sent only to the client whose StateView holds that entry. Money, prices and rates are float64: schema's
// "number" type may encode decimals as float32 (0.0525 would arrive as 0.05249999836).
import { schema, t, type SchemaType } from "@colyseus/schema";
import type { Phase } from "../protocol/messages.ts";

export const OfferState = schema(
  {
    /** Global key "<from>/<id>", what acceptOffer and rejectOffer name. */
    key: t.string().default(""),
    id: t.string().default(""),
    from: t.string().default(""),
    to: t.string().default(""),
    kind: t.string().default(""),
    /** The offer as JSON (the engine's Offer schema). */
    json: t.string().default(""),
    status: t.string<"open" | "accepted" | "rejected">().default("open"),
  },
  "OfferState",
);
export type OfferState = SchemaType<typeof OfferState>;

/** What only the seat's own player sees. */
export const SeatPrivate = schema(
  {
    /** The sheet submitted this quarter, as JSON ("" when none). */
    sheet: t.string().default(""),
    /** Round the sheet was submitted for. */
    sheetRound: t.uint8().default(0),
    offersOut: t.array(OfferState),
    offersIn: t.array(OfferState),
    /**
     * The seat's own book as JSON (shared/src/preview/book.ts SeatBook): its debts with their ids,
     * GPU collateral and covenant, borrowing quotes, last quarter's P&L and balance sheet, why its
     * price moved, and the default sheet of the coming quarter. Updated after each resolution.
     */
    book: t.string().default(""),
  },
  "SeatPrivate",
);
export type SeatPrivate = SchemaType<typeof SeatPrivate>;

export const SeatState = schema(
  {
    index: t.uint8().default(0),
    /** What the host asked for: a profile id or a role. */
    spec: t.string().default(""),
    profile: t.string().default(""),
    role: t.string().default(""),
    /** Company name from the profile (e.g. "Nvidia"). */
    company: t.string().default(""),
    /** The company's id in the game (set at start; "coreweave-2" for a second CoreWeave). */
    companyId: t.string().default(""),
    /** Session id of the human holding the seat ("" when none). */
    player: t.string().default(""),
    /** Who plays it, for display: the player's name, or "Bot". */
    playerName: t.string().default(""),
    /** Reserved for a bot by the host (lobby), or played by a bot in the game. */
    bot: t.boolean().default(false),
    /** The seat's human is connected (false while a dropped player may reconnect: a bot plays meanwhile). */
    connected: t.boolean().default(false),
    /** This quarter's sheet is in (the contents stay private). */
    submitted: t.boolean().default(false),
  },
  "SeatState",
);
export type SeatState = SchemaType<typeof SeatState>;

export const PlayerState = schema(
  {
    sessionId: t.string().default(""),
    name: t.string().default(""),
    /** Seat index, or -1 for none (spectator). */
    seat: t.int8().default(-1),
    ready: t.boolean().default(false),
    connected: t.boolean().default(true),
    host: t.boolean().default(false),
  },
  "PlayerState",
);
export type PlayerState = SchemaType<typeof PlayerState>;

export const MacroState = schema(
  {
    benchmark: t.float64().default(0),
    igSpread: t.float64().default(0),
    hySpread: t.float64().default(0),
    hype: t.float64().default(0),
    demandGw: t.float64().default(0),
    capacityGw: t.float64().default(0),
    gpuSpot: t.float64().default(0),
    computePrice: t.float64().default(0),
    utilisation: t.float64().default(0),
    energyGw: t.float64().default(0),
    generation: t.int16().default(0),
    creditAppetite: t.float64().default(0),
    labsCash: t.float64().default(0),
    labsRevenue: t.float64().default(0),
    labsCommitmentsGw: t.float64().default(0),
    labsMissedPayments: t.float64().default(0),
    labsDistressed: t.boolean().default(false),
    defaults: t.uint16().default(0),
    marginCalls: t.uint16().default(0),
  },
  "MacroState",
);
export type MacroState = SchemaType<typeof MacroState>;

/** A company's public figures: what a market data terminal would show. */
export const CompanyState = schema(
  {
    id: t.string().default(""),
    name: t.string().default(""),
    role: t.string().default(""),
    profile: t.string().default(""),
    seat: t.uint8().default(0),
    price: t.float64().default(0),
    startPrice: t.float64().default(0),
    fundamental: t.float64().default(0),
    marketCap: t.float64().default(0),
    cash: t.float64().default(0),
    debt: t.float64().default(0),
    offBalanceDebt: t.float64().default(0),
    equityBook: t.float64().default(0),
    revenue: t.float64().default(0),
    aiRevenue: t.float64().default(0),
    ebitda: t.float64().default(0),
    netIncome: t.float64().default(0),
    capex: t.float64().default(0),
    gw: t.float64().default(0),
    lots: t.float64().default(0),
    credibility: t.float64().default(0),
    /** Chipmakers: the list price per lot buyers pay this quarter, lots of fab capacity, and the share payable in shares. */
    listPrice: t.float64().default(0),
    fabLots: t.float64().default(0),
    vendorPct: t.float64().default(0),
    bankrupt: t.boolean().default(false),
    /** Net debt (off balance sheet included) ÷ annual EBITDA, capped at 99; and the rating it earns. */
    leverage: t.float64().default(0),
    rating: t.string().default(""),
    /** GPU-backed loans ÷ what the GPUs fetch (0 without such loans), and the tightest covenant (0: none). */
    ltv: t.float64().default(0),
    maxLtv: t.float64().default(0),
    /** Total return on the starting price so far (−1 when bankrupt). */
    score: t.float64().default(0),
    /** Share price at the start and after each round. */
    prices: t.array("float64"),
  },
  "CompanyState",
);
export type CompanyState = SchemaType<typeof CompanyState>;

/** One event of the last resolved round, told in a sentence. */
export const EventState = schema(
  {
    round: t.uint8().default(0),
    type: t.string().default(""),
    mechanism: t.string().default(""),
    company: t.string().default(""),
    /** The event's numbers, as JSON: each client tells it in its player's language (shared/src/describe.ts). */
    data: t.string().default("{}"),
  },
  "EventState",
);
export type EventState = SchemaType<typeof EventState>;

export const SettingsState = schema(
  {
    scenario: t.string().default(""),
    rounds: t.uint8().default(0),
    decideSeconds: t.float64().default(0),
    newsSeconds: t.float64().default(0),
    reportSeconds: t.float64().default(0),
    bots: t.boolean().default(true),
    private: t.boolean().default(false),
  },
  "SettingsState",
);
export type SettingsState = SchemaType<typeof SettingsState>;

export const MarketState = schema(
  {
    /** The room code (also the room id for joinById). */
    code: t.string().default(""),
    /** Run by a classroom session (which holds the host powers and the pacing). */
    managed: t.boolean().default(false),
    /** The teacher paused the game: no timer runs. */
    paused: t.boolean().default(false),
    /** The join link's path ("/join/KXPRTM"): the page there opens this room. */
    link: t.string().default(""),
    phase: t.string<Phase>().default("lobby"),
    /** The quarter being played (1-based; 0 in the lobby). */
    round: t.uint8().default(0),
    rounds: t.uint8().default(0),
    /** When the current phase ends, ms since the epoch (0: no deadline). */
    deadline: t.float64().default(0),
    settings: t.ref(SettingsState),
    host: t.string().default(""),
    players: t.map(PlayerState),
    seats: t.array(SeatState),
    /**
     * Each seat's private part, keyed by seat index ("0".."7"). A client receives only the entry
     * of the seat it holds (its StateView); leaving a seat deletes the entry on that client.
     */
    privates: t.map(SeatPrivate).view(),
    macro: t.ref(MacroState),
    companies: t.array(CompanyState),
    /** Card ids revealed for the quarter being played. */
    news: t.array("string"),
    /** Events of the last resolved round. */
    events: t.array(EventState),
    hype: t.array("float64"),
    /** Key events of every round so far (news cards, margin calls, defaults, the labs' missed payments): the debrief. */
    moments: t.array(EventState),
    finished: t.boolean().default(false),
    /**
     * SHA-256 of "<secret>:<SHA-256 of the engine state>" after the last resolved round: two clients
     * can see they hold the same game, nobody can test guesses of the seed against it.
     */
    stateHash: t.string().default(""),
    /** The secret behind stateHash, revealed once the game is over: every published hash can then be checked. */
    hashSecret: t.string().default(""),
  },
  "MarketState",
);
export type MarketState = SchemaType<typeof MarketState>;
