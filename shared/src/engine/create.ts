// A new game: the scenario's macro state, the AI labs, and one company per seat from its profile.
import type { Labs, Profile } from "../schemas/seeds.ts";
import { balanceSheet, nav, runningGw } from "./accounts.ts";
import { fundamentalValue, sentimentMultiple } from "./prices.ts";
import { emptyQuarter, type Rules } from "./context.ts";
import { m, r9 } from "./money.ts";
import { dealCards } from "./news.ts";
import { P } from "./params.ts";
import { Rng, seedState } from "./rng.ts";
import type { Company, Debt, GameState } from "./types.ts";

export interface GameSetup extends Rules {
  profiles: Record<string, Profile>;
  labs: Record<string, Labs>;
}

export interface Seat {
  profile: string;
}

export interface CreateOptions {
  /** Override the scenario's length (6–16): the paths' last values hold. */
  rounds?: number;
}

export function pathAt(path: readonly number[], round: number): number {
  return path[Math.min(round - 1, path.length - 1)];
}

export function createGame(setup: GameSetup, seats: Seat[], seed: number, opts: CreateOptions = {}): GameState {
  const sc = setup.scenario;
  if (seats.length < 2 || seats.length > 8) throw new Error(`a market has 2 to 8 seats, got ${seats.length}`);
  const rounds = opts.rounds ?? sc.rounds;
  if (!Number.isInteger(rounds) || rounds < 6 || rounds > 16) throw new Error(`rounds must be an integer from 6 to 16, got ${rounds}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const labsSeed = setup.labs[sc.labs];
  if (!labsSeed) throw new Error(`scenario ${sc.id} names unknown labs ${sc.labs}`);
  const benchmark = pathAt(sc.benchmarkPath, 1);

  const state: GameState = {
    schema: 1,
    scenario: sc.id,
    seed,
    round: 0,
    rounds,
    finished: false,
    rng: seedState(seed),
    nextId: 1,
    scale: 1,
    marketCash: 0,
    macro: {
      benchmark,
      rateShock: 0,
      igShock: 0,
      hyShock: 0,
      igSpread: sc.macro.igSpread,
      hySpread: sc.macro.hySpread,
      hype: sc.macro.hype,
      demandGw: 0,
      demandGrowthShock: 0,
      energyGw: sc.macro.energyGw,
      energyFactor: 1,
      gpuSpot: sc.macro.gpuSpot,
      computePrice: sc.macro.computePrice,
      utilisation: 1,
      generation: 0,
      creditAppetite: sc.macro.creditAppetite,
      srtPremiumFactor: 1,
      lpShock: 0,
    },
    labs: {
      id: labsSeed.id,
      name: labsSeed.name,
      cash: 0,
      revenue: 0,
      revenueGrowth: labsSeed.revenueGrowth,
      costs: 0,
      fundraising: 0,
      commitmentsGw: 0,
      valuation: 1,
      shares: 1,
      missedPayments: 0,
      distressed: false,
    },
    companies: [],
    debts: [],
    contracts: [],
    stakes: [],
    shorts: [],
    backstops: [],
    srts: [],
    builds: [],
    news: [],
    sheets: {},
    history: {
      benchmark: [],
      igSpread: [],
      hySpread: [],
      hype: [],
      gpuSpot: [],
      computePrice: [],
      utilisation: [],
      demandGw: [],
      capacityGw: [],
      cards: [],
      prices: {},
      fundamentals: {},
      defaults: 0,
      marginCalls: 0,
      forcedLots: 0,
    },
  };

  const used = new Map<string, number>();
  seats.forEach((seat, i) => {
    const p = setup.profiles[seat.profile];
    if (!p) throw new Error(`seat ${i + 1}: unknown profile "${seat.profile}"`);
    const n = (used.get(p.id) ?? 0) + 1;
    used.set(p.id, n);
    const id = n === 1 ? p.id : `${p.id}-${n}`;
    state.companies.push(companyFromProfile(state, p, id, i));
  });

  for (const c of state.companies) {
    const p = setup.profiles[c.profile];
    for (const d of p.debts) {
      const debt: Debt = {
        id: `d${state.nextId++}`,
        kind: d.kind,
        borrower: c.id,
        holder: "market",
        principal: d.amount,
        floating: d.kind === "gpu" || d.kind === "bank",
        spread: d.spread,
        rate: r9(benchmark + d.spread),
        maturity: d.quartersLeft,
        maxLtv: d.kind === "gpu" ? (d.maxLtv ?? 0.75) : 0,
        offBalance: d.kind === "spv",
        tenor: Math.max(4, d.quartersLeft),
      };
      state.debts.push(debt);
    }
    for (const k of p.contracts) {
      const buyer = k.buyer === "hyperscaler" ? state.companies.find((x) => x.role === "hyperscaler" && x.id !== c.id)?.id ?? "labs" : "labs";
      state.contracts.push({ id: `k${state.nextId++}`, seller: c.id, buyer, gw: k.gw, price: k.price, ends: k.quartersLeft });
    }
  }
  fundsStartInvested(state, sc.funds.invested);
  // Demand and the labs are sized to the market the seats make, so any seat mix starts balanced.
  let capacity = 0;
  for (const c of state.companies) capacity += runningGw(c);
  capacity = Math.max(capacity, 0.5);
  const scale = r9(capacity / labsSeed.referenceCapacityGw);
  state.scale = scale;
  state.macro.demandGw = r9(sc.macro.demandRatio * capacity);
  const labs = state.labs;
  labs.cash = m(labsSeed.cash * scale);
  labs.revenue = m(labsSeed.revenue * scale);
  labs.costs = m(labsSeed.costs * scale);
  labs.fundraising = m(labsSeed.fundraising * scale);
  labs.valuation = m(labsSeed.valuation * scale);
  labs.commitmentsGw = r9(labsSeed.commitmentsShare * capacity);

  for (const c of state.companies) {
    // A plausible last quarter, so ratings and multiples have something to read in round 1.
    let dep = 0;
    for (const l of c.chips) dep += l.lots * l.unitCost / c.depQ;
    dep += c.dcBook / P.shellLifeQ;
    let interest = 0;
    for (const d of state.debts) if (d.borrower === c.id) interest += (d.principal * d.rate) / 4;
    c.last.netIncome = m(c.last.ebitda - dep - interest);
    c.earnings = c.last.netIncome;
    c.prev = { ...c.last };
    // Opening book equity: whatever the opening assets and claims leave.
    c.equityBook = balanceSheet(state, c).equity;
    if (!c.fund) {
      // Share counts are derived so the model's value of the company matches the quoted price.
      const value = fundamentalValue(state, c, 1) * sentimentMultiple(c, state.macro.hype);
      if (value > 0) c.sharesOut = r9(value / c.startPrice);
      c.fundamental = r9(fundamentalValue(state, c, 1) / c.sharesOut);
    }
    if (c.fund) {
      c.price = r9(nav(state, c) / c.fund.units);
      c.startPrice = c.price;
      c.fund.startNavPerUnit = c.price;
    }
    state.history.prices[c.id] = [c.price];
    state.history.fundamentals[c.id] = [c.fundamental];
  }
  const h = state.history;
  h.benchmark.push(benchmark);
  h.igSpread.push(state.macro.igSpread);
  h.hySpread.push(state.macro.hySpread);
  h.hype.push(state.macro.hype);
  h.gpuSpot.push(state.macro.gpuSpot);
  h.computePrice.push(state.macro.computePrice);
  h.utilisation.push(1);
  h.demandGw.push(r9(state.macro.demandGw + labs.commitmentsGw));
  h.capacityGw.push(r9(capacity));

  const rng = new Rng(state.rng);
  // The game's hidden draw: will the AI revenue and the demand come? (Players see them as they arrive.)
  const u = sc.uncertainty;
  if (u.labsRevenue > 0) labs.revenueGrowth = r9(labs.revenueGrowth * Math.max(0, 1 + u.labsRevenue * rng.normal()));
  if (u.demandGrowth > 0) state.macro.demandGrowthShock = r9(u.demandGrowth * rng.normal());
  state.news = dealCards(setup, 1, rng, state);
  state.rng = rng.state();
  return state;
}

function companyFromProfile(state: GameState, p: Profile, id: string, seat: number): Company {
  const lotCost = 3.5;
  const fund = p.fund ? { units: p.fund.capital / 10, startNavPerUnit: 10, distributedPerUnit: 0, regulated: p.fund.regulated } : null;
  const c: Company = {
    id,
    profile: p.id,
    name: p.name,
    role: p.role,
    seat,
    tags: [...p.tags],
    cash: m(p.fund ? p.fund.capital + p.cash : p.cash),
    sharesOut: fund ? fund.units : p.sharesOut,
    price: fund ? 10 : p.sharePrice,
    startPrice: fund ? 10 : p.sharePrice,
    dividendsPerShare: 0,
    credibility: p.credibility,
    depQ: p.depreciationQuarters,
    chips: p.chips
      .filter((v) => v.lots > 0)
      // gen is 0 - genBehind, not -genBehind: -0 would not survive a JSON round trip.
      .map((v) => ({ id: state.nextId++, gen: 0 - v.genBehind, ageQ: v.ageQ, lots: v.lots, unitCost: lotCost })),
    dcGw: p.dcGw,
    dcBook: m(p.dcGw * P.shellCostPerGw * 0.7),
    spvGw: 0,
    cip: 0,
    coreRevenue: p.coreRevenue,
    coreMargin: p.coreMargin,
    coreGrowth: p.coreGrowth,
    fab: p.fab
      ? { capLots: p.fab.lotsPerQuarter, unitCost: p.fab.unitCost, listPrice: p.fab.listPrice, pending: [], book: m(p.fab.lotsPerQuarter * P.fabLotCost * 0.5), vendorPct: 0, asked: p.fab.lotsPerQuarter }
      : null,
    fund,
    equityBook: 0,
    bankrupt: false,
    bankruptRound: 0,
    last: emptyQuarter(),
    prev: emptyQuarter(),
    news: [],
    fundamental: p.sharePrice,
    growth: 0.03,
    earnings: 0,
    flow: 0,
  };
  // A plausible last quarter so ratings and multiples have something to read in round 1.
  const coreEbitda = p.coreRevenue * p.coreMargin;
  const aiEbitda = Math.min(p.dcGw, c.chips.reduce((a, l) => a + l.lots, 0) * P.lotGw) * (state.macro.computePrice - P.opexPerGwQ);
  const chipEbitda = p.fab ? p.fab.lotsPerQuarter * (p.fab.listPrice - p.fab.unitCost) : 0;
  c.last.ebitda = m(coreEbitda + aiEbitda + chipEbitda);
  c.last.revenue = m(p.coreRevenue + aiEbitda + (p.fab ? p.fab.lotsPerQuarter * p.fab.listPrice : 0));
  c.last.aiRevenue = m(Math.max(0, aiEbitda));
  return c;
}

/**
 * Funds start with `share` of their LP capital lent to the seated companies, as private credit and
 * bond funds are invested, not in cash: they buy (at par) the neoclouds' GPU-backed loans first,
 * then the neoclouds' notes, then the other seats' bonds, each debt split among the funds in
 * proportion to what they have left.
 */
function fundsStartInvested(state: GameState, share: number): void {
  const funds = state.companies.filter((c) => c.fund);
  if (share <= 0 || funds.length === 0) return;
  const left = new Map(funds.map((f) => [f.id, m(share * f.cash)]));
  const isNeocloud = (id: string) => state.companies.some((c) => c.id === id && c.role === "neocloud");
  const tiers: ((d: Debt) => boolean)[] = [(d) => d.kind === "gpu", (d) => d.kind === "bond" && isNeocloud(d.borrower), (d) => d.kind === "bond"];
  for (const tier of tiers) {
    for (const d of state.debts.filter((x) => x.holder === "market" && tier(x))) {
      const avail = [...left.values()].reduce((a, b) => a + b, 0);
      if (avail <= 1e-6) break;
      const take = Math.min(d.principal, avail);
      for (const f of funds) {
        let part = m((take * left.get(f.id)!) / avail);
        if (d.principal - part < 1e-5) part = d.principal;
        if (part <= 0) continue;
        state.debts.push({ ...d, id: `d${state.nextId++}`, holder: f.id, principal: part });
        d.principal = m(d.principal - part);
        f.cash = m(f.cash - part);
        state.marketCash = m(state.marketCash + part);
        left.set(f.id, m(left.get(f.id)! - part));
      }
    }
  }
  state.debts = state.debts.filter((d) => d.principal > 1e-9);
}
