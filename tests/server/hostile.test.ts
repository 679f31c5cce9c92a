// A hostile client against a real server (SDK clients over loopback): the "*" message that used to
// end the process, requests of unknown types, and a fuzz of bad messages in the lobby and the decide
// phase, from a seated player and a spectator. Nothing may crash, nothing may change, every bad
// message is answered with a typed error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import { Rng, seedState } from "../../shared/src/engine/rng.ts";
import type { GameServer } from "../../server/main.ts";
import { CLASSROOM_ROOM, CLIENT_MESSAGE_TYPES, ErrorReply, parseClientMessage } from "../../shared/src/protocol/index.ts";
import { bootServer, create, errors, FAST, fence as patchFence, joinById, json, sdk, st, waitFor } from "./helpers.ts";

/** How many fuzzed messages in all (issue 14 asks for 100,000; FUZZ_MESSAGES lowers it locally). */
const FUZZ_TOTAL = Number(process.env.FUZZ_MESSAGES ?? 100_000);

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer({ room: { maxMessagesPerSecond: 1e9 } });
});
afterAll(async () => {
  await gs?.close();
});

/** A reply the client waits for: messages of one connection are handled in order, so once it comes every earlier one was. */
async function fence(room: Room): Promise<void> {
  const r: any = await room.request("fence-probe", {});
  expect(r).toMatchObject({ ok: false, error: { code: "unknown_message" } });
}

const stateOf = (room: Room) => JSON.stringify(json(room));

