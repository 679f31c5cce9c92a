// Compute demand meets capacity. End users (through the market) and the AI labs want GW of
// compute; take-or-pay contracts are served first, the rest clears on the spot market, whose
// price follows demand ÷ supply. The labs pay from their cash and can fall short.
import type { OrderSheet } from "../schemas/orders.ts";
import { lotBook, runningGw } from "./accounts.ts";
import type { Ctx } from "./context.ts";
import { pathAt } from "./create.ts";
import { clamp, m, r9 } from "./money.ts";
import { P } from "./params.ts";
import { LABS, MARKET, type Company, type Contract } from "./types.ts";

export function updateDemand(ctx: Ctx): void {
  const s = ctx.state;
  const mac = s.macro;
  const sc = ctx.rules.scenario;
  mac.benchmark = r9(Math.max(0, pathAt(sc.benchmarkPath, ctx.round) + mac.rateShock));
  const growth = pathAt(sc.macro.demandGrowthPath, ctx.round) + mac.demandGrowthShock + 0.04 * ((mac.hype - 50) / 50);
  if (ctx.round > 1) mac.demandGw = r9(Math.max(0.5, mac.demandGw * (1 + growth)));
  const labs = s.labs;
  // The labs' sales grow with the enthusiasm of their customers; their costs grow with their size.
  if (ctx.round > 1) {
    labs.revenue = r9(labs.revenue * (1 + labs.revenueGrowth * (mac.hype / 80)));
    labs.costs = r9(labs.costs * 1.04);
  }
  // The labs want more compute as long as money keeps coming; distress makes them cut back.
  const labsGrowth = labs.distressed ? -P.labsDistressCut : growth * 1.2;
  if (ctx.round > 1) labs.commitmentsGw = r9(Math.max(0.2, labs.commitmentsGw * (1 + labsGrowth)));
}

function active(ctx: Ctx, k: Contract): boolean {
  return k.ends >= ctx.round;
}

export function signLabContracts(ctx: Ctx, sheets: Record<string, OrderSheet>): void {
  const s = ctx.state;
  const labs = s.labs;
  let contracted = 0;
  for (const k of s.contracts) if (k.buyer === LABS && active(ctx, k)) contracted += k.gw;
  const appetite = labs.distressed ? 0 : Math.max(0, labs.commitmentsGw * Math.min(1, s.macro.hype / 60) - contracted);
  const asks: { c: Company; gw: number; quarters: number; capacity: number }[] = [];
  for (const c of ctx.alive()) {
    const sh = sheets[c.id];
    if (!sh || (sh.role !== "hyperscaler" && sh.role !== "neocloud") || !sh.labContract || sh.labContract.gw <= 0) continue;
    let sold = 0;
    for (const k of s.contracts) if (k.seller === c.id && active(ctx, k)) sold += k.gw;
    let building = 0;
    for (const b of s.builds) if (b.owner === c.id) building += b.gw;
    // A seller may promise capacity it is still building: delivery risk is part of the game.
    const room = Math.max(0, runningGw(c) + building - sold);
    const gw = Math.min(sh.labContract.gw, room);
    if (gw > 0) asks.push({ c, gw, quarters: sh.labContract.quarters, capacity: runningGw(c) + building });
  }
  const total = asks.reduce((a, x) => a + x.gw, 0);
  const share = total > appetite ? appetite / total : 1;
  const price = r9(s.macro.computePrice * (1 - P.labContractDiscount));
  for (const a of asks) {
    const gw = Math.floor(a.gw * share * 100) / 100;
    if (gw <= 0) {
      ctx.event("lab_contract_refused", "labs", a.c.id, { asked: a.gw, reason: labs.distressed ? "labs in distress" : "labs' appetite is used up" });
      continue;
    }
    s.contracts.push({ id: ctx.newId("k"), seller: a.c.id, buyer: LABS, gw, price, ends: ctx.round + a.quarters - 1 });
    ctx.event("lab_contract", "labs", a.c.id, { gw, price, quarters: a.quarters });
    // The market reads the deal by its size against the seller's capacity (a quarter of it or more: the full cheer).
    const size = Math.min(1, gw / Math.max(0.1, 0.25 * a.capacity));
    a.c.news.push({ pct: r9(0.03 * (s.macro.hype / 50) * size), why: "signed a compute contract with the AI labs" });
  }
}

export interface Clearing {
  supplyGw: number;
  demandGw: number;
  utilisation: number;
  price: number;
}

