// What the market makes of the quarter: the GPU spot price, LP money, each company's share price
// (fundamentals × a sentiment multiple + players' buying and selling + the market's read of the
// quarter's announcements), stakes and shorts marked to market, and the hype index.
import { balanceSheet, gpuValue, nav, offBalanceDebt, onBalanceDebt } from "./accounts.ts";
import type { Ctx } from "./context.ts";
import { lpFlow } from "./finance.ts";
import { clamp, m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { LABS, MARKET, type Company, type GameState } from "./types.ts";

/** GPU spot drifts toward what a lot earns: compute price × utilisation, and the new-chip list price. */
export function driftSpot(ctx: Ctx): void {
  const mac = ctx.state.macro;
  const lists = ctx.alive().filter((c) => c.fab).map((c) => c.fab!.listPrice);
  const list = lists.length > 0 ? lists.reduce((a, b) => a + b, 0) / lists.length : 3.5;
  const earning = (mac.computePrice * mac.utilisation) / P.referenceComputePrice;
  const target = list * clamp(0.35 + 0.55 * earning, 0.2, 1.1) * (0.8 + 0.4 * (mac.hype / 100));
  const before = mac.gpuSpot;
  mac.gpuSpot = r9(Math.max(P.spotFloor, before + P.spotAdjust * (target - before)));
  ctx.event("gpu_spot", "collateral", undefined, { before, after: mac.gpuSpot, target: r9(target) });
}

/** The fund manager takes its management fee; then LP money follows the fund's yield over the benchmark and the hype. */
export function lpFlows(ctx: Ctx): void {
  const mac = ctx.state.macro;
  for (const c of ctx.alive()) {
    if (!c.fund) continue;
    const before = nav(ctx.state, c);
    if (before <= 0) continue;
    const fee = ctx.transfer(c.id, MARKET, Math.min(m((before * ctx.rules.scenario.funds.feeAnnual) / 4), Math.max(0, c.cash)), "management fee");
    ctx.expense(c, fee, "other");
    const n = nav(ctx.state, c);
    if (n <= 0) continue;
    const yieldAnnual = (4 * c.last.interestIncome) / n;
    const pull = clamp(0.5 * (yieldAnnual - mac.benchmark) + 0.04 * ((mac.hype - 50) / 50) + mac.lpShock, -P.lpFlowMax, P.lpFlowMax);
    lpFlow(ctx, c, n * pull, "LP flows", n);
  }
}

/** How much of a company's value the AI story drives (and so how much sentiment moves it). */
export const EXPOSURE = { chipmaker: 1.3, hyperscaler: 0.25, neocloud: 1.4, lender: 0 } as const;

/**
 * Hype above 50 lifts the AI-exposed valuations, hype below 50 sinks them, by the same factor either
 * way in logs (multiples expand and contract by ratios): e^(sentimentSwing × exposure × (hype − 50)/50).
 */
export function sentimentMultiple(c: Company, hype: number): number {
  return Math.exp(P.sentimentSwing * EXPOSURE[c.role] * ((hype - 50) / 50));
}

/** What the assets would fetch, plus a slice of the contracted backlog, less every debt. */
export function assetValue(s: GameState, c: Company, round: number): number {
  let backlog = 0;
  for (const k of s.contracts) if (k.seller === c.id && k.ends >= round) backlog += k.gw * k.price * (k.ends - round + 1);
  const bs = balanceSheet(s, c);
  return bs.cash + gpuValue(c, s.macro) + bs.dataCenters + bs.construction + bs.fab + bs.loansHeld + bs.stakes + 0.25 * backlog - bs.liabilities - bs.offBalanceDebt;
}

/** `av`: assetValue(s, c, round), when the caller has it already (the same state). */
export function fundamentalValue(s: GameState, c: Company, round: number, av = assetValue(s, c, round)): number {
  // Smoothed earnings, so one odd quarter does not swing the valuation alone.
  const earnings = 4 * c.earnings;
  const growth = c.growth;
  // Equities discount at long rates, which move less than the policy rate: a blend with the neutral rate.
  const longRate = P.longRateWeight * s.macro.benchmark + (1 - P.longRateWeight) * P.neutralRate;
  const multiple = 1 / Math.max(0.03, longRate + P.equityPremium - P.longGrowth);
  const byEarnings = Math.max(0, earnings) * multiple * clamp(1 + P.growthWeight * growth, P.growthFloor, P.growthCap);
  // Net debt is subtracted, net cash added: $50B more in the till is worth $50B more.
  const byEarningsEquity = byEarnings - (onBalanceDebt(s, c.id) + offBalanceDebt(s, c.id) - c.cash);
  return Math.max(0, byEarningsEquity, av);
}

export function updatePrices(ctx: Ctx): number {
  const s = ctx.state;
  const mac = s.macro;
  let aiReturn = 0;
  let aiCount = 0;
  for (const c of s.companies) {
    if (c.bankrupt) continue;
    if (c.fund) {
      c.price = r9(Math.max(0, nav(s, c) / c.fund.units));
      c.fundamental = c.price;
      continue;
    }
    const quarterGrowth = c.prev.revenue > 0 ? clamp(c.last.revenue / c.prev.revenue - 1, -0.3, 0.3) : 0;
    c.growth = r9((1 - P.growthSmoothing) * c.growth + P.growthSmoothing * quarterGrowth);
    c.earnings = m((1 - P.earningsSmoothing) * c.earnings + P.earningsSmoothing * (c.last.netIncome - c.last.otherGains));
    // The assets' value serves the fundamental and the floor below (nothing it reads changes in between).
    const assets = assetValue(s, c, ctx.round);
    const fundamentalPerShare = fundamentalValue(s, c, ctx.round, assets) / c.sharesOut;
    c.fundamental = r9(fundamentalPerShare);
    const sentiment = sentimentMultiple(c, mac.hype);
    // Gloom sinks the going-concern value, not the cash in the till: a stock does not trade far
    // below what its net assets would fetch.
    // Cash counts in full, the other net assets at assetFloor of their value.
    const av = Math.max(0, assets);
    const floor = (P.assetFloor * av + (1 - P.assetFloor) * clamp(c.cash, 0, av)) / c.sharesOut;
    const target = Math.max(0.01, fundamentalPerShare * sentiment, floor);
    const before = c.price;
    let p = before * Math.pow(target / before, P.priceAdjust);
    let news = 0;
    for (const n of c.news) news += n.pct;
    news = clamp(news, -0.6, 0.6);
    const flow = clamp((P.flowImpact * c.flow) / Math.max(1e-6, before * c.sharesOut), -0.3, 0.3);
    const noise = P.priceNoise * ctx.rng.normal() * (0.5 + EXPOSURE[c.role]);
    p = p * (1 + news) * (1 + flow) * (1 + noise);
    c.price = r9(Math.max(0.01, p));
    const ret = c.price / before - 1;
    ctx.event("price", "price", c.id, { before, after: c.price, fundamental: c.fundamental, sentiment: r9(sentiment), news: r9(news), flow: r9(flow), noise: r9(noise) });
    if (EXPOSURE[c.role] >= 1) {
      aiReturn += ret;
      aiCount++;
    }
  }
  const labs = s.labs;
  const labsMultiple = 5 + mac.hype * 0.5;
  labs.valuation = m(Math.max(1, labs.revenue * 4 * labsMultiple * (labs.distressed ? 0.3 : 1)));
  markToMarket(ctx);
  // Lenders' NAV per unit after their marks.
  for (const c of s.companies) if (c.fund && !c.bankrupt) c.price = r9(Math.max(0, nav(s, c) / c.fund.units));
  return aiCount > 0 ? aiReturn / aiCount : 0;
}

/** Stakes and shorts are carried at market value: the change is a gain or loss of the quarter. */
export function markToMarket(ctx: Ctx): void {
  const s = ctx.state;
  for (const k of s.stakes) {
    const price = k.issuer === LABS ? s.labs.valuation / s.labs.shares : ctx.co(k.issuer).price;
    const value = m(k.shares * price);
    ctx.gain(ctx.co(k.holder), value - k.value);
    k.value = value;
  }
  s.stakes = s.stakes.filter((k) => k.issuer === LABS || !ctx.co(k.issuer).bankrupt);
  for (const k of s.shorts) {
    const value = m(k.shares * ctx.co(k.target).price);
    ctx.gain(ctx.co(k.holder), k.value - value);
    k.value = value;
  }
  // A short on a bankrupt company is worth its whole sale price: the borrowed shares are worthless.
  s.shorts = s.shorts.filter((k) => !ctx.co(k.target).bankrupt);
}

export function updateHype(ctx: Ctx, aiReturn: number, defaultsThisRound: number, marginCallsThisRound: number): void {
  const mac = ctx.state.macro;
  const before = mac.hype;
  const momentum = 15 * clamp(aiReturn, -0.4, 0.4);
  // Idle capacity disappoints below the level where the boom is said to falter (the cards that wait for it, news.ts).
  const idle = P.falteringUtilisation - mac.utilisation;
  const disappointment = idle > 0 ? Math.max(-8, -20 * idle) : 1;
  const labsPain = ctx.state.labs.distressed ? -P.labsDistressHype : 0;
  // Pull back toward 50, harder the frothier it gets: the doubts of a bubble grow with it.
  const revert = 0.08 * (50 - mac.hype) - P.hypeFroth * Math.max(0, mac.hype - 65) + P.hypeFloorPull * Math.max(0, 30 - mac.hype);
  const drain = -8 * defaultsThisRound - 1.5 * marginCallsThisRound;
  // The market reads each quarter's demand against the scenario's published path: a lasting beat
  // (or miss) moves the hype every quarter it lasts.
  const demand = P.demandSurpriseHype * mac.demandGrowthShock;
  // Sentiment turns over quarters, not overnight: at most 15 points down or 12 up a quarter (cards aside).
  // Pessimism has less left to destroy as the hype runs out: the falls shrink near zero.
  const parts = [momentum, disappointment, labsPain, revert, drain, demand];
  const damp = Math.min(1, (mac.hype + 5) / 45);
  const raw = parts.reduce((a, x) => a + (x < 0 ? x * damp : x), 0);
  const move = clamp(raw, -15, 12);
  mac.hype = r9(clamp(before + move, 0, 100));
  ctx.event("hype", "hype", undefined, { before, after: mac.hype, momentum: r9(momentum), disappointment: r9(disappointment), labs: labsPain, defaults: r9(drain), demand: r9(demand) });
}

/**
 * Credit spreads: the scenario's level, the cards' shocks, and a stress premium that widens as the
 * hype drains. Junk spreads move most; past 7.5 % the high-yield market shuts (see lending.ts).
 */
export function updateSpreads(ctx: Ctx): void {
  const mac = ctx.state.macro;
  const sc = ctx.rules.scenario.macro;
  const stress = clamp((50 - mac.hype) / 50, 0, 1);
  mac.igSpread = r9(Math.max(0.002, sc.igSpread + mac.igShock + P.igStress * stress));
  mac.hySpread = r9(Math.max(0.01, sc.hySpread + mac.hyShock + P.hyStress * stress));
}
