// Bad messages get an error reply that names the field, change nothing, and never disconnect;
// a flooding client is disconnected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "@colyseus/sdk";
import type { GameServer } from "../../server/main.ts";
import { ErrorReply } from "../../shared/src/protocol/index.ts";
import { bootServer, create, errors, fence, FAST, joinById, json, st, waitFor } from "./helpers.ts";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer({ room: { maxMessagesPerSecond: 30 } });
});
afterAll(async () => {
  await gs?.close();
});

/** Sends, waits for the error reply, and returns it (checked against the protocol's schema). */
async function refused(room: Room, errs: any[], type: string, payload?: unknown): Promise<ErrorReply> {
  const n = errs.length;
  room.send(type as any, payload as any);
  await waitFor(() => errs.length > n, `error reply to ${type}`);
  const e = ErrorReply.parse(errs[n]);
  return e;
}

describe("bad messages", () => {
  it("in the lobby: each is refused with a code and the field, the state does not move", async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "meta", "nvidia"] });
    const guest = await joinById(gs, host.roomId, { name: "Guest" });
    await waitFor(() => st(host).players.size === 2, "two players");
    await fence(host, guest);
    const before = JSON.stringify(json(host));
    const beforeGuest = JSON.stringify(json(guest));
    const eh = errors(host);
    const eg = errors(guest);

    expect(await refused(host, eh, "chooseSeat", { seat: 99 })).toMatchObject({ code: "bad_message", type: "chooseSeat", field: "seat" });
    expect(await refused(host, eh, "chooseSeat", { seat: 1 })).toMatchObject({ code: "seat_taken", field: "seat" });
    expect(await refused(host, eh, "chooseSeat", { seat: 2, extra: 1 })).toMatchObject({ code: "bad_message" });
    expect(await refused(host, eh, "chooseSeat", "seat 2")).toMatchObject({ code: "bad_message", field: "(message)" });
    expect(await refused(host, eh, "hack", { x: 1 })).toMatchObject({ code: "unknown_message", type: "hack" });
    expect(await refused(host, eh, "submitSheet", { sheet: { role: "hyperscaler" } })).toMatchObject({ code: "wrong_phase", type: "submitSheet" });
    expect(await refused(host, eh, "settings", { rounds: 40 })).toMatchObject({ code: "bad_message", field: "rounds" });
    const r = await refused(host, eh, "settings", { scenario: "nope" });
    expect(r).toMatchObject({ code: "bad_settings", field: "scenario" });
    expect(r.message).toContain("boom-2025");
    expect(await refused(host, eh, "settings", { seats: ["nvidia", "unicorn"] })).toMatchObject({ code: "bad_settings", field: "seats.1" });
    expect(await refused(host, eh, "settings", {})).toMatchObject({ code: "bad_message" });
    expect(await refused(host, eh, "setName", { name: "x".repeat(10_000) })).toMatchObject({ code: "too_large" });
    expect(await refused(host, eh, "setName", { name: "   " })).toMatchObject({ code: "bad_message", field: "name" });
    expect(await refused(host, eh, "addBot", { seat: 1 })).toMatchObject({ code: "seat_taken" });
    expect(await refused(host, eh, "moveSeat", { player: "nobody", seat: 2 })).toMatchObject({ code: "no_such_player", field: "player" });
    expect(await refused(guest, eg, "start")).toMatchObject({ code: "not_host", type: "start" });
    expect(await refused(guest, eg, "addBot", { seat: 2 })).toMatchObject({ code: "not_host" });
    expect(await refused(host, eh, "start")).toMatchObject({ code: "not_ready" });
    // A request gets the same error as its reply, and no "error" message.
    const n = eh.length;
    const reply: any = await host.request("chooseSeat", { seat: -1 });
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatchObject({ code: "bad_message", field: "seat" });
    // Fence: the next error the host gets answers the message sent after the request.
    expect(await refused(host, eh, "hack", {})).toMatchObject({ code: "unknown_message", type: "hack" });
    expect(eh.length).toBe(n + 1);

    // Fence: every change the refused messages could have made has reached both clients.
    await fence(host, guest);
    expect(JSON.stringify(json(host))).toBe(before);
    expect(JSON.stringify(json(guest))).toBe(beforeGuest);
    // Still connected, still heard.
    expect((host as any).connection.isOpen && (guest as any).connection.isOpen).toBe(true);
    guest.send("setName", { name: "Grace" });
    await waitFor(() => st(host).seats[1].playerName === "Grace", "rename");
    await host.leave();
    await guest.leave();
  });

  it("in the decide phase: sheets and offers failing the engine's checks are refused", async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "nvidia", "apollo"], seed: 9 });
    host.send("start");
    await waitFor(() => st(host).phase === "decide", "decide");
    await fence(host);
    const before = JSON.stringify(json(host));
    const eh = errors(host);
    expect(await refused(host, eh, "submitSheet", { sheet: { role: "neocloud" } })).toMatchObject({ code: "bad_sheet", field: "sheet.role" });
    const chips = await refused(host, eh, "submitSheet", { sheet: { role: "hyperscaler", chips: [{ from: "apollo", lots: 2 }] } });
    expect(chips).toMatchObject({ code: "bad_sheet", field: "sheet.chips.0.from" });
    expect(chips.message).toContain("nvidia");
    expect(await refused(host, eh, "submitSheet", { sheet: { role: "hyperscaler", chips: [{ from: "nvidia", lots: -1 }] } })).toMatchObject({
      code: "bad_message",
      field: "sheet.chips.0.lots",
    });
    expect(await refused(host, eh, "submitSheet", { sheet: { role: "hyperscaler", bogus: 1 } })).toMatchObject({ code: "bad_message" });
    expect(await refused(host, eh, "submitSheet", { sheet: { role: "hyperscaler", accept: ["nvidia/x"] } })).toMatchObject({ code: "bad_sheet", field: "sheet.accept" });
    expect(await refused(host, eh, "submitSheet", {})).toMatchObject({ code: "bad_message" });
    expect(
      await refused(host, eh, "proposeOffer", { offer: { id: "l1", to: "nvidia", kind: "loan", loan: "bank", amount: 5, spread: 0.02, quarters: 8 } }),
    ).toMatchObject({ code: "bad_offer", field: "offer.kind" });
    expect(await refused(host, eh, "proposeOffer", { offer: { id: "bad id!", to: "nvidia", kind: "stake", amount: 1 } })).toMatchObject({
      code: "bad_message",
      field: "offer.id",
    });
    expect(await refused(host, eh, "acceptOffer", { key: "apollo/nothing" })).toMatchObject({ code: "no_such_offer", field: "key" });
    expect(await refused(host, eh, "withdrawOffer", { id: "nothing" })).toMatchObject({ code: "no_such_offer" });
    expect(await refused(host, eh, "chooseSeat", { seat: 1 })).toMatchObject({ code: "wrong_phase" });
    await fence(host);
    expect(JSON.stringify(json(host))).toBe(before);
    expect(st(host).seats[0].submitted).toBe(false);
    // A good sheet after all that is taken.
    host.send("submitSheet", { sheet: { role: "hyperscaler" } });
    await waitFor(() => st(host).round === 2, "round 2");
    await host.leave();
  });

  it("a flooding client is disconnected; the others play on", async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "meta"] });
    const flood = await joinById(gs, host.roomId);
    await waitFor(() => st(host).players.size === 2, "two players");
    const left = new Promise<number>((resolve) => flood.onLeave((code) => resolve(code)));
    for (let i = 0; i < 200; i++) flood.send("ready", { ready: i % 2 === 0 });
    expect(await left).toBe(4002);
    await waitFor(() => st(host).players.size === 1, "flooder removed");
    expect(st(host).seats[1].player).toBe("");
    host.send("setName", { name: "Still here" });
    await waitFor(() => st(host).seats[0].playerName === "Still here", "host heard");
    await host.leave();
  });

  it("a frame over the transport's cap closes that connection only", async () => {
    const host = await create(gs, { ...FAST, rounds: 6, seats: ["microsoft", "meta"] });
    const big = await joinById(gs, host.roomId);
    await waitFor(() => st(host).players.size === 2, "two players");
    const left = new Promise<number>((resolve) => big.onLeave((code) => resolve(code)));
    big.send("setName", { name: "y".repeat(40_000) });
    expect(await left).toBe(1009);
    // The server sees an abnormal closure: like any drop, the seat is held for a reconnection.
    await waitFor(() => st(host).seats[1].connected === false, "shown disconnected");
    host.send("setName", { name: "Unbothered" });
    await waitFor(() => st(host).seats[0].playerName === "Unbothered", "host heard");
    await host.leave();
  });
});
