// One round, start to end: (state, orders) → (new state, events). Pure: the input state is not
// touched, no clock, no Math.random, no I/O; the only randomness is the seeded RNG in the state.
import type { OrderSheet } from "../schemas/orders.ts";
import { gpuDebt, gpuValue, nav } from "./accounts.ts";
import { runChipMarket, postChipTerms } from "./chips.ts";
import { completeBuilds, startBuilds } from "./capacity.ts";
import { clearCompute, operate, retireChips, signLabContracts, updateDemand } from "./compute.ts";
import { Ctx, emptyQuarter, type Rules } from "./context.ts";
import { pressSpot, runCovenants, sellLots } from "./covenants.ts";
import { declareDefault } from "./defaults.ts";
import { buyback, dividend } from "./equity.ts";
import type { Flow, GameEvent } from "./events.ts";
import { acceptedOffers, applyFinanceOrders, executeOffers } from "./finance.ts";
import { attachLedger, detachLedger } from "./ledger.ts";
import { payDown, sellHeldDebts } from "./lending.ts";
import { clamp, m, r9 } from "./money.ts";
import { applyCards, dealCards } from "./news.ts";
import { P } from "./params.ts";
import { driftSpot, lpFlows, updateHype, updateSpreads, updatePrices } from "./prices.ts";
import { emergencyFunding, payInterest, serviceMaturities } from "./service.ts";
import { defaultSheet } from "./sheets.ts";
import { cloneState } from "./clone.ts";
import type { GameState } from "./types.ts";
import { checkAccepts, checkSheet, OrderError, type OrderIssue } from "./validate.ts";
import { runningGw } from "./accounts.ts";

export interface RoundResult {
  state: GameState;
  events: GameEvent[];
  /** Every cash movement of the round, in order. */
  flows: Flow[];
}

/** Validates a round's orders against the state: all sheets are accepted, or none. */
export function prepareOrders(state: GameState, orders: Record<string, unknown>): Record<string, OrderSheet> {
  const issues: OrderIssue[] = [];
  const sheets: Record<string, OrderSheet> = {};
  for (const id of Object.keys(orders)) {
    if (!state.companies.some((c) => c.id === id)) issues.push({ company: id, path: "(seat)", message: "no such company in this game" });
  }
  for (const c of state.companies) {
    if (c.bankrupt) continue;
    const input = orders[c.id];
    if (input === undefined) {
      sheets[c.id] = defaultSheet(state, c.id);
      continue;
    }
    const r = checkSheet(state, c.id, input);
    if (r.ok) sheets[c.id] = r.sheet;
    else issues.push(...r.issues);
  }
  issues.push(...checkAccepts(sheets));
  if (issues.length > 0) throw new OrderError(issues);
  return sheets;
}

export function resolveRound(rules: Rules, state: GameState, orders: Record<string, unknown> = {}): RoundResult {
  if (state.finished) throw new Error("the game is over: no more rounds to resolve");
  const sheets = prepareOrders(state, orders);
  const s = cloneState(state);
  // The debt index serves this copy only while it is being built: callers may change the result.
  attachLedger(s);
  try {
    return resolveInto(rules, s, sheets);
  } finally {
    detachLedger(s);
  }
}

function resolveInto(rules: Rules, s: GameState, sheets: Record<string, OrderSheet>): RoundResult {
  const ctx = new Ctx(s, rules);
  for (const c of s.companies) {
    c.prev = c.last;
    c.last = emptyQuarter();
    c.news = [];
    c.flow = 0;
  }
  s.macro.lpShock = 0;
  const defaultsBefore = s.history.defaults;
  const callsBefore = s.history.marginCalls;

  applyCards(ctx);
  updateDemand(ctx);
  completeBuilds(ctx);
  const deals = acceptedOffers(ctx, sheets);
  executeOffers(ctx, deals);
  for (const c of ctx.alive()) applyFinanceOrders(ctx, c, sheets[c.id]);
  runChipMarket(ctx, sheets, deals);
  startBuilds(ctx, sheets);
  signLabContracts(ctx, sheets);
  const cleared = clearCompute(ctx);
  operate(ctx, cleared.utilisation);
  for (const c of ctx.alive()) c.last.ebitda = m(c.last.revenue + c.last.interestIncome - c.last.opex);
  readAnnouncements(ctx);
  payInterest(ctx);
  const failed = serviceMaturities(ctx);
  for (const c of ctx.alive()) {
    const sh = sheets[c.id];
    if ("buyback" in sh && sh.buyback > 0) buyback(ctx, c, sh.buyback);
    if ("dividend" in sh && sh.dividend > 0) dividend(ctx, c, sh.dividend);
  }
  driftSpot(ctx);
  // Liquidity, covenants and defaults feed each other (a default dumps GPUs, a called backstop
  // drains the provider): repeat until nothing new happens, with a bound.
  for (let pass = 0; pass < 4; pass++) {
    for (const c of ctx.alive()) if (c.cash < 0 && !failed.has(c.id)) raiseCash(ctx, c, failed);
    runCovenants(ctx, failed);
    const due = ctx.alive().filter((c) => failed.has(c.id));
    if (due.length === 0) break;
    for (const c of due) declareDefault(ctx, c, failed.get(c.id)!);
  }
  lpFlows(ctx);
  const aiReturn = updatePrices(ctx);
  for (const c of ctx.alive()) if (c.fund && nav(s, c) <= 0) declareDefault(ctx, c, "the fund's net asset value fell to zero");
  updateHype(ctx, aiReturn, s.history.defaults - defaultsBefore, s.history.marginCalls - callsBefore);
  updateSpreads(ctx);
  retireChips(ctx);
  s.contracts = s.contracts.filter((k) => k.ends > ctx.round);
  s.backstops = s.backstops.filter((b) => b.ends > ctx.round);
  postChipTerms(ctx, sheets);
  recordHistory(ctx);

  s.round = ctx.round;
  s.sheets = sheets;
  s.finished = s.round >= s.rounds;
  s.news = s.finished ? [] : dealCards(rules, s.round + 1, ctx.rng, s);
  s.rng = ctx.rng.state();
  return { state: s, events: ctx.events, flows: ctx.flows };
}

