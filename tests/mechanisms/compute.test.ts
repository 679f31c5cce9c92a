// Mechanism 3: compute demand. End users and the labs want GW of compute; take-or-pay contracts
// are served first, the rest clears on the spot market at a price that follows demand ÷ supply;
// the labs pay from their cash and can fall short.
import { describe, expect, it } from "vitest";
import { LABS, PARAMS, runningGw, type GameState } from "../../shared/src/index.ts";
import { clearClaims, co, event, events, game, orders, paid, setup, step } from "../fixtures.ts";

const S = setup();
const seats = ["nvidia", "microsoft", "alphabet"];

/** A market whose spot demand is `ratio` × the running capacity, with the labs buying nothing on spot. */
function market(ratio: number): GameState {
  const s = game(S, seats);
  for (const id of ["microsoft", "alphabet"]) clearClaims(s, id); // no contracts: every running GW is spot supply
  s.labs.commitmentsGw = 0;
  const supply = runningGw(co(s, "microsoft")) + runningGw(co(s, "alphabet"));
  s.macro.demandGw = ratio * supply;
  return s;
}

describe("compute demand", () => {
  it("leaves spare capacity idle and cuts the spot price by (demand ÷ supply) ^ elasticity", () => {
    const ra = step(S, market(1));
    const rb = step(S, market(0.5));
    expect(ra.state.macro.utilisation).toBe(1);
    expect(rb.state.macro.utilisation).toBe(0.5);
    expect(rb.state.macro.computePrice / ra.state.macro.computePrice).toBeCloseTo(Math.pow(0.5, PARAMS.priceElasticity), 6);
    // Each seller's spot revenue is its running GW × utilisation × price.
    const al = runningGw(co(rb.state, "alphabet"));
    expect(co(rb.state, "alphabet").last.aiRevenue).toBeCloseTo(al * 0.5 * rb.state.macro.computePrice, 5);
  });

  it("raises the spot price in a shortage, up to the cap", () => {
    const ra = step(S, market(1));
    const rb = step(S, market(1.2));
    const rc = step(S, market(3));
    expect(rb.state.macro.utilisation).toBe(1);
    expect(rb.state.macro.computePrice / ra.state.macro.computePrice).toBeCloseTo(Math.min(PARAMS.priceCap, Math.pow(1.2, PARAMS.priceElasticity)), 6);
    expect(rc.state.macro.computePrice / ra.state.macro.computePrice).toBeCloseTo(PARAMS.priceCap, 6);
  });

  it("makes the buyer of a take-or-pay contract pay every quarter of its tenor, used or not", () => {
    const s = market(0.5); // a glut: the buyer cannot resell all it must pay for
    const offer = { id: "k1", to: "alphabet", kind: "contract", gw: 0.5, price: 4, quarters: 3 };
    let r = step(S, s, orders(s, { microsoft: { offers: [offer] }, alphabet: { accept: ["microsoft/k1"] } }));
    expect(event(r, "contract_signed", "microsoft").data).toMatchObject({ buyer: "alphabet", gw: 0.5, price: 4, quarters: 3 });
    const payments = [paid(r, "contract:", "alphabet", "microsoft")];
    for (let i = 0; i < 3; i++) {
      r = step(S, r.state);
      payments.push(paid(r, "contract:", "alphabet", "microsoft"));
    }
    // Rounds 1–3 at 0.5 GW × 4; nothing in round 4.
    expect(payments).toEqual([2, 2, 2, 0]);
  });

  it("moves contracted GW from the seller's spot pool to the buyer's", () => {
    const s = market(1);
    s.macro.demandGw = 100; // everything sells, so revenue = pool × price
    s.contracts.push({ id: "kx", seller: "microsoft", buyer: "alphabet", gw: 0.5, price: 4, ends: 8 });
    const r = step(S, s);
    const price = r.state.macro.computePrice;
    const ms = co(r.state, "microsoft").last;
    expect(ms.aiRevenue).toBeCloseTo((runningGw(co(s, "microsoft")) - 0.5) * price + 0.5 * 4, 5);
    expect(co(r.state, "alphabet").last.aiRevenue).toBeCloseTo((runningGw(co(s, "alphabet")) + 0.5) * price, 5);
  });

  it("signs lab contracts at a discount to last quarter's spot price, for the quarters asked", () => {
    const s = market(1);
    s.labs.commitmentsGw = 2;
    const price0 = s.macro.computePrice;
    const r = step(S, s, orders(s, { microsoft: { labContract: { gw: 0.5, quarters: 4 } } }));
    expect(r.state.contracts).toContainEqual(
      expect.objectContaining({ seller: "microsoft", buyer: LABS, gw: 0.5, ends: 4, price: expect.closeTo(price0 * (1 - PARAMS.labContractDiscount), 9) }),
    );
    expect(paid(r, "contract:", LABS, "microsoft")).toBeCloseTo(0.5 * price0 * (1 - PARAMS.labContractDiscount), 5);
  });

  it("shares the labs' appetite pro rata when sellers offer them more than they want", () => {
    const s = market(1);
    s.macro.hype = 60; // at 60+ the labs sign up to their full commitments
    s.labs.commitmentsGw = 0.4;
    const r = step(S, s, orders(s, { microsoft: { labContract: { gw: 0.4, quarters: 4 } }, alphabet: { labContract: { gw: 0.4, quarters: 4 } } }));
    expect(r.state.contracts.map((k) => [k.seller, k.gw])).toEqual([
      ["microsoft", 0.2],
      ["alphabet", 0.2],
    ]);
  });

  describe("when the labs run out of cash", () => {
    /** Alphabet sells 0.5 GW to the labs at 3; the labs have `cash` and no other income or bills. */
    function labsOwing(cash: number) {
      const s = market(1);
      s.contracts.push({ id: "kl", seller: "alphabet", buyer: LABS, gw: 0.5, price: 3, ends: 8 });
      Object.assign(s.labs, { cash, revenue: 0, fundraising: 0, costs: 0, commitmentsGw: 0.5 });
      return step(S, s);
    }

    it("records the missed payment and the seller is paid that much less", () => {
      const ok = labsOwing(100);
      const broke = labsOwing(0);
      expect(paid(ok, "contract:kl", LABS, "alphabet")).toBe(1.5);
      expect(paid(broke, "contract:kl")).toBe(0);
      expect(event(broke, "labs_missed_payment").data).toMatchObject({ due: 1.5, paid: 0, shortfall: 1.5 });
      expect(broke.state.labs.missedPayments).toBe(1.5);
      expect(broke.state.labs.distressed).toBe(true);
      expect(ok.state.labs.distressed).toBe(false);
      expect(co(ok.state, "alphabet").cash - co(broke.state, "alphabet").cash).toBeCloseTo(1.5, 6);
      expect(co(ok.state, "alphabet").last.aiRevenue - co(broke.state, "alphabet").last.aiRevenue).toBeCloseTo(1.5, 6);
    });

    it("pays what cash it has and misses the rest", () => {
      const r = labsOwing(0.6);
      expect(paid(r, "contract:kl", LABS, "alphabet")).toBeCloseTo(0.6, 6);
      expect(r.state.labs.missedPayments).toBeCloseTo(0.9, 6);
      expect(r.state.labs.cash).toBe(0);
      expect(events(r, "labs_missed_payment")).toHaveLength(1);
    });

    it("marks down a seller that depends on the labs, not a diversified one", () => {
      const s = game(S, ["nvidia", "alphabet", "coreweave"]);
      clearClaims(s, "coreweave");
      s.contracts.push({ id: "kc", seller: "coreweave", buyer: LABS, gw: runningGw(co(s, "coreweave")), price: 3, ends: 8 });
      s.contracts.push({ id: "ka", seller: "alphabet", buyer: LABS, gw: 0.1, price: 3, ends: 8 });
      Object.assign(s.labs, { cash: 0, revenue: 0, fundraising: 0, costs: 0 });
      const r = step(S, s);
      const hit = (id: string) => co(r.state, id).news.filter((n) => n.why === "the AI labs failed to pay");
      expect(hit("coreweave")).toHaveLength(1);
      expect(hit("coreweave")[0].pct).toBeLessThan(-0.1);
      expect(hit("alphabet")).toHaveLength(0);
    });
  });
});
