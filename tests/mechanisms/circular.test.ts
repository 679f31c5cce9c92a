// Mechanism 9: circular deals. Vendor financing (chips paid partly in the buyer's new shares, which
// the chipmaker keeps), capacity backstops (the chipmaker buys a neocloud's unsold capacity), and
// the chipmaker's money put into the labs.
import { describe, expect, it } from "vitest";
import { LABS, OrderError, runningGw } from "../../shared/src/index.ts";
import { clearClaims, co, event, events, game, orders, paid, setup, step } from "../fixtures.ts";

const S = setup();

describe("vendor financing", () => {
  const start = () => {
    const s = game(S, ["nvidia", "microsoft", "coreweave"]);
    co(s, "coreweave").cash = 10;
    return s;
  };
  const buy = (sharesPct: number) => ({ coreweave: { chips: [{ from: "nvidia", lots: 2, sharesPct }] } });

  it("accepts payment in shares only once the chipmaker has posted its terms, from the next quarter", () => {
    const s = start();
    expect(() => step(S, s, orders(s, buy(0.3)))).toThrow(OrderError);
    expect(() => step(S, s, orders(s, buy(0.3)))).toThrow("coreweave: chips.0.sharesPct: Nvidia accepts at most 0 % in shares this quarter");
    const r1 = step(S, s, orders(s, { nvidia: { vendorPct: 0.3 } }));
    expect(co(r1.state, "nvidia").fab!.vendorPct).toBe(0.3);
    expect(() => step(S, r1.state, orders(r1.state, buy(0.3)))).not.toThrow();
  });

  it("pays the stated share of the price in new shares of the buyer, which the chipmaker holds", () => {
    const s0 = start();
    const s = step(S, s0, orders(s0, { nvidia: { vendorPct: 0.3 } })).state;
    const list = co(s, "nvidia").fab!.listPrice;
    const cw = co(s, "coreweave");
    const r = step(S, s, orders(s, { ...buy(0.3), nvidia: { vendorPct: 0.3 } }));
    const total = 2 * list;
    expect(event(r, "vendor_financing", "nvidia").data).toMatchObject({ buyer: "coreweave", lots: 2, inShares: expect.closeTo(0.3 * total, 6), inCash: expect.closeTo(0.7 * total, 6) });
    expect(paid(r, "chips:list", "coreweave", "nvidia")).toBeCloseTo(0.7 * total, 6);
    // New shares at the buyer's price: dilution, and a stake for the chipmaker.
    const newShares = (0.3 * total) / cw.price;
    expect(co(r.state, "coreweave").sharesOut - cw.sharesOut).toBeCloseTo(newShares, 9);
    const stake = r.state.stakes.find((k) => k.holder === "nvidia" && k.issuer === "coreweave")!;
    expect(stake.shares).toBeCloseTo(newShares, 9);
    // The chipmaker books the whole sale as revenue, the buyer the whole price as capex.
    expect(co(r.state, "nvidia").last.chipRevenue).toBeCloseTo(total, 6);
    expect(co(r.state, "coreweave").last.capex).toBeCloseTo(total, 6);
  });

  it("lets a negotiated chip sale set its own price and share part, served before list orders", () => {
    const s = start();
    co(s, "nvidia").fab!.capLots = 6;
    co(s, "microsoft").cash = 100;
    const offer = { id: "deal", to: "coreweave", kind: "chipSale", lots: 2, price: 3, sharesPct: 0.5 };
    const r = step(S, s, orders(s, { nvidia: { offers: [offer] }, coreweave: { accept: ["nvidia/deal"] }, microsoft: { chips: [{ from: "nvidia", lots: 6 }] } }));
    const sold = events(r, "chips_sold", "nvidia").map((e) => [e.data.buyer, e.data.lots, e.data.how]);
    expect(sold).toEqual([
      ["coreweave", 2, "deal"],
      ["microsoft", 4, "list"],
    ]);
    expect(paid(r, "chips:deal", "coreweave", "nvidia")).toBeCloseTo(3, 6); // half of 2 × 3 in cash
  });
});

describe("capacity backstop", () => {
  /** CoreWeave (no contracts) in a market whose spot demand is `ratio` × capacity, backstopped for 0.3 GW at 2.5. */
  const backstopped = (ratio: number) => {
    const s = game(S, ["nvidia", "microsoft", "coreweave"]);
    clearClaims(s, "coreweave");
    s.labs.commitmentsGw = 0;
    s.macro.demandGw = ratio * (runningGw(co(s, "microsoft")) + runningGw(co(s, "coreweave")));
    const offer = { id: "bs", to: "coreweave", kind: "backstop", gw: 0.3, price: 2.5, quarters: 4 };
    return { s, r: step(S, s, orders(s, { nvidia: { offers: [offer] }, coreweave: { accept: ["nvidia/bs"] } })) };
  };

  it("has the chipmaker buy the neocloud's idle capacity at the promised price", () => {
    const { s, r } = backstopped(0.5);
    const idleGw = runningGw(co(s, "coreweave")) * (1 - r.state.macro.utilisation);
    const gw = Math.min(idleGw, 0.3);
    expect(event(r, "backstop_paid", "nvidia").data).toMatchObject({ protected: "coreweave", gw: expect.closeTo(gw, 9), amount: expect.closeTo(gw * 2.5, 6) });
    expect(paid(r, "backstop:", "nvidia", "coreweave")).toBeCloseTo(gw * 2.5, 6);
    // The neocloud books it as AI revenue; the chipmaker, which has no use for it, as a loss.
    const spot = runningGw(co(s, "coreweave")) * r.state.macro.utilisation * r.state.macro.computePrice;
    expect(co(r.state, "coreweave").last.aiRevenue).toBeCloseTo(spot + gw * 2.5, 5);
    expect(co(r.state, "nvidia").last.otherGains).toBeCloseTo(-gw * 2.5, 6);
    expect(r.state.backstops).toEqual([expect.objectContaining({ provider: "nvidia", protected: "coreweave", ends: 4 })]);
  });

  it("costs nothing while all the capacity sells", () => {
    const { r } = backstopped(1.5);
    expect(r.state.macro.utilisation).toBe(1);
    expect(events(r, "backstop_paid")).toHaveLength(0);
    expect(event(r, "backstop_signed", "coreweave").data).toMatchObject({ provider: "nvidia", gw: 0.3, price: 2.5, quarters: 4 });
  });
});

describe("the chipmaker's investment in the labs", () => {
  it("hands the labs cash for a stake at their valuation", () => {
    const s = game(S, ["nvidia", "microsoft"]);
    const perShare = s.labs.valuation / s.labs.shares;
    const r = step(S, s, orders(s, { nvidia: { labInvest: 5 } }));
    expect(paid(r, "lab-investment", "nvidia", LABS)).toBe(5);
    const k = r.state.stakes.find((x) => x.holder === "nvidia" && x.issuer === LABS)!;
    expect(k.shares).toBeCloseTo(5 / perShare, 9);
    // Marked at the labs' end-of-quarter valuation.
    expect(k.value).toBeCloseTo((k.shares * r.state.labs.valuation) / r.state.labs.shares, 5);
  });
});
