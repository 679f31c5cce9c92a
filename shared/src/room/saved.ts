// What a room keeps in the store so that it outlives its process: enough to rebuild it at its last
// resolved quarter under the same code (the game itself is its record of steps, record.ts), and
// what a market tells the class session that runs it. zod schemas: the server parses what it
// reads back, so a damaged or older row is refused with a reason instead of half-restoring a room.
import { z } from "zod";
import { PHASES } from "../protocol/messages.ts";
import { GameStart } from "./record.ts";

export const SavedClock = z.object({
  next: z.enum(["openDecide", "closeDecide", "nextQuarter"]).nullable(),
  deadline: z.number(),
  left: z.number(),
  paused: z.boolean(),
});

/** A player known to the room: its key (hashed), name, seat (-1 watching) and host role. */
export const SavedPlayer = z.object({
  keyHash: z.string(),
  name: z.string(),
  seat: z.number().int(),
  host: z.boolean(),
});
export type SavedPlayer = z.infer<typeof SavedPlayer>;

/** A class student's ticket to a seat of its market (hashed), with who it is for the export. */
export const SavedTicket = z.object({
  ticketHash: z.string(),
  seat: z.number().int(),
  student: z.string(),
  name: z.string(),
});
export type SavedTicket = z.infer<typeof SavedTicket>;

export const SavedMarket = z.object({
  v: z.literal(1),
  /** The seats as the host asked for them (profile ids or roles). */
  seats: z.array(z.string()),
  settings: z.object({
    scenario: z.string(),
    rounds: z.number().int(),
    decideSeconds: z.number(),
    newsSeconds: z.number(),
    reportSeconds: z.number(),
    bots: z.boolean(),
    private: z.boolean(),
  }),
  /** The seed asked for at creation, if any. */
  seed: z.number().int().optional(),
  /** Seats the host reserved for bots in the lobby. */
  botSeats: z.array(z.number().int()),
  players: z.array(SavedPlayer),
  /** The secret behind the published state hash. */
  secret: z.string(),
  /** Set once the game started; its steps are stored apart, one row each. */
  start: GameStart.nullable(),
  phase: z.enum(PHASES),
  clock: SavedClock,
  /** A class session's market: the session's code, the market's index, the students' tickets. */
  managed: z.object({ session: z.string(), market: z.number().int(), lang: z.enum(["en", "fr"]), tickets: z.array(SavedTicket) }).nullable(),
});
export type SavedMarket = z.infer<typeof SavedMarket>;

export const SavedStudent = z.object({
  id: z.string(),
  keyHash: z.string(),
  name: z.string(),
  market: z.number().int(),
  seat: z.number().int(),
});
export type SavedStudent = z.infer<typeof SavedStudent>;

export const SavedSession = z.object({
  v: z.literal(1),
  /** The session's options as created (parsed ClassroomOptions). */
  options: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  hostKeyHash: z.string(),
  hostName: z.string(),
  phase: z.enum(["lobby", "running", "ended"]),
  paused: z.boolean(),
  students: z.array(SavedStudent),
  order: z.array(z.string()),
  nextStudent: z.number().int(),
  /** The market rooms' codes, by index. */
  markets: z.array(z.string()),
  created: z.number(),
});
export type SavedSession = z.infer<typeof SavedSession>;

/** One seat of a market as the class monitor shows it. */
export const SeatSummary = z.object({
  company: z.string(),
  companyId: z.string(),
  role: z.string(),
  /** A human holds the seat (a student, by ticket). */
  human: z.boolean(),
  connected: z.boolean(),
  submitted: z.boolean(),
  price: z.number(),
  score: z.number(),
  bankrupt: z.boolean(),
});

/** What a market tells its class session each time something the monitor shows changes. */
export const MarketSummary = z.object({
  market: z.number().int(),
  roomId: z.string(),
  round: z.number().int(),
  rounds: z.number().int(),
  phase: z.string(),
  deadline: z.number(),
  paused: z.boolean(),
  hype: z.number(),
  benchmark: z.number(),
  gpuSpot: z.number(),
  defaults: z.number(),
  marginCalls: z.number(),
  finished: z.boolean(),
  news: z.array(z.string()),
  seats: z.array(SeatSummary),
});
export type MarketSummary = z.infer<typeof MarketSummary>;
