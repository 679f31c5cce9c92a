// Shares: issues (dilution), buybacks, dividends, stakes held in other companies and in the AI
// labs, and lenders' short positions. Stakes and shorts are carried at market value.
import type { Ctx } from "./context.ts";
import { m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { LABS, MARKET, type Company } from "./types.ts";

/** New shares of `c` bought by `buyer` (a company, or the market) for `amount` at `price` per share. */
export function issueShares(ctx: Ctx, c: Company, buyer: string, amount: number, price: number, why: string, paidInCash = true): number {
  const a = m(amount);
  if (a <= 0 || price <= 0) return 0;
  const shares = r9(a / price);
  if (paidInCash) ctx.transfer(buyer, c.id, a, why);
  c.sharesOut = r9(c.sharesOut + shares);
  c.equityBook = m(c.equityBook + a);
  c.last.equityRaised = m(c.last.equityRaised + a);
  if (buyer !== MARKET) addStake(ctx, buyer, c.id, shares, a);
  ctx.event("shares_issued", "equity", c.id, { buyer, amount: a, shares, price: r9(price), why });
  return shares;
}

export function addStake(ctx: Ctx, holder: string, issuer: string, shares: number, value: number): void {
  const s = ctx.state;
  const k = s.stakes.find((x) => x.holder === holder && x.issuer === issuer);
  if (k) {
    k.shares = r9(k.shares + shares);
    k.value = m(k.value + value);
  } else s.stakes.push({ holder, issuer, shares: r9(shares), value: m(value) });
}

export function buyback(ctx: Ctx, c: Company, amount: number): void {
  const a = m(Math.min(amount, Math.max(0, c.cash - P.minCashBuffer * 10)));
  if (a <= 0) return;
  const price = c.price * (1 + P.buybackPremium);
  const shares = r9(Math.min(a / price, c.sharesOut * 0.2));
  const paid = m(shares * price);
  ctx.transfer(c.id, MARKET, paid, "buyback");
  c.sharesOut = r9(c.sharesOut - shares);
  c.equityBook = m(c.equityBook - paid);
  c.flow = m(c.flow + paid);
  ctx.event("buyback", "equity", c.id, { amount: paid, shares, price: r9(price) });
}

export function dividend(ctx: Ctx, c: Company, amount: number): void {
  const a = m(Math.min(amount, Math.max(0, c.cash - P.minCashBuffer * 10)));
  if (a <= 0) return;
  ctx.transfer(c.id, MARKET, a, "dividend");
  c.equityBook = m(c.equityBook - a);
  c.dividendsPerShare = r9(c.dividendsPerShare + a / c.sharesOut);
  ctx.event("dividend", "equity", c.id, { amount: a, perShare: r9(a / c.sharesOut) });
}

/** Secondary-market purchase of another company's shares: cash goes to the selling public. */
export function buyStake(ctx: Ctx, holder: Company, target: Company, amount: number): void {
  const a = m(Math.min(amount, Math.max(0, holder.cash)));
  if (a <= 0 || target.bankrupt) return;
  const shares = r9(a / target.price);
  ctx.transfer(holder.id, MARKET, a, `stake:${target.id}`);
  addStake(ctx, holder.id, target.id, shares, a);
  target.flow = m(target.flow + a);
  ctx.event("stake_bought", "equity", holder.id, { target: target.id, amount: a, shares });
}

/** The chipmaker's investment into the AI labs: the money comes back as compute orders (the circle). */
export function investInLabs(ctx: Ctx, c: Company, amount: number): void {
  const a = m(Math.min(amount, Math.max(0, c.cash)));
  if (a <= 0) return;
  const labs = ctx.state.labs;
  const pricePerShare = labs.valuation / labs.shares;
  const shares = r9(a / pricePerShare);
  ctx.transfer(c.id, LABS, a, "lab-investment");
  labs.shares = r9(labs.shares + shares);
  labs.valuation = m(labs.valuation + a);
  addStake(ctx, c.id, LABS, shares, a);
  ctx.event("lab_investment", "circular", c.id, { amount: a, labsValuation: labs.valuation });
}

export function openShort(ctx: Ctx, c: Company, target: Company, amount: number): void {
  const a = m(Math.min(amount, Math.max(0, c.cash)));
  if (a <= 0 || target.bankrupt) return;
  const shares = r9(a / target.price);
  // Sale proceeds stay with the lender (as cash collateral); the borrowed shares are the liability.
  ctx.transfer(MARKET, c.id, a, `short:${target.id}`);
  const s = ctx.state;
  const k = s.shorts.find((x) => x.holder === c.id && x.target === target.id);
  if (k) {
    k.shares = r9(k.shares + shares);
    k.value = m(k.value + a);
  } else s.shorts.push({ holder: c.id, target: target.id, shares, value: a });
  target.flow = m(target.flow - a);
  ctx.event("short_opened", "equity", c.id, { target: target.id, amount: a, shares });
}

export function coverShort(ctx: Ctx, c: Company, target: Company, fraction: number): void {
  const s = ctx.state;
  const k = s.shorts.find((x) => x.holder === c.id && x.target === target.id);
  if (!k || fraction <= 0) return;
  const shares = r9(k.shares * Math.min(1, fraction));
  const cost = m(shares * (target.bankrupt ? 0 : target.price));
  const carried = m(k.value * (shares / k.shares));
  ctx.transfer(c.id, MARKET, cost, `cover:${target.id}`);
  ctx.gain(c, carried - cost);
  k.shares = r9(k.shares - shares);
  k.value = m(k.value - carried);
  if (k.shares <= 1e-9) s.shorts = s.shorts.filter((x) => x !== k);
  target.flow = m(target.flow + cost);
  ctx.event("short_covered", "equity", c.id, { target: target.id, shares, cost, gain: m(carried - cost) });
}
