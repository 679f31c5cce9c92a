// The bot tournament: n games per scenario with mixed personas, seeded and reproducible, and the
// measures the report is made of. Pure: no clock, no I/O (the command adds the run time).
import { seedState, Rng } from "../engine/rng.ts";
import { createGame, type GameSetup } from "../engine/create.ts";
import { prepareOrders, resolveRound } from "../engine/resolve.ts";
import { ranking, scores } from "../engine/score.ts";
import { stateHash } from "../engine/hash.ts";
import { LABS, type GameState } from "../engine/types.ts";
import type { GameEvent } from "../engine/events.ts";
import type { OrderSheet } from "../schemas/orders.ts";
import { ROLES, type Role } from "../schemas/seeds.ts";
import type { Seeds } from "../seeds.ts";
import { botsRound, type BotSpec } from "../bots/decide.ts";
import { personasOf, type Level } from "../bots/personas.ts";
import { bubbleMeasures, turnover, type BubbleMeasures } from "./bubble.ts";

export interface TournamentOptions {
  /** Games per scenario. */
  games: number;
  seed: number;
  scenarios: string[];
  /** Level of every bot (default normal: equally skilled bots). */
  level?: Level;
  /** Replay every k-th game from its recorded orders to check determinism (default 10; the first game always). */
  replayEvery?: number;
}

export interface SeatPlan {
  profile: string;
  persona: string;
}

/** A deterministic 31-bit mix of integers (the tournament's seeds for each game). */
export function mix(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h & 0x7fffffff;
}

/**
 * The seats of game `g`: two per role (the two chipmakers, two of the hyperscalers, two of the
 * neoclouds, two of the lenders), each with a persona of its role drawn at random, in a shuffled
 * seat order. The same draw is used in every scenario, so scenarios compare like with like.
 */
export function drawSeats(seed: number, g: number, profiles: Seeds["profiles"]): SeatPlan[] {
  const rng = new Rng(seedState(mix(seed, g, 1)));
  const pickN = <T,>(xs: T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]);
    return out;
  };
  const plan: SeatPlan[] = [];
  for (const role of ROLES) {
    const ids = Object.values(profiles)
      .filter((p) => p.role === role)
      .map((p) => p.id)
      .sort();
    const personas = personasOf(role).map((p) => p.id);
    for (const profile of pickN(ids, 2)) plan.push({ profile, persona: personas[Math.floor(rng.next() * personas.length)] });
  }
  return pickN(plan, plan.length);
}

export interface SeatResult {
  id: string;
  profile: string;
  role: Role;
  persona: string;
  tags: string[];
  score: number;
  bankrupt: boolean;
  /** Return from the start to the round the hype peaked (−1 if bankrupt by then). */
  returnAtHypePeak: number;
  /** Peak share price over the start price, and whether it later fell to half of its peak or less. */
  peakOverStart: number;
  halvedFromPeak: boolean;
  bubble: BubbleMeasures | null;
  turnover: number;
}

export interface GameRecord {
  scenario: string;
  game: number;
  seed: number;
  seats: SeatResult[];
  winner: { id: string; role: Role; persona: string };
  hype: number[];
  hypePeakRound: number;
  /** Forced sales (margin-call sales, cash-shortfall sales, liquidations) of at least one lot. */
  forcedSales: number;
  /** …of which lowered the GPU spot price (or found it already at its floor). */
  forcedSalesLowering: number;
  /** Rounds where a forced sale was followed, at the lower spot, by a margin call on another borrower. */
  spiralChains: number;
  /** Chipmakers' circular-deal exposure at the hype peak (stakes held, backstops given) and its P&L after. */
  chipmakerExposed: boolean;
  chipmakerCircularLossAfterPeak: number;
  defaults: number;
  marginCalls: number;
  stateHash: string;
  /** Replayed from its recorded orders (JSON round trip): null when not checked. */
  replayIdentical: boolean | null;
}

const SPOT_FLOOR_EPS = 1e-9;

