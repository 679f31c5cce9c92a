// The debts of each party, indexed, while a round resolves. Balance sheets, ratings and NAVs read
// a company's debts hundreds of times a round; scanning all of s.debts each time was most of the
// engine's cost. The index lives outside the state (which stays plain JSON data) and only while
// resolveRound works on its own copy: any other state, or a state after its round, is scanned.
//
// Every change to s.debts during a round goes through the functions below, which mark the parties
// of the debt stale; a stale party is read again from s.debts on its next use. Lists keep the
// order of s.debts and totals are summed in that order, so every figure is the float a full scan gives.
import type { Debt, GameState } from "./types.ts";

/** One party's debts, as borrower and as holder, in the order of s.debts. Sums are not rounded. */
export interface PartyDebts {
  borrowed: Debt[];
  held: Debt[];
  onBalance: number;
  offBalance: number;
  gpu: number;
  /** The tightest covenant among its GPU loans (Infinity without any). */
  maxLtv: number;
  loansHeld: number;
}

interface Entry {
  debts: PartyDebts;
  /** A debt of this party changed since `debts` was read from s.debts. */
  stale: boolean;
}

/** Tests turn this on: every read is then compared with a fresh scan of s.debts. */
export const ledgerChecks = { on: false };

// One state at a time is being resolved: a second attach (a nested resolution) only drops the
// first index, whose state is then scanned, never served stale.
let indexed: GameState | null = null;
let entries = new Map<string, Entry>();

export function attachLedger(s: GameState): void {
  indexed = s;
  entries = new Map();
}

export function detachLedger(s: GameState): void {
  if (indexed !== s) return;
  indexed = null;
  entries = new Map();
}

/** A fresh read of one party's debts from s.debts, summed in its order as a full scan would. */
function scan(s: GameState, id: string): PartyDebts {
  const p: PartyDebts = { borrowed: [], held: [], onBalance: 0, offBalance: 0, gpu: 0, maxLtv: Infinity, loansHeld: 0 };
  for (const d of s.debts) {
    if (d.borrower === id) {
      p.borrowed.push(d);
      if (d.offBalance) p.offBalance += d.principal;
      else p.onBalance += d.principal;
      if (d.kind === "gpu") {
        p.gpu += d.principal;
        p.maxLtv = Math.min(p.maxLtv, d.maxLtv);
      }
    }
    if (d.holder === id) {
      p.held.push(d);
      p.loansHeld += d.principal;
    }
  }
  return p;
}

function same(a: PartyDebts, b: PartyDebts): boolean {
  const eq = (x: Debt[], y: Debt[]) => x.length === y.length && x.every((d, i) => d === y[i]);
  return (
    eq(a.borrowed, b.borrowed) &&
    eq(a.held, b.held) &&
    Object.is(a.onBalance, b.onBalance) &&
    Object.is(a.offBalance, b.offBalance) &&
    Object.is(a.gpu, b.gpu) &&
    Object.is(a.maxLtv, b.maxLtv) &&
    Object.is(a.loansHeld, b.loansHeld)
  );
}

/**
 * A party's debts: from the index while `s` is being resolved, else read from s.debts now.
 * The lists are the caller's to read, not to change.
 */
export function debtTotals(s: GameState, id: string): PartyDebts {
  if (s !== indexed) return scan(s, id);
  let e = entries.get(id);
  if (!e) {
    e = { debts: scan(s, id), stale: false };
    entries.set(id, e);
  } else if (e.stale) {
    e.debts = scan(s, id);
    e.stale = false;
  } else if (ledgerChecks.on && !same(e.debts, scan(s, id))) {
    throw new Error(`debt index of ${id} is stale: a change to s.debts bypassed ledger.ts`);
  }
  return e.debts;
}

function changed(s: GameState, a: string, b: string): void {
  if (s !== indexed) return;
  const ea = entries.get(a);
  if (ea) ea.stale = true;
  const eb = entries.get(b);
  if (eb) eb.stale = true;
}

export function pushDebt(s: GameState, d: Debt): void {
  s.debts.push(d);
  changed(s, d.borrower, d.holder);
}

export function removeDebtFrom(s: GameState, d: Debt): void {
  s.debts = s.debts.filter((x) => x !== d);
  changed(s, d.borrower, d.holder);
}

export function setPrincipal(s: GameState, d: Debt, principal: number): void {
  d.principal = principal;
  changed(s, d.borrower, d.holder);
}

export function setHolder(s: GameState, d: Debt, holder: string): void {
  changed(s, d.holder, holder);
  d.holder = holder;
}
