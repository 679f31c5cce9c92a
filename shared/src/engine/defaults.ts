// Default: equity is wiped, assets are sold and the proceeds paid out by seniority (GPU lenders
// from the GPUs, banks and vehicles from the data centers, then everyone pro rata), contracts with
// the defaulter end, backstops protecting it are called, and lenders book their losses.
import { balanceSheet } from "./accounts.ts";
import type { Ctx } from "./context.ts";
import { pressSpot, sellLots } from "./covenants.ts";
import { setHolder } from "./ledger.ts";
import { removeDebt } from "./lending.ts";
import { m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { MARKET, type Company, type Debt } from "./types.ts";

function payClaims(ctx: Ctx, c: Company, claims: Debt[], pool: number, paidSoFar: Map<Debt, number>): number {
  const owed = claims.map((d) => d.principal - (paidSoFar.get(d) ?? 0));
  const total = owed.reduce((a, b) => a + b, 0);
  if (total <= 0 || pool <= 0) return pool;
  const f = Math.min(1, pool / total);
  let used = 0;
  claims.forEach((d, i) => {
    const pay = m(owed[i] * f);
    if (pay <= 0) return;
    // Recoveries on off-balance vehicles are paid from the estate too: the lease is a claim on it.
    const t = ctx.transfer(c.id, d.holder, Math.min(pay, Math.max(0, c.cash)), `recovery:${d.id}`);
    paidSoFar.set(d, (paidSoFar.get(d) ?? 0) + t);
    used += t;
  });
  return m(pool - used);
}

export function declareDefault(ctx: Ctx, c: Company, reason: string): void {
  const s = ctx.state;
  if (c.bankrupt) return;
  const equityBefore = balanceSheet(s, c).equity;
  c.bankrupt = true;
  c.bankruptRound = ctx.round;
  s.history.defaults++;

  // Backstops protecting the defaulter are called: the provider pays what it promised for the rest of the term.
  let called = 0;
  for (const b of s.backstops) {
    if (b.protected !== c.id || b.ends < ctx.round) continue;
    const prov = ctx.co(b.provider);
    const promised = m(b.gw * b.price * (b.ends - ctx.round + 1) * 0.5);
    const paid = ctx.transfer(prov.id, c.id, Math.min(promised, Math.max(0, prov.cash)), `backstop called:${b.id}`);
    ctx.expense(prov, paid, "other");
    called = m(called + paid);
    ctx.event("backstop_called", "circular", prov.id, { protected: c.id, promised, paid });
  }
  s.backstops = s.backstops.filter((b) => b.protected !== c.id && b.provider !== c.id);

  // Liquidation.
  const gpu = sellLots(ctx, c, Infinity);
  const spotBefore = s.macro.gpuSpot;
  // A bankrupt estate dumps the whole fleet at once: the market gives way faster than to a margin call.
  pressSpot(ctx, gpu.lots, P.liquidationImpact);
  const dcProceeds = m(c.dcBook * P.dcRecovery);
  ctx.transfer(MARKET, c.id, dcProceeds, "data centers sold");
  const fabProceeds = c.fab ? m(c.fab.book * 0.3) : 0;
  ctx.transfer(MARKET, c.id, fabProceeds, "fab sold");
  let stakeProceeds = 0;
  for (const k of s.stakes.filter((x) => x.holder === c.id)) {
    stakeProceeds = m(stakeProceeds + k.value);
    ctx.transfer(MARKET, c.id, k.value, `stake sold:${k.issuer}`);
  }
  s.stakes = s.stakes.filter((x) => x.holder !== c.id);
  for (const d of s.debts.filter((x) => x.holder === c.id)) {
    ctx.transfer(MARKET, c.id, d.principal, `loan sold:${d.id}`);
    setHolder(s, d, MARKET);
  }
  // The risk transfers it bought lapse with the loans they protected: no premium is due any more.
  s.srts = s.srts.filter((x) => x.holder !== c.id);
  for (const k of s.shorts.filter((x) => x.holder === c.id)) ctx.transfer(c.id, MARKET, Math.min(k.value, Math.max(0, c.cash)), `short closed:${k.target}`);
  s.shorts = s.shorts.filter((x) => x.holder !== c.id);
  for (const b of s.builds.filter((x) => x.owner === c.id)) ctx.event("build_abandoned", "construction", c.id, { gw: b.gw });
  s.builds = s.builds.filter((x) => x.owner !== c.id);

  // Seniority: GPU lenders from the GPUs, banks and vehicles from the data centers, then all pro rata.
  const claims = s.debts.filter((d) => d.borrower === c.id);
  const paid = new Map<Debt, number>();
  const available = Math.max(0, c.cash);
  const gpuPool = Math.min(gpu.proceeds, available);
  const dcPool = Math.min(dcProceeds, available - gpuPool);
  let general = m(available - gpuPool - dcPool);
  general = m(general + payClaims(ctx, c, claims.filter((d) => d.kind === "gpu"), gpuPool, paid));
  general = m(general + payClaims(ctx, c, claims.filter((d) => d.kind === "bank" || d.kind === "spv"), dcPool, paid));
  payClaims(ctx, c, claims, general, paid);

  let recovered = 0;
  let lost = 0;
  for (const d of claims) {
    const got = m(paid.get(d) ?? 0);
    const loss = m(d.principal - got);
    recovered = m(recovered + got);
    lost = m(lost + loss);
    if (d.holder !== MARKET && loss > 0) {
      const h = ctx.co(d.holder);
      ctx.expense(h, loss, "other");
      for (const t of s.srts.filter((x) => x.debt === d.id && x.holder === h.id)) {
        // The risk transfer pays: outside investors cover their fraction of the loss.
        const cover = ctx.transfer(MARKET, h.id, loss * t.fraction, `srt payout:${t.id}`);
        ctx.income(h, cover, "other");
        ctx.event("srt_payout", "lender", h.id, { debt: d.id, amount: cover });
      }
      ctx.event("loan_loss", "lender", h.id, { borrower: c.id, debt: d.id, loss, recovered: got });
    }
    removeDebt(ctx, d);
  }
  // Anything left after the creditors goes to the shareholders (the public).
  if (c.cash > 0) ctx.transfer(c.id, MARKET, c.cash, "residual to shareholders");
  // Bills it paid with cash it did not have (negative cash) are unpaid suppliers: the market writes
  // them off, so no bankrupt shell keeps a debt that nobody holds.
  else if (c.cash < 0) ctx.transfer(MARKET, c.id, -c.cash, "unpaid bills written off");

  // Contracts with the defaulter end.
  const ended = s.contracts.filter((k) => k.seller === c.id || k.buyer === c.id);
  s.contracts = s.contracts.filter((k) => k.seller !== c.id && k.buyer !== c.id);

  c.chips = [];
  c.dcGw = 0;
  c.dcBook = 0;
  c.spvGw = 0;
  c.cip = 0;
  if (c.fab) c.fab.book = 0;
  c.price = 0;
  // Equity is wiped: the book equity left is written off.
  ctx.gain(c, balanceSheet(s, c).equity - c.equityBook);
  ctx.event("default", "default", c.id, {
    reason,
    equityBefore,
    recovered,
    creditorLosses: lost,
    contractsEnded: ended.length,
    backstopCalled: called,
    lotsDumped: gpu.lots,
    spotBefore,
    spotAfter: r9(s.macro.gpuSpot),
  });
}
