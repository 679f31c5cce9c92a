// Helpers for the mechanism tests. The rules come from the seeds' profiles and labs, but the
// scenario and the cards are written here, so recalibrating seeds/scenarios/*.json or
// seeds/cards.json cannot break the tests: a flat benchmark, no demand growth at hype 50, no
// random cards, and a card schedule only when a test asks for one.
import { seeds } from "../seeds/index.ts";
import {
  Card,
  balanceSheet,
  runningGw,
  Scenario,
  createGame,
  idleSheet,
  resolveRound,
  type Company,
  type Effect,
  type GameEvent,
  type GameSetup,
  type GameState,
  type RoundResult,
} from "../shared/src/index.ts";

export interface SetupOptions {
  /** Benchmark rate per round (the last value holds). */
  benchmark?: number[];
  hype?: number;
  igSpread?: number;
  hySpread?: number;
  demandRatio?: number;
  demandGrowth?: number;
  energyGw?: number;
  gpuSpot?: number;
  computePrice?: number;
  creditAppetite?: number;
  /** Test cards dealt at the start of a round (ids from TEST_CARDS or `cards`). */
  schedule?: Scenario["schedule"];
  cards?: Card[];
}

/** A test card: the source is required by the schema, its content is irrelevant here. */
export function card(id: string, effects: Effect[], mechanism: Card["mechanism"] = "sentiment"): Card {
  return Card.parse({
    id,
    title: { en: id, fr: id },
    text: { en: id, fr: id },
    mechanism,
    effects,
    source: { code: "XPD", outlet: "test", date: "2025" },
  });
}

export const TEST_CARDS: Card[] = [
  card("t-generation", [{ kind: "generation" }], "obsolescence"),
  card("t-delay-hyperscalers", [{ kind: "delay", target: { role: "hyperscaler" }, quarters: 2 }], "construction"),
  card("t-bubble-survey", [{ kind: "hype", delta: -10 }]),
  card("t-euphoria", [{ kind: "hype", delta: 50 }]),
  card("t-panic", [{ kind: "hype", delta: -50 }]),
];

export function setup(o: SetupOptions = {}): GameSetup {
  const cards: Record<string, Card> = {};
  for (const c of [...TEST_CARDS, ...(o.cards ?? [])]) cards[c.id] = c;
  const scenario = Scenario.parse({
    id: "test",
    name: { en: "test", fr: "test" },
    description: { en: "test", fr: "test" },
    rounds: 8,
    start: { year: 2025, quarter: 1 },
    benchmarkPath: o.benchmark ?? [0.04],
    macro: {
      igSpread: o.igSpread ?? 0.01,
      hySpread: o.hySpread ?? 0.04,
      hype: o.hype ?? 50,
      demandRatio: o.demandRatio ?? 1,
      demandGrowthPath: [o.demandGrowth ?? 0],
      energyGw: o.energyGw ?? 5,
      gpuSpot: o.gpuSpot ?? 3.5,
      computePrice: o.computePrice ?? 3.4,
      creditAppetite: o.creditAppetite ?? 1,
    },
    labs: Object.keys(seeds.labs)[0],
    schedule: o.schedule ?? [],
    random: { chance: 0, pool: [] },
  });
  return { profiles: seeds.profiles, labs: seeds.labs, cards, scenario };
}

export function game(S: GameSetup, profiles: string[], opts: { seed?: number; rounds?: number } = {}): GameState {
  return createGame(S, profiles.map((profile) => ({ profile })), opts.seed ?? 1, { rounds: opts.rounds ?? 8 });
}

export function co(s: GameState, id: string): Company {
  const c = s.companies.find((x) => x.id === id);
  if (!c) throw new Error(`no company ${id}`);
  return c;
}

/** Sheets that do nothing new for every live seat. */
export function idle(s: GameState): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const c of s.companies) if (!c.bankrupt) out[c.id] = { ...idleSheet(c) };
  return out;
}

/** Idle sheets with some fields replaced, e.g. orders(s, { nvidia: { supply: 3 } }). */
export function orders(s: GameState, patch: Record<string, Record<string, unknown>> = {}): Record<string, Record<string, unknown>> {
  const out = idle(s);
  for (const [id, p] of Object.entries(patch)) out[id] = { ...out[id], ...p };
  return out;
}

