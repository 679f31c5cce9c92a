// A whole short game over the network: two SDK clients and two server bots, six quarters.
import { matchMaker } from "@colyseus/core";
import type { MarketRoom } from "../../server/room.ts";
import { publicHash } from "../../shared/src/room/record.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GameServer } from "../../server/main.ts";
import { bootServer, create, errors, FAST, joinById, st, waitFor } from "./helpers.ts";
import type { Room } from "@colyseus/sdk";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

/** Submits `sheet(round)` once per decide phase. */
function autoPlay(room: Room, sheet: (round: number) => unknown): { submitted: number[] } {
  const submitted: number[] = [];
  room.onStateChange(() => {
    const s = st(room);
    if (s.phase === "decide" && !submitted.includes(s.round)) {
      submitted.push(s.round);
      room.send("submitSheet", { sheet: sheet(s.round) });
    }
  });
  return { submitted };
}

describe("a whole game", () => {
  it("two SDK clients and two bots play six quarters to the end", async () => {
    const host = await create(gs, { ...FAST, name: "Ada", rounds: 6, seats: ["microsoft", "coreweave", "nvidia", "apollo"], seed: 11 });
    const code = host.roomId;
    const guest = await joinById(gs, code, { name: "Bo" });
    await waitFor(() => st(host).players.size === 2, "two players");
    expect(st(host).seats[0].player).toBe(host.sessionId);
    expect(st(host).seats[1].player).toBe(guest.sessionId);
    const errA = errors(host);
    const errB = errors(guest);
    const a = autoPlay(host, (r) => ({ role: "hyperscaler", build: { gw: r === 1 ? 0.2 : 0 } }));
    const b = autoPlay(guest, () => ({ role: "neocloud" }));
    guest.send("ready", { ready: true });
    await waitFor(() => [...st(host).players.values()].find((p: any) => p.sessionId === guest.sessionId)?.ready, "guest ready");
    host.send("start");
    await waitFor(() => st(host).phase === "ended" && st(guest).phase === "ended", "the end", 20_000);
    expect(errA).toEqual([]);
    expect(errB).toEqual([]);
    expect(a.submitted).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.submitted).toEqual([1, 2, 3, 4, 5, 6]);
    const s = st(guest);
    expect(s.finished).toBe(true);
    expect(s.round).toBe(6);
    expect(s.companies.length).toBe(4);
    expect(s.seats[2].bot).toBe(true);
    expect(s.seats[3].bot).toBe(true);
    for (const c of s.companies) {
      expect(c.prices.length).toBe(7);
      expect(Number.isFinite(c.score)).toBe(true);
    }
    expect(s.hype.length).toBe(7);
    expect(s.stateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.events.length).toBeGreaterThan(0);
    await host.leave();
    await guest.leave();
  });
});

describe("determinism", () => {
  it("the same seed and orders give the engine's own final state hash", async () => {
    const { seeds } = await import("../../seeds/index.ts");
    const { botRound, createGame, resolveRound, stateHash } = await import("../../shared/src/index.ts");
    const seats = ["microsoft", "coreweave", "nvidia", "amd", "apollo", "blue-owl"];
    const sheetA = (r: number) => ({ role: "hyperscaler", build: { gw: r % 2 ? 0.3 : 0 }, chips: [{ from: "nvidia", lots: r }], buyback: r === 4 ? 2 : 0 });
    const sheetB = (r: number) => ({ role: "neocloud", chips: r === 2 ? [{ from: "amd", lots: 2 }] : [], build: { gw: 0.1 } });

    const host = await create(gs, { ...FAST, rounds: 6, seats, seed: 4242 });
    const guest = await joinById(gs, host.roomId);
    autoPlay(host, sheetA);
    autoPlay(guest, sheetB);
    const errA = errors(host);
    const errB = errors(guest);
    guest.send("ready", { ready: true });
    await waitFor(() => [...st(host).players.values()].every((p: any) => p.ready || p.host), "ready");
    host.send("start");
    await waitFor(() => st(host).phase === "ended", "the end", 20_000);
    expect(errA).toEqual([]);
    expect(errB).toEqual([]);

    // The engine alone: the bots' round (botRound) for the bot seats, the same sheets for the humans.
    const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
    let state = createGame(setup, seats.map((profile) => ({ profile })), 4242, { rounds: 6 });
    const bots = ["nvidia", "amd", "apollo", "blue-owl"];
    while (!state.finished) {
      const r = state.round + 1;
      state = resolveRound(setup, state, { ...botRound(state, bots), microsoft: sheetA(r), coreweave: sheetB(r) }).state;
    }
    // The published hash hides the state behind the room's secret, revealed at the end.
    await waitFor(() => st(host).hashSecret, "the secret revealed");
    expect(st(host).stateHash).toBe(publicHash(st(host).hashSecret, state));
    expect(st(host).stateHash).not.toBe(stateHash(state));
    await host.leave();
    await guest.leave();
  });

  it("a room of bots watched by a spectating host plays the engine's game (playGame)", async () => {
    const { seeds } = await import("../../seeds/index.ts");
    const { playGame } = await import("../../shared/src/index.ts");
    const seats = ["nvidia", "amd", "microsoft", "meta", "coreweave", "fluidstack", "blue-owl", "apollo"];
    const host = await create(gs, { ...FAST, rounds: 6, seed: 77 });
    host.send("chooseSeat", { seat: null });
    await waitFor(() => st(host).seats.every((s: any) => !s.player), "host stood up");
    host.send("start");
    await waitFor(() => st(host).phase === "ended", "the end", 20_000);
    const game = playGame({ ...seeds, scenario: seeds.scenarios["boom-2025"] }, seats.map((profile) => ({ profile })), 77, { rounds: 6, keepEvents: false });
    await waitFor(() => st(host).hashSecret, "the secret revealed");
    expect(st(host).stateHash).toBe(publicHash(st(host).hashSecret, game.state));
    await host.leave();
  });
});

describe("the decide timer", () => {
  it("ends the phase when it runs out; a missing sheet plays the engine's default", async () => {
    const { seeds } = await import("../../seeds/index.ts");
    const { botRound, createGame, resolveRound, stateHash } = await import("../../shared/src/index.ts");
    const seats = ["meta", "nvidia", "coreweave"];
    const host = await create(gs, { ...FAST, decideSeconds: 1, rounds: 6, seats, seed: 99 });
    host.send("start");
    await waitFor(() => st(host).phase === "decide", "decide");
    // A deadline is announced and the host (seat 0, the only human) never submits: nothing but the
    // timer can end the phase, and the hash below says the host's seat played the default sheet.
    expect(st(host).deadline).toBeGreaterThan(0);
    expect(st(host).seats[0].submitted).toBe(false);
    await waitFor(() => st(host).round === 2, "round 2", 30_000);
    const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
    const s0 = createGame(setup, seats.map((profile) => ({ profile })), 99, { rounds: 6 });
    const s1 = resolveRound(setup, s0, botRound(s0, ["nvidia", "coreweave"])).state;
    // Mid-game the secret is not public: the room's own engine state (this process) is compared.
    const room = matchMaker.getLocalRoomById(host.roomId) as unknown as MarketRoom;
    expect(stateHash(room.engineState!)).toBe(stateHash(s1));
    await host.leave();
  });
});
