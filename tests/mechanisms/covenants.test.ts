// Mechanism 6: covenants and the collateral spiral. A GPU loan whose LTV breaks its covenant is
// called: paid down in cash, else lots are sold at spot; the sale pushes the spot price down and
// can break another borrower's covenant in the same round. Events say what, whom and why.
import { describe, expect, it } from "vitest";
import { PARAMS, chipLots, gpuDebt, gpuValue, lotUnitMarket, type GameState } from "../../shared/src/index.ts";
import { clearClaims, co, event, events, game, gpuLoan, paid, setChips, setup, step } from "../fixtures.ts";

const S = setup();
const MATURITY = 40; // the loans amortise 1/40 in round 1, before the covenant test

/** Two neoclouds with 10 fresh lots each and no debt; `value` is what 10 such lots fetch when covenants are tested. */
function market(): { s: GameState; value: number } {
  const s = game(S, ["nvidia", "microsoft", "coreweave", "fluidstack"]);
  for (const id of ["coreweave", "fluidstack"]) {
    clearClaims(s, id);
    setChips(s, id, 10);
  }
  // The covenant test comes after the quarter's spot drift and aging: read the value there.
  const probe = step(S, s).state;
  return { s, value: gpuValue(co(probe, "fluidstack"), probe.macro) };
}

/** A GPU loan that stands at `ltv` of the collateral when the covenant is tested. */
const loanAt = (s: GameState, id: string, ltv: number, value: number) => gpuLoan(s, id, (ltv * value * MATURITY) / (MATURITY - 1), { maturity: MATURITY });

/** The margin calls on a borrower this round, in order (a sale can depress the spot enough to call again). */
const calls = (r: ReturnType<typeof step>, id: string) => events(r, "margin_call", id).map((e) => e.data as Record<string, number>);
const call = (r: ReturnType<typeof step>, id: string) => event(r, "margin_call", id).data as Record<string, number>;

describe("covenants", () => {
  it("pays a breached loan down from cash to 95 % of the covenant, selling nothing", () => {
    const { s, value } = market();
    loanAt(s, "fluidstack", 0.9, value);
    co(s, "fluidstack").cash = 20;
    const r = step(S, s);
    const e = call(r, "fluidstack");
    expect(e.ltv).toBeCloseTo(0.9, 6);
    expect(e.maxLtv).toBe(0.8);
    expect(e.lotsSold).toBe(0);
    expect(e.paidDown).toBeCloseTo((0.9 - 0.95 * 0.8) * value, 5);
    expect(e.ltvAfter).toBeCloseTo(0.95 * 0.8, 6);
    expect(paid(r, "margin call", "fluidstack", "market")).toBe(e.paidDown);
    expect(co(r.state, "fluidstack").news).toContainEqual({ pct: -0.1, why: "margin call on GPU-backed debt" });
    expect(r.state.history.marginCalls).toBe(1);
  });

  it("leaves a loan inside its covenant alone", () => {
    const { s, value } = market();
    loanAt(s, "fluidstack", 0.79, value);
    expect(events(step(S, s), "margin_call")).toHaveLength(0);
  });

  it("sells lots at spot when cash cannot cure the breach, and the sale pushes the spot price down", () => {
    const { s, value } = market();
    // A small fleet (3 of the 10 lots): in a market this thin, each lot a big fleet sells costs the
    // lots it keeps more than the sale repays, and it would sell them all.
    setChips(s, "coreweave", 3);
    loanAt(s, "coreweave", 0.9, 0.3 * value);
    co(s, "coreweave").cash = 0.5;
    // A market this small is at its minimum depth: 10 lots a quarter.
    let lots = 0;
    for (const c of s.companies) lots += chipLots(c);
    expect(0.15 * lots).toBeLessThanOrEqual(10);
    const r = step(S, s);
    const cs = calls(r, "coreweave");
    expect(cs[0].lotsSold).toBeGreaterThan(0);
    const sold = cs.reduce((a, e) => a + e.lotsSold, 0);
    expect(sold).toBeLessThan(3);
    expect(chipLots(co(r.state, "coreweave"))).toBe(3 - sold);
    expect(r.state.history.forcedLots).toBe(sold);
    // Lots fetch the spot price, less their age and generation (the first sale at the pre-sale spot).
    const lot = co(r.state, "coreweave").chips[0];
    const firstSale = r.flows.find((f) => f.why === "GPU sale" && f.to === "coreweave")!.amount;
    expect(firstSale).toBeCloseTo(cs[0].lotsSold * lotUnitMarket(lot, { ...r.state.macro, gpuSpot: cs[0].spotBefore }), 5);
    // Each sale cuts the price by forcedSaleImpact per lot (× 10 ÷ depth).
    for (const e of cs) expect(e.spotAfter / e.spotBefore).toBeCloseTo(Math.pow(1 - PARAMS.forcedSaleImpact, e.lotsSold), 9);
    expect(r.state.macro.gpuSpot).toBe(cs.at(-1)!.spotAfter);
    // The proceeds went to the lender: the loan now sits inside its covenant.
    expect(gpuDebt(r.state, "coreweave") / gpuValue(co(r.state, "coreweave"), r.state.macro)).toBeLessThanOrEqual(0.8);
  });

  it("spreads: one borrower's forced sale breaks another's covenant in the same round", () => {
    const spiral = market();
    loanAt(spiral.s, "coreweave", 0.9, spiral.value);
    loanAt(spiral.s, "fluidstack", 0.79, spiral.value); // safe at today's spot
    co(spiral.s, "coreweave").cash = 0.5;
    co(spiral.s, "fluidstack").cash = 20;
    const r = step(S, spiral.s);
    const first = calls(r, "coreweave")[0];
    const second = calls(r, "fluidstack")[0];
    expect(second.spotBefore).toBe(first.spotAfter);
    expect(second.spotBefore).toBeLessThan(first.spotBefore);
    // Its LTV rose by exactly the fall in the spot price.
    expect(second.ltv).toBeCloseTo((0.79 * first.spotBefore) / first.spotAfter, 6);
    expect(second.lotsSold).toBe(0); // it had the cash to cure

    // The same book without the first borrower's sale: no call.
    const calm = market();
    loanAt(calm.s, "coreweave", 0.5, calm.value);
    loanAt(calm.s, "fluidstack", 0.79, calm.value);
    expect(events(step(S, calm.s), "margin_call")).toHaveLength(0);
  });

  it("defaults a borrower whose lots are all sold with debt still owed, saying why", () => {
    const { s, value } = market();
    loanAt(s, "coreweave", 1.2, value); // more debt than the GPUs fetch
    co(s, "coreweave").cash = 0.5;
    const r = step(S, s);
    expect(calls(r, "coreweave")[0].lotsSold).toBe(10);
    expect(event(r, "default", "coreweave").data.reason).toMatch(/^could not meet a margin call \(LTV .* > 0\.8\)$/);
  });
});
