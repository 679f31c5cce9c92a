// Balance sheets and the ratios read from them. Everything here is derived from the state:
// a claim lives once (in debts, stakes, shorts) and shows up as one party's asset and another's liability.
import { debtTotals } from "./ledger.ts";
import { m } from "./money.ts";
import { P, RATINGS, type Rating } from "./params.ts";
import type { ChipLot, Company, Debt, GameState, Macro } from "./types.ts";

export function lotBook(l: ChipLot, depQ: number): number {
  return l.lots * l.unitCost * Math.max(0, 1 - l.ageQ / depQ);
}

/** What a vintage fetches on the secondary market: the spot price, less age and generations behind. */
export function lotUnitMarket(l: ChipLot, macro: Macro): number {
  const age = Math.max(0.1, 1 - l.ageQ / 20);
  return macro.gpuSpot * age * Math.pow(P.obsolescence, Math.max(0, macro.generation - l.gen));
}

export function chipsBook(c: Company): number {
  let s = 0;
  for (const l of c.chips) s += lotBook(l, c.depQ);
  return m(s);
}

export function gpuValue(c: Company, macro: Macro): number {
  let s = 0;
  for (const l of c.chips) s += l.lots * lotUnitMarket(l, macro);
  return m(s);
}

export function chipLots(c: Company): number {
  let s = 0;
  for (const l of c.chips) s += l.lots;
  return s;
}

export function chipGw(c: Company): number {
  return chipLots(c) * P.lotGw;
}

/** Chips earn only where there is powered data-center capacity for them. */
export function runningGw(c: Company): number {
  return Math.min(chipGw(c), c.dcGw);
}

export function debtsOf(s: GameState, id: string): Debt[] {
  return debtTotals(s, id).borrowed.slice();
}

export function onBalanceDebt(s: GameState, id: string): number {
  return m(debtTotals(s, id).onBalance);
}

export function offBalanceDebt(s: GameState, id: string): number {
  return m(debtTotals(s, id).offBalance);
}

export function gpuDebt(s: GameState, id: string): number {
  return m(debtTotals(s, id).gpu);
}

/** Loan-to-value of a company's GPU-backed loans against what its GPUs fetch (Infinity if no collateral). */
export function ltv(s: GameState, c: Company): number {
  const debt = gpuDebt(s, c.id);
  if (debt <= 0) return 0;
  const v = gpuValue(c, s.macro);
  return v > 0 ? debt / v : Infinity;
}

/** The tightest covenant among a company's GPU loans. */
export function maxLtvOf(s: GameState, id: string): number {
  return debtTotals(s, id).maxLtv;
}

export interface BalanceSheet {
  cash: number;
  chips: number;
  dataCenters: number;
  construction: number;
  fab: number;
  loansHeld: number;
  stakes: number;
  assets: number;
  debt: number;
  shorts: number;
  liabilities: number;
  equity: number;
  offBalanceDebt: number;
}

export function balanceSheet(s: GameState, c: Company): BalanceSheet {
  const p = debtTotals(s, c.id);
  const loansHeld = p.loansHeld;
  let stakes = 0;
  for (const k of s.stakes) if (k.holder === c.id) stakes += k.value;
  let shorts = 0;
  for (const k of s.shorts) if (k.holder === c.id) shorts += k.value;
  const chips = chipsBook(c);
  const fab = c.fab ? c.fab.book : 0;
  const assets = m(c.cash + chips + c.dcBook + c.cip + fab + loansHeld + stakes);
  const debt = m(p.onBalance);
  const liabilities = m(debt + shorts);
  return {
    cash: c.cash,
    chips,
    dataCenters: c.dcBook,
    construction: c.cip,
    fab: m(fab),
    loansHeld: m(loansHeld),
    stakes: m(stakes),
    assets,
    debt,
    shorts: m(shorts),
    liabilities,
    equity: m(assets - liabilities),
    offBalanceDebt: m(p.offBalance),
  };
}

/** Net debt (off-balance vehicles included, as rating agencies do) over annualised EBITDA. */
export function leverage(s: GameState, c: Company): number {
  const p = debtTotals(s, c.id);
  const net = m(p.onBalance) + m(p.offBalance) - c.cash;
  if (net <= 0) return 0;
  const e = 4 * Math.max(c.last.ebitda, c.prev.ebitda);
  return e > 0 ? net / e : 99;
}

export function ratingIndex(s: GameState, c: Company): number {
  const lev = leverage(s, c);
  let i = 0;
  while (i < P.ratingBands.length && !(lev < P.ratingBands[i])) i++;
  if (i === P.ratingBands.length) i = RATINGS.length - 1;
  // Investors' trust moves the rating a notch either way.
  if (c.credibility >= 0.75 && i > 0) i -= 1;
  if (c.credibility < 0.3 && i < RATINGS.length - 1) i += 1;
  return i;
}

export function rating(s: GameState, c: Company): Rating {
  return RATINGS[ratingIndex(s, c)];
}

/** The credit spread the market asks of a company today. */
export function marketSpread(s: GameState, c: Company): number {
  const i = ratingIndex(s, c);
  const base = i <= 2 ? s.macro.igSpread : s.macro.hySpread;
  return base * P.ratingSpreads[i];
}

