// The protocol of a class session (room type "classroom"): what the teacher's console and the
// students' phones send. A session splits its students into parallel markets (ordinary "market"
// rooms it runs); each student then joins its market with the ticket the session gives it.
import { z } from "zod";
import { errorReply, zodIssues, describeIssues, messageTypeName, type ErrorReply } from "./errors.ts";
import { PlayerName, SeatSpec } from "./messages.ts";

export const CLASSROOM_ROOM = "classroom";

const Seats = z.array(SeatSpec).min(2, "at least 2 seats").max(8, "at most 8 seats");

/** Options of `client.create("classroom", options)`: the session's settings. */
export const ClassroomOptions = z
  .object({
    /** The teacher's display name. */
    name: PlayerName.optional(),
    scenario: z.string().regex(/^[a-z0-9-]{1,40}$/, "a scenario id such as boom-2025").optional(),
    rounds: z.number().int().min(6).max(16).optional(),
    /** The seats of every market (their number is the market size); default: the standard 8-seat market. */
    seats: Seats.optional(),
    decideSeconds: z.number().min(10).max(900).default(120),
    newsSeconds: z.number().min(0).max(60).default(8),
    reportSeconds: z.number().min(0).max(180).default(20),
    /** The language of the projector view and the debrief. */
    lang: z.enum(["en", "fr"]).default("en"),
    /** One seed for every market, so that their games compare (default: random). */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();
export type ClassroomOptions = z.infer<typeof ClassroomOptions>;
export type ClassroomOptionsInput = z.input<typeof ClassroomOptions>;

/** Options of `client.joinById(code, options)` for a class session. */
export const ClassroomJoin = z.object({
  name: PlayerName.optional(),
  /** The teacher's secret key (kept by the console): it, not the code, gives the host powers. */
  hostKey: z.string().min(16).max(64).optional(),
  /** A student's own key (kept by its phone): a reload returns the student to its seat. */
  studentKey: z.string().min(16).max(64).optional(),
  /** A projector or monitor screen: it watches and plays no seat. */
  watch: z.boolean().optional(),
});
export type ClassroomJoin = z.infer<typeof ClassroomJoin>;

const StudentId = z.string().min(1).max(40);

/** Every message a class session accepts, by type. All but setName are the teacher's. */
export const ClassroomMessages = {
  setName: z.object({ name: PlayerName }).strict(),
  start: z.object({}).strict(),
  pause: z.object({}).strict(),
  resume: z.object({}).strict(),
  addTime: z.object({ seconds: z.number().int().min(5).max(600) }).strict(),
  closePhase: z.object({}).strict(),
  injectCard: z.object({ card: z.string().regex(/^[a-z0-9-]{1,60}$/, "a card id from the deck") }).strict(),
  endGame: z.object({}).strict(),
  renameStudent: z.object({ student: StudentId, name: PlayerName }).strict(),
  removeStudent: z.object({ student: StudentId }).strict(),
  /** Moves a student to another market and seat (before the start, or onto a seat a bot plays). */
  moveStudent: z.object({ student: StudentId, market: z.number().int().min(0).max(99), seat: z.number().int().min(0).max(7) }).strict(),
} as const;
export type ClassroomMessageType = keyof typeof ClassroomMessages;
export type ClassroomMessage<K extends ClassroomMessageType> = z.infer<(typeof ClassroomMessages)[K]>;
export const CLASSROOM_MESSAGE_TYPES = Object.keys(ClassroomMessages) as ClassroomMessageType[];
export const CLASSROOM_STUDENT_MESSAGES: readonly ClassroomMessageType[] = ["setName"];

export type ParsedClassroom = { ok: true; type: ClassroomMessageType; data: unknown } | { ok: false; error: ErrorReply };

export function parseClassroomMessage(type: unknown, payload: unknown): ParsedClassroom {
  if (typeof type !== "string" || !(CLASSROOM_MESSAGE_TYPES as string[]).includes(type)) {
    return { ok: false, error: errorReply("unknown_message", `unknown message type ${JSON.stringify(messageTypeName(type))}; known: ${CLASSROOM_MESSAGE_TYPES.join(", ")}`, { type: messageTypeName(type) }) };
  }
  const t = type as ClassroomMessageType;
  const r = (ClassroomMessages[t] as z.ZodType).safeParse(payload === undefined ? {} : payload);
  if (!r.success) {
    const issues = zodIssues(r.error);
    return { ok: false, error: errorReply("bad_message", `${t}: ${describeIssues(issues)}`, { type: t, issues }) };
  }
  return { ok: true, type: t, data: r.data };
}

/** What the session tells one client (besides state patches). */
export interface HostKeyMessage {
  key: string;
}
export interface AssignmentMessage {
  /** The market room to join (joinById) with this ticket. */
  roomId: string;
  ticket: string;
  market: number;
  seat: number;
  company: string;
  role: string;
}
export interface StudentKeyMessage {
  key: string;
  student: string;
}

/** The body of GET /classroom/CODE/debrief.json: markets side by side and the students ranked. */
export interface Debrief {
  code: string;
  markets: {
    market: number;
    hype: number[];
    defaults: number;
    marginCalls: number;
    companies: { company: string; role: string; student: string; player: string; prices: number[]; fundamentals: number[]; score: number; bankrupt: boolean; rd: number | null; rad: number | null }[];
    rd: number | null;
    rad: number | null;
    moments: { round: number; type: string; text: string; source?: string }[];
  }[];
  /** Students ranked within their market and across the class. */
  ranking: { student: string; player: string; market: number; company: string; role: string; score: number; rankInMarket: number; rankInClass: number }[];
}
