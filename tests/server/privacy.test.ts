// Orders stay private until resolution: a client decoding every patch (and every raw frame) never
// sees another seat's sheet or an offer between two other seats; it does see its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "@colyseus/sdk";
import type { GameServer } from "../../server/main.ts";
import { bootServer, create, errors, fence, FAST, joinById, st, waitFor } from "./helpers.ts";

let gs: GameServer;
beforeAll(async () => {
  gs = await bootServer();
});
afterAll(async () => {
  await gs?.close();
});

/** Records every raw frame with the phase the client was in once it was decoded. */
function tap(room: Room): { frames: { text: string; phase: string }[] } {
  const out = { frames: [] as { text: string; phase: string }[] };
  const conn = (room as any).connection;
  const orig = conn.events.onmessage;
  conn.events.onmessage = (ev: { data: ArrayBuffer }) => {
    orig(ev);
    out.frames.push({ text: Buffer.from(ev.data as ArrayBuffer).toString("latin1"), phase: st(room).phase });
  };
  return out;
}

/** Records, after every patch, whether any other seat's private part was decoded. */
function watchOthers(room: Room): { leaks: string[]; patches: number } {
  const w = { leaks: [] as string[], patches: 0 };
  room.onStateChange(() => {
    w.patches++;
    const s = st(room);
    s.privates?.forEach((_v: unknown, key: string) => {
      if (s.seats[Number(key)]?.player !== room.sessionId) w.leaks.push(`round ${s.round} ${s.phase}: seat ${key}'s private part visible`);
    });
  });
  return w;
}

