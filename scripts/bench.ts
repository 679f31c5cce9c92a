// npm run bench -- [--json] [--seconds n]: engine speed for an 8-seat market.
// Rounds are resolved from recorded bot sheets, so the main figure is the engine's alone. The
// recorded sheets have passed the zod parse already (as a server's are, checked on arrival);
// the checks against the state run again. A second figure replays plain JSON copies, so every
// sheet is parsed too. A whole bot game (decisions included) is timed separately.
import { createGame, playGame, resolveRound, type GameState } from "../shared/src/index.ts";
import { DEFAULT_SEATS, seeds } from "../seeds/index.ts";
import { flags } from "./args.ts";

const f = flags({ json: { type: "boolean", default: false }, seconds: { type: "string", default: "3" } });
const budgetMs = Number(f.seconds) * 1000;
const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
const seats = DEFAULT_SEATS.map((profile) => ({ profile }));
const recorded = [1, 2, 3, 4].map((seed) => ({ seed, orders: playGame(setup, seats, seed, { keepEvents: false }).orders }));

/**
 * Replays the recorded games for `ms`, timed in windows of about a quarter of a second: this shared
 * machine's speed swings from one second to the next, so the median window is the figure and the
 * best one says what an unloaded core does.
 */
function replayFor(ms: number, copy: boolean): { rounds: number; perSecond: number; best: number } {
  let rounds = 0;
  const rates: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const w0 = performance.now();
    let n = 0;
    while (performance.now() - w0 < 250) {
      for (const g of recorded) {
        let s: GameState = createGame(setup, seats, g.seed);
        for (const o of g.orders) {
          s = resolveRound(setup, s, copy ? JSON.parse(JSON.stringify(o)) : o).state;
          n++;
        }
      }
    }
    rates.push(n / ((performance.now() - w0) / 1000));
    rounds += n;
  }
  rates.sort((a, b) => a - b);
  return { rounds, perSecond: Math.round(rates[Math.floor(rates.length / 2)]), best: Math.round(rates[rates.length - 1]) };
}

/** The machine's speed on a fixed integer loop (1e8 additions), so figures from different runs compare. */
function machineLoopMs(): number {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i) | 0;
  if (x === 42) console.log(""); // keeps the loop from being optimised away
  return Math.round(performance.now() - t);
}

const loopMs = machineLoopMs();
const engine = replayFor(budgetMs, false);
const parsing = replayFor(budgetMs / 2, true);

let games = 0;
const t0 = performance.now();
while (performance.now() - t0 < budgetMs / 2) {
  playGame(setup, seats, 100 + games, { keepEvents: false });
  games++;
}
const botGameMs = (performance.now() - t0) / games;
const out = {
  engineRoundsPerSecond: engine.perSecond,
  engineRoundsPerSecondBestWindow: engine.best,
  engineRoundsPerSecondParsingSheets: parsing.perSecond,
  seats: seats.length,
  roundsTimed: engine.rounds,
  botGameMs: Math.round(botGameMs * 1000) / 1000,
  gamesTimed: games,
  stateBytes: JSON.stringify(createGame(setup, seats, 1)).length,
  node: process.version,
  machineLoopMs: loopMs,
};
if (f.json) console.log(JSON.stringify(out));
else {
  console.log(`engine: ${out.engineRoundsPerSecond.toLocaleString("en")} rounds/s, median of quarter-second windows (best window ${out.engineRoundsPerSecondBestWindow.toLocaleString("en")}; 8 seats, ${out.roundsTimed} rounds timed; sheets parsed on arrival)`);
  console.log(`engine, parsing every sheet too: ${out.engineRoundsPerSecondParsingSheets.toLocaleString("en")} rounds/s`);
  console.log(`whole 12-round bot game, decisions included: ${out.botGameMs} ms (${games} games)`);
  console.log(`state size: ${out.stateBytes} bytes of JSON at the start; node ${process.version}`);
  console.log(`machine: 1e8 integer additions in ${out.machineLoopMs} ms (about 100 ms on an unloaded modern core)`);
}
