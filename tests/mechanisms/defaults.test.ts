// Mechanism 7: default. The defaulter's equity is wiped; its assets are sold and the proceeds paid
// by seniority (GPU lenders from the GPUs, then everyone pro rata); contracts with it end; backstops
// protecting it are called; lenders book the loss.
import { describe, expect, it } from "vitest";
import { LABS, PARAMS, auditState, checkSheet, idleSheet, scores, type GameState } from "../../shared/src/index.ts";
import { bond, clearClaims, co, event, events, game, gpuLoan, paid, setChips, setup, step } from "../fixtures.ts";

const S = setup();

/**
 * CoreWeave owes Apollo a GPU loan of 10 (LTV ≈ 0.3) and a bond of 40 due this round that no one
 * will refinance (it is rated CCC): it defaults in round 1. It sells to Microsoft and the labs, buys
 * from Microsoft, and Nvidia backstops 0.2 GW of its capacity at 3 until round 8.
 */
function doomed(secured = true) {
  const s = game(S, ["nvidia", "microsoft", "coreweave", "apollo"]);
  clearClaims(s, "coreweave");
  setChips(s, "coreweave", 10);
  co(s, "coreweave").cash = 1;
  const g = secured ? gpuLoan(s, "coreweave", 10, { holder: "apollo" }) : bond(s, "coreweave", 10, { holder: "apollo" });
  const b = bond(s, "coreweave", 40, { holder: "apollo", maturity: 1 });
  co(s, "apollo").cash = 10; // the fund keeps some cash beside the 50 it lent
  s.contracts.push(
    { id: "k1", seller: "coreweave", buyer: "microsoft", gw: 0.2, price: 3, ends: 8 },
    { id: "k2", seller: "coreweave", buyer: LABS, gw: 0.2, price: 3, ends: 8 },
    { id: "k3", seller: "microsoft", buyer: "coreweave", gw: 0.1, price: 3, ends: 8 },
  );
  s.backstops.push({ id: "b1", provider: "nvidia", protected: "coreweave", gw: 0.2, price: 3, ends: 8 });
  const before: GameState = structuredClone(s);
  return { before, g, b, r: step(S, s) };
}

describe("default", () => {
  it("wipes the equity: the company is bankrupt, its shares worth nothing, its score −100 %", () => {
    const { r } = doomed();
    const cw = co(r.state, "coreweave");
    expect(event(r, "default", "coreweave").data.reason).toMatch(/matured and no one would refinance it/);
    expect(cw).toMatchObject({ bankrupt: true, bankruptRound: 1, price: 0, cash: 0, chips: [], dcGw: 0, dcBook: 0, equityBook: 0 });
    expect(scores(r.state).find((x) => x.id === "coreweave")!.score).toBe(-1);
    expect(r.state.debts.filter((d) => d.borrower === "coreweave")).toEqual([]);
    expect(auditState(r.state)).toEqual([]);
    expect(checkSheet(r.state, "coreweave", idleSheet(cw))).toEqual({
      ok: false,
      issues: [{ company: "coreweave", path: "(seat)", message: "CoreWeave is bankrupt and can no longer place orders" }],
    });
  });

  it("pays the GPU lender from the GPUs first and leaves the loss with the bondholder", () => {
    const { before, g, b, r } = doomed();
    // The GPU loan (10, less this round's amortisation) is recovered in full ...
    expect(paid(r, `amortisation:${g}`) + paid(r, `recovery:${g}`)).toBeCloseTo(10, 6);
    expect(events(r, "loan_loss").map((e) => e.data.debt)).toEqual([b]);
    // ... the bond gets the rest of the estate and books the shortfall.
    const loss = event(r, "loan_loss", "apollo").data;
    const owed = 40 - paid(r, `maturity:${b}`);
    expect(loss.recovered).toBe(paid(r, `recovery:${b}`));
    expect(loss.loss).toBeCloseTo(owed - paid(r, `recovery:${b}`), 6);
    expect(co(r.state, "apollo").last.otherGains).toBeCloseTo(-(loss.loss as number), 6);
    // The estate: GPUs at spot, shells at dcRecovery of book, the called backstop, the cash left.
    const shells = co(before, "coreweave").dcBook * (1 - 1 / PARAMS.shellLifeQ);
    expect(paid(r, "data centers sold", "market", "coreweave")).toBeCloseTo(shells * PARAMS.dcRecovery, 5);
    expect(event(r, "default", "coreweave").data.lotsDumped).toBe(10);
  });

  it("shares the estate pro rata among unsecured creditors", () => {
    const { g, b, r } = doomed(false);
    const gotG = paid(r, `recovery:${g}`);
    const gotB = paid(r, `recovery:${b}`);
    const owedB = 40 - paid(r, `maturity:${b}`);
    expect(gotG / gotB).toBeCloseTo(10 / owedB, 5);
    // Unsecured, the same loan recovers less than when it was backed by the GPUs.
    expect(gotG).toBeLessThan(10 * 0.9);
  });

  it("ends every contract with the defaulter, as seller or buyer", () => {
    const { before, r } = doomed();
    expect(event(r, "default", "coreweave").data.contractsEnded).toBe(3);
    expect(r.state.contracts.filter((k) => k.seller === "coreweave" || k.buyer === "coreweave")).toEqual([]);
    // The contracts did run this quarter: they were paid before the default.
    expect(paid(r, "contract:k1", "microsoft", "coreweave")).toBe(0.6);
    const r2 = step(S, r.state);
    expect(paid(r2, "contract:k")).toBe(0);
    expect(before.contracts).toHaveLength(3);
  });

  it("calls the backstop: the provider pays half of what it promised for the rest of the term", () => {
    const { r } = doomed();
    const promised = 2.4; // 0.2 GW × 3 × the 8 quarters left (rounds 1–8) × 0.5
    expect(event(r, "backstop_called", "nvidia").data).toMatchObject({ protected: "coreweave", promised, paid: promised });
    expect(paid(r, "backstop called:b1", "nvidia", "coreweave")).toBe(promised);
    expect(co(r.state, "nvidia").last.otherGains).toBeCloseTo(-promised, 6);
    expect(r.state.backstops).toEqual([]);
    expect(event(r, "default", "coreweave").data.backstopCalled).toBe(promised);
  });

  it("writes off the bills a defaulter ran up beyond its cash: no bankrupt shell is left owing", () => {
    // A neocloud with nothing to sell and no one to lend to, whose quarter costs more than its cash.
    const s = game(S, ["nvidia", "microsoft", "coreweave", "apollo"]);
    clearClaims(s, "coreweave");
    setChips(s, "coreweave", 0);
    bond(s, "coreweave", 40, { maturity: 20 }); // rated CCC: no emergency loan
    Object.assign(co(s, "coreweave"), { cash: 0.05, dcGw: 0, dcBook: 0 });
    const r = step(S, s);
    const short = Number(/short by ([\d.]+)/.exec(event(r, "default", "coreweave").data.reason as string)![1]);
    expect(short).toBeGreaterThan(0);
    expect(paid(r, "unpaid bills written off", "market", "coreweave")).toBeCloseTo(short, 2);
    expect(co(r.state, "coreweave").cash).toBe(0);
    expect(auditState(r.state)).toEqual([]);
  });
});
