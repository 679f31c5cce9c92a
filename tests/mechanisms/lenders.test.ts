// Mechanism 12: lenders. A fund of LP capital makes loan offers (size, spread, LTV covenant, tenor)
// that borrowers accept; it can sell part of a loan's risk for a premium (synthetic risk transfer);
// LP money flows in and out with the fund's yield and the hype.
import { describe, expect, it } from "vitest";
import { PARAMS, balanceSheet, checkSheet, marketQuote, nav } from "../../shared/src/index.ts";
import { bond, card, clearClaims, co, event, events, game, orders, paid, setup, step } from "../fixtures.ts";

const S = setup();
const seats = ["nvidia", "coreweave", "apollo"];
const loan = (o: Record<string, unknown> = {}) => ({ id: "L1", to: "coreweave", kind: "loan", loan: "bank", amount: 3, spread: 0.06, quarters: 6, ...o });
const accepted = (s: ReturnType<typeof game>, o: Record<string, unknown> = {}) =>
  step(S, s, orders(s, { apollo: { offers: [loan(o)] }, coreweave: { accept: ["apollo/L1"] } }));

describe("lenders", () => {
  it("start as a fund of LP capital in units of 10", () => {
    const s = game(S, seats);
    const f = co(s, "apollo");
    expect(f.price).toBe(10);
    expect(f.fund!.units * 10).toBe(nav(s, f));
    expect(f.cash).toBe(nav(s, f));
  });

  it("lend on the terms offered once the borrower accepts, and earn the floating interest", () => {
    const s = game(S, seats);
    const r = accepted(s);
    const d = r.state.debts.find((x) => x.holder === "apollo")!;
    expect(d).toMatchObject({ borrower: "coreweave", kind: "bank", principal: 3, floating: true, spread: 0.06, maturity: 1 + 6 - 1 });
    expect(paid(r, `loan:${d.id}`, "apollo", "coreweave")).toBe(3);
    expect(balanceSheet(r.state, co(r.state, "apollo")).loansHeld).toBe(3);
    expect(co(r.state, "apollo").last.interestIncome).toBeCloseTo((3 * (r.state.macro.benchmark + 0.06)) / 4, 6);
  });

  it("lend nothing on an offer the borrower does not accept", () => {
    const s = game(S, seats);
    const r = step(S, s, orders(s, { apollo: { offers: [loan()] } }));
    expect(r.state.debts.filter((x) => x.holder === "apollo")).toEqual([]);
    expect(paid(r, "loan:")).toBe(0);
  });

  it("refuse a GPU loan the collateral cannot carry at the offered LTV", () => {
    const s = game(S, seats);
    const r = accepted(s, { loan: "gpu", amount: 30, maxLtv: 0.5 }); // the fund has the cash, the GPUs are worth less
    expect(event(r, "offer_failed", "coreweave").data).toMatchObject({ offer: "apollo/L1", reason: "collateral too small for the LTV", maxLtv: 0.5 });
    expect(r.state.debts.filter((x) => x.holder === "apollo")).toEqual([]);
  });

  it("carry the offered covenant on a GPU loan", () => {
    const s = game(S, seats);
    clearClaims(s, "coreweave");
    const r = accepted(s, { loan: "gpu", amount: 2, maxLtv: 0.6 });
    expect(r.state.debts.find((x) => x.holder === "apollo")).toMatchObject({ kind: "gpu", maxLtv: 0.6, spread: 0.06 });
  });

  describe("synthetic risk transfer", () => {
    /** Apollo holds a 40 bond of CoreWeave due (and defaulted on) in round 1, and sells `fraction` of its risk that round. */
    const transferred = (fraction: number) => {
      const s = game(S, seats);
      clearClaims(s, "coreweave");
      const d = bond(s, "coreweave", 40, { holder: "apollo", maturity: 1 }); // too big to refinance or repay
      co(s, "apollo").cash = 15;
      co(s, "coreweave").cash = 1;
      const coupon = s.debts.find((x) => x.id === d)!.rate;
      const sheet = fraction > 0 ? { srt: [{ debt: d, fraction }] } : {};
      return { d, coupon, r: step(S, s, orders(s, { apollo: sheet })) };
    };

    it("pays a quarterly premium on the protected part of the loan", () => {
      const { d, coupon, r } = transferred(0.5);
      const notional = 40;
      const e = event(r, "srt_signed", "apollo").data as Record<string, number>;
      expect(e).toMatchObject({ debt: d, borrower: "coreweave", fraction: 0.5 });
      // Investors want most of the loan's spread: the premium is positive and below the coupon.
      expect(e.premium).toBeGreaterThan(0);
      expect(e.premium).toBeLessThan(coupon);
      expect(paid(r, "srt:", "apollo", "market")).toBeCloseTo((notional * 0.5 * e.premium) / 4, 6);
    });

    it("has the outside investors cover their fraction of a default loss", () => {
      const covered = transferred(0.5).r;
      const bare = transferred(0).r;
      const loss = event(covered, "loan_loss", "apollo").data.loss as number;
      expect(event(bare, "loan_loss", "apollo").data.loss).toBe(loss);
      expect(event(covered, "srt_payout", "apollo").data.amount).toBeCloseTo(0.5 * loss, 6);
      expect(paid(covered, "srt payout:", "market", "apollo")).toBeCloseTo(0.5 * loss, 6);
      expect(events(bare, "srt_payout")).toHaveLength(0);
    });

    it("lapses when the fund itself defaults: its loans are sold, no premium is due", () => {
      const s = game(S, ["nvidia", "microsoft", "apollo"]);
      const d = bond(s, "microsoft", 10, { holder: "apollo" });
      s.srts.push({ id: "s1", holder: "apollo", debt: d, fraction: 0.5, premium: 0.02 });
      co(s, "apollo").cash = -100; // the fund cannot pay its way
      const r1 = step(S, s);
      expect(event(r1, "default", "apollo").data.reason).toMatch(/^ran out of cash/);
      expect(r1.state.debts.find((x) => x.id === d)!.holder).toBe("market");
      expect(r1.state.srts).toEqual([]);
      const r2 = step(S, r1.state);
      expect(r2.flows.filter((f) => f.from === "apollo")).toEqual([]);
    });
  });

  describe("LP flows", () => {
    const flow = (o: Parameters<typeof setup>[0] = {}, lend = false) => {
      const S2 = setup(o);
      const s = game(S2, seats);
      const sheets = lend ? orders(s, { apollo: { offers: [loan({ amount: 20, spread: 0.15 })] }, coreweave: { accept: ["apollo/L1"] } }) : orders(s);
      const units0 = co(s, "apollo").fund!.units;
      const r = step(S2, s, sheets);
      const f = co(r.state, "apollo");
      const amount = (events(r, "lp_flow", "apollo")[0]?.data.amount as number | undefined) ?? 0;
      const navAfter = nav(r.state, f);
      return { f, units0, amount, navAfter, share: amount / (navAfter - amount) };
    };

    it("drain an idle fund when cash yields less than the benchmark, and fill a high-yielding one", () => {
      const idle = flow();
      const lending = flow({}, true);
      expect(idle.amount).toBeLessThan(0);
      expect(lending.share).toBeGreaterThan(idle.share);
    });

    it("follow the hype", () => {
      expect(flow({ hype: 75 }).share).toBeGreaterThan(flow({ hype: 50 }).share);
      expect(flow({ hype: 25 }).share).toBeLessThan(flow({ hype: 50 }).share);
    });

    it("are capped at lpFlowMax of NAV a quarter, whatever the news", () => {
      const flood = card("t-lp-flood", [{ kind: "lpFlows", pct: 0.5 }]);
      const { share } = flow({ cards: [flood], schedule: [{ round: 1, cards: [flood.id] }] });
      expect(share).toBeCloseTo(PARAMS.lpFlowMax, 6);
    });

    it("enter and leave at the current NAV per unit, so the units already held keep their value", () => {
      // A fund that earned interest this quarter: its NAV per unit moved since last quarter's price.
      const { f, units0, amount, navAfter } = flow({}, true);
      const perUnitBefore = (navAfter - amount) / units0;
      expect(perUnitBefore).not.toBeCloseTo(10, 3);
      expect(navAfter / f.fund!.units).toBeCloseTo(perUnitBefore, 7);
      expect(f.price).toBeCloseTo(perUnitBefore, 7);
    });
  });

  describe("back-leverage and illiquid loans", () => {
    it("borrow from banks against the loan book, up to the facility's multiple of NAV, at the IG spread plus a margin", () => {
      const s = game(S, seats);
      const f = co(s, "apollo");
      const q = marketQuote(s, f, "bank");
      expect(q).toMatchObject({ ok: true, limit: PARAMS.fundFacilityMax * nav(s, f) });
      expect(q.spread).toBeCloseTo(s.macro.igSpread + PARAMS.fundFacilitySpread, 9);
      expect(marketQuote(s, f, "bond")).toMatchObject({ ok: false, limit: 0 });
      const r = step(S, s, orders(s, { apollo: { borrow: [{ kind: "bank", amount: 20, quarters: 8 }] } }));
      const a = co(r.state, "apollo");
      expect(balanceSheet(r.state, a).debt).toBe(20);
      expect(paid(r, "loan:", "market", "apollo")).toBe(20);
      // Borrowing leaves the NAV per unit unchanged on the day; the interest is a cost.
      expect(a.last.interest).toBeCloseTo((20 * (s.macro.benchmark + q.spread)) / 4, 6);
      expect(a.price).toBeLessThan(f.price);
      expect(a.price).toBeGreaterThan(f.price * 0.98);
    });

    it("refuse a fund any other kind of borrowing, naming the field and what is allowed", () => {
      const s = game(S, seats);
      const r = checkSheet(s, "apollo", { role: "lender", borrow: [{ kind: "gpu", amount: 5, quarters: 8 }] });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues).toEqual([{ company: "apollo", path: "borrow.0.kind", message: expect.stringContaining('kind "bank"') }]);
    });

    it("stop rolling a fund's line when the high-yield market shuts: the fund sells loans at a discount to repay it", () => {
      const S2 = setup({ hySpread: 0.09 });
      const s = game(S2, seats);
      clearClaims(s, "coreweave");
      const f = co(s, "apollo");
      // A short bond, so its credit mark is small and the discount is mostly the fire sale's.
      const held = bond(s, "coreweave", 100, { holder: "apollo", maturity: 3, rate: s.macro.benchmark + 0.09 });
      // The fund owes its bank 30, due this round; its cash is 5.
      const line = bond(s, "apollo", 30, { holder: "market", maturity: 1 });
      s.debts.find((d) => d.id === line)!.kind = "bank";
      f.cash = 5;
      const r = step(S2, s, orders(s));
      const e = event(r, "loans_sold", "apollo");
      expect(e.data.reason).toBe("facility not rolled");
      expect(Number(e.data.sold)).toBeGreaterThan(25);
      // Sold under par: the loss is realised, the fund stands, the bank is repaid.
      expect(Number(e.data.proceeds)).toBeLessThan(Number(e.data.sold) * (1 - PARAMS.loanFireSale) + 1e-6);
      const a = co(r.state, "apollo");
      expect(a.bankrupt).toBe(false);
      expect(r.state.debts.some((d) => d.id === line)).toBe(false);
      expect(r.state.debts.find((d) => d.id === held)!.principal).toBeLessThan(75);
      expect(paid(r, "loan sale:", "market", "apollo")).toBeCloseTo(Number(e.data.proceeds), 6);
      expect(a.last.otherGains).toBeLessThan(-(Number(e.data.sold) - Number(e.data.proceeds)) + 0.5);
    });
  });
});
