// The score: total return on starting value, comparable across roles. Companies: share price plus
// dividends paid per share; lenders: NAV per unit plus distributions per unit. Bankrupt = −100 %.
import type { GameState } from "./types.ts";
import { r9 } from "./money.ts";

export interface Score {
  id: string;
  name: string;
  role: string;
  score: number;
  bankrupt: boolean;
  startPrice: number;
  endPrice: number;
}

export function scores(state: GameState): Score[] {
  return state.companies.map((c) => {
    const paid = c.fund ? c.fund.distributedPerUnit : c.dividendsPerShare;
    const score = c.bankrupt ? -1 : r9((c.price + paid) / c.startPrice - 1);
    return { id: c.id, name: c.name, role: c.role, score, bankrupt: c.bankrupt, startPrice: c.startPrice, endPrice: c.price };
  });
}

/** Companies ranked best first; ties keep seat order. */
export function ranking(state: GameState): Score[] {
  return scores(state)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .map((x) => x.s);
}
