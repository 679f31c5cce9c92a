// A room's game as a record: how it was created and every step that changed it since (a resolved
// quarter with the sheets it was resolved with, a card a teacher injected, an early end). The
// engine is deterministic, so replaying the steps rebuilds the state byte for byte; each quarter
// carries the state hash it produced, and a replay that drifts stops there instead of going on
// with a different game. Pure: the server stores records, this file only reads and writes them.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { endGameNow, injectCard } from "../engine/control.ts";
import { createGame, type GameSetup } from "../engine/create.ts";
import { stateHash } from "../engine/hash.ts";
import { resolveRound } from "../engine/resolve.ts";
import type { GameEvent } from "../engine/events.ts";
import type { GameState } from "../engine/types.ts";
import type { Seeds } from "../seeds.ts";
import { RoundOrders } from "../schemas/orders.ts";

export const GameStart = z
  .object({
    scenario: z.string(),
    rounds: z.number().int(),
    seed: z.number().int(),
    /** The seats' company profiles, in seat order. */
    profiles: z.array(z.string()),
  })
  .strict();
export type GameStart = z.infer<typeof GameStart>;

export const GameStep = z.discriminatedUnion("t", [
  z.object({ t: z.literal("round"), round: z.number().int(), sheets: RoundOrders, hash: z.string() }).strict(),
  z.object({ t: z.literal("inject"), card: z.string() }).strict(),
  z.object({ t: z.literal("end") }).strict(),
]);
export type GameStep = z.infer<typeof GameStep>;

export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplayError";
  }
}

/** The seeds a record is played with: every scenario, the one named by the record is used. */
type Rules = Pick<Seeds, "cards" | "profiles" | "labs" | "scenarios">;

export function setupOf(rules: Rules, start: Pick<GameStart, "scenario">): GameSetup {
  const scenario = rules.scenarios[start.scenario];
  if (!scenario) throw new ReplayError(`unknown scenario "${start.scenario}"`);
  return { cards: rules.cards, profiles: rules.profiles, labs: rules.labs, scenario };
}

export function startGame(rules: Rules, start: GameStart): GameState {
  return createGame(setupOf(rules, start), start.profiles.map((profile) => ({ profile })), start.seed, { rounds: start.rounds });
}

/**
 * Applies one step to a state (a new state; the old one is untouched), with the events of a
 * resolved quarter. Throws ReplayError when a quarter does not give its recorded hash.
 */
export function applyStep(rules: Rules, start: GameStart, state: GameState, step: GameStep): { state: GameState; events: GameEvent[] } {
  switch (step.t) {
    case "round": {
      if (step.round !== state.round + 1) throw new ReplayError(`step for quarter ${step.round} after quarter ${state.round}`);
      const r = resolveRound(setupOf(rules, start), state, step.sheets);
      const h = stateHash(r.state);
      if (h !== step.hash) throw new ReplayError(`quarter ${step.round}: state hash ${h.slice(0, 12)}… differs from the recorded ${step.hash.slice(0, 12)}…`);
      return { state: r.state, events: r.events };
    }
    case "inject":
      return { state: injectCard(setupOf(rules, start), state, step.card), events: [] };
    case "end":
      return { state: endGameNow(state), events: [] };
  }
}

/** The state after every step of a record, each quarter checked against its recorded hash. */
export function replayRecord(rules: Rules, start: GameStart, steps: readonly GameStep[]): GameState {
  let s = startGame(rules, start);
  for (const step of steps) s = applyStep(rules, start, s, step).state;
  return s;
}

/**
 * The hash a room publishes: the state hash behind a secret of the room, so two clients can see
 * they hold the same game while nobody can test guesses of the seed against it offline.
 */
export function publicHash(secret: string, state: GameState): string {
  return bytesToHex(sha256(utf8ToBytes(`${secret}:${stateHash(state)}`)));
}