function forcedSaleEvents(events: GameEvent[]): { i: number; e: GameEvent; lots: number }[] {
  const out: { i: number; e: GameEvent; lots: number }[] = [];
  events.forEach((e, i) => {
    const lots = e.type === "margin_call" ? Number(e.data.lotsSold) : e.type === "forced_sale" ? Number(e.data.lots) : e.type === "default" ? Number(e.data.lotsDumped) : 0;
    if (lots > 0) out.push({ i, e, lots });
  });
  return out;
}

/** Plays one game with the given seats and records what the report needs. */
export function playTournamentGame(
  setup: GameSetup,
  plan: SeatPlan[],
  scenario: string,
  g: number,
  gameSeed: number,
  level: Level,
  checkReplay: boolean,
  spotFloor: number,
): GameRecord {
  let s: GameState = createGame(setup, plan.map((p) => ({ profile: p.profile })), gameSeed);
  const start = s;
  const specs: Record<string, BotSpec> = {};
  s.companies.forEach((c, i) => (specs[c.id] = { persona: plan[i].persona, level }));
  const orders: Record<string, OrderSheet>[] = [];
  const traded: Record<string, number> = {};
  for (const c of s.companies) traded[c.id] = 0;
  let forcedSales = 0;
  let lowering = 0;
  let chains = 0;
  const chipIds = new Set(s.companies.filter((c) => c.role === "chipmaker").map((c) => c.id));
  // Per round (0..N): chipmakers' stakes and backstops, the labs' share price, backstop money paid.
  const stakeSnaps: { issuer: string; shares: number }[][] = [[]];
  const backstopSnaps: number[] = [0];
  const labsPx: number[] = [s.labs.valuation / s.labs.shares];
  const backstopPaid: number[] = [0];
  while (!s.finished) {
    const sheets = prepareOrders(s, botsRound(s, specs, undefined, level === "hard" ? setup : undefined));
    orders.push(sheets);
    const r = resolveRound(setup, s, sheets);
    s = r.state;
    const ev = r.events;
    let paid = 0;
    for (const e of ev) {
      const who = e.company ?? "";
      if (e.type === "shares_issued" || e.type === "buyback" || e.type === "stake_bought" || e.type === "short_opened" || e.type === "short_covered") {
        const target = e.type === "shares_issued" || e.type === "buyback" ? who : String(e.data.target);
        if (target in traded) traded[target] += Number(e.data.shares) || 0;
      }
      if ((e.type === "backstop_paid" && chipIds.has(who)) || (e.type === "backstop_called" && chipIds.has(who))) paid += Number(e.type === "backstop_paid" ? e.data.amount : e.data.paid) || 0;
    }
    backstopPaid.push(paid);
    const sales = forcedSaleEvents(ev);
    for (const f of sales) {
      forcedSales++;
      const before = Number(f.e.data.spotBefore);
      const after = Number(f.e.data.spotAfter);
      if (after < before - 1e-12 || before <= spotFloor + SPOT_FLOOR_EPS) lowering++;
    }
    // The spiral: a forced sale, then (same round, at the lowered spot) a margin call on someone else.
    const chained = sales.some((f) => ev.some((e, j) => j > f.i && e.type === "margin_call" && e.company !== f.e.company && Number(e.data.spotBefore) <= Number(f.e.data.spotAfter) + 1e-9));
    if (chained) chains++;
    stakeSnaps.push(s.stakes.filter((k) => chipIds.has(k.holder)).map((k) => ({ issuer: k.issuer, shares: k.shares })));
    backstopSnaps.push(s.backstops.filter((b) => chipIds.has(b.provider)).length);
    labsPx.push(s.labs.valuation / s.labs.shares);
  }
  const h = s.history;
  const n = s.rounds;
  let peakRound = 0;
  for (let t = 1; t <= n; t++) if (h.hype[t] > h.hype[peakRound]) peakRound = t;
  const px = (issuer: string, t: number) => (issuer === LABS ? labsPx[t] : h.prices[issuer][t]);
  let circular = 0;
  for (let t = peakRound + 1; t <= n; t++) {
    for (const k of stakeSnaps[t - 1]) circular -= k.shares * (px(k.issuer, t) - px(k.issuer, t - 1));
    circular += backstopPaid[t];
  }
  const exposed = stakeSnaps[peakRound].length > 0 || backstopSnaps[peakRound] > 0;

  const sc = scores(s);
  const seats: SeatResult[] = s.companies.map((c, i) => {
    const prices = h.prices[c.id];
    let peak = prices[0];
    let peakAt = 0;
    for (let t = 1; t <= n; t++) if (prices[t] > peak) {
      peak = prices[t];
      peakAt = t;
    }
    let minAfter = Infinity;
    for (let t = peakAt + 1; t <= n; t++) minAfter = Math.min(minAfter, prices[t]);
    const alive = c.bankrupt ? c.bankruptRound - 1 : n;
    const bubble = c.fund ? null : bubbleMeasures(prices.slice(1, alive + 1), h.fundamentals[c.id].slice(1, alive + 1));
    const startShares = start.companies[i].sharesOut;
    return {
      id: c.id,
      profile: c.profile,
      role: c.role,
      persona: plan[i].persona,
      tags: c.tags,
      score: sc[i].score,
      bankrupt: c.bankrupt,
      returnAtHypePeak: c.bankrupt && c.bankruptRound <= peakRound ? -1 : prices[peakRound] / c.startPrice - 1,
      peakOverStart: peak / c.startPrice,
      halvedFromPeak: minAfter <= peak * 0.5,
      bubble,
      turnover: c.fund ? 0 : turnover(traded[c.id], (startShares + c.sharesOut) / 2),
    };
  });
  const top = ranking(s)[0];
  const wi = s.companies.findIndex((c) => c.id === top.id);
  const hash = stateHash(s);
  let replayIdentical: boolean | null = null;
  if (checkReplay) {
    let r: GameState = createGame(setup, plan.map((p) => ({ profile: p.profile })), gameSeed);
    for (const o of JSON.parse(JSON.stringify(orders)) as Record<string, unknown>[]) r = resolveRound(setup, r, o).state;
    replayIdentical = JSON.stringify(r) === JSON.stringify(s) && stateHash(r) === hash;
  }
  return {
    scenario,
    game: g,
    seed: gameSeed,
    seats,
    winner: { id: top.id, role: s.companies[wi].role, persona: plan[wi].persona },
    hype: h.hype.slice(),
    hypePeakRound: peakRound,
    forcedSales,
    forcedSalesLowering: lowering,
    spiralChains: chains,
    chipmakerExposed: exposed,
    chipmakerCircularLossAfterPeak: circular,
    defaults: h.defaults,
    marginCalls: h.marginCalls,
    stateHash: hash,
    replayIdentical,
  };
}