describe("hostile messages", () => {
  it('a message of type "*" is answered, not fatal, for a player, a spectator and a class projector', async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia"] });
    const eh = errors(host);
    await patchFence(host);
    const before = stateOf(host);
    for (const payload of [{ toString: 1 }, { valueOf: 1, toString: 1 }, "x", 7, null, [1, 2], JSON.parse('{"__proto__": {"a": 1}}')]) host.send("*" as any, payload as any);
    await fence(host);
    await patchFence(host);
    expect(eh.length).toBe(7);
    for (const e of eh) expect(ErrorReply.parse(e)).toMatchObject({ code: "unknown_message", type: "*" });
    const reply: any = await host.request("*", { toString: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: "unknown_message", type: "*" } });
    expect(stateOf(host)).toBe(before);

    // A class projector (watch: true) is no different.
    const teacher = await sdk(gs).create(CLASSROOM_ROOM, { name: "T" });
    await waitFor(() => (teacher.state as any)?.code, "class state");
    const projector = await sdk(gs).joinById(teacher.roomId, { watch: true });
    const ep = errors(projector);
    projector.send("*" as any, { toString: 1 } as any);
    expect(await projector.request("*", { toString: 1 })).toMatchObject({ ok: false, error: { code: "unknown_message" } });
    await waitFor(() => ep.length === 1, "the projector's error");
    expect(ep[0]).toMatchObject({ code: "unknown_message", type: "*" });
    // Everyone plays on.
    host.send("setName", { name: "Still here" });
    await waitFor(() => st(host).players.get(host.sessionId)?.name === "Still here", "rename after the attack");
    const health = await (await fetch(`${gs.url}/healthz`)).json();
    expect(health.rooms).toBeGreaterThanOrEqual(1);
    await Promise.all([host.leave(), projector.leave(), teacher.leave()]);
  });

  it("a request of an unknown type gets unknown_message, not the framework's no_handler", async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia"] });
    for (const type of ["hack", "toString", "__proto__", "constructor", "x".repeat(120)]) {
      const r: any = await host.request(type, { a: 1 });
      expect(r.ok).toBe(false);
      expect(ErrorReply.parse(r.error)).toMatchObject({ code: "unknown_message" });
      expect(r.error.type.length).toBeLessThanOrEqual(41);
    }
    const n: any = await host.request(42 as any, {});
    expect(n).toMatchObject({ ok: false, error: { code: "unknown_message", type: "42" } });
    await host.leave();
  });

  it(`${FUZZ_TOTAL.toLocaleString("en")} fuzzed messages: no crash, no state change, a typed error for each`, async () => {
    const host = await create(gs, { ...FAST, decideSeconds: 900, rounds: 6, seats: ["microsoft", "coreweave", "nvidia", "apollo"], seed: 5 });
    const guest = await joinById(gs, host.roomId, { name: "Guest" });
    await waitFor(() => st(host).players.size === 2, "two players");
    // Half in the lobby, half in the decide phase (with a spectator who joined after the start).
    const rng = new Rng(seedState(20261203));
    const rand = (n: number) => Math.floor(rng.next() * n);
    const fuzzPayload = (depth = 0): unknown => {
      switch (rand(depth > 2 ? 8 : 12)) {
        case 0: return null;
        case 1: return rand(2) === 0;
        case 2: return [NaN, Infinity, -Infinity, -0, 1e308, -1, 0.1, 2 ** 53][rand(8)];
        case 3: return rand(1000) - 500;
        case 4: return ["", "x", "toString", "__proto__", "<script>", "𝕏", "a/b", "\u0000", "9".repeat(60)][rand(9)];
        case 5: return { toString: 1 };
        case 6: return { valueOf: () => 1 };
        case 7: return undefined;
        case 8: case 9: {
          const o: Record<string, unknown> = {};
          const keys = ["seat", "name", "ready", "sheet", "offer", "key", "id", "rounds", "seats", "player", "kind", "to", "toString", "__proto__", "constructor"];
          // defineProperty: an own "__proto__" key, as a hand-made frame could carry (assigning would set the prototype).
          for (let i = rand(4); i >= 0; i--) Object.defineProperty(o, keys[rand(keys.length)], { value: fuzzPayload(depth + 1), enumerable: true, configurable: true, writable: true });
          return o;
        }
        default: return Array.from({ length: rand(4) }, () => fuzzPayload(depth + 1));
      }
    };
    const types = [...CLIENT_MESSAGE_TYPES, "*", "hack", "toString", "__proto__", "", "error"];
    /** A message the protocol refuses by its shape (a valid one could legitimately change the state). */
    const badMessage = (): [string, unknown] => {
      for (;;) {
        const type = types[rand(types.length)];
        const payload = fuzzPayload();
        if (!parseClientMessage(type, payload).ok) return [type, payload];
      }
    };

    let crashes = 0;
    let typed = 0;
    const fuzz = async (room: Room, count: number) => {
      const errs = errors(room);
      for (let i = 0; i < count; i++) {
        const [type, payload] = badMessage();
        if (i % 10 === 0) {
          const r: any = await room.request(type as any, payload as any);
          if (r?.ok === false && ErrorReply.safeParse(r.error).success) typed++;
        } else room.send(type as any, payload as any);
        if (i % 500 === 499) await fence(room);
      }
      await fence(room);
      typed += errs.filter((e) => ErrorReply.safeParse(e).success).length;
      if (!(room as any).connection.isOpen) crashes++;
    };

    await patchFence(host, guest);
    const beforeLobby = stateOf(host);
    const lobbyCount = Math.floor(FUZZ_TOTAL / 4);
    await Promise.all([fuzz(host, lobbyCount), fuzz(guest, lobbyCount)]);
    // Replies come before patches: a fence on the state itself before comparing it.
    await patchFence(host, guest);
    expect(stateOf(host)).toBe(beforeLobby);

    guest.send("ready", { ready: true });
    await waitFor(() => [...st(host).players.values()].every((p: any) => p.ready || p.host), "guest ready");
    host.send("start");
    await waitFor(() => st(host).phase === "decide", "decide");
    const spectator = await joinById(gs, host.roomId, { name: "Watcher" });
    await waitFor(() => st(host).players.size === 3, "spectator");
    await patchFence(host, guest, spectator);
    const beforeDecide = stateOf(host);
    const decideCount = Math.floor(FUZZ_TOTAL / 6);
    await Promise.all([fuzz(host, decideCount), fuzz(guest, decideCount), fuzz(spectator, FUZZ_TOTAL - 2 * lobbyCount - 2 * decideCount)]);
    await patchFence(host, guest, spectator);
    expect(st(host).phase).toBe("decide");
    expect(stateOf(host)).toBe(beforeDecide);
    expect(stateOf(host)).not.toMatch(/NaN|Infinity/);
    expect(crashes).toBe(0);
    expect(typed).toBe(FUZZ_TOTAL);
    // Everyone plays on.
    guest.send("setName", { name: "Grace" });
    await waitFor(() => st(host).seats[1].playerName === "Grace", "a valid message after the fuzz");
    await Promise.all([host.leave(), guest.leave(), spectator.leave()]);
  }, 600_000);
});