/**
 * Tests set a situation up by editing a fresh state (cash, chips, debts). Opening book equity is
 * then re-derived from the balance sheet, as createGame does, so the books balance; on a state a
 * round produced this changes nothing.
 */
export function rebook(s: GameState): GameState {
  for (const c of s.companies) if (!c.bankrupt) c.equityBook = balanceSheet(s, c).equity;
  return s;
}

export function step(S: GameSetup, s: GameState, sheets: Record<string, unknown> = orders(s)): RoundResult {
  return resolveRound(S, rebook(s), sheets);
}

/** Resolves `n` idle rounds. */
export function idleRounds(S: GameSetup, s: GameState, n: number): GameState {
  for (let i = 0; i < n; i++) s = step(S, s).state;
  return s;
}

export function events(r: RoundResult, type: string, company?: string): GameEvent[] {
  return r.events.filter((e) => e.type === type && (company === undefined || e.company === company));
}

export function event(r: RoundResult, type: string, company?: string): GameEvent {
  const found = events(r, type, company);
  if (found.length !== 1) throw new Error(`expected one ${type} event${company ? ` for ${company}` : ""}, got ${found.length}`);
  return found[0];
}

/** Total cash moved by flows whose reason starts with `why` (optionally between two parties). */
export function paid(r: RoundResult, why: string, from?: string, to?: string): number {
  let t = 0;
  for (const f of r.flows) if (f.why.startsWith(why) && (from === undefined || f.from === from) && (to === undefined || f.to === to)) t += f.amount;
  return Math.round(t * 1e6) / 1e6;
}

/** A fresh vintage of chips: `lots` lots bought now at `unitCost` each, of the current generation. */
export function setChips(s: GameState, id: string, lots: number, unitCost = 3.5, ageQ = 0): void {
  const c = co(s, id);
  c.chips = lots > 0 ? [{ id: s.nextId++, gen: s.macro.generation, ageQ, lots, unitCost }] : [];
}

/** Removes a company's seeded debts and contracts, so a test can give it exactly the ones it needs. */
export function clearClaims(s: GameState, id: string): void {
  s.debts = s.debts.filter((d) => d.borrower !== id && d.holder !== id);
  s.contracts = s.contracts.filter((k) => k.seller !== id && k.buyer !== id);
}

/** A company that holds a loan paid for it: its net asset value is unchanged. */
function payFor(s: GameState, holder: string, principal: number): void {
  if (holder !== "market") co(s, holder).cash -= principal;
}

/** A GPU-backed loan held by `holder`, due at the end of round `maturity`. */
export function gpuLoan(s: GameState, borrower: string, principal: number, o: { holder?: string; maturity?: number; maxLtv?: number; spread?: number } = {}): string {
  const id = `d${s.nextId++}`;
  const spread = o.spread ?? 0.05;
  s.debts.push({
    id,
    kind: "gpu",
    borrower,
    holder: o.holder ?? "market",
    principal,
    floating: true,
    spread,
    rate: s.macro.benchmark + spread,
    maturity: o.maturity ?? 40,
    maxLtv: o.maxLtv ?? 0.8,
    offBalance: false,
    tenor: 8,
  });
  payFor(s, o.holder ?? "market", principal);
  return id;
}

/** A fixed-coupon bond held by `holder`, due at the end of round `maturity`. */
export function bond(s: GameState, borrower: string, principal: number, o: { holder?: string; maturity?: number; rate?: number; tenor?: number } = {}): string {
  const id = `d${s.nextId++}`;
  s.debts.push({
    id,
    kind: "bond",
    borrower,
    holder: o.holder ?? "market",
    principal,
    floating: false,
    spread: 0.01,
    rate: o.rate ?? s.macro.benchmark + 0.01,
    maturity: o.maturity ?? 40,
    maxLtv: 0,
    offBalance: false,
    tenor: o.tenor ?? 8,
  });
  payFor(s, o.holder ?? "market", principal);
  return id;
}

/** GW of compute the seats can run now: chips in powered data centers. */
export function runningCapacity(s: GameState): number {
  return s.companies.filter((c) => !c.bankrupt).reduce((a, c) => a + runningGw(c), 0);
}
