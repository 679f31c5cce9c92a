// The debts of each party, indexed, while a round resolves. Balance sheets, ratings and NAVs read
// a company's debts hundreds of times a round; scanning all of s.debts each time was most of the
// engine's cost. The index lives outside the state (which stays plain JSON data) and only while
// resolveRound works on its own copy: any other state, or a state after its round, is scanned.
//
// The first read of a round fills the index for every party in one pass over s.debts.
// Every change to s.debts during a round goes through the functions below. A new debt is appended
// to its parties' lists and sums; a changed principal or a removed debt has the sums taken again
// from the party's own lists; a debt's new holder is marked stale and read again from s.debts. Lists keep the
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
  /** The lists are right, a principal in them changed: the sums are taken again from the lists. */
  resum: boolean;
}

/** Tests turn this on: every read is then compared with a fresh scan of s.debts. */
export const ledgerChecks = { on: false };

// One state at a time is being resolved: a second attach (a nested resolution) only drops the
// first index, whose state is then scanned, never served stale.
let indexed: GameState | null = null;
let entries = new Map<string, Entry>();

/** The index has been filled from s.debts (on the first read of the round). */
let built = false;

export function attachLedger(s: GameState): void {
  indexed = s;
  entries = new Map();
  built = false;
}

function emptyDebts(): PartyDebts {
  return { borrowed: [], held: [], onBalance: 0, offBalance: 0, gpu: 0, maxLtv: Infinity, loansHeld: 0 };
}

/** Every party named in s.debts, read in one pass: each party's lists and sums as scan() gives them. */
function buildAll(s: GameState): void {
  built = true;
  const get = (id: string): PartyDebts => {
    let e = entries.get(id);
    if (!e) {
      e = { debts: emptyDebts(), stale: false, resum: false };
      entries.set(id, e);
    }
    return e.debts;
  };
  for (const d of s.debts) {
    const p = get(d.borrower);
    p.borrowed.push(d);
    addBorrowed(p, d);
    const h = get(d.holder);
    h.held.push(d);
    h.loansHeld += d.principal;
  }
}

export function detachLedger(s: GameState): void {
  if (indexed !== s) return;
  indexed = null;
  entries = new Map();
  built = false;
}

/** Adds a debt the party owes to its totals (its list is the caller's). */
function addBorrowed(p: PartyDebts, d: Debt): void {
  if (d.offBalance) p.offBalance += d.principal;
  else p.onBalance += d.principal;
  if (d.kind === "gpu") {
    p.gpu += d.principal;
    p.maxLtv = Math.min(p.maxLtv, d.maxLtv);
  }
}

/** A fresh read of one party's debts from s.debts, summed in its order as a full scan would. */
function scan(s: GameState, id: string): PartyDebts {
  const p = emptyDebts();
  for (const d of s.debts) {
    if (d.borrower === id) {
      p.borrowed.push(d);
      addBorrowed(p, d);
    }
    if (d.holder === id) {
      p.held.push(d);
      p.loansHeld += d.principal;
    }
  }
  return p;
}

/** The sums of scan() over the party's own lists (the same debts in the same order: the same floats). */
function sums(borrowed: Debt[], held: Debt[]): PartyDebts {
  const p: PartyDebts = { ...emptyDebts(), borrowed, held };
  for (const d of borrowed) addBorrowed(p, d);
  for (const d of held) p.loansHeld += d.principal;
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
  if (!built) buildAll(s);
  let e = entries.get(id);
  if (!e) {
    e = { debts: scan(s, id), stale: false, resum: false };
    entries.set(id, e);
  } else if (e.stale) {
    e.debts = scan(s, id);
    e.stale = false;
    e.resum = false;
  } else if (e.resum) {
    e.debts = sums(e.debts.borrowed, e.debts.held);
    e.resum = false;
  }
  if (ledgerChecks.on && !same(e.debts, scan(s, id))) {
    throw new Error(`debt index of ${id} is stale: a change to s.debts bypassed ledger.ts`);
  }
  return e.debts;
}

// Entries are updated from the change itself where that gives exactly what a scan would. A
// PartyDebts and its lists are never changed in place (a caller may be reading them): new ones are made.

export function pushDebt(s: GameState, d: Debt): void {
  s.debts.push(d);
  if (s !== indexed) return;
  // The new debt is the last of s.debts: a scan would add it last to each sum (and to each list).
  const eb = entries.get(d.borrower);
  if (eb && !eb.stale) {
    const o = eb.debts;
    const p: PartyDebts = { ...o, borrowed: [...o.borrowed, d] };
    addBorrowed(p, d);
    eb.debts = p;
  }
  const eh = entries.get(d.holder);
  if (eh && !eh.stale) {
    const o = eh.debts;
    eh.debts = { ...o, held: [...o.held, d], loansHeld: o.loansHeld + d.principal };
  }
}

export function removeDebtFrom(s: GameState, d: Debt): void {
  s.debts = s.debts.filter((x) => x !== d);
  if (s !== indexed) return;
  for (const id of d.borrower === d.holder ? [d.borrower] : [d.borrower, d.holder]) {
    const e = entries.get(id);
    if (!e || e.stale) continue;
    const o = e.debts;
    e.debts = { ...o, borrowed: o.borrowed.filter((x) => x !== d), held: o.held.filter((x) => x !== d) };
    e.resum = true;
  }
}

export function setPrincipal(s: GameState, d: Debt, principal: number): void {
  d.principal = principal;
  if (s !== indexed) return;
  const ea = entries.get(d.borrower);
  if (ea) ea.resum = true;
  const eb = entries.get(d.holder);
  if (eb) eb.resum = true;
}

export function setHolder(s: GameState, d: Debt, holder: string): void {
  if (s === indexed && d.holder !== holder) {
    const e = entries.get(d.holder);
    if (e && !e.stale) {
      e.debts = { ...e.debts, held: e.debts.held.filter((x) => x !== d) };
      e.resum = true;
    }
    // Where the debt falls in the new holder's list depends on s.debts: read it again there.
    const n = entries.get(holder);
    if (n) n.stale = true;
  }
  d.holder = holder;
}