describe("private orders", () => {
  it("no client sees another's sheet or offers before resolution", async () => {
    const seats = ["microsoft", "meta", "coreweave", "nvidia", "apollo"];
    const a = await create(gs, { ...FAST, rounds: 6, seats, seed: 3 });
    const b = await joinById(gs, a.roomId);
    const tapA = tap(a);
    const tapB = tap(b);
    const wA = watchOthers(a);
    const wB = watchOthers(b);
    const errA = errors(a);
    const errB = errors(b);
    b.send("ready", { ready: true });
    await waitFor(() => [...st(a).players.values()].every((p: any) => p.ready || p.host), "ready");
    a.send("start");
    await waitFor(() => st(a).phase === "decide" && st(b).phase === "decide", "decide");

    // A: a sheet with a marker, and an offer to a bot seat (not to B).
    a.send("proposeOffer", { offer: { id: "zqxSecretA", to: "coreweave", kind: "contract", gw: 0.2, price: 3.1, quarters: 4 } });
    a.send("submitSheet", { sheet: { role: "hyperscaler", build: { gw: 0.137 } } });
    // B: its own marker; B keeps the phase open a while so patches flow.
    b.send("submitSheet", { sheet: { role: "hyperscaler", build: { gw: 0.173 }, dividend: 0.0 } });
    await waitFor(() => st(a).privates?.get("0")?.sheet !== "" && st(a).privates?.get("0")?.sheet !== undefined, "A sees its own sheet");
    // (both submitted: the phase ends; the markers must not have crossed before it did)
    await waitFor(() => st(a).phase !== "decide" && st(b).phase !== "decide", "resolution");
    await waitFor(() => st(a).phase === "decide" && st(a).round === 2, "round 2");

    // Round 2: A submits and proposes; B holds the phase open while patches flow: three times, A
    // sends its sheet again (its private part changes) and both fence, so B has decoded every
    // patch sent after each of A's changes before it submits.
    a.send("proposeOffer", { offer: { id: "zqxSecretB", to: "coreweave", kind: "contract", gw: 0.2, price: 3.2, quarters: 4 } });
    a.send("submitSheet", { sheet: { role: "hyperscaler", build: { gw: 0.0137 } } });
    await waitFor(() => st(a).seats[0].submitted && st(b).seats[0].submitted, "A's submission is public");
    for (let i = 0; i < 3; i++) {
      a.send("submitSheet", { sheet: { role: "hyperscaler", build: { gw: 0.0137 }, dividend: i / 100 } });
      await fence(a, b);
      // B knows that A submitted, not what.
      expect(st(b).privates?.get("0")).toBeUndefined();
    }
    expect(st(b).phase).toBe("decide");
    expect(st(b).round).toBe(2);
    b.send("submitSheet", { sheet: { role: "hyperscaler" } });
    await waitFor(() => st(b).round === 3, "round 3");

    expect(errA).toEqual([]);
    expect(errB).toEqual([]);
    // Positive control: A's own frames carried its sheet and offers, decoded into its private part.
    expect(tapA.frames.some((f) => f.text.includes("0.137"))).toBe(true);
    expect(tapA.frames.some((f) => f.text.includes("zqxSecretB"))).toBe(true);
    // B never got A's marker or offer while the orders were open; A never got B's.
    const open = (f: { phase: string }) => f.phase === "decide" || f.phase === "news" || f.phase === "lobby";
    expect(tapB.frames.filter(open).filter((f) => f.text.includes("0.137") || f.text.includes("zqxSecret") || f.text.includes("0.0137"))).toEqual([]);
    expect(tapA.frames.filter(open).filter((f) => f.text.includes("0.173"))).toEqual([]);
    // Offers between other seats never reach B, even after resolution.
    expect(tapB.frames.some((f) => f.text.includes("zqxSecret"))).toBe(false);
    expect(tapB.frames.length).toBeGreaterThan(5);
    // And the decoded states never held another seat's private part.
    expect(wA.patches).toBeGreaterThan(5);
    expect(wA.leaks).toEqual([]);
    expect(wB.leaks).toEqual([]);
    await a.leave();
    await b.leave();
  });

  it("an offer is seen by its two parties only, with its status", async () => {
    const seats = ["microsoft", "meta", "coreweave", "nvidia"];
    const a = await create(gs, { ...FAST, rounds: 6, seats, seed: 5 });
    const b = await joinById(gs, a.roomId);
    const c = await joinById(gs, a.roomId);
    b.send("ready", { ready: true });
    c.send("ready", { ready: true });
    await waitFor(() => [...st(a).players.values()].every((p: any) => p.ready || p.host), "ready");
    a.send("start");
    await waitFor(() => st(a).phase === "decide" && st(b).phase === "decide" && st(c).phase === "decide", "decide");
    const wC = watchOthers(c);
    const tapC = tap(c);
    const r = await a.request("proposeOffer", { offer: { id: "deal1", to: "meta", kind: "contract", gw: 0.5, price: 3, quarters: 6 } });
    expect(r).toEqual({ ok: true });
    await waitFor(() => st(b).privates?.get("1")?.offersIn?.length === 1, "B sees the offer");
    const offer = st(b).privates?.get("1").offersIn[0];
    expect(offer.key).toBe("microsoft/deal1");
    expect(offer.status).toBe("open");
    expect(JSON.parse(offer.json)).toMatchObject({ kind: "contract", gw: 0.5, price: 3, quarters: 6 });
    expect(await b.request("acceptOffer", { key: "microsoft/deal1" })).toEqual({ ok: true });
    await waitFor(() => st(a).privates?.get("0")?.offersOut?.[0]?.status === "accepted", "A sees the acceptance");
    // Fence: C has decoded every patch sent since the acceptance.
    await fence(c);
    expect(tapC.frames.some((f) => f.text.includes("deal1"))).toBe(false);
    expect(wC.leaks).toEqual([]);
    // The accepted contract is executed at resolution.
    for (const room of [a, b]) room.send("submitSheet", { sheet: { role: "hyperscaler" } });
    c.send("submitSheet", { sheet: { role: "neocloud" } });
    await waitFor(() => st(a).round === 2 && st(a).phase === "decide", "round 2");
    await a.leave();
    await b.leave();
    await c.leave();
  });
});
