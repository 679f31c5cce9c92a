// Cheap previews of an order sheet's effect, for the client to show before the player submits:
// the cash left once the orders are paid (before the quarter's income and costs), the GPU loans'
// LTV after new loans and new chips, against the covenant. Pure and approximate: the engine's
// resolution is the judge (rationing, refusals and the quarter's results move the real figures).
import type { SeatBook } from "./book.ts";

/** Covenant status of a loan-to-value against its limit: "close" from 85 % of the limit. */
export type CovenantStatus = "none" | "ok" | "close" | "breach";
export const COVENANT_CLOSE = 0.85;

export function covenantStatus(ltv: number, maxLtv: number | null | undefined): CovenantStatus {
  if (!maxLtv || maxLtv <= 0 || !(ltv > 0)) return "none";
  if (ltv > maxLtv) return "breach";
  if (ltv >= COVENANT_CLOSE * maxLtv) return "close";
  return "ok";
}

/** LTV of GPU loans after borrowing `amount` more against the same collateral (Infinity without collateral). */
export function ltvAfterLoan(gpu: { debt: number; value: number }, amount: number, addedValue = 0): number {
  const debt = gpu.debt + Math.max(0, amount);
  const value = gpu.value + Math.max(0, addedValue);
  if (debt <= 0) return 0;
  return value > 0 ? debt / value : Infinity;
}

/** What the preview reads of a sheet: any role's fields, all optional (a form being filled). */
export interface SheetDraft {
  role?: string;
  chips?: { from: string; lots: number; sharesPct?: number }[];
  build?: { gw: number; spv?: boolean };
  borrow?: { kind: string; amount: number; quarters?: number }[];
  repay?: { debt: string; amount: number }[];
  issueEquity?: number;
  buyback?: number;
  dividend?: number;
  fabInvest?: number;
  labInvest?: number;
  stakes?: { target: string; amount: number }[];
  bonds?: { issuer: string; amount: number }[];
  shorts?: { target: string; amount: number }[];
  cover?: { target: string; fraction: number }[];
  lpRaise?: number;
  lpReturn?: number;
}

export interface SheetPreview {
  /** Cash now, and after the orders are paid (before revenue, running costs, interest). */
  cashNow: number;
  cashAfter: number;
  /** Money the orders spend and raise. */
  spend: number;
  raise: number;
  /** Chips bought (lots) and their price paid in the buyer's shares. */
  lots: number;
  paidInShares: number;
  /** Capacity started (GW), ready in `params.buildQuarters` quarters. */
  buildGw: number;
  gpuDebtAfter: number;
  gpuValueAfter: number;
  ltvNow: number;
  ltvAfter: number;
  maxLtv: number | null;
  covenant: CovenantStatus;
  /** Borrowing asked beyond what the market quotes today (refused or cut at resolution). */
  overQuote: { kind: string; amount: number; limit: number }[];
}

type BookPart = Pick<SeatBook, "cash" | "gpu" | "params" | "debts" | "shorts" | "quotes">;

const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : 0);

/**
 * The preview of a sheet. `chipmakers` gives each seller's list price this quarter; `gpuSpot`
 * what a new lot fetches (new chips add to the collateral at that value).
 */
export function previewSheet(book: BookPart, sheet: SheetDraft, chipmakers: { id: string; listPrice: number }[], gpuSpot: number): SheetPreview {
  let spend = 0;
  let raise = 0;
  let lots = 0;
  let paidInShares = 0;
  for (const o of sheet.chips ?? []) {
    const price = chipmakers.find((c) => c.id === o.from)?.listPrice ?? 0;
    const n = Math.max(0, Math.floor(num(o.lots)));
    const total = n * price;
    const inShares = total * Math.min(0.5, Math.max(0, num(o.sharesPct)));
    lots += n;
    paidInShares += inShares;
    spend += total - inShares;
  }
  const buildGw = Math.max(0, num(sheet.build?.gw));
  if (!sheet.build?.spv) spend += buildGw * book.params.shellCostPerGw;
  let gpuDebt = book.gpu.debt;
  const overQuote: SheetPreview["overQuote"] = [];
  const asked: Record<string, number> = {};
  for (const b of sheet.borrow ?? []) {
    const a = Math.max(0, num(b.amount));
    raise += a;
    if (b.kind === "gpu") gpuDebt += a;
    asked[b.kind] = (asked[b.kind] ?? 0) + a;
  }
  for (const [kind, amount] of Object.entries(asked)) {
    const q = book.quotes[kind as keyof typeof book.quotes];
    if (q && amount > q.limit + 1e-9) overQuote.push({ kind, amount, limit: q.limit });
  }
  for (const r of sheet.repay ?? []) {
    const d = book.debts.find((x) => x.id === r.debt);
    const a = Math.min(Math.max(0, num(r.amount)), d ? d.principal : Infinity);
    spend += a;
    if (d?.kind === "gpu") gpuDebt -= a;
  }
  raise += Math.max(0, num(sheet.issueEquity)) * (1 - book.params.issueDiscount) + Math.max(0, num(sheet.lpRaise));
  for (const k of [sheet.buyback, sheet.dividend, sheet.fabInvest, sheet.labInvest, sheet.lpReturn]) spend += Math.max(0, num(k));
  for (const s of sheet.stakes ?? []) spend += Math.max(0, num(s.amount));
  for (const b of sheet.bonds ?? []) spend += Math.max(0, num(b.amount));
  for (const s of sheet.shorts ?? []) raise += Math.max(0, num(s.amount));
  for (const c of sheet.cover ?? []) {
    const k = book.shorts.find((x) => x.target === c.target);
    if (k) spend += k.value * Math.min(1, Math.max(0, num(c.fraction)));
  }
  const gpuValueAfter = book.gpu.value + lots * Math.max(0, gpuSpot);
  gpuDebt = Math.max(0, gpuDebt);
  const ltvAfter = gpuDebt <= 0 ? 0 : gpuValueAfter > 0 ? gpuDebt / gpuValueAfter : Infinity;
  // A first GPU loan from the market comes with the market's covenant.
  const lim = book.gpu.maxLtv ?? ((asked.gpu ?? 0) > 0 ? (book.quotes.gpu?.maxLtv ?? null) : null);
  return {
    cashNow: book.cash,
    cashAfter: book.cash + raise - spend,
    spend,
    raise,
    lots,
    paidInShares,
    buildGw,
    gpuDebtAfter: gpuDebt,
    gpuValueAfter,
    ltvNow: book.gpu.ltv,
    ltvAfter,
    maxLtv: lim,
    covenant: covenantStatus(ltvAfter, lim),
    overQuote,
  };
}
