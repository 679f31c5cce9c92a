// The working context of one round's resolution: the state being built, and the only
// functions allowed to move cash (transfer) and book profit or loss (income/expense).
import type { Card, Scenario } from "../schemas/seeds.ts";
import type { GameEvent, Flow, Mechanism } from "./events.ts";
import { m } from "./money.ts";
import { Rng } from "./rng.ts";
import { LABS, MARKET, type Company, type GameState, type Quarter } from "./types.ts";

export interface Rules {
  scenario: Scenario;
  cards: Record<string, Card>;
}

export type IncomeKind = "ai" | "core" | "chip" | "interestIncome" | "other";
export type ExpenseKind = "opex" | "depreciation" | "interest" | "other";

export class Ctx {
  readonly events: GameEvent[] = [];
  readonly flows: Flow[] = [];
  readonly rng: Rng;
  readonly round: number;
  private byId = new Map<string, Company>();
  readonly state: GameState;
  readonly rules: Rules;

  constructor(state: GameState, rules: Rules) {
    this.state = state;
    this.rules = rules;
    this.rng = new Rng(state.rng);
    this.round = state.round + 1;
    for (const c of state.companies) this.byId.set(c.id, c);
  }

  co(id: string): Company {
    const c = this.byId.get(id);
    if (!c) throw new Error(`unknown company ${id}`);
    return c;
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  alive(): Company[] {
    return this.state.companies.filter((c) => !c.bankrupt);
  }

  newId(prefix: string): string {
    return `${prefix}${this.state.nextId++}`;
  }

  cashOf(party: string): number {
    if (party === MARKET) return Infinity;
    if (party === LABS) return this.state.labs.cash;
    return this.co(party).cash;
  }

  /** Moves cash between two parties and records it. Amounts are never negative. */
  transfer(from: string, to: string, amount: number, why: string): number {
    const a = m(amount);
    if (a < 0) throw new Error(`negative transfer ${a} (${why})`);
    if (a === 0 || from === to) return 0;
    this.adjustCash(from, -a);
    this.adjustCash(to, a);
    this.flows.push({ from, to, amount: a, why });
    return a;
  }

  private adjustCash(party: string, delta: number): void {
    if (party === MARKET) this.state.marketCash = m(this.state.marketCash + delta);
    else if (party === LABS) this.state.labs.cash = m(this.state.labs.cash + delta);
    else {
      const c = this.co(party);
      c.cash = m(c.cash + delta);
    }
  }

  income(c: Company, amount: number, kind: IncomeKind): void {
    const a = m(amount);
    if (a === 0) return;
    const q = c.last;
    if (kind === "ai" || kind === "core" || kind === "chip") {
      q.revenue = m(q.revenue + a);
      if (kind === "ai") q.aiRevenue = m(q.aiRevenue + a);
      if (kind === "core") q.coreRevenue = m(q.coreRevenue + a);
      if (kind === "chip") q.chipRevenue = m(q.chipRevenue + a);
    } else if (kind === "interestIncome") q.interestIncome = m(q.interestIncome + a);
    else q.otherGains = m(q.otherGains + a);
    q.netIncome = m(q.netIncome + a);
    c.equityBook = m(c.equityBook + a);
  }

  expense(c: Company, amount: number, kind: ExpenseKind): void {
    const a = m(amount);
    if (a === 0) return;
    const q = c.last;
    if (kind === "other") q.otherGains = m(q.otherGains - a);
    else q[kind] = m(q[kind] + a);
    q.netIncome = m(q.netIncome - a);
    c.equityBook = m(c.equityBook - a);
  }

  /** Book a gain (positive) or loss (negative) that is not operating income: marks, write-offs, sales. */
  gain(c: Company, amount: number): void {
    if (amount >= 0) this.income(c, amount, "other");
    else this.expense(c, -amount, "other");
  }

  event(type: string, mechanism: Mechanism, company: string | undefined, data: Record<string, number | string | boolean>): void {
    const e: GameEvent = { round: this.round, type, mechanism, data };
    if (company !== undefined) e.company = company;
    this.events.push(e);
  }
}

export function emptyQuarter(): Quarter {
  return {
    revenue: 0,
    aiRevenue: 0,
    coreRevenue: 0,
    chipRevenue: 0,
    interestIncome: 0,
    opex: 0,
    depreciation: 0,
    interest: 0,
    otherGains: 0,
    netIncome: 0,
    ebitda: 0,
    capex: 0,
    debtRaised: 0,
    equityRaised: 0,
    marginCalls: 0,
  };
}
