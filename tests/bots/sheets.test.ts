// Bots speak the same language as people: every sheet they send passes the checks a human's sheet
// passes, their answers name offers that exist, and a whole bot game plays to its end.
import { describe, expect, it } from "vitest";
import { DEFAULT_SEATS, seeds } from "../../seeds/index.ts";
import {
  LEVELS,
  botsRound,
  checkAccepts,
  checkSheet,
  createGame,
  drawSeats,
  personasOf,
  playGame,
  resolveRound,
  ROLES,
  type BotSpec,
  type GameState,
  type Level,
} from "../../shared/src/index.ts";

/** Plays a game (or its first `rounds` rounds) with the given bots, checking every round's sheets on the way. */
function checkedGame(scenario: string, seed: number, level: Level, rounds = 12): GameState {
  const setup = { ...seeds, scenario: seeds.scenarios[scenario] };
  const plan = drawSeats(seed, 0, seeds.profiles);
  let s = createGame(setup, plan.map((p) => ({ profile: p.profile })), seed);
  const specs: Record<string, BotSpec> = {};
  s.companies.forEach((c, i) => (specs[c.id] = { persona: plan[i].persona, level }));
  while (!s.finished && s.round < rounds) {
    const sheets = botsRound(s, specs, undefined, setup);
    for (const [id, sheet] of Object.entries(sheets)) {
      // A JSON copy: the sheet as it would travel from a client, parsed afresh.
      const r = checkSheet(s, id, JSON.parse(JSON.stringify(sheet)));
      expect(r.ok ? [] : r.issues, `${scenario} round ${s.round + 1} ${id} (${specs[id].persona}, ${level})`).toEqual([]);
    }
    expect(checkAccepts(sheets)).toEqual([]);
    s = resolveRound(setup, s, sheets).state;
  }
  return s;
}

describe("bot sheets", () => {
  it("pass the engine's checks for every persona, at the easy and normal levels, in every scenario", () => {
    for (const scenario of Object.keys(seeds.scenarios)) {
      for (const level of ["easy", "normal"] as const) {
        for (let seed = 1; seed <= 3; seed++) checkedGame(scenario, seed, level);
      }
    }
  });

  it("pass them at the hard level too (a few rounds of look-ahead)", () => {
    checkedGame("boom-2025", 5, "hard", 4);
  });

  it("cover every persona of every role in those games", () => {
    const seen = new Set<string>();
    for (let g = 0; g < 10; g++) for (const p of drawSeats(1, g, seeds.profiles)) seen.add(p.persona);
    for (const role of ROLES) for (const p of personasOf(role)) expect(seen).toContain(p.id);
  });

  it("need the rules for the hard level's look-ahead, and say so", () => {
    const s = createGame({ ...seeds, scenario: seeds.scenarios["boom-2025"] }, DEFAULT_SEATS.map((profile) => ({ profile })), 1);
    expect(() => botsRound(s, { nvidia: { level: "hard" } })).toThrow(/hard bot needs the rules/);
    expect(LEVELS).toContain("hard");
  });

  // How fast is measured by `npm run bench` ("whole 12-round bot game, decisions included", botGameMs),
  // not here: a test that times itself fails on a busy machine.
  it("play a whole 12-round, 8-seat game at the normal level to its end", () => {
    const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
    const seats = DEFAULT_SEATS.map((profile) => ({ profile }));
    for (let i = 0; i < 5; i++) {
      const g = playGame(setup, seats, 100 + i, { keepEvents: false });
      expect(g.state.finished).toBe(true);
      expect(g.orders).toHaveLength(12);
      for (const round of g.orders) expect(Object.keys(round).sort()).toEqual([...DEFAULT_SEATS].sort());
    }
  });
});