export function isInvestmentGrade(s: GameState, c: Company): boolean {
  return ratingIndex(s, c) <= 2;
}

export function marketCap(c: Company): number {
  return c.bankrupt ? 0 : m(c.price * c.sharesOut);
}

/**
 * What one unit of par of a fixed-rate debt is worth against par now that the benchmark has moved
 * since it was issued: (rate at issue − rate now) × its duration (years left, capped, × 0.8).
 * Floating debts reprice every quarter and stay at par.
 */
export function rateMarkPerPar(s: GameState, d: Debt): number {
  if (d.floating) return 0;
  const issuedAt = d.rate - d.spread;
  const years = Math.max(0, (d.maturity - s.round) / 4);
  return Math.max(-0.6, (issuedAt - s.macro.benchmark) * Math.min(years, P.maxDurationYears) * 0.8);
}

/** The rate marks on the fixed-rate debts a fund holds, $B (gains when rates fall, losses when they rise). */
export function rateMarks(s: GameState, holder: string): number {
  let t = 0;
  for (const d of debtTotals(s, holder).held) if (!d.floating) t += d.principal * rateMarkPerPar(s, d);
  return m(t);
}

/** Private-credit appetite for GPU-backed loans: 0 when spreads blow out and the hype is gone. */
export function gpuAppetite(s: GameState): number {
  const mac = s.macro;
  const a = mac.creditAppetite * (0.4 + mac.hype / 80) * (mac.hySpread < 0.08 ? 1 : 0.3);
  return a < 0 ? 0 : a > 1.6 ? 1.6 : a;
}

/** The spread the market asks today on a debt like `d` to its borrower (a GPU-backed loan: over high yield, wider as private credit's appetite fades). */
export function requiredSpread(s: GameState, d: Debt, b: Company): number {
  if (d.kind === "gpu") return s.macro.hySpread + 0.025 / Math.max(0.3, gpuAppetite(s));
  return marketSpread(s, b) + (d.kind === "bank" ? 0.005 : 0);
}

/**
 * What a fund writes off a debt it holds, per unit of par (NAV only; a default turns it into a
 * realised loss): the spread the market now asks beyond the debt's own, times its duration (years
 * left, capped, × 0.8); for a GPU-backed loan at least the part its collateral would not cover in a
 * fire sale. At most creditMarkCap. A risk transfer (SRT) on the debt takes its share of the mark.
 */
export function creditMarkPerPar(s: GameState, d: Debt): number {
  return creditMarkWith(s, d, markBasis(s, d.borrower), gpuAskedSpread(s));
}

/** What the market asks over the benchmark on a GPU-backed loan today (see requiredSpread). */
function gpuAskedSpread(s: GameState): number {
  return s.macro.hySpread + 0.025 / Math.max(0.3, gpuAppetite(s));
}

/** Per-borrower figures a fund's marks share (spread asked, GPU cover), computed once per NAV. */
interface MarkBasis {
  borrower: string;
  /** False for a bankrupt or unknown borrower: its debts carry no mark. */
  live: boolean;
  spread: number;
  cover: number;
}

function markBasis(s: GameState, id: string): MarkBasis {
  let c: Company | undefined;
  for (const x of s.companies) if (x.id === id) c = x;
  if (!c || c.bankrupt) return { borrower: id, live: false, spread: 0, cover: 0 };
  const debt = gpuDebt(s, c.id);
  return { borrower: id, live: true, spread: marketSpread(s, c), cover: debt > 0 ? (P.fireSaleHaircut * gpuValue(c, s.macro)) / debt : 1 };
}

function creditMarkWith(s: GameState, d: Debt, b: MarkBasis, gpuAsked: number): number {
  if (!b.live) return 0;
  const asked = d.kind === "gpu" ? gpuAsked : b.spread + (d.kind === "bank" ? 0.005 : 0);
  const years = Math.max(0, (d.maturity - s.round) / 4);
  let loss = Math.max(0, asked - d.spread) * Math.min(years, P.maxDurationYears) * 0.8;
  if (d.kind === "gpu") loss = Math.max(loss, 1 - b.cover);
  if (loss <= 0) return 0;
  let protectedShare = 0;
  if (s.srts.length > 0) for (const t of s.srts) if (t.debt === d.id) protectedShare += t.fraction;
  return -Math.min(P.creditMarkCap, loss) * (1 - Math.min(1, protectedShare));
}

export function creditMarks(s: GameState, holder: string): number {
  // A fund holds a few borrowers' debts: a short list beats a Map for their shared figures.
  const bases: MarkBasis[] = [];
  const gpuAsked = gpuAskedSpread(s);
  let t = 0;
  for (const d of debtTotals(s, holder).held) {
    let b: MarkBasis | undefined;
    for (const x of bases) if (x.borrower === d.borrower) b = x;
    if (!b) {
      b = markBasis(s, d.borrower);
      bases.push(b);
    }
    t += d.principal * creditMarkWith(s, d, b, gpuAsked);
  }
  return m(t);
}

/** A lender's net asset value: its fund's equity, with the debts it holds marked for rates and credit. */
export function nav(s: GameState, c: Company): number {
  return m(balanceSheet(s, c).equity + rateMarks(s, c.id) + creditMarks(s, c.id));
}
