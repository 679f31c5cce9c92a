// Hard against easy: the two seats of one role play the same persona, one at the hard level and one
// at the easy level, the other seats normal; each pairing is played twice with the seats swapped,
// so the profiles' own differences cancel out.
import { createGame, type GameSetup } from "../engine/create.ts";
import { prepareOrders, resolveRound } from "../engine/resolve.ts";
import { scores } from "../engine/score.ts";
import type { Role } from "../schemas/seeds.ts";
import type { Seeds } from "../seeds.ts";
import { botsRound, type BotSpec } from "../bots/decide.ts";
import { personasOf } from "../bots/personas.ts";
import { mix } from "./tournament.ts";

/** The two seats of each role in a duel, and the other six. */
export const DUEL_SEATS: Record<Role, [string, string]> = {
  chipmaker: ["nvidia", "amd"],
  hyperscaler: ["microsoft", "meta"],
  neocloud: ["coreweave", "fluidstack"],
  lender: ["blue-owl", "apollo"],
};

export interface DuelResult {
  role: Role;
  games: number;
  /** Games where the hard seat's score beat the easy seat's. */
  hardAhead: number;
  /** Seat-swapped pairs (the same game played with the hard bot in each seat). */
  pairs: number;
  /**
   * Pairs where the hard bot's two scores sum above the easy bot's: the profiles' own gap cancels
   * (Nvidia against AMD is no even match), so this is the fair count of who played better.
   */
  pairsAhead: number;
  /** Mean of (hard score − easy score), in return points (0.1 = 10 points). */
  meanDiff: number;
}

export interface DuelOptions {
  role: Role;
  /** Games per persona and scenario (each played twice, seats swapped). */
  games: number;
  seed: number;
  scenarios: string[];
  /** Rounds per game (default: the scenario's). */
  rounds?: number;
}

export function hardVsEasy(seeds: Seeds, o: DuelOptions): DuelResult {
  const seats = Object.values(DUEL_SEATS).flat();
  let diff = 0;
  let ahead = 0;
  let n = 0;
  let pairs = 0;
  let pairsAhead = 0;
  for (const scenario of o.scenarios) {
    const setup: GameSetup = { ...seeds, scenario: seeds.scenarios[scenario] };
    for (const persona of personasOf(o.role)) {
      for (let g = 0; g < o.games; g++) {
        let pair = 0;
        for (const swap of [false, true]) {
          const [hard, easy] = swap ? [DUEL_SEATS[o.role][1], DUEL_SEATS[o.role][0]] : DUEL_SEATS[o.role];
          const specs: Record<string, BotSpec> = { [hard]: { persona: persona.id, level: "hard" }, [easy]: { persona: persona.id, level: "easy" } };
          let s = createGame(setup, seats.map((profile) => ({ profile })), mix(o.seed, g, 3), o.rounds ? { rounds: o.rounds } : {});
          while (!s.finished) s = resolveRound(setup, s, prepareOrders(s, botsRound(s, specs, undefined, setup))).state;
          const sc = scores(s);
          const d = sc.find((x) => x.id === hard)!.score - sc.find((x) => x.id === easy)!.score;
          diff += d;
          pair += d;
          if (d > 0) ahead++;
          n++;
        }
        pairs++;
        if (pair > 0) pairsAhead++;
      }
    }
  }
  return { role: o.role, games: n, hardAhead: ahead, pairs, pairsAhead, meanDiff: n > 0 ? diff / n : 0 };
}
