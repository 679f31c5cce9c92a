// A dropped player's seat is held (a bot plays it meanwhile) and the player gets it back;
// the host role passes to another human when the host leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@colyseus/sdk";
import type { GameServer } from "../../server/main.ts";
import { bootServer, create, errors, FAST, joinById, st, waitFor } from "./helpers.ts";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

const seats = ["microsoft", "meta", "nvidia", "apollo"];

async function startTwo(seed: number) {
  const a = await create(gs, { ...FAST, rounds: 6, seats, seed });
  const b = await joinById(gs, a.roomId, { name: "Bea" });
  b.send("ready", { ready: true });
  await waitFor(() => [...st(a).players.values()].every((p: any) => p.ready || p.host), "ready");
  a.send("start");
  await waitFor(() => st(a).phase === "decide" && st(b).phase === "decide", "decide");
  return { a, b };
}

describe("reconnection", () => {
  it("a dropped player comes back to its seat with a new connection (page reload)", async () => {
    const { a, b } = await startTwo(21);
    const token = b.reconnectionToken;
    const sessionId = b.sessionId;
    b.reconnection.enabled = false;
    (b as any).connection.close(4010, "network gone");
    await waitFor(() => st(a).seats[1].connected === false, "seat shown disconnected");
    expect(st(a).seats[1].player).toBe(sessionId);
    // A bot plays the seat meanwhile: the only connected player's sheet ends the phase.
    a.send("submitSheet", { sheet: { role: "hyperscaler" } });
    await waitFor(() => st(a).round === 2 && st(a).phase === "decide", "round 2 without B");
    expect(st(a).companies[1].prices.length).toBe(2);

    const b2 = await new Client(gs.url).reconnect(token);
    await waitFor(() => b2.state && (b2.state as any).seats?.length === 4, "state after reconnect");
    expect(b2.sessionId).toBe(sessionId);
    await waitFor(() => st(a).seats[1].connected === true, "seat shown connected");
    expect(st(b2).seats[1].player).toBe(sessionId);
    expect(st(b2).privates?.get("1")).toBeDefined();
    const e2 = errors(b2);
    b2.send("submitSheet", { sheet: { role: "hyperscaler", build: { gw: 0.25 } } });
    await waitFor(() => st(b2).privates?.get("1")?.sheet?.includes("0.25"), "B sees its sheet again");
    expect(st(a).seats[1].submitted).toBe(true);
    a.send("submitSheet", { sheet: { role: "hyperscaler" } });
    await waitFor(() => st(b2).round === 3, "round 3");
    expect(e2).toEqual([]);
    await a.leave();
    await b2.leave();
  });

  it("the SDK reconnects by itself after a network drop", async () => {
    const { a, b } = await startTwo(22);
    const reconnected = new Promise<void>((resolve) => b.onReconnect(() => resolve()));
    (b as any).connection.close(4010, "blip");
    await reconnected;
    await waitFor(() => st(a).seats[1].connected === true, "back");
    b.send("submitSheet", { sheet: { role: "hyperscaler" } });
    a.send("submitSheet", { sheet: { role: "hyperscaler" } });
    await waitFor(() => st(b).round === 2, "round 2");
    await a.leave();
    await b.leave();
  });

  it("a player who leaves for good is replaced by a bot; the host role passes on", async () => {
    const { a, b } = await startTwo(23);
    expect(st(b).host).toBe(a.sessionId);
    await a.leave();
    await waitFor(() => st(b).host === b.sessionId, "host passed to B");
    expect(st(b).seats[0].bot).toBe(true);
    expect(st(b).seats[0].player).toBe("");
    expect([...st(b).players.values()].find((p: any) => p.sessionId === b.sessionId).host).toBe(true);
    b.send("submitSheet", { sheet: { role: "hyperscaler" } });
    await waitFor(() => st(b).round === 2, "round 2");
    await b.leave();
  });

  it("the host leaving the lobby passes the host role", async () => {
    const a = await create(gs, { ...FAST, seats });
    const b = await joinById(gs, a.roomId);
    await waitFor(() => st(b).players.size === 2, "two");
    await a.leave();
    await waitFor(() => st(b).host === b.sessionId && st(b).players.size === 1, "B hosts");
    expect(st(b).seats[0].player).toBe("");
    // The new host can run the lobby.
    b.send("addBot", { seat: 0 });
    await waitFor(() => st(b).seats[0].bot, "bot added");
    await b.leave();
  });
});
