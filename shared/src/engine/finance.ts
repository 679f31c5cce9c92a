// The financing part of the sheets, resolved before spending so borrowed cash can buy chips:
// accepted bilateral offers, repayments, market borrowing, equity, lenders' books and the LPs.
import type { Offer, OrderSheet } from "../schemas/orders.ts";
import { gpuDebt, gpuValue, nav, rateMarkPerPar, runningGw } from "./accounts.ts";
import type { Ctx } from "./context.ts";
import { buyStake, coverShort, investInLabs, issueShares, openShort } from "./equity.ts";
import { pushDebt, setHolder, setPrincipal } from "./ledger.ts";
import { addDebt, currentRate, fundersOf, marketQuote, payDown } from "./lending.ts";
import { clamp, m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { MARKET, type Company } from "./types.ts";

export interface AcceptedOffer {
  from: string;
  to: string;
  offer: Offer;
}

/** Offers whose addressee accepted them, in a stable order (proposer seat, then sheet order). */
export function acceptedOffers(ctx: Ctx, sheets: Record<string, OrderSheet>): AcceptedOffer[] {
  const out: AcceptedOffer[] = [];
  for (const c of ctx.state.companies) {
    const sheet = sheets[c.id];
    if (!sheet || c.bankrupt) continue;
    for (const o of sheet.offers) {
      const to = sheets[o.to];
      const key = `${c.id}/${o.id}`;
      if (to && to.accept.includes(key) && !ctx.co(o.to).bankrupt) out.push({ from: c.id, to: o.to, offer: o });
    }
  }
  return out;
}

/**
 * A circular deal: the market reads the receiver's deal with its supplier as good news while hype
 * lasts, in proportion to the deal's size (`size`, 0..1, 1 for a deal that matters to the company).
 */
function cheer(ctx: Ctx, c: Company, why: string, size: number): void {
  c.news.push({ pct: r9((0.05 * (ctx.state.macro.hype / 50) - 0.03) * clamp(size, 0, 1)), why });
}

export function executeOffers(ctx: Ctx, deals: AcceptedOffer[]): void {
  for (const { from, to, offer } of deals) {
    const a = ctx.co(from);
    const b = ctx.co(to);
    const key = `${from}/${offer.id}`;
    switch (offer.kind) {
      case "loan": {
        if (a.cash < offer.amount) {
          ctx.event("offer_failed", "lender", from, { offer: key, reason: "lender lacks the cash", cash: a.cash, amount: offer.amount });
          break;
        }
        if (offer.loan === "gpu") {
          const value = gpuValue(b, ctx.state.macro);
          const after = value > 0 ? (gpuDebt(ctx.state, b.id) + offer.amount) / value : Infinity;
          if (after > offer.maxLtv) {
            ctx.event("offer_failed", "covenant", to, { offer: key, reason: "collateral too small for the LTV", ltvAfter: r9(Math.min(after, 99)), maxLtv: offer.maxLtv });
            break;
          }
        }
        addDebt(ctx, b, from, offer.loan, offer.amount, offer.spread, offer.quarters, offer.maxLtv, true);
        break;
      }
      case "stake": {
        const amount = Math.min(offer.amount, a.cash);
        if (amount <= 0) break;
        issueShares(ctx, b, from, amount, b.price, `stake:${key}`);
        if (a.role === "chipmaker") cheer(ctx, b, `stake from ${from}`, amount / Math.max(1e-6, 0.02 * b.price * b.sharesOut));
        break;
      }
      case "backstop": {
        ctx.state.backstops.push({ id: ctx.newId("b"), provider: from, protected: to, gw: offer.gw, price: offer.price, ends: ctx.round + offer.quarters - 1 });
        ctx.event("backstop_signed", "circular", to, { provider: from, gw: offer.gw, price: offer.price, quarters: offer.quarters });
        cheer(ctx, b, `backstop from ${from}`, offer.gw / Math.max(0.1, 0.25 * runningGw(b)));
        break;
      }
      case "contract": {
        ctx.state.contracts.push({ id: ctx.newId("k"), seller: from, buyer: to, gw: offer.gw, price: offer.price, ends: ctx.round + offer.quarters - 1 });
        ctx.event("contract_signed", "compute", from, { buyer: to, gw: offer.gw, price: offer.price, quarters: offer.quarters });
        break;
      }
      case "chipSale":
        break; // settled in the chip market, where fab capacity is shared out
    }
  }
}

export function applyFinanceOrders(ctx: Ctx, c: Company, sheet: OrderSheet): void {
  for (const r of sheet.repay) {
    const d = ctx.state.debts.find((x) => x.id === r.debt && x.borrower === c.id);
    if (!d) continue;
    const paid = payDown(ctx, d, Math.min(r.amount, Math.max(0, c.cash)), `repay:${r.debt}`);
    if (paid > 0) ctx.event("debt_repaid", "debt", c.id, { debt: r.debt, amount: paid });
  }
  for (const b of sheet.borrow) {
    const q = marketQuote(ctx.state, c, b.kind);
    const amount = m(Math.min(b.amount, q.limit));
    if (!q.ok || amount <= 0) {
      ctx.event("borrow_refused", "debt", c.id, { kind: b.kind, asked: b.amount, reason: q.why });
      continue;
    }
    for (const [holder, part] of fundersOf(ctx, c, b.kind, amount)) addDebt(ctx, c, holder, b.kind, part, q.spread, b.quarters, q.maxLtv, true);
  }
  if (sheet.role === "lender") {
    applyLenderOrders(ctx, c, sheet);
    return;
  }
  if ((sheet.role === "hyperscaler" || sheet.role === "neocloud") && sheet.issueEquity > 0) {
    issueShares(ctx, c, MARKET, sheet.issueEquity, c.price * (1 - P.issueDiscount), "equity issue");
    c.news.push({ pct: -0.04, why: "equity issue dilutes holders" });
    c.flow = m(c.flow - sheet.issueEquity);
  }
  if (sheet.role === "chipmaker") {
    const fab = c.fab!;
    if (sheet.fabInvest > 0) {
      const a = m(Math.min(sheet.fabInvest, Math.max(0, c.cash)));
      if (a > 0) {
        ctx.transfer(c.id, MARKET, a, "fab investment");
        fab.book = m(fab.book + a);
        c.last.capex = m(c.last.capex + a);
        const lots = Math.floor(a / P.fabLotCost);
        fab.pending.push({ round: ctx.round + P.fabDelay, lots });
        ctx.event("fab_investment", "chips", c.id, { amount: a, lots, ready: ctx.round + P.fabDelay });
      }
    }
    if (sheet.labInvest > 0) investInLabs(ctx, c, sheet.labInvest);
    for (const st of sheet.stakes) buyStake(ctx, c, ctx.co(st.target), st.amount);
  }
}

function applyLenderOrders(ctx: Ctx, c: Company, sheet: Extract<OrderSheet, { role: "lender" }>): void {
  const s = ctx.state;
  const fund = c.fund!;
  for (const b of sheet.bonds) {
    // Buy the issuer's bonds from the market at their market price (par moved by the rate mark):
    // a slice of a market-held bond changes hands. `amount` is the cash spent.
    let want = m(Math.min(b.amount, Math.max(0, c.cash)));
    // The debts as they stand before this order: nothing here removes one or reorders s.debts, and
    // the slices split off are appended after `n`.
    const all = s.debts;
    const n = all.length;
    for (let i = 0; i < n; i++) {
      const d = all[i];
      if (want <= 0) break;
      if (d.borrower !== b.issuer || d.holder !== MARKET || d.kind !== "bond") continue;
      const px = 1 + rateMarkPerPar(s, d);
      let take = m(Math.min(want / px, d.principal));
      if (d.principal - take < 1e-5) take = d.principal; // no dust left with the market
      const cost = m(take * px);
      if (take <= 0 || cost <= 0) break;
      ctx.transfer(c.id, MARKET, cost, `bond:${d.id}`);
      // The par booked against the price paid: the difference is the mark the NAV adds back.
      ctx.gain(c, take - cost);
      if (take >= d.principal) setHolder(s, d, c.id);
      else {
        setPrincipal(s, d, m(d.principal - take));
        pushDebt(s, { ...d, id: ctx.newId("d"), holder: c.id, principal: take });
      }
      want = m(want - cost);
      ctx.event("bonds_bought", "lender", c.id, { issuer: b.issuer, amount: take, price: r9(px), rate: currentRate(ctx, d) });
    }
  }
  for (const t of sheet.srt) {
    const d = s.debts.find((x) => x.id === t.debt && x.holder === c.id);
    if (!d) continue;
    const existing = s.srts.filter((x) => x.debt === d.id).reduce((a, x) => a + x.fraction, 0);
    const fraction = r9(Math.min(t.fraction, 0.9 - existing));
    if (fraction <= 0) continue;
    // Outside investors want most of the loan's spread, more when risk looks higher.
    const premium = r9(clamp((d.floating ? d.spread : d.rate - s.macro.benchmark) * 0.7 * s.macro.srtPremiumFactor + 0.01, 0.01, 0.25));
    s.srts.push({ id: ctx.newId("s"), holder: c.id, debt: d.id, fraction, premium });
    ctx.event("srt_signed", "lender", c.id, { debt: d.id, borrower: d.borrower, fraction, premium });
  }
  for (const cv of sheet.cover) coverShort(ctx, c, ctx.co(cv.target), cv.fraction);
  for (const sh of sheet.shorts) openShort(ctx, c, ctx.co(sh.target), sh.amount);
  if (sheet.lpRaise > 0) {
    // LPs put in at most a tenth of NAV a quarter, more when the hype is high.
    const navNow = c.price * fund.units;
    const a = m(Math.min(sheet.lpRaise, navNow * 0.1 * (s.macro.hype / 50)));
    if (a > 0) lpFlow(ctx, c, a, "LP raise");
  }
  if (sheet.lpReturn > 0) {
    const a = m(Math.min(sheet.lpReturn, Math.max(0, c.cash)));
    if (a > 0) {
      ctx.transfer(c.id, MARKET, a, "LP distribution");
      c.equityBook = m(c.equityBook - a);
      fund.distributedPerUnit = r9(fund.distributedPerUnit + a / fund.units);
      ctx.event("lp_distribution", "lender", c.id, { amount: a });
    }
  }
}

/**
 * LP money in (positive) or out (negative), at the current NAV per unit: NAV per unit is unchanged.
 * `navNow` spares a caller that has just computed the fund's NAV (and changed nothing since) a second pass.
 */
export function lpFlow(ctx: Ctx, c: Company, amount: number, why: string, navNow = nav(ctx.state, c)): void {
  const fund = c.fund!;
  // Today's NAV, not last quarter's price: the quarter's interest and losses are already booked.
  const navPerUnit = navNow / fund.units;
  let a = m(amount);
  if (a < 0) a = -m(Math.min(-a, Math.max(0, c.cash)));
  if (a === 0 || navPerUnit <= 0) return;
  if (a > 0) ctx.transfer(MARKET, c.id, a, why);
  else ctx.transfer(c.id, MARKET, -a, why);
  fund.units = r9(fund.units + a / navPerUnit);
  c.sharesOut = fund.units;
  c.equityBook = m(c.equityBook + a);
  ctx.event("lp_flow", "lender", c.id, { amount: a, why });
}
