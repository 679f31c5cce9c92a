// What a bot reads off its view before deciding: the market's signals and a few sums over the
// public data. Pure functions of the view; nothing here looks at hidden state.
import { chipLots } from "../engine/accounts.ts";
import { P } from "../engine/params.ts";
import type { Company, GameState } from "../engine/types.ts";
import type { Level } from "./personas.ts";

export const r2 = (x: number): number => Math.round(x * 100) / 100;
export const r4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * How far a bot leans from its persona's normal plan (1 = as written). The hard level tries a few
 * tilts with the engine and keeps the best; the easy level plays as written but reads the market naively.
 */
export interface Tilt {
  /** Multiplies chips bought, builds, fab investment. */
  invest: number;
  /** Multiplies borrowing (borrowers) or lending (lenders). */
  risk: number;
  /** Multiplies buybacks, dividends, LP distributions. */
  payout: number;
  /** Chipmakers: list price multiplier; lenders: short-size multiplier. */
  edge: number;
}
export const NO_TILT: Tilt = Object.freeze({ invest: 1, risk: 1, payout: 1, edge: 1 });

export interface Signals {
  /** The round being decided (1-based) and how many are left, this one included. */
  round: number;
  left: number;
  hype: number;
  /** Hype change over the last quarter (points). */
  hypeTrend: number;
  util: number;
  /** Compute price against the reference price. */
  priceRatio: number;
  spot: number;
  labsDistressed: boolean;
  /** Boom as the bot reads it: an easy bot sees the hype only. */
  boom: boolean;
  naive: boolean;
  makers: Company[];
  avgList: number;
}

export function signals(s: GameState, level: Level): Signals {
  const mac = s.macro;
  const h = s.history.hype;
  const hypeTrend = h.length >= 2 ? h[h.length - 1] - h[h.length - 2] : 0;
  const makers = s.companies.filter((c) => c.role === "chipmaker" && !c.bankrupt && c.fab);
  const avgList = makers.length ? makers.reduce((a, c) => a + c.fab!.listPrice, 0) / makers.length : 3.5;
  const priceRatio = mac.computePrice / P.referenceComputePrice;
  const naive = level === "easy";
  const boom = naive
    ? mac.hype >= 50
    : mac.utilisation >= 0.9 && priceRatio >= 0.9 && hypeTrend > -8 && !s.labs.distressed && mac.hype >= 45;
  return {
    round: s.round + 1,
    left: s.rounds - s.round,
    hype: mac.hype,
    hypeTrend,
    util: mac.utilisation,
    priceRatio,
    spot: mac.gpuSpot,
    labsDistressed: s.labs.distressed,
    boom,
    naive,
    makers,
    avgList,
  };
}

export function company(s: GameState, id: string): Company {
  const c = s.companies.find((x) => x.id === id);
  if (!c) throw new Error(`no company ${id}`);
  return c;
}

export function building(s: GameState, id: string): number {
  let g = 0;
  for (const b of s.builds) if (b.owner === id) g += b.gw;
  return g;
}

/** GW this company has sold on contracts still running next round. */
export function contractedGw(s: GameState, id: string): number {
  let g = 0;
  for (const k of s.contracts) if (k.seller === id && k.ends > s.round) g += k.gw;
  return g;
}

/** Lots other seats ordered from this chipmaker last quarter (what its own order book showed). */
export function lastAskedOf(s: GameState, id: string): number {
  let n = 0;
  for (const [who, sh] of Object.entries(s.sheets)) {
    if (who === id || (sh.role !== "hyperscaler" && sh.role !== "neocloud")) continue;
    for (const o of sh.chips) if (o.from === id) n += o.lots;
  }
  return n;
}

/** Spread an order over the chipmakers, cheaper and bigger fabs weighted up. */
export function splitOrder(makers: Company[], lots: number, sharesPct: (c: Company) => number): { from: string; lots: number; sharesPct: number }[] {
  if (lots <= 0 || makers.length === 0) return [];
  const w = makers.map((c) => c.fab!.capLots / Math.pow(c.fab!.listPrice, 2));
  const tot = w.reduce((a, b) => a + b, 0);
  const out = makers.map((c, i) => ({ from: c.id, lots: Math.floor((lots * w[i]) / tot), sharesPct: r4(Math.min(sharesPct(c), c.fab!.vendorPct)) }));
  let left = lots - out.reduce((a, o) => a + o.lots, 0);
  const order = makers.map((_, i) => i).sort((a, b) => w[b] - w[a] || a - b);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) out[order[i]].lots++;
  return out.filter((o) => o.lots > 0).slice(0, 4);
}

/** Chips needing a powered home: GW to start building so that chips bought now find a data center. */
export function shellNeed(s: GameState, c: Company, newLots: number): number {
  return (chipLots(c) + newLots) * P.lotGw - c.dcGw - building(s, c.id);
}

/** Lots this seat ordered last quarter (its own sheet, which its view keeps). */
export function lastChipOrder(s: GameState, id: string): number | null {
  const sh = s.sheets[id];
  if (!sh || (sh.role !== "hyperscaler" && sh.role !== "neocloud")) return null;
  return sh.chips.reduce((a, o) => a + o.lots, 0);
}

/** This quarter's order: last quarter's carried over by `inertia`, the rest from today's wish (no plan yet: the wish). */
export function smoothOrder(last: number | null, want: number, inertia: number): number {
  if (last === null) return Math.max(0, Math.round(want));
  return Math.max(0, Math.round(inertia * last + (1 - inertia) * want));
}

/**
 * Quarters a new lot takes to pay for itself at today's compute price and utilisation, shell
 * included when it needs one: (list price + shell) ÷ (what 100 MW rents for − its running cost).
 */
export function paybackQuarters(s: GameState, listPrice: number, needsShell: boolean): number {
  const earn = P.lotGw * (expectedRent(s) - P.opexPerGwQ);
  const cost = listPrice + (needsShell ? P.lotGw * P.shellCostPerGw : 0);
  return earn > 0 ? cost / earn : Infinity;
}

/** Rent a GW of compute is expected to fetch a quarter: today's, or what the public shortage (demand over capacity) points to. */
export function expectedRent(s: GameState): number {
  const h = s.history;
  const cap = h.capacityGw.length > 0 ? h.capacityGw[h.capacityGw.length - 1] : 0;
  const ratio = cap > 0 ? h.demandGw[h.demandGw.length - 1] / cap : 1;
  const expected = P.referenceComputePrice * (0.85 + 0.3 * (s.macro.hype / 100)) * Math.min(P.priceCap, Math.max(P.priceFloor, Math.pow(ratio, P.priceElasticity)));
  return Math.max(s.macro.computePrice * s.macro.utilisation, Math.min(1, ratio) * expected);
}
