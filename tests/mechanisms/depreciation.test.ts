// Mechanism 4: depreciation and obsolescence. Chips lose book value straight-line over the owner's
// 12–16 quarter life; a new generation cuts older lots' market value (not their book value); the
// GPU spot price moves with what a lot earns (forced sales: see covenants.test.ts).
import { describe, expect, it } from "vitest";
import { PARAMS, chipsBook, gpuValue, lotUnitMarket, type GameState } from "../../shared/src/index.ts";
import { co, event, events, game, orders, setChips, setup, step } from "../fixtures.ts";

const lots = 10;
const unitCost = 3.5;

describe("depreciation", () => {
  for (const depQ of [12, 16]) {
    it(`takes unitCost × lots / ${depQ} off the book each quarter over a ${depQ}-quarter life`, () => {
      const S = setup();
      let s = game(S, ["nvidia", "alphabet"]);
      setChips(s, "alphabet", lots, unitCost);
      co(s, "alphabet").depQ = depQ;
      for (let k = 1; k <= 3; k++) {
        const before = co(s, "alphabet");
        const r = step(S, s);
        const after = co(r.state, "alphabet");
        expect(chipsBook(after)).toBeCloseTo(lots * unitCost * (1 - k / depQ), 6);
        // The quarter's depreciation charge is the chips' share plus the shells' (book ÷ shellLifeQ).
        expect(after.last.depreciation).toBeCloseTo((lots * unitCost) / depQ + before.dcBook / PARAMS.shellLifeQ, 5);
        s = r.state;
      }
    });
  }

  it("stops depreciating a fully written-down lot, and retires it four quarters later", () => {
    const S = setup();
    const s = game(S, ["nvidia", "alphabet"]);
    const depQ = co(s, "alphabet").depQ;
    setChips(s, "alphabet", lots, unitCost, depQ - 1);
    const r1 = step(S, s);
    expect(chipsBook(co(r1.state, "alphabet"))).toBe(0);
    const dc = co(r1.state, "alphabet").dcBook / PARAMS.shellLifeQ;
    const r2 = step(S, r1.state);
    expect(co(r2.state, "alphabet").last.depreciation).toBeCloseTo(dc, 5); // shells only
    let st = r2.state;
    for (let i = 0; i < 2; i++) st = step(S, st).state; // ageQ depQ + 3
    expect(co(st, "alphabet").chips).toHaveLength(1);
    const r = step(S, st);
    expect(event(r, "chips_retired", "alphabet").data.lots).toBe(lots);
    expect(co(r.state, "alphabet").chips).toHaveLength(0);
  });
});

describe("obsolescence", () => {
  const withCard = setup({ schedule: [{ round: 1, cards: ["t-generation"] }] });
  const without = setup();
  const fresh = (S: ReturnType<typeof setup>): GameState => {
    const s = game(S, ["nvidia", "microsoft"]);
    setChips(s, "microsoft", lots, unitCost);
    return s;
  };

  it("cuts the market value of lots one generation behind by the obsolescence factor, not their book", () => {
    const a = step(without, fresh(without));
    const b = step(withCard, fresh(withCard));
    expect(event(b, "new_generation").data.generation).toBe(1);
    expect(b.state.macro.gpuSpot).toBe(a.state.macro.gpuSpot);
    expect(gpuValue(co(b.state, "microsoft"), b.state.macro) / gpuValue(co(a.state, "microsoft"), a.state.macro)).toBeCloseTo(PARAMS.obsolescence, 6);
    expect(chipsBook(co(b.state, "microsoft"))).toBe(chipsBook(co(a.state, "microsoft")));
  });

  it("compounds per generation behind", () => {
    const s = fresh(without);
    const m = co(s, "microsoft");
    const lot = m.chips[0];
    const now = lotUnitMarket(lot, s.macro);
    expect(lotUnitMarket(lot, { ...s.macro, generation: 2 }) / now).toBeCloseTo(PARAMS.obsolescence ** 2, 9);
  });

  it("sells new lots of the new generation at full value", () => {
    const s = fresh(withCard);
    const r = step(withCard, s, orders(s, { microsoft: { chips: [{ from: "nvidia", lots: 2 }] } }));
    const [old, young] = co(r.state, "microsoft").chips;
    expect([old.gen, young.gen]).toEqual([0, 1]);
    expect(old.ageQ).toBe(young.ageQ);
    expect(lotUnitMarket(old, r.state.macro) / lotUnitMarket(young, r.state.macro)).toBeCloseTo(PARAMS.obsolescence, 9);
  });
});

describe("GPU spot price", () => {
  it("moves spotAdjust of the way toward what a lot earns, lower in a compute glut", () => {
    const S = setup();
    const run = (ratio: number) => {
      const s = game(S, ["nvidia", "microsoft", "alphabet"]);
      s.labs.commitmentsGw = 0;
      s.macro.demandGw = ratio * 5; // their running capacity is about 5 GW
      return step(S, s);
    };
    const tight = event(run(1.5), "gpu_spot").data as Record<string, number>;
    const glut = event(run(0.4), "gpu_spot").data as Record<string, number>;
    for (const e of [tight, glut]) expect(e.after).toBeCloseTo(e.before + PARAMS.spotAdjust * (e.target - e.before), 9);
    expect(glut.target).toBeLessThan(tight.target);
    expect(tight.after - glut.after).toBeCloseTo(PARAMS.spotAdjust * (tight.target - glut.target), 9);
    expect(events(run(0.4), "forced_sale")).toHaveLength(0);
  });
});
