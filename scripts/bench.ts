// npm run bench -- [--json] [--seconds n]: engine speed for an 8-seat market.
// Rounds are resolved from recorded bot sheets, so the figure is the engine's alone; a whole
// bot game (decisions included) is timed separately.
import { createGame, playGame, resolveRound, type GameState } from "../shared/src/index.ts";
import { DEFAULT_SEATS, seeds } from "../seeds/index.ts";
import { flags } from "./args.ts";

const f = flags({ json: { type: "boolean", default: false }, seconds: { type: "string", default: "3" } });
const budgetMs = Number(f.seconds) * 1000;
const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
const seats = DEFAULT_SEATS.map((profile) => ({ profile }));

// Record a few games' sheets, then replay them as fast as possible.
const recorded = [1, 2, 3, 4].map((seed) => ({ seed, orders: playGame(setup, seats, seed, { keepEvents: false }).orders }));
let rounds = 0;
let t0 = performance.now();
while (performance.now() - t0 < budgetMs) {
  for (const g of recorded) {
    let s: GameState = createGame(setup, seats, g.seed);
    for (const o of g.orders) {
      s = resolveRound(setup, s, o).state;
      rounds++;
    }
  }
}
const engineSeconds = (performance.now() - t0) / 1000;
const engineRoundsPerSecond = Math.round(rounds / engineSeconds);

let games = 0;
t0 = performance.now();
while (performance.now() - t0 < budgetMs / 2) {
  playGame(setup, seats, 100 + games, { keepEvents: false });
  games++;
}
const botGameMs = (performance.now() - t0) / games;
const sizeBytes = JSON.stringify(createGame(setup, seats, 1)).length;
const out = {
  engineRoundsPerSecond,
  seats: seats.length,
  roundsTimed: rounds,
  botGameMs: Math.round(botGameMs * 1000) / 1000,
  gamesTimed: games,
  stateBytes: sizeBytes,
  node: process.version,
};
if (f.json) console.log(JSON.stringify(out));
else {
  console.log(`engine: ${engineRoundsPerSecond.toLocaleString("en")} rounds/s (8 seats, ${rounds} rounds timed)`);
  console.log(`whole 12-round bot game, decisions included: ${out.botGameMs} ms (${games} games)`);
  console.log(`state size: ${sizeBytes} bytes of JSON; node ${process.version}`);
}
