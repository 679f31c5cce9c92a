// Mechanism 1: the chip market. The chipmaker posts a price and a supply (capped by its fab);
// orders beyond supply are rationed pro rata, whole lots by largest remainder, ties to the
// earlier seat; bought lots carry their generation and age.
import { describe, expect, it } from "vitest";
import { OrderError, PARAMS, prepareOrders, ration } from "../../shared/src/index.ts";
import { co, event, events, game, orders, paid, setup, step } from "../fixtures.ts";

const S = setup();
const buyers = ["microsoft", "meta", "alphabet"];
const fresh = () => {
  const s = game(S, ["nvidia", ...buyers]);
  co(s, "nvidia").fab!.capLots = 6;
  for (const id of buyers) co(s, id).cash = 100; // cash never limits these orders
  return s;
};
const buy = (from: string, lots: number) => ({ chips: [{ from, lots }] });
const lotsBought = (r: ReturnType<typeof step>, buyer: string) =>
  events(r, "chips_sold", "nvidia").filter((e) => e.data.buyer === buyer).reduce((a, e) => a + (e.data.lots as number), 0);

describe("chip market", () => {
  it("shares a short supply pro rata to the orders, whole lots by largest remainder", () => {
    const s = fresh();
    // 10 lots asked of 6: exact shares 3.0, 1.8, 1.2 → floors 3, 1, 1 → the one lot left goes to the largest remainder (meta, .8).
    const r = step(S, s, orders(s, { microsoft: buy("nvidia", 5), meta: buy("nvidia", 3), alphabet: buy("nvidia", 2) }));
    expect(buyers.map((b) => lotsBought(r, b))).toEqual([3, 2, 1]);
    expect(event(r, "chips_rationed", "nvidia").data).toMatchObject({ asked: 10, supply: 6 });
    expect(ration([5, 3, 2], 6)).toEqual([3, 2, 1]);
  });

  it("gives a lot left over on a tie to the earlier seat", () => {
    const s = fresh();
    const r = step(S, s, orders(s, { nvidia: { supply: 2 }, microsoft: buy("nvidia", 1), meta: buy("nvidia", 1), alphabet: buy("nvidia", 1) }));
    // Three equal claims on two lots: the remainders tie, seats 1 and 2 (microsoft, meta) win.
    expect(buyers.map((b) => lotsBought(r, b))).toEqual([1, 1, 0]);
  });

  it("fills every order in full when supply covers them, and no more than the supply offered", () => {
    const s = fresh();
    const r = step(S, s, orders(s, { nvidia: { supply: 4 }, microsoft: buy("nvidia", 2), meta: buy("nvidia", 1) }));
    expect(buyers.map((b) => lotsBought(r, b))).toEqual([2, 1, 0]);
    expect(events(r, "chips_rationed")).toHaveLength(0);
    const r2 = step(S, s, orders(s, { nvidia: { supply: 4 }, microsoft: buy("nvidia", 4), meta: buy("nvidia", 4) }));
    expect(lotsBought(r2, "microsoft") + lotsBought(r2, "meta")).toBe(4);
  });

  it("charges the list price per lot, and the chipmaker books revenue less its unit cost", () => {
    const s = fresh();
    const { listPrice, unitCost } = co(s, "nvidia").fab!;
    const r = step(S, s, orders(s, { microsoft: buy("nvidia", 3), meta: buy("nvidia", 2) }));
    expect(paid(r, "chips:list", "microsoft", "nvidia")).toBeCloseTo(3 * listPrice, 6);
    expect(paid(r, "chips:list", "meta", "nvidia")).toBeCloseTo(2 * listPrice, 6);
    expect(co(r.state, "nvidia").last.chipRevenue).toBeCloseTo(5 * listPrice, 6);
    expect(paid(r, "chip production", "nvidia")).toBeCloseTo(5 * unitCost, 6);
    expect(co(r.state, "microsoft").last.capex).toBeCloseTo(3 * listPrice, 6);
  });

  it("applies a newly posted list price from the next quarter, not this one", () => {
    const s = fresh();
    const old = co(s, "nvidia").fab!.listPrice;
    const r1 = step(S, s, orders(s, { nvidia: { listPrice: 5 }, microsoft: buy("nvidia", 1) }));
    expect(paid(r1, "chips:list", "microsoft")).toBeCloseTo(old, 6);
    expect(co(r1.state, "nvidia").fab!.listPrice).toBe(5);
    const r2 = step(S, r1.state, orders(r1.state, { nvidia: { listPrice: 5 }, microsoft: buy("nvidia", 1) }));
    expect(paid(r2, "chips:list", "microsoft")).toBeCloseTo(5, 6);
  });

  it("cuts an order to the whole lots the buyer's cash pays for", () => {
    const s = fresh();
    const list = co(s, "nvidia").fab!.listPrice;
    co(s, "meta").cash = 2.5 * list; // enough for 2 lots, not 3
    const r = step(S, s, orders(s, { meta: buy("nvidia", 5) }));
    expect(lotsBought(r, "meta")).toBe(2);
    expect(event(r, "order_cut", "meta").data).toMatchObject({ asked: 5, got: 2, reason: "cash" });
  });

  it("refuses a supply above the fab's capacity, naming the field and the cap", () => {
    const s = fresh();
    const sheets = orders(s, { nvidia: { supply: 7 } });
    let err: unknown;
    try {
      step(S, s, sheets);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OrderError);
    expect((err as OrderError).issues).toEqual([{ company: "nvidia", path: "supply", message: "at most the fab capacity of 6 lots this quarter" }]);
    expect(() => prepareOrders(s, sheets)).toThrow("nvidia: supply: at most the fab capacity of 6 lots this quarter");
  });

  it("grows fab capacity by one lot per fabLotCost invested, arriving fabDelay quarters later", () => {
    const s = fresh();
    const invest = 4 * PARAMS.fabLotCost + 1; // 4 whole lots; the extra $1B buys no fraction of a lot
    const r1 = step(S, s, orders(s, { nvidia: { fabInvest: invest } }));
    expect(event(r1, "fab_investment", "nvidia").data).toMatchObject({ lots: 4, ready: 1 + PARAMS.fabDelay });
    let st = r1.state;
    for (let round = 2; round <= PARAMS.fabDelay; round++) {
      expect(co(st, "nvidia").fab!.capLots).toBe(6);
      expect(() => prepareOrders(st, orders(st, { nvidia: { supply: 10 } }))).toThrow(OrderError);
      st = step(S, st).state;
    }
    // Round 1 + fabDelay may sell the new capacity.
    expect(co(st, "nvidia").fab!.capLots).toBe(10);
    const r = step(S, st, orders(st, { nvidia: { supply: 10 }, microsoft: buy("nvidia", 10) }));
    expect(lotsBought(r, "microsoft")).toBe(10);
  });

  it("stamps bought lots with the current generation and ages them one quarter per round", () => {
    const s = fresh();
    s.macro.generation = 2;
    const r1 = step(S, s, orders(s, { microsoft: buy("nvidia", 2) }));
    const lot = co(r1.state, "microsoft").chips.at(-1)!;
    // Bought at the start of round 1 and aged by that round's operations.
    expect(lot).toMatchObject({ gen: 2, lots: 2, ageQ: 1, unitCost: co(s, "nvidia").fab!.listPrice });
    const r3 = step(S, step(S, r1.state).state);
    expect(co(r3.state, "microsoft").chips.find((l) => l.id === lot.id)!.ageQ).toBe(3);
  });
});
