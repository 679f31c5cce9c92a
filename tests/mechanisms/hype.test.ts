// Mechanism 11: the hype index, 0–100. The AI stocks' momentum and demand running ahead of the
// scenario's path feed it; defaults, margin calls, idle capacity (disappointment), demand falling
// behind the path and bubble-survey cards drain it; it never leaves 0..100. Scheduled cards can wait
// for the boom to falter.
import { describe, expect, it } from "vitest";
import { EXPOSURE } from "../../shared/src/engine/prices.ts";
import { PARAMS, type GameState } from "../../shared/src/index.ts";
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

/** End users want `ratio` × the running capacity, the labs nothing: sets the quarter's utilisation. */
const demandAt = (ratio: number) => (s: GameState) => {
  s.labs.commitmentsGw = 0;
  s.macro.demandGw = ratio * runningCapacity(s);
};

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
    const at = (ratio: number) => play({}, demandAt(ratio));
    const full = at(1.2);
    const slack = at(0.8);
    const glut = at(0.6);
    expect(full.state.macro.utilisation).toBe(1);
    expect(hypeOf(full).disappointment).toBeGreaterThan(0);
    expect(hypeOf(slack).disappointment).toBeLessThan(0);
    expect(hypeOf(glut).disappointment).toBeLessThan(hypeOf(slack).disappointment);
    expect(hypeOf(glut).after).toBeLessThan(hypeOf(full).after);
  });

  it("reads demand against the scenario's path: a lasting beat lifts it every quarter, a miss drains it", () => {
    const at = (shock: number) => {
      const S = setup();
      let s = game(S, seats);
      s.macro.demandGrowthShock = shock;
      const parts: number[] = [];
      const hype: number[] = [];
      for (let q = 0; q < 3; q++) {
        const r = step(S, s);
        parts.push(hypeOf(r).demand);
        hype.push(r.state.macro.hype);
        s = r.state;
      }
      return { parts, hype };
    };
    const beat = at(0.02);
    const path = at(0);
    const miss = at(-0.02);
    // Every quarter the shock lasts, not once: the market measures each quarter against the path.
    for (let q = 0; q < 3; q++) {
      expect(beat.parts[q]).toBeCloseTo(0.02 * PARAMS.demandSurpriseHype, 9);
      expect(path.parts[q]).toBe(0);
      expect(miss.parts[q]).toBeCloseTo(-0.02 * PARAMS.demandSurpriseHype, 9);
      expect(beat.hype[q]).toBeGreaterThan(path.hype[q]);
      expect(miss.hype[q]).toBeLessThan(path.hype[q]);
    }
  });

  it("deals a card that waits for a faltering boom only then, and its alternative while the boom holds", () => {
    const bust = card("t-bust-news", [{ kind: "hype", delta: -5 }]);
    const good = card("t-good-news", [{ kind: "hype", delta: 5 }]);
    const S = setup({ cards: [bust, good], schedule: [{ round: 2, cards: [bust.id], when: "faltering", otherwise: [good.id] }] });
    const dealt = (edit: (s: GameState) => void) => {
      const s = game(S, seats);
      edit(s);
      return step(S, s).state;
    };
    // The state the round closes on decides what the next round deals.
    const full = dealt(demandAt(1.2));
    expect(full.macro.utilisation).toBe(1);
    expect(full.macro.hype).toBeGreaterThanOrEqual(PARAMS.falteringHype);
    expect(full.news).toEqual([good.id]);
    const idle = dealt(demandAt(0.6));
    expect(idle.macro.utilisation).toBeLessThan(PARAMS.falteringUtilisation);
    expect(idle.news).toEqual([bust.id]);
    const gloomy = dealt((s) => {
      demandAt(1.2)(s);
      s.macro.hype = 20;
    });
    expect(gloomy.macro.utilisation).toBe(1);
    expect(gloomy.macro.hype).toBeLessThan(PARAMS.falteringHype);
    expect(gloomy.news).toEqual([bust.id]);
    // Without an alternative, a holding boom is dealt nothing in that slot.
    const bare = setup({ cards: [bust], schedule: [{ round: 2, cards: [bust.id], when: "faltering" }] });
    const s = game(bare, seats);
    demandAt(1.2)(s);
    expect(step(bare, s).state.news).toEqual([]);
  });

  it("is drained by each default alike", () => {
    // The other neocloud owes nothing in "one": the dumped fleet must not call its GPU loan.
    const one = play({}, (s) => {
      clearClaims(s, "fluidstack");
      doom(s, "coreweave");
    });
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
