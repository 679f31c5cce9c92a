// Mechanism 10: share prices = fundamentals × a sentiment multiple, moved by players' net buying
// and selling and by the market's read of the quarter's announcements. Each test compares two
// games that differ in one input; with the same seed, the price noise is the same in both.
import { describe, expect, it } from "vitest";
import { PARAMS, type GameState } from "../../shared/src/index.ts";
import { bond, co, event, game, orders, setup, step } from "../fixtures.ts";

const S = setup();
const priceEvent = (r: ReturnType<typeof step>, id: string) => event(r, "price", id).data as Record<string, number>;
const newsSum = (s: GameState, id: string) => co(s, id).news.reduce((a, n) => a + n.pct, 0);

describe("share prices", () => {
  it("follow the fundamentals, closing priceAdjust of the gap (in logs) each quarter", () => {
    const a = game(S, ["nvidia", "microsoft"]);
    const b: GameState = structuredClone(a);
    bond(b, "microsoft", 100); // a heavier balance sheet, nothing else
    const ra = step(S, a);
    const rb = step(S, b);
    const fa = priceEvent(ra, "microsoft").fundamental;
    const fb = priceEvent(rb, "microsoft").fundamental;
    expect(fb).toBeLessThan(fa);
    expect(co(rb.state, "microsoft").price / co(ra.state, "microsoft").price).toBeCloseTo(Math.pow(fb / fa, PARAMS.priceAdjust), 6);
  });

  it("rise with net buying: flowImpact × the amount bought ÷ the market cap", () => {
    const s = game(S, ["nvidia", "coreweave"]);
    const cw = co(s, "coreweave");
    const cap = cw.price * cw.sharesOut;
    const ra = step(S, s);
    const rb = step(S, s, orders(s, { nvidia: { stakes: [{ target: "coreweave", amount: 1 }] } }));
    expect(priceEvent(rb, "coreweave").flow).toBeCloseTo((PARAMS.flowImpact * 1) / cap, 6);
    expect(co(rb.state, "coreweave").price / co(ra.state, "coreweave").price).toBeCloseTo(1 + (PARAMS.flowImpact * 1) / cap, 6);
  });

  it("fall with net selling: a lender's short sale weighs on the target", () => {
    const s = game(S, ["nvidia", "coreweave", "apollo"]);
    const cw = co(s, "coreweave");
    const cap = cw.price * cw.sharesOut;
    const ra = step(S, s);
    const rb = step(S, s, orders(s, { apollo: { shorts: [{ target: "coreweave", amount: 2 }] } }));
    expect(co(rb.state, "coreweave").price / co(ra.state, "coreweave").price).toBeCloseTo(1 - (PARAMS.flowImpact * 2) / cap, 6);
  });

  it("scale with sentiment by AI exposure: neoclouds most, hyperscalers least, up with hype and down with gloom", () => {
    const roles = ["coreweave", "nvidia", "microsoft"]; // neocloud, chipmaker, hyperscaler
    const sentiment = (hype: number) => {
      const S2 = setup({ hype });
      const r = step(S2, game(S2, [...roles, "apollo"]));
      return roles.map((id) => priceEvent(r, id).sentiment);
    };
    expect(sentiment(50)).toEqual([1, 1, 1]);
    const [neo, chip, hyper] = sentiment(75);
    expect(neo).toBeGreaterThan(chip);
    expect(chip).toBeGreaterThan(hyper);
    expect(hyper).toBeGreaterThan(1);
    const [neo2, chip2, hyper2] = sentiment(25);
    expect(neo2).toBeLessThan(chip2);
    expect(chip2).toBeLessThan(hyper2);
    expect(hyper2).toBeLessThan(1);
  });

  describe("the market's read of announcements", () => {
    /** Meta raises a bond of 30 (more than half its quarterly revenue) and buys chips with it. */
    const debtFundedCapex = (credibility: number) => {
      const s = game(S, ["nvidia", "meta"]);
      const meta = co(s, "meta");
      meta.credibility = credibility;
      meta.last.aiRevenue = 0.01; // any AI revenue this quarter is growth
      const r = step(S, s, orders(s, { meta: { borrow: [{ kind: "bond", amount: 30, quarters: 8 }], chips: [{ from: "nvidia", lots: 2 }] } }));
      expect(co(r.state, "meta").last.debtRaised).toBeGreaterThanOrEqual(0.5 * co(r.state, "meta").last.revenue);
      return r;
    };

    it("punishes debt-funded capex by 13.5 % when investors doubt the AI revenue, and cheers it when proven", () => {
      const doubted = debtFundedCapex(0.5);
      const proven = debtFundedCapex(0.6);
      expect(co(doubted.state, "meta").news).toContainEqual({ pct: -0.135, why: "debt-funded capex without proven AI revenue" });
      expect(co(proven.state, "meta").news).toContainEqual({ pct: 0.03, why: "debt-funded capex with proven AI revenue" });
      // Same balance sheets, same noise: the prices differ by the reads alone.
      const ratio = (1 + newsSum(proven.state, "meta")) / (1 + newsSum(doubted.state, "meta"));
      expect(co(proven.state, "meta").price / co(doubted.state, "meta").price).toBeCloseTo(ratio, 6);
      // Credibility moves with the read.
      expect(co(doubted.state, "meta").credibility).toBeLessThan(0.5);
      expect(co(proven.state, "meta").credibility).toBeGreaterThan(0.6);
    });

    it("costs a neocloud 8 % for a new debt issue, against the same debt already on its books", () => {
      const s = game(S, ["nvidia", "coreweave"]);
      const issued = step(S, s, orders(s, { coreweave: { borrow: [{ kind: "bond", amount: 5, quarters: 8 }] } }));
      const fresh = issued.state.debts.find((d) => d.borrower === "coreweave" && d.principal === 5)!;
      const held: GameState = structuredClone(s);
      held.debts.push({ ...fresh });
      co(held, "coreweave").cash += 5;
      const quiet = step(S, held);
      expect(co(issued.state, "coreweave").news).toContainEqual({ pct: -0.08, why: "a new debt issue" });
      expect(priceEvent(issued, "coreweave").fundamental).toBeCloseTo(priceEvent(quiet, "coreweave").fundamental, 9);
      expect(co(issued.state, "coreweave").price / co(quiet.state, "coreweave").price).toBeCloseTo(
        (1 + newsSum(issued.state, "coreweave")) / (1 + newsSum(quiet.state, "coreweave")),
        6,
      );
    });
  });
});
