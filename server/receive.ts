// How both rooms take client messages: every known type and "*" (unknown types) go to one handler;
// a request (room.request) gets its reply, a plain send that is refused gets an "error" message, and
// a handler that throws is answered like a bad message instead of crashing the room.
import type { Client, Room } from "@colyseus/core";
import type { MessageContext } from "@colyseus/shared-types";
import { errorReply, type ErrorReply } from "../shared/src/protocol/index.ts";

export type Reply = { ok: true } | { ok: false; error: ErrorReply };
export const OK: Reply = { ok: true };
export const fail = (error: ErrorReply): Reply => ({ ok: false, error });

export function listen(room: Room, types: readonly string[], label: string, handle: (client: Client, type: string | number, payload: unknown) => Reply): void {
  const receive = (client: Client, type: string | number, payload: unknown, ctx: MessageContext | undefined): Reply => {
    let r: Reply;
    try {
      r = handle(client, type, payload);
    } catch (e) {
      console.error(`${label} ${room.roomId}: ${String(type)} failed`, e);
      r = fail(errorReply("bad_message", `${String(type)}: the server could not process this message`, { type: String(type) }));
    }
    if (ctx?.id !== undefined) return r;
    if (!r.ok) client.send("error", r.error);
    return r;
  };
  for (const type of types) room.onMessage(type, (client: Client, payload: unknown, ctx: MessageContext) => receive(client, type, payload, ctx));
  room.onMessage("*", (client: Client, type: string | number, payload: unknown) => receive(client, type, payload, undefined));
}
