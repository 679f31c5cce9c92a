// How both rooms take client messages: one entry point for every message type, known or not;
// a request (room.request) gets its reply, a plain send that is refused gets an "error" message,
// and a handler that throws is answered like a bad message instead of crashing the room.
//
// Why not Colyseus's "*" wildcard: a message whose type is literally "*" is dispatched to the
// wildcard as if it were a typed handler, so the wildcard receives the payload where it expects
// the type (a payload such as { toString: 1 } then throws on String(type), outside any room's
// try/catch: it ended the process). And a request of an unknown type never reaches "*": Colyseus
// answers it with its own "no_handler". So instead every type the room does not know resolves to
// a handler bound to that type's name, through the room's handler table: "*" included, sends and
// requests alike, one path.
import type { Client, Room } from "@colyseus/core";
import type { MessageContext } from "@colyseus/shared-types";
import { errorReply, messageTypeName as typeName, type ErrorReply } from "../shared/src/protocol/index.ts";

export type Reply = { ok: true } | { ok: false; error: ErrorReply };
export const OK: Reply = { ok: true };
export const fail = (error: ErrorReply): Reply => ({ ok: false, error });

type Handler = (client: Client, payload: unknown, ctx?: MessageContext) => unknown;

/**
 * Routes every message of `room` to `handle`: the listed types and any other. Must be called once,
 * in onCreate, after any other onMessage of the room.
 */
export function listen(room: Room, types: readonly string[], label: string, handle: (client: Client, type: string, payload: unknown) => Reply | Promise<Reply>): void {
  const failed = (type: string, e: unknown): Reply => {
    console.error(`${label} ${room.roomId}: ${typeName(type)} failed`, e);
    return fail(errorReply("bad_message", `${typeName(type)}: the server could not process this message`, { type: typeName(type) }));
  };
  const answer = (client: Client, type: string, r: Reply) => {
    if (r.ok) return;
    try {
      client.send("error", r.error);
    } catch (e) {
      console.error(`${label} ${room.roomId}: could not answer ${typeName(type)}`, e);
    }
  };
  const receive = (client: Client, type: string, payload: unknown, ctx: MessageContext | undefined): Reply | Promise<Reply> => {
    let r: Reply | Promise<Reply>;
    try {
      r = handle(client, type, payload);
    } catch (e) {
      r = failed(type, e);
    }
    // A handler that waits on other rooms answers when they have.
    if (r instanceof Promise) r = r.catch((e) => failed(type, e));
    // A request (ctx.id set) is answered by its return value; a plain send by an "error" message.
    if (ctx?.id !== undefined) return r;
    if (r instanceof Promise) void r.then((x) => answer(client, type, x));
    else answer(client, type, r);
    return r;
  };
  for (const type of types) room.onMessage(type, (client: Client, payload: unknown, ctx: MessageContext) => receive(client, type, payload, ctx));

  // Every other type: Colyseus looks handlers up by type name in this table, both for a send and
  // for a request; unknown names get a handler bound to the name, whose reply is unknown_message.
  const table = (room as unknown as { onMessageEvents: { events: Record<string, Handler[]> } }).onMessageEvents;
  const known = table.events;
  const fallback = new Map<string, Handler[]>();
  table.events = new Proxy(known, {
    get(target, key) {
      if (typeof key !== "string") return undefined;
      if (Object.hasOwn(target, key)) return target[key];
      let h = fallback.get(key);
      if (!h) {
        h = [(client, payload, ctx) => receive(client, key, payload, ctx)];
        // Bounded: a client may invent any number of names; keep a few for reuse, not all.
        if (fallback.size < 64) fallback.set(key, h);
      }
      return h;
    },
  });
}
