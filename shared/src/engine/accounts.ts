// Balance sheets and the ratios read from them. Everything here is derived from the state:
// a claim lives once (in debts, stakes, shorts) and shows up as one party's asset and another's liability.
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
  return s.debts.filter((d) => d.borrower === id);
}

export function onBalanceDebt(s: GameState, id: string): number {
  let t = 0;
  for (const d of s.debts) if (d.borrower === id && !d.offBalance) t += d.principal;
  return m(t);
}

export function offBalanceDebt(s: GameState, id: string): number {
  let t = 0;
  for (const d of s.debts) if (d.borrower === id && d.offBalance) t += d.principal;
  return m(t);
}

export function gpuDebt(s: GameState, id: string): number {
  let t = 0;
  for (const d of s.debts) if (d.borrower === id && d.kind === "gpu") t += d.principal;
  return m(t);
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
  let lim = Infinity;
  for (const d of s.debts) if (d.borrower === id && d.kind === "gpu") lim = Math.min(lim, d.maxLtv);
  return lim;
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
  let loansHeld = 0;
  for (const d of s.debts) if (d.holder === c.id) loansHeld += d.principal;
  let stakes = 0;
  for (const k of s.stakes) if (k.holder === c.id) stakes += k.value;
  let shorts = 0;
  for (const k of s.shorts) if (k.holder === c.id) shorts += k.value;
  const chips = chipsBook(c);
  const fab = c.fab ? c.fab.book : 0;
  const assets = m(c.cash + chips + c.dcBook + c.cip + fab + loansHeld + stakes);
  const debt = onBalanceDebt(s, c.id);
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
    offBalanceDebt: offBalanceDebt(s, c.id),
  };
}

/** Net debt (off-balance vehicles included, as rating agencies do) over annualised EBITDA. */
export function leverage(s: GameState, c: Company): number {
  const net = onBalanceDebt(s, c.id) + offBalanceDebt(s, c.id) - c.cash;
  if (net <= 0) return 0;
  const e = 4 * Math.max(c.last.ebitda, c.prev.ebitda);
  return e > 0 ? net / e : 99;
}

export function ratingIndex(s: GameState, c: Company): number {
  const lev = leverage(s, c);
  let i = P.ratingBands.findIndex((b) => lev < b);
  if (i < 0) i = RATINGS.length - 1;
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

/** A lender's net asset value (its fund's equity at market). */
export function nav(s: GameState, c: Company): number {
  return balanceSheet(s, c).equity;
}
