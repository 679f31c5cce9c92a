// Mechanism 5: debt. Bonds pay a fixed coupon set by the rating's spread; bank and GPU-backed loans
// float at benchmark + spread; off-balance vehicles fund data centers without showing as debt;
// interest is due every round; maturities refinance at today's rate, or default if no one lends.
import { describe, expect, it } from "vitest";
import { PARAMS, RATINGS, balanceSheet, gpuValue, leverage, marketQuote, offBalanceDebt, rating, type GameState } from "../../shared/src/index.ts";
import { bond, co, event, events, game, orders, paid, setup, step } from "../fixtures.ts";

interface Raised {
  debt: string;
  kind: string;
  amount: number;
  rate: number;
  maturity: number;
}
const raised = (r: ReturnType<typeof step>, company: string, kind: string) =>
  events(r, "debt_raised", company).find((e) => e.data.kind === kind)!.data as unknown as Raised;

describe("debt", () => {
  it("charges a bond's fixed coupon every round while a bank loan floats with the benchmark", () => {
    const S = setup({ benchmark: [0.04, 0.06] });
    const s = game(S, ["nvidia", "meta"]);
    const r1 = step(S, s, orders(s, { meta: { borrow: [{ kind: "bond", amount: 10, quarters: 8 }, { kind: "bank", amount: 10, quarters: 8 }] } }));
    const b = raised(r1, "meta", "bond");
    const k = raised(r1, "meta", "bank");
    const debt = (id: string) => r1.state.debts.find((d) => d.id === id)!;
    expect(debt(b.debt)).toMatchObject({ floating: false, principal: 10 });
    expect(debt(k.debt)).toMatchObject({ floating: true, principal: 10 });
    // Interest is due in the round the money is raised, a quarter of the annual rate.
    expect(paid(r1, `interest:${b.debt}`)).toBeCloseTo((10 * (0.04 + debt(b.debt).spread)) / 4, 6);
    expect(paid(r1, `interest:${k.debt}`)).toBeCloseTo((10 * (0.04 + debt(k.debt).spread)) / 4, 6);
    const r2 = step(S, r1.state);
    expect(paid(r2, `interest:${b.debt}`)).toBe(paid(r1, `interest:${b.debt}`));
    expect(paid(r2, `interest:${k.debt}`) - paid(r1, `interest:${k.debt}`)).toBeCloseTo((10 * 0.02) / 4, 6);
  });

  it("prices a bond off the rating, which worsens as net debt ÷ EBITDA climbs the bands", () => {
    const S = setup();
    const s = game(S, ["nvidia", "meta"]);
    const meta = co(s, "meta");
    meta.credibility = 0.5; // no notch either way
    const ebitda = 4 * Math.max(meta.last.ebitda, meta.prev.ebitda);
    const owed = s.debts.filter((d) => d.borrower === "meta").reduce((a, d) => a + d.principal, 0);
    const seen: string[] = [];
    // One point inside each band: AA < 1, A < 2, BBB < 3, BB < 4.5, B < 6, CCC beyond.
    [0.5, 1.5, 2.5, 4, 5, 7].forEach((lev, i) => {
      const t: GameState = structuredClone(s);
      bond(t, "meta", lev * ebitda + meta.cash - owed);
      const m = co(t, "meta");
      expect(leverage(t, m)).toBeCloseTo(lev, 6);
      seen.push(rating(t, m));
      // Investment grade (AA–BBB) prices off the IG spread, junk off the high-yield spread.
      const base = i <= 2 ? t.macro.igSpread : t.macro.hySpread;
      const bondQ = marketQuote(t, m, "bond");
      if (i < 5) expect(bondQ.spread).toBeCloseTo(base * PARAMS.ratingSpreads[i], 9);
      else expect(bondQ).toMatchObject({ ok: false, why: "rated CCC: no bond buyers" });
      const bankQ = marketQuote(t, m, "bank");
      if (i <= 3) expect(bankQ.spread).toBeGreaterThan(bondQ.spread);
      else expect(bankQ).toMatchObject({ ok: false, why: "banks lend only down to BB" });
    });
    expect(seen).toEqual([...RATINGS]);
  });

  it("lends the rated spread: the bond's coupon is the benchmark plus the quoted spread", () => {
    const S = setup({ benchmark: [0.035] });
    const s = game(S, ["nvidia", "oracle"]);
    const q = marketQuote(s, co(s, "oracle"), "bond");
    const r = step(S, s, orders(s, { oracle: { borrow: [{ kind: "bond", amount: 5, quarters: 8 }] } }));
    expect(raised(r, "oracle", "bond")).toMatchObject({ amount: 5, rate: expect.closeTo(0.035 + q.spread, 9), maturity: 1 + 8 - 1 });
  });

  it("lends against GPUs up to an advance on their market value, floating, with an LTV covenant, amortising", () => {
    const S = setup();
    const s = game(S, ["nvidia", "coreweave"]);
    const cw = co(s, "coreweave");
    s.debts = s.debts.filter((d) => d.borrower !== "coreweave" || d.kind !== "gpu"); // all its GPUs free to pledge
    const q = marketQuote(s, cw, "gpu");
    expect(q.ok).toBe(true);
    const r = step(S, s, orders(s, { coreweave: { borrow: [{ kind: "gpu", amount: 200, quarters: 8 }] } }));
    const e = raised(r, "coreweave", "gpu");
    expect(e.amount).toBe(q.limit); // asked 200, got what the collateral supports
    const d = r.state.debts.find((x) => x.id === e.debt)!;
    expect(d).toMatchObject({ kind: "gpu", floating: true, maxLtv: q.maxLtv, spread: q.spread });
    // Repaid in equal slices over the rounds left to maturity, the first this round.
    expect(paid(r, `amortisation:${d.id}`)).toBeCloseTo(q.limit / (d.maturity - 1 + 1), 6);
    expect(d.principal).toBeCloseTo(q.limit * (1 - 1 / d.maturity), 6);
    // Limit = an advance of at most 70 % of what the collateral fetches.
    expect(q.limit).toBeGreaterThan(0);
    expect(q.limit).toBeLessThanOrEqual(0.7 * gpuValue(cw, s.macro));
  });

  it("keeps an off-balance-sheet vehicle's debt out of the balance sheet but in leverage", () => {
    const S = setup();
    const base = game(S, ["nvidia", "microsoft"]);
    const onBs = step(S, base, orders(base, { microsoft: { build: { gw: 1, spv: false } } }));
    const offBs = step(S, base, orders(base, { microsoft: { build: { gw: 1, spv: true } } }));
    const cost = PARAMS.shellCostPerGw;
    const spv = offBs.state.debts.find((d) => d.kind === "spv")!;
    expect(spv).toMatchObject({ borrower: "microsoft", holder: "market", principal: cost, offBalance: true });
    const a = co(onBs.state, "microsoft");
    const b = co(offBs.state, "microsoft");
    expect(balanceSheet(offBs.state, b).debt).toBe(balanceSheet(onBs.state, a).debt);
    expect(balanceSheet(offBs.state, b).offBalanceDebt).toBe(cost);
    expect(offBalanceDebt(offBs.state, "microsoft")).toBe(cost);
    // The vehicle pays the builders; the company pays only the lease (the vehicle's interest).
    const lease = paid(offBs, `interest:${spv.id}`);
    expect(lease).toBeCloseTo((cost * spv.rate) / 4, 6);
    expect(b.cash - a.cash).toBeCloseTo(cost - lease, 5);
    expect(b.cip).toBe(0);
    expect(b.last.capex).toBe(0);
    expect(b.last.debtRaised).toBe(0);
    // Rating agencies add it back: net debt includes the vehicle.
    expect(leverage(offBs.state, b) * 4 * Math.max(b.last.ebitda, b.prev.ebitda)).toBeCloseTo(
      balanceSheet(offBs.state, b).debt + cost - b.cash,
      4,
    );
  });

  it("refuses an off-balance-sheet build to a neocloud", () => {
    const S = setup();
    const s = game(S, ["nvidia", "coreweave"]);
    expect(() => step(S, s, orders(s, { coreweave: { build: { gw: 0.1, spv: true } } }))).toThrow(
      "coreweave: build.spv: only hyperscalers can fund a build off balance sheet",
    );
  });

  it("refinances a maturing bond at today's benchmark plus today's spread", () => {
    const run = (benchmark: number) => {
      const S = setup({ benchmark: [benchmark] });
      const s = game(S, ["nvidia", "microsoft"]);
      const id = bond(s, "microsoft", 20, { maturity: 1, rate: 0.01, tenor: 6 });
      const r = step(S, s);
      return { e: event(r, "refinanced", "microsoft").data, d: r.state.debts.find((d) => d.id === id)! };
    };
    const low = run(0.03);
    const high = run(0.05);
    expect(low.e).toMatchObject({ amount: 20, rateBefore: 0.01 });
    expect(low.d).toMatchObject({ principal: 20, maturity: 1 + 6, holder: "market", rate: expect.closeTo(0.03 + low.d.spread, 9) });
    expect(high.d.rate - low.d.rate).toBeCloseTo(0.02, 9);
  });

  describe("when a bond matures and the bond market will not refinance it", () => {
    const S = setup({ hySpread: 0.09 });
    const run = (cash: number) => {
      const s = game(S, ["nvidia", "microsoft", "coreweave"]);
      s.debts = s.debts.filter((d) => !(d.borrower === "coreweave" && d.kind === "bond"));
      const id = bond(s, "coreweave", 20, { maturity: 1 });
      bond(s, "coreweave", 40, { maturity: 20 }); // keeps it junk-rated even with cash in hand
      co(s, "coreweave").cash = cash;
      const q = marketQuote(s, co(s, "coreweave"), "bond");
      expect(q.ok).toBe(false);
      return { id, why: q.why, r: step(S, s) };
    };

    it("repays it from cash when there is enough", () => {
      const { id, why, r } = run(40);
      expect(why).toBe("the high-yield market is shut");
      expect(event(r, "debt_repaid", "coreweave").data).toMatchObject({ debt: id, amount: 20, reason: "maturity" });
      expect(paid(r, `maturity:${id}`, "coreweave", "market")).toBe(20);
      expect(co(r.state, "coreweave").bankrupt).toBe(false);
    });

    it("defaults the borrower when its cash falls short, saying why", () => {
      const { id, why, r } = run(1);
      expect(why).toBe("rated CCC: no bond buyers");
      expect(event(r, "maturity_missed", "coreweave").data).toMatchObject({ debt: id, reason: why });
      expect(event(r, "default", "coreweave").data.reason).toBe(`bond ${id} matured and no one would refinance it (${why})`);
      expect(co(r.state, "coreweave").bankrupt).toBe(true);
    });
  });
});