export function clearCompute(ctx: Ctx): Clearing {
  const s = ctx.state;
  const mac = s.macro;
  const labs = s.labs;
  const alive = ctx.alive();
  const running = new Map<string, number>();
  for (const c of alive) running.set(c.id, runningGw(c));
  // Deliveries: a seller short of capacity delivers its contracts pro rata.
  const sold = new Map<string, number>();
  const live = s.contracts.filter((k) => active(ctx, k));
  for (const k of live) sold.set(k.seller, (sold.get(k.seller) ?? 0) + k.gw);
  // What each live contract delivers, by its index in `live`.
  const delivered: number[] = [];
  for (const k of live) {
    const cap = running.get(k.seller) ?? 0;
    const tot = sold.get(k.seller) ?? 0;
    delivered.push(tot > cap ? (k.gw * cap) / tot : k.gw);
  }
  const pool = new Map<string, number>();
  let labsContracted = 0;
  for (const c of alive) pool.set(c.id, Math.max(0, (running.get(c.id) ?? 0) - (sold.get(c.id) ?? 0)));
  for (let i = 0; i < live.length; i++) {
    const k = live[i];
    const g = delivered[i];
    if (k.buyer === LABS) labsContracted += g;
    else pool.set(k.buyer, (pool.get(k.buyer) ?? 0) + g);
  }
  let supply = 0;
  for (const v of pool.values()) supply += v;
  // The labs' money for this quarter: revenue, fresh funding while the hype lasts (below 40 the
  // money stops), less their costs.
  const raise = m(labs.fundraising * clamp((mac.hype - 40) / 30, 0, 1.5) * (labs.distressed ? 0.3 : 1));
  ctx.transfer(MARKET, LABS, labs.revenue, "labs revenue");
  if (raise > 0) {
    ctx.transfer(MARKET, LABS, raise, "labs fundraising");
    labs.shares = r9(labs.shares * (1 + raise / Math.max(1, labs.valuation)));
    labs.valuation = m(labs.valuation + raise);
  }
  ctx.transfer(LABS, MARKET, Math.min(labs.costs, Math.max(0, labs.cash)), "labs costs");
  let contractDue = 0;
  for (let i = 0; i < live.length; i++) if (live[i].buyer === LABS) contractDue += delivered[i] * live[i].price;
  // Contracts bind; spot buying is what the labs can still afford after them.
  const refPrice = Math.max(0.5, mac.computePrice);
  const affordableGw = Math.max(0, (labs.cash - contractDue) / refPrice);
  const labsWanted = Math.max(0, labs.commitmentsGw - labsContracted);
  const labsSpot = Math.min(labsWanted, affordableGw);
  if (labsSpot < labsWanted - 1e-9) ctx.event("labs_cut_back", "labs", undefined, { wantedGw: r9(labsWanted), boughtGw: r9(labsSpot) });
  const demand = mac.demandGw + labsSpot;
  const ratio = supply > 0 ? demand / supply : 2;
  const u = Math.min(1, ratio);
  const willingness = 0.85 + 0.3 * (mac.hype / 100);
  const price = r9(P.referenceComputePrice * willingness * clamp(Math.pow(ratio, P.priceElasticity), P.priceFloor, P.priceCap));
  mac.computePrice = price;
  mac.utilisation = r9(u);

  // Contract payments: the buyer owes the fee on the contracted GW whether it uses them or not.
  const labsBill: { k: Contract; due: number }[] = [];
  for (let i = 0; i < live.length; i++) {
    const k = live[i];
    const due = m(delivered[i] * k.price);
    if (due <= 0) continue;
    if (k.buyer === LABS) labsBill.push({ k, due });
    else {
      const buyer = ctx.co(k.buyer);
      const paid = ctx.transfer(buyer.id, k.seller, due, `contract:${k.id}`);
      ctx.expense(buyer, paid, "opex");
      ctx.income(ctx.co(k.seller), paid, "ai");
    }
  }
  // Spot: each company's pool earns utilisation × price; the labs pay their share, end users the rest.
  const sold$ = Math.min(demand, supply) * price;
  const labsSpotBill = demand > 0 ? m((sold$ * labsSpot) / demand) : 0;
  // Each alive company's spot revenue, by its index in `alive`.
  const spotRevenue: number[] = [];
  for (const c of alive) spotRevenue.push(m((pool.get(c.id) ?? 0) * u * price));

  // The labs pay the compute bill — pro rata if they are short.
  const due = labsBill.reduce((x, y) => x + y.due, 0) + labsSpotBill;
  const payable = Math.max(0, labs.cash);
  const f = due > payable ? payable / due : 1;
  for (const { k, due: d } of labsBill) {
    const paid = ctx.transfer(LABS, k.seller, d * f, `contract:${k.id}`);
    ctx.income(ctx.co(k.seller), paid, "ai");
  }
  const labsSpotPaid = m(labsSpotBill * f);
  const shortfall = m(due - due * f);
  const wasDistressed = labs.distressed;
  labs.distressed = shortfall > 0 || (labs.cash < labs.costs && raise < labs.costs);
  if (shortfall > 0) {
    labs.missedPayments = m(labs.missedPayments + shortfall);
    ctx.event("labs_missed_payment", "labs", undefined, { due: m(due), paid: m(due * f), shortfall, labsCash: labs.cash });
    // Customer concentration: the sellers who depend most on the labs are hit hardest.
    for (let i = 0; i < alive.length; i++) {
      const c = alive[i];
      const fromLabs = labsBill.filter((b) => b.k.seller === c.id).reduce((a, b) => a + b.due, 0);
      const rev = Math.max(1e-9, c.last.revenue + spotRevenue[i] + fromLabs);
      const share = fromLabs / rev;
      if (share > 0.05) c.news.push({ pct: r9(-0.4 * share * (1 - f)), why: "the AI labs failed to pay" });
    }
  } else if (wasDistressed && !labs.distressed) ctx.event("labs_recovered", "labs", undefined, { labsCash: labs.cash });

  // Spot revenue, paid by the labs (their share, as far as they paid) and by end users (the market).
  let totalSpot = 0;
  for (const v of spotRevenue) totalSpot += v;
  for (let i = 0; i < alive.length; i++) {
    const c = alive[i];
    const rev = spotRevenue[i];
    if (rev <= 0) continue;
    const fromLabs = totalSpot > 0 ? m((labsSpotPaid * rev) / totalSpot) : 0;
    const fromMarket = totalSpot > 0 ? m(((sold$ - labsSpotBill) * rev) / totalSpot) : 0;
    const paidByLabs = ctx.transfer(LABS, c.id, Math.min(fromLabs, Math.max(0, s.labs.cash)), "compute (labs)");
    const paidByUsers = ctx.transfer(MARKET, c.id, fromMarket, "compute (end users)");
    ctx.income(c, paidByLabs + paidByUsers, "ai");
  }
  runBackstops(ctx, pool, u);
  ctx.event("compute_cleared", "compute", undefined, { supplyGw: r9(supply), demandGw: r9(demand), utilisation: r9(u), price, labsShortfall: shortfall });
  return { supplyGw: supply, demandGw: demand, utilisation: u, price };
}

