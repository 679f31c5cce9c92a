// Mechanism 11: the hype index, 0–100. The AI stocks' momentum feeds it; defaults, margin calls,
// idle capacity (disappointment) and bubble-survey cards drain it; it never leaves 0..100.
import { describe, expect, it } from "vitest";
import { EXPOSURE } from "../../shared/src/engine/prices.ts";
import type { GameState } from "../../shared/src/index.ts";
import { bond, card, clearClaims, co, event, events, game, runningCapacity, setup, step, type SetupOptions } from "../fixtures.ts";

const seats = ["nvidia", "microsoft", "coreweave", "fluidstack", "apollo"];
const hypeOf = (r: ReturnType<typeof step>) => event(r, "hype").data as Record<string, number>;
const play = (o: SetupOptions, edit: (s: GameState) => void = () => {}) => {
  const S = setup(o);
  const s = game(S, seats);
  edit(s);
  return step(S, s);
};

/** Mean price return of the AI-exposed stocks (exposure ≥ 1), as the index reads it. */
function aiReturn(r: ReturnType<typeof step>): number {
  const rets = events(r, "price")
    .filter((e) => EXPOSURE[co(r.state, e.company!).role] >= 1)
    .map((e) => (e.data.after as number) / (e.data.before as number) - 1);
  return rets.reduce((a, b) => a + b, 0) / rets.length;
}

/** A neocloud with a bond due now that nobody will refinance and no cash to repay it. */
function doom(s: GameState, id: string): void {
  clearClaims(s, id);
  bond(s, id, 40, { maturity: 1 });
  co(s, id).cash = 1;
}

describe("hype index", () => {
  it("drops by a bubble-survey card's points before the quarter's own update", () => {
    const plain = hypeOf(play({}));
    const survey = hypeOf(play({ schedule: [{ round: 1, cards: ["t-bubble-survey"] }] }));
    expect(plain.before).toBe(50);
    expect(survey.before).toBe(40);
    expect(survey.after).toBeLessThan(plain.after);
  });

  it("follows the AI stocks' momentum in proportion to their average return", () => {
    const rally = card("t-neocloud-rally", [{ kind: "price", target: { role: "neocloud" }, pct: 0.3 }]);
    const flat = play({});
    const up = play({ cards: [rally], schedule: [{ round: 1, cards: [rally.id] }] });
    expect(aiReturn(up)).toBeGreaterThan(aiReturn(flat));
    expect(hypeOf(up).momentum).toBeGreaterThan(hypeOf(flat).momentum);
    expect(hypeOf(up).momentum / aiReturn(up)).toBeCloseTo(hypeOf(flat).momentum / aiReturn(flat), 6);
    expect(hypeOf(up).after).toBeGreaterThan(hypeOf(flat).after);
  });

  it("is disappointed by idle capacity, the more so the more sits idle", () => {
    const at = (ratio: number) =>
      play({}, (s) => {
        s.labs.commitmentsGw = 0;
        s.macro.demandGw = ratio * runningCapacity(s);
      });
    const full = at(1.2);
    const slack = at(0.8);
    const glut = at(0.6);
    expect(full.state.macro.utilisation).toBe(1);
    expect(hypeOf(full).disappointment).toBeGreaterThan(0);
    expect(hypeOf(slack).disappointment).toBeLessThan(0);
    expect(hypeOf(glut).disappointment).toBeLessThan(hypeOf(slack).disappointment);
    expect(hypeOf(glut).after).toBeLessThan(hypeOf(full).after);
  });

  it("is drained by each default alike", () => {
    const one = play({}, (s) => doom(s, "coreweave"));
    const two = play({}, (s) => ["coreweave", "fluidstack"].forEach((id) => doom(s, id)));
    expect(events(one, "default")).toHaveLength(1);
    expect(events(two, "default")).toHaveLength(2);
    expect(events(two, "margin_call")).toHaveLength(0);
    expect(hypeOf(one).defaults).toBeLessThan(0);
    expect(hypeOf(two).defaults).toBeCloseTo(2 * hypeOf(one).defaults, 9);
  });

  it("stays within 0..100 however hard the cards push", () => {
    const every = (id: string) => Array.from({ length: 8 }, (_, i) => ({ round: i + 1, cards: [id] }));
    for (const [hype, id, edge] of [
      [95, "t-euphoria", 100],
      [5, "t-panic", 0],
    ] as const) {
      const S = setup({ hype, schedule: every(id) });
      let s = game(S, seats);
      while (!s.finished) {
        const r = step(S, s);
        expect(hypeOf(r).before).toBe(edge); // the card's push is clamped at the edge
        s = r.state;
      }
      for (const h of s.history.hype) {
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(100);
      }
    }
  });
});
