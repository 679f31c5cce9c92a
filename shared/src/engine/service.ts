// Debt service each quarter: interest (floating debt reprices at benchmark + spread), GPU-loan
// amortisation, maturities that refinance at today's terms or must be repaid, the SRT premiums
// and the short-borrow fees.
import type { Ctx } from "./context.ts";
import { pushDebt, setHolder } from "./ledger.ts";
import { currentRate, marketQuote, payDown, sellHeldDebts } from "./lending.ts";
import { m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { MARKET, type Company } from "./types.ts";

export function payInterest(ctx: Ctx): void {
  const s = ctx.state;
  for (const d of s.debts) {
    const b = ctx.co(d.borrower);
    if (b.bankrupt) continue;
    const interest = m((d.principal * currentRate(ctx, d)) / 4);
    // Interest is due even when cash runs short: a negative balance is settled by the liquidity step.
    ctx.transfer(b.id, d.holder, interest, `interest:${d.id}`);
    ctx.expense(b, interest, "interest");
    if (d.holder !== MARKET) ctx.income(ctx.co(d.holder), interest, "interestIncome");
  }
  for (const t of s.srts) {
    const d = s.debts.find((x) => x.id === t.debt);
    if (!d) continue;
    const h = ctx.co(t.holder);
    const fee = m((d.principal * t.fraction * t.premium) / 4);
    ctx.transfer(h.id, MARKET, fee, `srt:${t.id}`);
    ctx.expense(h, fee, "other");
  }
  for (const k of s.shorts) {
    const h = ctx.co(k.holder);
    const fee = m((k.value * P.shortFeeAnnual) / 4);
    ctx.transfer(h.id, MARKET, fee, `short fee:${k.target}`);
    ctx.expense(h, fee, "other");
  }
}

/** Principal due this round; what cannot be refinanced or paid is returned as a default reason. */
export function serviceMaturities(ctx: Ctx): Map<string, string> {
  const s = ctx.state;
  const failed = new Map<string, string>();
  for (const d of [...s.debts]) {
    const b = ctx.co(d.borrower);
    if (b.bankrupt || failed.has(b.id)) continue;
    if (d.kind === "gpu" && d.maturity > ctx.round) {
      // GPU loans amortise as the collateral ages. The instalment is due in full: a borrower
      // short of cash goes negative and must then borrow, sell GPUs or default (see raiseCash).
      payDown(ctx, d, m(d.principal / (d.maturity - ctx.round + 1)), `amortisation:${d.id}`);
      continue;
    }
    if (d.maturity > ctx.round) continue;
    const q = marketQuote(ctx.state, b, d.kind === "gpu" ? "gpu" : d.kind);
    const canRoll = q.ok && q.limit >= d.principal * (d.kind === "gpu" ? 1 : 0.999) && d.kind !== "gpu";
    if (canRoll) {
      // Refinanced at today's rate: the market pays out the old holder and holds the new debt.
      if (d.holder !== MARKET) ctx.transfer(MARKET, d.holder, d.principal, `refinance:${d.id}`);
      const before = currentRate(ctx, d);
      setHolder(s, d, MARKET);
      d.spread = q.spread;
      d.rate = r9(s.macro.benchmark + q.spread);
      d.maturity = ctx.round + d.tenor;
      s.srts = s.srts.filter((x) => x.debt !== d.id);
      ctx.event("refinanced", "debt", b.id, { debt: d.id, kind: d.kind, amount: d.principal, rateBefore: before, rateAfter: currentRate(ctx, d) });
      continue;
    }
    // A fund whose bank line is not rolled sells loans to repay it.
    if (b.fund && b.cash < d.principal) {
      sellHeldDebts(ctx, b, d.principal - Math.max(0, b.cash), "facility not rolled");
    }
    const paid = payDown(ctx, d, Math.min(d.principal, Math.max(0, b.cash)), `maturity:${d.id}`);
    if (d.principal > 0 && s.debts.includes(d)) {
      failed.set(b.id, `${d.kind} ${d.id} matured and no one would refinance it (${q.why || "too large"})`);
      ctx.event("maturity_missed", "debt", b.id, { debt: d.id, paid, left: d.principal, reason: q.why });
    } else ctx.event("debt_repaid", "debt", b.id, { debt: d.id, amount: paid, reason: "maturity" });
  }
  return failed;
}

/** A company whose cash went negative borrows from its bank if it can; otherwise it must sell GPUs. */
export function emergencyFunding(ctx: Ctx, c: Company): void {
  if (c.cash >= 0) return;
  const need = m(-c.cash + 1);
  for (const kind of ["bank", "gpu", "bond"] as const) {
    const q = marketQuote(ctx.state, c, kind);
    if (!q.ok || q.limit <= 0) continue;
    const amount = m(Math.min(need, q.limit));
    const s = ctx.state;
    const d = {
      id: ctx.newId("d"),
      kind,
      borrower: c.id,
      holder: MARKET,
      principal: amount,
      floating: kind !== "bond",
      spread: q.spread,
      rate: r9(s.macro.benchmark + q.spread),
      maturity: ctx.round + 8,
      maxLtv: kind === "gpu" ? q.maxLtv : 0,
      offBalance: false,
      tenor: 8,
    };
    pushDebt(s, d);
    ctx.transfer(MARKET, c.id, amount, `emergency:${d.id}`);
    c.last.debtRaised = m(c.last.debtRaised + amount);
    ctx.event("emergency_loan", "debt", c.id, { kind, amount, rate: currentRate(ctx, d) });
    if (c.cash >= 0) return;
  }
}