/** The chipmaker buys the protected company's unsold capacity at the promised price. */
function runBackstops(ctx: Ctx, pool: Map<string, number>, u: number): void {
  for (const b of ctx.state.backstops) {
    if (b.ends < ctx.round) continue;
    const prot = ctx.co(b.protected);
    const prov = ctx.co(b.provider);
    if (prot.bankrupt || prov.bankrupt) continue;
    const idle = (pool.get(prot.id) ?? 0) * (1 - u);
    const gw = Math.min(idle, b.gw);
    if (gw <= 0) continue;
    const paid = ctx.transfer(prov.id, prot.id, Math.min(gw * b.price, Math.max(0, prov.cash)), `backstop:${b.id}`);
    ctx.income(prot, paid, "ai");
    // The capacity bought has no buyer either: the provider books it as a cost.
    ctx.expense(prov, paid, "other");
    ctx.event("backstop_paid", "circular", prov.id, { protected: prot.id, gw: r9(gw), amount: paid });
  }
}

/** Core business, running costs and depreciation. */
export function operate(ctx: Ctx, u: number): void {
  for (const c of ctx.alive()) {
    if (c.coreRevenue > 0) {
      ctx.transfer(MARKET, c.id, c.coreRevenue, "core business");
      ctx.income(c, c.coreRevenue, "core");
      const costs = m(c.coreRevenue * (1 - c.coreMargin));
      ctx.transfer(c.id, MARKET, costs, "core costs");
      ctx.expense(c, costs, "opex");
      c.coreRevenue = m(c.coreRevenue * (1 + c.coreGrowth));
    }
    const run = runningGw(c);
    if (run > 0) {
      const opex = m(run * P.opexPerGwQ * (0.5 + 0.5 * u));
      ctx.transfer(c.id, MARKET, opex, "energy and operations");
      ctx.expense(c, opex, "opex");
    }
    let dep = 0;
    for (const l of c.chips) dep += lotBook(l, c.depQ) - lotBook({ ...l, ageQ: l.ageQ + 1 }, c.depQ);
    const dcDep = c.dcBook / P.shellLifeQ;
    c.dcBook = m(c.dcBook - dcDep);
    let fabDep = 0;
    if (c.fab) {
      fabDep = c.fab.book / P.shellLifeQ;
      c.fab.book = m(c.fab.book - fabDep);
    }
    ctx.expense(c, m(dep) + m(dcDep) + m(fabDep), "depreciation");
    for (const l of c.chips) l.ageQ += 1;
  }
}

/** Fully depreciated lots a year past their book life are retired (they have no book value left). */
export function retireChips(ctx: Ctx): void {
  for (const c of ctx.alive()) {
    const retired = c.chips.filter((l) => l.ageQ >= c.depQ + 4);
    if (retired.length > 0) {
      c.chips = c.chips.filter((l) => l.ageQ < c.depQ + 4);
      ctx.event("chips_retired", "depreciation", c.id, { lots: retired.reduce((a, l) => a + l.lots, 0) });
    }
  }
}
