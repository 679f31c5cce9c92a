// Same scenario, seed and orders → the same game, byte for byte; a different seed → another game.
import { describe, expect, it } from "vitest";
import { createGame, playGame, resolveRound, stateHash } from "../shared/src/index.ts";
import { DEFAULT_SEATS, seeds } from "../seeds/index.ts";

const seats = DEFAULT_SEATS.map((profile) => ({ profile }));

describe("determinism", () => {
  for (const id of Object.keys(seeds.scenarios)) {
    it(`${id}: two runs with the same seed give the same bytes`, () => {
      const setup = { ...seeds, scenario: seeds.scenarios[id] };
      const a = playGame(setup, seats, 42);
      const b = playGame(setup, seats, 42);
      expect(JSON.stringify(b.state)).toBe(JSON.stringify(a.state));
      expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
      const c = playGame(setup, seats, 43);
      expect(stateHash(c.state)).not.toBe(stateHash(a.state));
    });
  }

  it("does not touch the input state, and reads no clock or Math.random", () => {
    const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
    const s0 = createGame(setup, seats, 7);
    const copy = JSON.stringify(s0);
    const realRandom = Math.random;
    const realNow = Date.now;
    Math.random = () => {
      throw new Error("Math.random used");
    };
    Date.now = () => {
      throw new Error("Date.now used");
    };
    try {
      const a = resolveRound(setup, s0, {});
      const b = resolveRound(setup, s0, {});
      expect(stateHash(a.state)).toBe(stateHash(b.state));
    } finally {
      Math.random = realRandom;
      Date.now = realNow;
    }
    expect(JSON.stringify(s0)).toBe(copy);
  });

  it("resumes identically from a saved (JSON) state mid-game", () => {
    const setup = { ...seeds, scenario: seeds.scenarios["rate-shock"] };
    const full = playGame(setup, seats, 9);
    let s = createGame(setup, seats, 9);
    full.orders.forEach((o, i) => {
      if (i === 5) s = JSON.parse(JSON.stringify(s));
      s = resolveRound(setup, s, o).state;
    });
    expect(stateHash(s)).toBe(stateHash(full.state));
  });
});
