// Covenants and the collateral spiral. A GPU loan whose LTV (loan ÷ what the GPUs fetch) breaks
// its covenant triggers a margin call: pay down in cash, else sell GPU lots at the spot price.
// Forced sales push the spot price down, which can break other borrowers' covenants in the same
// round: we iterate to a fixed point, with a bound.
import { gpuDebt, gpuValue, lotBook, lotUnitMarket, maxLtvOf } from "./accounts.ts";
import type { Ctx } from "./context.ts";
import { payDown } from "./lending.ts";
import { m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { MARKET, type Company } from "./types.ts";

/** Depth of the secondary GPU market: lots it absorbs in a quarter before prices give way. */
function depth(ctx: Ctx): number {
  let lots = 0;
  for (const c of ctx.state.companies) for (const l of c.chips) lots += l.lots;
  return Math.max(10, lots * P.secondaryDepth);
}

/** Dump `lots` on the secondary market: the spot price falls with the size of the sale. */
export function pressSpot(ctx: Ctx, lots: number, impact: number = P.forcedSaleImpact): void {
  if (lots <= 0) return;
  const mac = ctx.state.macro;
  const before = mac.gpuSpot;
  mac.gpuSpot = r9(Math.max(P.spotFloor, before * Math.pow(1 - impact, (lots * 10) / depth(ctx))));
  ctx.state.history.forcedLots += lots;
}

/** Sell lots (oldest first) for at least `target` $B of proceeds, or all of them. Proceeds are cash. */
export function sellLots(ctx: Ctx, c: Company, target: number): { lots: number; proceeds: number } {
  let lots = 0;
  let proceeds = 0;
  const ordered = [...c.chips].sort((a, b) => b.ageQ - a.ageQ || a.id - b.id);
  for (const l of ordered) {
    if (proceeds >= target - 1e-9) break;
    const unit = lotUnitMarket(l, ctx.state.macro);
    const n = unit > 0 ? Math.min(l.lots, Math.ceil((target - proceeds) / unit - 1e-9)) : l.lots;
    if (n <= 0) continue;
    const cash = m(n * unit);
    const bookBefore = lotBook(l, c.depQ);
    l.lots -= n;
    const bookAfter = lotBook(l, c.depQ);
    ctx.transfer(MARKET, c.id, cash, "GPU sale");
    ctx.gain(c, cash - (bookBefore - bookAfter));
    lots += n;
    proceeds = m(proceeds + cash);
  }
  c.chips = c.chips.filter((l) => l.lots > 0);
  return { lots, proceeds };
}

/** Pay GPU lenders pro rata to their balances. */
function payGpuLenders(ctx: Ctx, c: Company, amount: number): number {
  const loans = ctx.state.debts.filter((d) => d.borrower === c.id && d.kind === "gpu");
  const total = loans.reduce((a, d) => a + d.principal, 0);
  let paid = 0;
  for (const d of loans) paid += payDown(ctx, d, total > 0 ? (amount * d.principal) / total : 0, "margin call");
  return m(paid);
}

/** Runs margin calls until no covenant is broken (or the bound is hit). Returns who could not cure. */
export function runCovenants(ctx: Ctx, failed: Map<string, string>): void {
  const s = ctx.state;
  for (let iter = 1; iter <= P.spiralMaxIterations; iter++) {
    let breaches = 0;
    for (const c of ctx.alive()) {
      if (failed.has(c.id)) continue;
      const debt = gpuDebt(s, c.id);
      if (debt <= 0) continue;
      const limit = maxLtvOf(s, c.id);
      const value = gpuValue(c, s.macro);
      const ltv = value > 0 ? debt / value : Infinity;
      if (ltv <= limit + 1e-9) continue;
      breaches++;
      s.history.marginCalls++;
      c.last.marginCalls++;
      const spotBefore = s.macro.gpuSpot;
      // Cure to 95 % of the covenant so the next wobble does not call again at once.
      const t = limit * 0.95;
      const excess = debt - t * value;
      // It keeps a quarter's running costs in cash (at least minCashBuffer) and pays the rest of the call from the till.
      const keep = Math.max(P.minCashBuffer, c.prev.opex + c.prev.interest);
      const fromCash = m(Math.min(excess, Math.max(0, c.cash - keep)));
      let paid = fromCash > 0 ? payGpuLenders(ctx, c, fromCash) : 0;
      let lotsSold = 0;
      if (paid < excess - 1e-6) {
        // Selling a lot worth v repays v of debt: LTV after = (D − x) / (V − x) ≤ t needs x ≥ (D − tV) / (1 − t).
        const d2 = gpuDebt(s, c.id);
        const v2 = gpuValue(c, s.macro);
        const need = (d2 - t * v2) / (1 - t);
        const sale = sellLots(ctx, c, need);
        lotsSold = sale.lots;
        paid = m(paid + payGpuLenders(ctx, c, Math.min(sale.proceeds, gpuDebt(s, c.id))));
        pressSpot(ctx, sale.lots);
      }
      const after = gpuDebt(s, c.id);
      const valueAfter = gpuValue(c, s.macro);
      const ltvAfter = after <= 0 ? 0 : valueAfter > 0 ? after / valueAfter : Infinity;
      ctx.event("margin_call", "covenant", c.id, {
        iteration: iter,
        ltv: r9(Math.min(ltv, 99)),
        maxLtv: limit,
        paidDown: paid,
        lotsSold,
        spotBefore,
        spotAfter: s.macro.gpuSpot,
        ltvAfter: r9(Math.min(ltvAfter, 99)),
      });
      c.news.push({ pct: -0.1, why: "margin call on GPU-backed debt" });
      if (after > 0 && c.chips.length === 0) failed.set(c.id, `could not meet a margin call (LTV ${Math.min(ltvAfter, 99).toFixed(2)} > ${limit})`);
    }
    if (breaches === 0) return;
  }
  ctx.event("spiral_bound", "covenant", undefined, { iterations: P.spiralMaxIterations });
  for (const c of ctx.alive()) {
    const debt = gpuDebt(s, c.id);
    if (debt > 0 && debt / Math.max(1e-9, gpuValue(c, s.macro)) > maxLtvOf(s, c.id) + 1e-9) failed.set(c.id, "still in breach after the spiral's last margin call");
  }
}
