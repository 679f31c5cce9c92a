// What a teacher's pacing may do to a game between two resolutions: add a card to the coming
// quarter's news, or end the game now. Pure: each returns a new state, the old one is untouched.
import type { Rules } from "./context.ts";
import { cloneState } from "./clone.ts";
import type { GameState } from "./types.ts";

/** The card joins the news the next resolution applies (once: a card already dealt is refused). */
export function injectCard(rules: Rules, state: GameState, cardId: string): GameState {
  if (state.finished) throw new Error("the game is over: no more cards");
  if (!rules.cards[cardId]) throw new Error(`unknown card "${cardId}"`);
  if (state.news.includes(cardId)) throw new Error(`card "${cardId}" is already in this quarter's news`);
  const s = cloneState(state);
  s.news = [...s.news, cardId];
  return s;
}

/** Ends the game after the quarters already resolved; scores are read from this state. */
export function endGameNow(state: GameState): GameState {
  if (state.finished) return state;
  const s = cloneState(state);
  s.rounds = s.round;
  s.finished = true;
  s.news = [];
  return s;
}
