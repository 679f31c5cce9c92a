// Accounting checks the tests (and a curious maintainer) run on any state: claims matched by
// liabilities, cash moved only by recorded flows, balance sheets that balance, no NaN.
import { balanceSheet } from "./accounts.ts";
import type { Flow } from "./events.ts";
import { LABS, MARKET, type GameState } from "./types.ts";

const TOL = 1e-4;

function cashOf(s: GameState, party: string): number {
  if (party === MARKET) return s.marketCash;
  if (party === LABS) return s.labs.cash;
  return s.companies.find((c) => c.id === party)!.cash;
}

function totalCash(s: GameState): number {
  return s.companies.reduce((a, c) => a + c.cash, 0) + s.labs.cash + s.marketCash;
}

/** Problems found in one state (empty when all is well). */
export function auditState(s: GameState): string[] {
  const out: string[] = [];
  const walk = (x: unknown, path: string) => {
    if (typeof x === "number") {
      if (!Number.isFinite(x)) out.push(`${path} is ${x}`);
    } else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    else if (x === undefined) out.push(`${path} is undefined`);
  };
  walk(s, "state");
  const ids = new Set(s.companies.map((c) => c.id));
  const party = (p: string) => p === MARKET || p === LABS || ids.has(p);
  for (const c of s.companies) {
    const bs = balanceSheet(s, c);
    if (Math.abs(bs.assets - bs.liabilities - c.equityBook) > TOL * Math.max(1, Math.abs(bs.assets)))
      out.push(`${c.id}: assets ${bs.assets} − liabilities ${bs.liabilities} ≠ book equity ${c.equityBook}`);
    for (const l of c.chips) if (!Number.isInteger(l.lots) || l.lots <= 0) out.push(`${c.id}: chip vintage ${l.id} has ${l.lots} lots`);
    if (c.dcGw < -1e-9 || c.cip < -TOL || c.dcBook < -TOL) out.push(`${c.id}: negative capacity or construction`);
    if (c.sharesOut <= 0) out.push(`${c.id}: ${c.sharesOut} shares outstanding`);
    if (c.bankrupt) {
      if (c.chips.length > 0) out.push(`${c.id}: bankrupt but still holds chips`);
      if (s.debts.some((d) => d.borrower === c.id)) out.push(`${c.id}: bankrupt but still owes debt`);
      if (s.contracts.some((k) => k.seller === c.id || k.buyer === c.id)) out.push(`${c.id}: bankrupt but still in a contract`);
    }
  }
  // Every claim has a holder and an issuer that exist, and shows once on each side.
  let held = 0;
  let owed = 0;
  for (const d of s.debts) {
    if (!party(d.holder) || !ids.has(d.borrower)) out.push(`debt ${d.id}: unknown holder ${d.holder} or borrower ${d.borrower}`);
    if (!(d.principal > 0)) out.push(`debt ${d.id}: principal ${d.principal}`);
    owed += d.principal;
    if (d.holder === MARKET) held += d.principal;
  }
  let onBooks = 0;
  let onDebtSide = 0;
  for (const c of s.companies) {
    const bs = balanceSheet(s, c);
    onBooks += bs.loansHeld;
    onDebtSide += bs.debt + bs.offBalanceDebt;
  }
  if (Math.abs(held + onBooks - owed) > TOL * Math.max(1, owed)) out.push(`debts held (${held + onBooks}) ≠ debts owed (${owed})`);
  if (Math.abs(onDebtSide - owed) > TOL * Math.max(1, owed)) out.push(`borrowers' debts (${onDebtSide}) ≠ debts recorded (${owed})`);
  for (const k of s.stakes) if (!ids.has(k.holder) || !(k.issuer === LABS || ids.has(k.issuer)) || k.value < -TOL) out.push(`stake ${k.holder}→${k.issuer} is invalid`);
  for (const k of s.shorts) if (!ids.has(k.holder) || !ids.has(k.target) || k.shares <= 0) out.push(`short ${k.holder}→${k.target} is invalid`);
  for (const k of s.contracts) if (!ids.has(k.seller) || !party(k.buyer)) out.push(`contract ${k.id} has an unknown party`);
  return out;
}

/** Problems in one round's change: cash moved only by the recorded flows, and none created. */
export function auditRound(before: GameState, after: GameState, flows: Flow[]): string[] {
  const out: string[] = [];
  const totalBefore = totalCash(before);
  const totalAfter = totalCash(after);
  if (Math.abs(totalAfter - totalBefore) > TOL) out.push(`cash was created or destroyed: ${totalBefore} → ${totalAfter}`);
  const net = new Map<string, number>();
  for (const f of flows) {
    if (!(f.amount > 0)) out.push(`flow ${f.from}→${f.to} (${f.why}) has amount ${f.amount}`);
    net.set(f.from, (net.get(f.from) ?? 0) - f.amount);
    net.set(f.to, (net.get(f.to) ?? 0) + f.amount);
  }
  for (const p of [MARKET, LABS, ...after.companies.map((c) => c.id)]) {
    const change = cashOf(after, p) - cashOf(before, p);
    const recorded = net.get(p) ?? 0;
    if (Math.abs(change - recorded) > TOL) out.push(`${p}: cash changed by ${change} but the recorded flows say ${recorded}`);
  }
  return out;
}
