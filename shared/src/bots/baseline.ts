// The default bots: each seat plays the persona its real-world model is known for (personas.ts),
// at the normal level, from what its seat can see (view.ts). These three functions are what the
// server, the simulator and playGame call; botRound(s) equals baselineSheet for every seat then
// respond to the offers the others made, in that order.
import type { Offer, OrderSheet } from "../schemas/orders.ts";
import type { GameState } from "../engine/types.ts";
import { botAnswers, botSheet, botsRound } from "./decide.ts";

/** Which offers addressed to this seat its default bot accepts (global ids). */
export function respond(s: GameState, id: string, offers: { from: string; offer: Offer }[]): string[] {
  if (!s.companies.some((c) => c.id === id)) return [];
  return botAnswers(s, id, offers);
}

export function baselineSheet(s: GameState, id: string): OrderSheet {
  return botSheet(s, id);
}

/** All alive seats' sheets for the round, with the offers answered: what a round of bots sends. */
export function botRound(s: GameState, ids?: string[]): Record<string, OrderSheet> {
  return botsRound(s, {}, ids);
}