/** Negative cash after the quarter's bills: borrow if anyone lends, else sell GPUs, else default. */
function raiseCash(ctx: Ctx, c: ReturnType<Ctx["co"]>, failed: Map<string, string>): void {
  emergencyFunding(ctx, c);
  if (c.cash >= 0) return;
  const s = ctx.state;
  if (c.fund) {
    sellHeldDebts(ctx, c, -c.cash, "cash shortfall");
  }
  const debt = gpuDebt(s, c.id);
  const value = gpuValue(c, s.macro);
  const ltv = value > 0 ? debt / value : 1;
  if (value > 0 && ltv < 1) {
    // Each sale repays the GPU lenders their share, so the LTV is unchanged; the rest is cash.
    const need = -c.cash / (1 - ltv);
    const sale = sellLots(ctx, c, need);
    const spotBefore = s.macro.gpuSpot;
    pressSpot(ctx, sale.lots);
    const toLenders = m(Math.min(sale.proceeds * ltv, gpuDebt(s, c.id)));
    for (const d of s.debts.filter((x) => x.borrower === c.id && x.kind === "gpu")) payDown(ctx, d, (toLenders * d.principal) / Math.max(1e-9, debt), "collateral sale");
    ctx.event("forced_sale", "collateral", c.id, { lots: sale.lots, proceeds: sale.proceeds, toLenders, spotBefore, spotAfter: s.macro.gpuSpot, reason: "cash shortfall" });
  }
  if (c.cash < -1e-6) failed.set(c.id, `ran out of cash (short by ${(-c.cash).toFixed(2)} $B) and no one would lend`);
}

/** The market's read of the quarter's financing: debt-funded capex is punished unless AI revenue is proven. */
function readAnnouncements(ctx: Ctx): void {
  for (const c of ctx.alive()) {
    const q = c.last;
    if (c.role === "neocloud" && q.debtRaised > 0) c.news.push({ pct: -0.08, why: "a new debt issue" });
    if (c.role === "hyperscaler" && q.debtRaised > 0 && q.capex > 0) {
      const proven = c.prev.aiRevenue > 0 && q.aiRevenue >= c.prev.aiRevenue * 1.05 && c.credibility >= 0.6;
      if (proven) {
        c.news.push({ pct: 0.03, why: "debt-funded capex with proven AI revenue" });
        c.credibility = r9(clamp(c.credibility + 0.03, 0, 1));
      } else {
        const size = Math.min(1, q.debtRaised / Math.max(1, 0.5 * q.revenue));
        const pct = -0.135 * clamp((1 - c.credibility) / 0.5, 0, 1.5) * size;
        c.news.push({ pct: r9(pct), why: "debt-funded capex without proven AI revenue" });
        c.credibility = r9(clamp(c.credibility - 0.05, 0, 1));
      }
    }
    if (q.netIncome < 0 && c.role !== "lender") c.credibility = r9(clamp(c.credibility - 0.02, 0, 1));
    else if (q.aiRevenue > c.prev.aiRevenue * 1.03) c.credibility = r9(clamp(c.credibility + 0.01, 0, 1));
  }
}

function recordHistory(ctx: Ctx): void {
  const s = ctx.state;
  const h = s.history;
  const mac = s.macro;
  h.benchmark.push(mac.benchmark);
  h.igSpread.push(mac.igSpread);
  h.hySpread.push(mac.hySpread);
  h.hype.push(mac.hype);
  h.gpuSpot.push(mac.gpuSpot);
  h.computePrice.push(mac.computePrice);
  h.utilisation.push(mac.utilisation);
  h.demandGw.push(r9(mac.demandGw + s.labs.commitmentsGw));
  let cap = 0;
  for (const c of ctx.alive()) cap += runningGw(c);
  h.capacityGw.push(r9(cap));
  h.cards.push([...s.news]);
  for (const c of s.companies) {
    h.prices[c.id].push(c.price);
    h.fundamentals[c.id].push(c.fundamental);
  }
  void P;
}
