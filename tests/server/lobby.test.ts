// The lobby: names, seats (the private view follows the seat), ready, and the host's actions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { ROOM_NAME } from "../../shared/src/protocol/index.ts";
import { bootServer, create, errors, fence, FAST, joinById, sdk, st, waitFor } from "./helpers.ts";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

describe("lobby", () => {
  it("seats, names, ready, bots and the host's moves", async () => {
    const host = await create(gs, { ...FAST, seats: ["microsoft", "meta", "nvidia", "apollo"], rounds: 6, bots: false });
    const g = await joinById(gs, host.roomId, { name: "Gus" });
    const eh = errors(host);
    await waitFor(() => st(host).seats[1].player === g.sessionId, "guest auto-seated");
    expect(st(g).privates?.get("1")).toBeDefined();
    expect(st(g).privates?.get("0")).toBeUndefined();

    // The guest moves; its private view follows its seat.
    expect(await g.request("chooseSeat", { seat: 2 })).toEqual({ ok: true });
    await waitFor(() => st(g).seats[2].player === g.sessionId && st(g).privates?.get("2") !== undefined, "moved, sees seat 2");
    await fence(g);
    expect(st(g).privates?.get("1")).toBeUndefined();
    expect(st(g).players.get(g.sessionId).seat).toBe(2);

    g.send("setName", { name: "Gustave" });
    await waitFor(() => st(host).seats[2].playerName === "Gustave", "renamed");

    // Bots off and empty seats: the host cannot start; bots on the empty seats fix that.
    expect(await host.request("start")).toMatchObject({ ok: false, error: { code: "not_ready" } });
    expect(await host.request("addBot", { seat: 1 })).toEqual({ ok: true });
    expect(await host.request("addBot", { seat: 3 })).toEqual({ ok: true });
    expect(await g.request("chooseSeat", { seat: 1 })).toMatchObject({ ok: false, error: { code: "seat_taken" } });
    expect(await host.request("removeBot", { seat: 1 })).toEqual({ ok: true });
    expect(await host.request("moveSeat", { player: g.sessionId, seat: 1 })).toEqual({ ok: true });
    await waitFor(() => st(g).privates?.get("1") !== undefined && st(g).privates?.get("2") === undefined, "moved by host");
    expect(await host.request("addBot", { seat: 2 })).toEqual({ ok: true });
    // The guest is not ready yet.
    const notReady: any = await host.request("start");
    expect(notReady.error.message).toContain("Gustave");
    g.send("ready", { ready: true });
    await waitFor(() => st(host).players.get(g.sessionId).ready, "ready");
    expect(await host.request("start")).toEqual({ ok: true });
    await waitFor(() => st(g).phase === "decide", "decide");
    expect(st(g).seats.map((s: any) => [s.companyId, s.bot])).toEqual([
      ["microsoft", false],
      ["meta", false],
      ["nvidia", true],
      ["apollo", true],
    ]);
    expect(eh).toEqual([]);
    // Bots' private parts (their offers) went to seats 2 and 3: the guest, who sat at 2, sees only its own.
    await fence(host, g);
    expect([...st(g).privates.keys()]).toEqual(["1"]);
    expect([...st(host).privates.keys()]).toEqual(["0"]);
    // Once started, the room leaves matchmaking: a stranger's joinOrCreate opens a new room.
    const stranger = await sdk(gs).joinOrCreate(ROOM_NAME, {});
    expect(stranger.roomId).not.toBe(host.roomId);
    await stranger.leave();
    await host.leave();
    await g.leave();
  });

  it("lets a late joiner watch, then take over a bot's seat between two quarters", async () => {
    const host = await create(gs, { newsSeconds: 0.05, reportSeconds: 1.5, decideSeconds: 1, seats: ["microsoft", "meta", "nvidia", "apollo"], rounds: 6, bots: true });
    expect(await host.request("start")).toEqual({ ok: true });
    await waitFor(() => st(host).phase === "decide", "decide");
    const late = await joinById(gs, host.roomId, { name: "Lea" });
    await waitFor(() => st(late).players.get(late.sessionId) !== undefined, "late joiner listed");
    expect(st(late).players.get(late.sessionId).seat).toBe(-1);
    expect([...(st(late).privates?.keys() ?? [])]).toEqual([]);
    // Not while orders are being decided ...
    if (st(late).phase === "decide") expect(await late.request("takeSeat", { seat: 1 })).toMatchObject({ ok: false, error: { code: "wrong_phase" } });
    // ... nor a seat a human plays; a bot's seat between two quarters, yes.
    await waitFor(() => st(late).phase === "report", "report", 15_000);
    expect(await late.request("takeSeat", { seat: 0 })).toMatchObject({ ok: false, error: { code: "seat_taken" } });
    expect(await late.request("takeSeat", { seat: 1 })).toEqual({ ok: true });
    await waitFor(() => st(late).privates?.get("1") !== undefined, "sees its seat's private part");
    expect(st(host).seats[1]).toMatchObject({ player: late.sessionId, playerName: "Lea", bot: false });
    expect(await late.request("takeSeat", { seat: 2 })).toMatchObject({ ok: false, error: { code: "already_seated" } });
    await host.leave();
    await late.leave();
  });
});
