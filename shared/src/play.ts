// Plays a whole game with bots: the loop the simulator, the benchmark and the tests share.
import { botRound } from "./bots/baseline.ts";
import { createGame, type CreateOptions, type GameSetup, type Seat } from "./engine/create.ts";
import type { GameEvent } from "./engine/events.ts";
import { prepareOrders, resolveRound } from "./engine/resolve.ts";
import type { GameState } from "./engine/types.ts";
import type { OrderSheet } from "./schemas/orders.ts";

export interface PlayedGame {
  state: GameState;
  /** Events of every round, in order. */
  events: GameEvent[];
  /** The sheets each round was resolved with (enough to replay the game). */
  orders: Record<string, OrderSheet>[];
}

export type Policy = (state: GameState) => Record<string, OrderSheet>;

export function playGame(setup: GameSetup, seats: Seat[], seed: number, opts: CreateOptions & { policy?: Policy; keepEvents?: boolean } = {}): PlayedGame {
  let state = createGame(setup, seats, seed, opts);
  const policy = opts.policy ?? ((s: GameState) => botRound(s));
  const events: GameEvent[] = [];
  const orders: Record<string, OrderSheet>[] = [];
  while (!state.finished) {
    // The validated sheets are recorded (frozen copies), so a replay need not parse them again.
    const sheets = prepareOrders(state, policy(state));
    orders.push(sheets);
    const r = resolveRound(setup, state, sheets);
    if (opts.keepEvents !== false) events.push(...r.events);
    state = r.state;
  }
  return { state, events, orders };
}

/** Replays recorded orders from the start: the same seed and orders give the same state. */
export function replay(setup: GameSetup, seats: Seat[], seed: number, orders: Record<string, unknown>[], opts: CreateOptions = {}): GameState {
  let state = createGame(setup, seats, seed, opts);
  for (const o of orders) state = resolveRound(setup, state, o).state;
  return state;
}
