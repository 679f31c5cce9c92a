// The wire protocol between a client and the market room: one zod schema per client→server
// message, and the options a client passes when it creates or joins a room. The server parses
// every message with these schemas before it acts; a client may use them to check its own
// messages first. No network code here: the server and the client import the same file.
import { z } from "zod";
import { Offer } from "../schemas/orders.ts";

/** The Colyseus room type clients create and join. */
export const ROOM_NAME = "market";
export const PROTOCOL_VERSION = 1;

/**
 * Room codes: 6 letters from an alphabet without the look-alikes I, L and O (no digits either,
 * so 0/O and 1/I/L cannot be confused when read aloud or off a projector).
 */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;
export const RoomCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), `${CODE_LENGTH} letters from ${CODE_ALPHABET}`);

/** A room code from a source of uniform random integers in [0, n). */
export function makeRoomCode(randomInt: (n: number) => number): string {
  let s = "";
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export const PHASES = ["lobby", "news", "decide", "resolve", "report", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/** A display name: 1–24 printable characters, trimmed. */
export const PlayerName = z
  .string()
  .trim()
  .min(1, "at least 1 character")
  .max(24, "at most 24 characters")
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, "printable characters only");

/** A seat is asked for by company profile id ("nvidia", "coreweave") or by role ("hyperscaler"). */
export const SeatSpec = z.string().regex(/^[a-z0-9-]{2,40}$/, "a profile id (e.g. nvidia) or a role (chipmaker, hyperscaler, neocloud, lender)");
const ScenarioId = z.string().regex(/^[a-z0-9-]{1,40}$/, "a scenario id such as boom-2025");
const Rounds = z.number().int().min(6).max(16);
const Seats = z.array(SeatSpec).min(2, "at least 2 seats").max(8, "at most 8 seats");
const DecideSeconds = z.number().min(1).max(900);
const NewsSeconds = z.number().min(0).max(60);
const ReportSeconds = z.number().min(0).max(120);

/** Options of `client.create("market", options)`. Everything has a default. */
export const CreateOptions = z
  .object({
    /** The creator's display name. */
    name: PlayerName.optional(),
    scenario: ScenarioId.optional(),
    /** Length of the game, 6–16 quarters (default: the scenario's). */
    rounds: Rounds.optional(),
    /** 2–8 seats, each a profile id or a role (default: the standard 8-seat market). */
    seats: Seats.optional(),
    /** Length of the decide phase; it ends earlier when every connected player has submitted. */
    decideSeconds: DecideSeconds.default(90),
    newsSeconds: NewsSeconds.default(6),
    reportSeconds: ReportSeconds.default(12),
    /** Bots take the seats no human holds when the host starts. */
    bots: z.boolean().default(true),
    /** A private room is not listed nor matched by joinOrCreate: join it with its code (joinById). */
    private: z.boolean().default(false),
    /** Seed of the game's random draws (default: random). Same seed and orders → same game. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();
export type CreateOptions = z.infer<typeof CreateOptions>;
export type CreateOptionsInput = z.input<typeof CreateOptions>;

/** Options of `client.join / joinById`. Unknown keys are ignored (joinOrCreate sends the create options too). */
export const JoinOptions = z.object({
  name: PlayerName.optional(),
  /** A classroom student's ticket to its market seat (given by the classroom session). */
  ticket: z.string().min(8).max(64).optional(),
  /**
   * The player's own key in this room (sent to it in a "playerKey" message when it first joins):
   * it gives the player back its name and seat after a reload or the server's restart.
   */
  playerKey: z.string().min(16).max(64).optional(),
});
export type JoinOptions = z.infer<typeof JoinOptions>;

const SeatIndex = z.number().int().min(0).max(7);

// ---- lobby ----
export const SetName = z.object({ name: PlayerName }).strict();
/** Sit at a seat, or stand up with `seat: null`. */
export const ChooseSeat = z.object({ seat: SeatIndex.nullable() }).strict();
export const Ready = z.object({ ready: z.boolean() }).strict();
/** A spectator who joined a started game takes over a seat a bot is playing, between two quarters. */
export const TakeSeat = z.object({ seat: SeatIndex }).strict();

// ---- host (lobby only) ----
export const Settings = z
  .object({
    scenario: ScenarioId.optional(),
    rounds: Rounds.optional(),
    seats: Seats.optional(),
    decideSeconds: DecideSeconds.optional(),
    newsSeconds: NewsSeconds.optional(),
    reportSeconds: ReportSeconds.optional(),
    bots: z.boolean().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, "name at least one setting to change");
/** Reserve a seat for a bot (it is not offered to joining players). */
export const AddBot = z.object({ seat: SeatIndex }).strict();
/** Give a bot's seat back to humans. */
export const RemoveBot = z.object({ seat: SeatIndex }).strict();
/** Move a player (by session id) to a seat, or out of any seat with `seat: null`. */
export const MoveSeat = z.object({ player: z.string().min(1).max(40), seat: SeatIndex.nullable() }).strict();
export const Start = z.object({}).strict();

// ---- decide phase ----
/**
 * The seat's order sheet for this quarter. Its shape is the engine's OrderSheet (checked again,
 * with the state, by the engine's checkSheet); its `offers` and `accept` must be empty: offers
 * go through proposeOffer / acceptOffer so the addressee sees them during the phase.
 * Sending again replaces the sheet until the phase ends.
 */
export const SubmitSheet = z.object({ sheet: z.unknown() }).strict();
export const ProposeOffer = z.object({ offer: Offer }).strict();
export const WithdrawOffer = z.object({ id: z.string().min(1).max(16) }).strict();
/** An offer is named by its global key "<proposer company id>/<offer id>". */
const OfferKey = z.string().regex(/^[a-z0-9-]{1,40}\/[A-Za-z0-9_-]{1,16}$/, `"<company id>/<offer id>", e.g. "apollo/loan-1"`);
export const AcceptOffer = z.object({ key: OfferKey }).strict();
export const RejectOffer = z.object({ key: OfferKey }).strict();

/** Every message a client may send, by type. */
export const ClientMessages = {
  setName: SetName,
  chooseSeat: ChooseSeat,
  ready: Ready,
  takeSeat: TakeSeat,
  settings: Settings,
  addBot: AddBot,
  removeBot: RemoveBot,
  moveSeat: MoveSeat,
  start: Start,
  submitSheet: SubmitSheet,
  proposeOffer: ProposeOffer,
  withdrawOffer: WithdrawOffer,
  acceptOffer: AcceptOffer,
  rejectOffer: RejectOffer,
} as const;
export type ClientMessageType = keyof typeof ClientMessages;
export type ClientMessage<K extends ClientMessageType> = z.infer<(typeof ClientMessages)[K]>;
export type ClientMessageInput<K extends ClientMessageType> = z.input<(typeof ClientMessages)[K]>;
export const CLIENT_MESSAGE_TYPES = Object.keys(ClientMessages) as ClientMessageType[];

/** Messages only the host may send, and the phase each message belongs to. */
export const HOST_MESSAGES: readonly ClientMessageType[] = ["settings", "addBot", "removeBot", "moveSeat", "start"];
export const MESSAGE_PHASE: Record<ClientMessageType, readonly Phase[]> = {
  setName: ["lobby", "news", "decide", "resolve", "report"],
  chooseSeat: ["lobby"],
  ready: ["lobby"],
  // Between two quarters only: a seat never changes hands while its orders are being decided.
  takeSeat: ["news", "report"],
  settings: ["lobby"],
  addBot: ["lobby"],
  removeBot: ["lobby"],
  moveSeat: ["lobby"],
  start: ["lobby"],
  submitSheet: ["decide"],
  proposeOffer: ["decide"],
  withdrawOffer: ["decide"],
  acceptOffer: ["decide"],
  rejectOffer: ["decide"],
};

/** Messages the server sends to one client (besides state patches). */
export const SERVER_MESSAGES = {
  /** The answer to a message that was refused: nothing changed. */
  error: "error",
  /** `{ key }`: the player's key in this room, to keep and to join again with (JoinOptions.playerKey). */
  playerKey: "playerKey",
  /** `{}`: the server is restarting; the room comes back under the same code, join it again with the key. */
  restarting: "restarting",
} as const;