export interface TournamentRun {
  options: Required<TournamentOptions>;
  records: GameRecord[];
  /** The first game of each scenario played twice from scratch gave the same state hash. */
  rerunIdentical: boolean[];
}

export function playTournament(seeds: Seeds, opts: TournamentOptions, spotFloor: number): TournamentRun {
  const o: Required<TournamentOptions> = { level: "normal", replayEvery: 10, ...opts };
  if (!Number.isInteger(o.games) || o.games < 1) throw new Error(`games must be a positive integer, got ${o.games}`);
  const records: GameRecord[] = [];
  const rerunIdentical: boolean[] = [];
  o.scenarios.forEach((id, si) => {
    const scenario = seeds.scenarios[id];
    if (!scenario) throw new Error(`unknown scenario "${id}"; known: ${Object.keys(seeds.scenarios).join(", ")}`);
    const setup: GameSetup = { ...seeds, scenario };
    for (let g = 0; g < o.games; g++) {
      const plan = drawSeats(o.seed, g, seeds.profiles);
      const gameSeed = mix(o.seed, g, 2);
      const rec = playTournamentGame(setup, plan, id, g, gameSeed, o.level, g === 0 || (o.replayEvery > 0 && g % o.replayEvery === 0), spotFloor);
      records.push(rec);
      if (g === 0) rerunIdentical.push(playTournamentGame(setup, plan, id, g, gameSeed, o.level, false, spotFloor).stateHash === rec.stateHash);
    }
    void si;
  });
  return { options: o, records, rerunIdentical };
}
