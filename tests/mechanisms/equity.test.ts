// Mechanism 8: equity. Issues dilute (more shares out), buybacks shrink the count, stakes in other
// companies are carried at market value, and a lender's short is a liability marked to the target's
// price that costs a borrow fee.
import { describe, expect, it } from "vitest";
import { PARAMS, balanceSheet } from "../../shared/src/index.ts";
import { co, event, game, orders, paid, setup, step } from "../fixtures.ts";

const S = setup();

describe("equity", () => {
  it("dilutes: an issue adds amount ÷ (price × (1 − issueDiscount)) shares and the cash", () => {
    const s = game(S, ["nvidia", "coreweave"]);
    const cw = co(s, "coreweave");
    const r = step(S, s, orders(s, { coreweave: { issueEquity: 2 } }));
    const after = co(r.state, "coreweave");
    expect(after.sharesOut - cw.sharesOut).toBeCloseTo(2 / (cw.price * (1 - PARAMS.issueDiscount)), 9);
    expect(paid(r, "equity issue", "market", "coreweave")).toBe(2);
    expect(after.last.equityRaised).toBe(2);
    expect(after.news).toContainEqual({ pct: -0.04, why: "equity issue dilutes holders" });
  });

  it("buys back shares at the price plus buybackPremium, shrinking the count", () => {
    const s = game(S, ["nvidia", "microsoft"]);
    const ms = co(s, "microsoft");
    const r = step(S, s, orders(s, { microsoft: { buyback: 10 } }));
    const px = ms.price * (1 + PARAMS.buybackPremium);
    expect(ms.sharesOut - co(r.state, "microsoft").sharesOut).toBeCloseTo(10 / px, 9);
    expect(paid(r, "buyback", "microsoft", "market")).toBeCloseTo(10, 5);
  });

  it("buys back at most a fifth of the shares in a quarter", () => {
    const s = game(S, ["nvidia", "coreweave"]);
    const cw = co(s, "coreweave");
    cw.cash = 50;
    expect(cw.price * cw.sharesOut * 0.2).toBeLessThan(15);
    const r = step(S, s, orders(s, { coreweave: { buyback: 15 } }));
    expect(co(r.state, "coreweave").sharesOut).toBeCloseTo(cw.sharesOut * 0.8, 9);
    expect(event(r, "buyback", "coreweave").data.amount).toBeCloseTo(cw.sharesOut * 0.2 * cw.price * (1 + PARAMS.buybackPremium), 5);
  });

  it("marks a stake in another company to its share price each quarter, booking the change", () => {
    const s = game(S, ["nvidia", "coreweave"]);
    const price0 = co(s, "coreweave").price;
    const r1 = step(S, s, orders(s, { nvidia: { stakes: [{ target: "coreweave", amount: 1 }] } }));
    const k1 = r1.state.stakes.find((k) => k.holder === "nvidia" && k.issuer === "coreweave")!;
    expect(k1.shares).toBeCloseTo(1 / price0, 9);
    expect(k1.value).toBeCloseTo(k1.shares * co(r1.state, "coreweave").price, 6);
    expect(balanceSheet(r1.state, co(r1.state, "nvidia")).stakes).toBe(k1.value);
    const r2 = step(S, r1.state);
    const k2 = r2.state.stakes[0];
    expect(k2.value).toBeCloseTo(k2.shares * co(r2.state, "coreweave").price, 6);
    expect(co(r2.state, "nvidia").last.otherGains).toBeCloseTo(k2.value - k1.value, 6);
  });

  describe("a lender's short", () => {
    const opened = () => {
      const s = game(S, ["nvidia", "coreweave", "apollo"]);
      const price0 = co(s, "coreweave").price;
      return { price0, r: step(S, s, orders(s, { apollo: { shorts: [{ target: "coreweave", amount: 2 }] } })) };
    };

    it("keeps the sale proceeds and carries the borrowed shares as a liability at market", () => {
      const { price0, r } = opened();
      expect(paid(r, "short:coreweave", "market", "apollo")).toBe(2);
      const k = r.state.shorts[0];
      expect(k).toMatchObject({ holder: "apollo", target: "coreweave" });
      expect(k.shares).toBeCloseTo(2 / price0, 9);
      expect(k.value).toBeCloseTo(k.shares * co(r.state, "coreweave").price, 6);
      expect(balanceSheet(r.state, co(r.state, "apollo")).shorts).toBe(k.value);
    });

    it("pays a borrow fee of shortFeeAnnual ÷ 4 of the short's value every quarter", () => {
      const { r } = opened();
      expect(paid(r, "short fee:coreweave", "apollo", "market")).toBeCloseTo((2 * PARAMS.shortFeeAnnual) / 4, 6);
      const value = r.state.shorts[0].value;
      const r2 = step(S, r.state);
      expect(paid(r2, "short fee:coreweave", "apollo")).toBeCloseTo((value * PARAMS.shortFeeAnnual) / 4, 6);
      // The quarter's result: the change in the liability, less the fee.
      expect(co(r2.state, "apollo").last.otherGains).toBeCloseTo(value - r2.state.shorts[0].value - (value * PARAMS.shortFeeAnnual) / 4, 5);
    });

    it("closes at the current price when covered, realising the gain or loss", () => {
      const { r } = opened();
      const k = r.state.shorts[0];
      const r2 = step(S, r.state, orders(r.state, { apollo: { cover: [{ target: "coreweave", fraction: 1 }] } }));
      const cost = k.shares * co(r.state, "coreweave").price;
      expect(paid(r2, "cover:coreweave", "apollo", "market")).toBeCloseTo(cost, 5);
      expect(event(r2, "short_covered", "apollo").data.gain).toBeCloseTo(k.value - cost, 5);
      expect(r2.state.shorts).toEqual([]);
    });
  });
});
