// The reply to a refused message: a code a program can switch on, a sentence a person can read,
// and the field at fault with what it allows. A refused message changes nothing.
import { z } from "zod";
import { CLIENT_MESSAGE_TYPES, ClientMessages, type ClientMessage, type ClientMessageType } from "./messages.ts";

export const ERROR_CODES = [
  /** The message's shape is wrong (a field missing, out of range, of the wrong type, or unknown). */
  "bad_message",
  /** No such message type. */
  "unknown_message",
  /** The message is larger than the server accepts. */
  "too_large",
  /** The message does not belong to the current phase. */
  "wrong_phase",
  "not_host",
  /** The sender has no seat (spectator), or its seat's company is bankrupt. */
  "not_seated",
  "seat_taken",
  /** takeSeat: the sender already plays a seat. */
  "already_seated",
  /** takeSeat: that company is bankrupt. */
  "seat_bankrupt",
  "no_such_seat",
  "no_such_player",
  /** A setting names something that does not exist (scenario, profile, role). */
  "bad_settings",
  /** The host cannot start yet (players not ready, seats without a player and bots off). */
  "not_ready",
  /** The order sheet fails the engine's checks against the state. */
  "bad_sheet",
  "bad_offer",
  "no_such_offer",
  /** Classroom: a card id not in the deck, or a card the game cannot take now. */
  "bad_card",
  /** Classroom: no student with that id. */
  "no_such_student",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path inside the message, e.g. "sheet.chips.0.lots". */
  field: string;
  message: string;
}

export const ErrorReply = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** The message type that was refused. */
    type: z.string().optional(),
    /** The first field at fault (dotted path in the message), when one is. */
    field: z.string().optional(),
    /** Every field at fault, with what it allows. */
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .strict();
export type ErrorReply = z.infer<typeof ErrorReply>;

export function errorReply(code: ErrorCode, message: string, extra: { type?: string; field?: string; issues?: FieldIssue[] } = {}): ErrorReply {
  const r: ErrorReply = { code, message };
  if (extra.type !== undefined) r.type = extra.type;
  const field = extra.field ?? extra.issues?.[0]?.field;
  if (field !== undefined) r.field = field;
  if (extra.issues && extra.issues.length > 0) r.issues = extra.issues;
  return r;
}

/** zod issues → field issues with dotted paths, prefixed (e.g. "sheet"). */
export function zodIssues(error: z.ZodError, prefix = ""): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter((p) => p !== "").join(".");
    return { field: path || "(message)", message: i.message };
  });
}

/** Summary sentence of field issues: "rounds: Too big…; seats.2: …". */
export function describeIssues(issues: FieldIssue[], max = 4): string {
  const shown = issues.slice(0, max).map((i) => `${i.field}: ${i.message}`);
  if (issues.length > max) shown.push(`and ${issues.length - max} more`);
  return shown.join("; ");
}

export type Parsed<K extends ClientMessageType> = { ok: true; type: K; data: ClientMessage<K> } | { ok: false; error: ErrorReply };

/** A message type as a client sent it, as short text for a reply (never throws, whatever it is). */
export function messageTypeName(type: unknown): string {
  if (typeof type === "string") return type.length > 40 ? `${type.slice(0, 40)}…` : type;
  if (typeof type === "number") return String(type);
  return `(${typeof type})`;
}

/** Parses one client message by type: the data, or the error reply that names the field. */
export function parseClientMessage(type: unknown, payload: unknown): Parsed<ClientMessageType> {
  if (typeof type !== "string" || !(CLIENT_MESSAGE_TYPES as string[]).includes(type)) {
    return {
      ok: false,
      error: errorReply("unknown_message", `unknown message type ${JSON.stringify(messageTypeName(type))}; known: ${CLIENT_MESSAGE_TYPES.join(", ")}`, {
        type: messageTypeName(type),
      }),
    };
  }
  const t = type as ClientMessageType;
  // A message sent with no payload is read as {} so "start" needs no body.
  const r = (ClientMessages[t] as z.ZodType).safeParse(payload === undefined ? {} : payload);
  if (!r.success) {
    const issues = zodIssues(r.error);
    return { ok: false, error: errorReply("bad_message", `${t}: ${describeIssues(issues)}`, { type: t, issues }) };
  }
  return { ok: true, type: t, data: r.data as ClientMessage<ClientMessageType> };
}
