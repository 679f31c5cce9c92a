// Mechanism 2: capacity. Data centers take quarters and grid connections to build; a delay card
// pushes a build back; chips without powered capacity earn nothing.
import { describe, expect, it } from "vitest";
import { PARAMS, chipGw, runningGw } from "../../shared/src/index.ts";
import { co, event, events, game, idleRounds, orders, paid, setup, step } from "../fixtures.ts";

const Q = PARAMS.buildQuarters;

describe("capacity", () => {
  it("powers a build buildQuarters rounds after it starts, paid up front at shellCostPerGw", () => {
    const S = setup();
    const s = game(S, ["nvidia", "microsoft"]);
    const gw0 = co(s, "microsoft").dcGw;
    const r1 = step(S, s, orders(s, { microsoft: { build: { gw: 1 } } }));
    expect(paid(r1, "construction", "microsoft")).toBeCloseTo(PARAMS.shellCostPerGw, 6);
    expect(co(r1.state, "microsoft").cip).toBeCloseTo(PARAMS.shellCostPerGw, 6);
    expect(r1.state.builds).toEqual([expect.objectContaining({ owner: "microsoft", gw: 1, ready: 1 + Q })]);
    // Nothing is powered before round 1 + Q ...
    const before = idleRounds(S, r1.state, Q - 1);
    expect(co(before, "microsoft").dcGw).toBe(gw0);
    // ... which opens with the shell moving from construction to data centers.
    const r = step(S, before);
    expect(event(r, "build_done", "microsoft").round).toBe(1 + Q);
    const ms = co(r.state, "microsoft");
    expect(ms.dcGw).toBeCloseTo(gw0 + 1, 9);
    expect(ms.cip).toBe(0);
    // The shell joins the book, then depreciates with the rest over shellLifeQ.
    expect(ms.dcBook).toBeCloseTo((co(before, "microsoft").dcBook + PARAMS.shellCostPerGw) * (1 - 1 / PARAMS.shellLifeQ), 5);
  });

  it("shares the quarter's grid connections pro rata when builders ask for more", () => {
    const S = setup({ energyGw: 1 });
    const s = game(S, ["nvidia", "microsoft", "coreweave"]);
    co(s, "coreweave").cash = 20;
    const r = step(S, s, orders(s, { microsoft: { build: { gw: 1.5 } }, coreweave: { build: { gw: 0.5 } } }));
    // 2 GW asked of 1 GW: each gets half.
    expect(event(r, "energy_rationed").data).toMatchObject({ askedGw: 2, energyGw: 1, share: 0.5 });
    expect(r.state.builds.map((b) => [b.owner, b.gw])).toEqual([
      ["microsoft", 0.75],
      ["coreweave", 0.25],
    ]);
    expect(paid(r, "construction", "coreweave")).toBeCloseTo(0.25 * PARAMS.shellCostPerGw, 6);
  });

  it("builds only what the builder's cash pays for", () => {
    const S = setup();
    const s = game(S, ["nvidia", "coreweave"]);
    co(s, "coreweave").cash = 0.3 * PARAMS.shellCostPerGw + 0.01;
    const r = step(S, s, orders(s, { coreweave: { build: { gw: 1 } } }));
    expect(event(r, "order_cut", "coreweave").data).toMatchObject({ asked: 1, got: 0.3, reason: "cash" });
    expect(r.state.builds[0].gw).toBe(0.3);
  });

  it("pushes the targets' builds back by the delay card's quarters, and only theirs", () => {
    // The card (hyperscalers, 2 quarters) is dealt at the start of round 2.
    const S = setup({ schedule: [{ round: 2, cards: ["t-delay-hyperscalers"] }] });
    const s = game(S, ["nvidia", "microsoft", "coreweave"]);
    co(s, "coreweave").cash = 20;
    const r1 = step(S, s, orders(s, { microsoft: { build: { gw: 1 } }, coreweave: { build: { gw: 0.2 } } }));
    const ms0 = co(r1.state, "microsoft").dcGw;
    const cw0 = co(r1.state, "coreweave").dcGw;
    const r2 = step(S, r1.state);
    expect(event(r2, "build_delayed", "microsoft").data).toMatchObject({ quarters: 2, ready: 1 + Q + 2 });
    expect(r2.state.builds.map((b) => [b.owner, b.ready])).toEqual([
      ["microsoft", 1 + Q + 2],
      ["coreweave", 1 + Q],
    ]);
    let st = idleRounds(S, r2.state, Q - 1); // through round 1 + Q
    expect(co(st, "coreweave").dcGw).toBeCloseTo(cw0 + 0.2, 9);
    expect(co(st, "microsoft").dcGw).toBe(ms0);
    st = idleRounds(S, st, 1);
    expect(co(st, "microsoft").dcGw).toBe(ms0);
    st = idleRounds(S, st, 1); // round 1 + Q + 2
    expect(co(st, "microsoft").dcGw).toBeCloseTo(ms0 + 1, 9);
  });

  it("earns nothing on chips beyond the powered capacity, though they still depreciate", () => {
    const S = setup();
    const a = game(S, ["nvidia", "microsoft", "alphabet"]);
    const al = co(a, "alphabet");
    al.dcGw = chipGw(al); // data centers exactly full
    const b = structuredClone(a);
    const extra = 10;
    co(b, "alphabet").chips.push({ id: 999, gen: 0, ageQ: 0, lots: extra, unitCost: 3.5 });
    expect(runningGw(co(b, "alphabet"))).toBe(runningGw(al));

    const ra = step(S, a);
    const rb = step(S, b);
    const qa = co(ra.state, "alphabet").last;
    const qb = co(rb.state, "alphabet").last;
    expect(qb.aiRevenue).toBe(qa.aiRevenue);
    expect(qb.opex).toBe(qa.opex);
    expect(rb.state.macro.utilisation).toBe(ra.state.macro.utilisation);
    expect(rb.state.macro.computePrice).toBe(ra.state.macro.computePrice);
    expect(qb.depreciation - qa.depreciation).toBeCloseTo((extra * 3.5) / al.depQ, 6);
  });

  it("earns no AI revenue and pays no running costs with no powered data center", () => {
    const S = setup();
    const s = game(S, ["nvidia", "microsoft", "alphabet"]);
    co(s, "alphabet").dcGw = 0;
    const r = step(S, s);
    const q = co(r.state, "alphabet").last;
    expect(q.aiRevenue).toBe(0);
    expect(paid(r, "energy and operations", "alphabet")).toBe(0);
    expect(events(r, "compute_cleared")[0].data.supplyGw).toBeCloseTo(runningGw(co(s, "microsoft")), 9);
  });
});