/** A seat reservation asked for from another loopback address (the limits count per address): its HTTP status. */
function reserveFrom(localAddress: string, gs: GameServer, code: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${gs.url}/matchmake/joinById/${code}`, { method: "POST", localAddress, headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.end("{}");
  });
}

/** A seat reservation made over HTTP, and a raw WebSocket on it that never completes the join (a script holding sockets open). */
async function halfOpen(url: string, code: string, options: Record<string, unknown>): Promise<WebSocket> {
  const c = new Client(url);
  const res = await fetch(`${url}/matchmake/joinById/${code}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(options) });
  const reservation = await res.json();
  const endpoint: string = (c as any).buildEndpoint(reservation, { sessionId: reservation.sessionId });
  const ws = new WebSocket(endpoint);
  ws.binaryType = "arraybuffer";
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  return ws;
}

describe("holes", () => {
  let hs: GameServer;
  beforeAll(async () => {
    hs = await bootServer({ room: { handshakeSeconds: 1 } });
  });
  afterAll(async () => {
    await hs?.close();
  });

  it("a live player's reconnection token, replayed by someone else, evicts nobody", async () => {
    const host = await create(hs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia"] });
    const token = host.reconnectionToken;
    await expect(new Client(hs.url).reconnect(token)).rejects.toThrow();
    // Still seated, still connected, still heard.
    await fence(host);
    expect((host as any).connection.isOpen).toBe(true);
    expect(st(host).seats[0].player).toBe(host.sessionId);
    expect(st(host).seats[0].connected).toBe(true);
    host.send("setName", { name: "Still me" });
    await waitFor(() => st(host).seats[0].playerName === "Still me", "the host plays on");
    await host.leave();
  });

  it("a class market seats only the session's ticket holders: a stranger with its code is refused", async () => {
    const teacher = await new Client(hs.url).create(CLASSROOM_ROOM, { name: "T", rounds: 6, seats: ["microsoft", "coreweave"], decideSeconds: 600 });
    await waitFor(() => (teacher.state as any)?.code, "class state");
    const student = await new Client(hs.url).joinById(teacher.roomId, { name: "Zoé" });
    let assignment: any = null;
    student.onMessage("studentKey", () => {});
    student.onMessage("assignment", (a: any) => (assignment = a));
    expect(await teacher.request("start")).toEqual({ ok: true });
    await waitFor(() => assignment, "the student's assignment");
    await waitFor(() => (teacher.state as any).markets?.[0]?.roomId, "the market in the class state");
    const marketCode = (teacher.state as any).markets[0].roomId; // public: anyone watching the class reads it
    await expect(new Client(hs.url).joinById(marketCode, { name: "Stranger" })).rejects.toThrow(/class session/);
    await expect(new Client(hs.url).joinById(marketCode, { ticket: "not-a-real-ticket" })).rejects.toThrow(/class session/);
    // The student's own ticket opens its seat.
    const market = await new Client(hs.url).joinById(assignment.roomId, { ticket: assignment.ticket });
    await waitFor(() => (market.state as any)?.seats?.[assignment.seat]?.player === market.sessionId, "the student seated");
    expect((market.state as any).players.size).toBe(1);
    await Promise.all([market.leave(), student.leave(), teacher.leave()]);
  });

  it("reservations that never connect expire without a trace, and never lock a friend out", async () => {
    const lockHost = await create(hs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia", "coreweave", "apollo"] });
    const code = lockHost.roomId;
    // 64 HTTP reservations from one address, no WebSocket (as many as the room has places): past
    // 24 the address is refused for this room, and the room stays open to everyone else.
    const statuses: number[] = [];
    for (let i = 0; i < 64; i++) {
      const r = await fetch(`${hs.url}/matchmake/joinById/${code}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      statuses.push(r.status);
    }
    expect(statuses.filter((x) => x === 200)).toHaveLength(24);
    expect(statuses.filter((x) => x === 429)).toHaveLength(40);
    expect(await reserveFrom("127.0.0.2", hs, code)).toBe(200);
    const listing = (await matchMaker.findRoomsByIds([code])).get(code);
    expect(listing?.locked).toBe(false);
    await lockHost.leave();

    // Half-open sockets (in another room: this address spent its reservations of the first one).
    const host = await create(hs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia", "coreweave", "apollo"] });
    const code2 = host.roomId;
    const friend = await joinById(hs, code2, { name: "Friend" });
    await waitFor(() => st(host).players.size === 2, "the friend in");
    // Half-open sockets: they reach onJoin, never complete it, and are dropped with their seat.
    const sockets = await Promise.all([halfOpen(hs.url, code2, { name: "Ghost1" }), halfOpen(hs.url, code2, { name: "Ghost2" })]);
    await waitFor(() => [...st(host).players.values()].some((p: any) => p.name === "Ghost1"), "a ghost reaches the room");
    await waitFor(() => st(host).players.size === 2, "ghosts gone", 15_000);
    expect([...st(host).seats].filter((s: any) => s.player).length).toBe(2);
    for (const ws of sockets) ws.close();

    // The same in a class: no fake student stays on the roster.
    const teacher = await new Client(hs.url).create(CLASSROOM_ROOM, { name: "T" });
    await waitFor(() => (teacher.state as any)?.code, "class state");
    const ghosts = await Promise.all([1, 2, 3].map((i) => halfOpen(hs.url, teacher.roomId, { name: `Fake ${i}` })));
    await waitFor(() => (teacher.state as any).students.size === 3, "the fakes listed a moment");
    await waitFor(() => (teacher.state as any).students.size === 0, "the fakes gone", 15_000);
    for (const ws of ghosts) ws.close();
    await Promise.all([host.leave(), friend.leave(), teacher.leave()]);
  });

  it("the published state hash does not let anyone test seed guesses; the secret behind it is revealed at the end", async () => {
    const host = await create(hs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia"], seed: 123 });
    host.send("start");
    await waitFor(() => st(host).phase === "decide" && st(host).stateHash, "the first quarter");
    const { seeds } = await import("../../seeds/index.ts");
    const { startGame, publicHash } = await import("../../shared/src/room/record.ts");
    const { stateHash } = await import("../../shared/src/index.ts");
    const guess = startGame(seeds, { scenario: "boom-2025", rounds: 6, seed: 123, profiles: ["microsoft", "nvidia"] });
    expect(st(host).stateHash).not.toBe(stateHash(guess)); // the right seed, and still no match
    expect(st(host).hashSecret).toBe("");
    expect(publicHash("any-guess", guess)).not.toBe(st(host).stateHash);
    await host.leave();
  });

  it("a malformed or wrong host key is refused, never turned into a student", async () => {
    const teacher = await new Client(hs.url).create(CLASSROOM_ROOM, { name: "T" });
    await waitFor(() => (teacher.state as any)?.code, "class state");
    await expect(new Client(hs.url).joinById(teacher.roomId, { hostKey: "x" })).rejects.toThrow(/hostKey/);
    await expect(new Client(hs.url).joinById(teacher.roomId, { hostKey: "z".repeat(24) })).rejects.toThrow(/host key/);
    await expect(new Client(hs.url).joinById(teacher.roomId, { studentKey: "z".repeat(24) })).rejects.toThrow(/student key/);
    const s = await new Client(hs.url).joinById(teacher.roomId, { name: "Real" });
    await waitFor(() => (teacher.state as any).students.size === 1, "one real student");
    await Promise.all([s.leave(), teacher.leave()]);
  });
});
