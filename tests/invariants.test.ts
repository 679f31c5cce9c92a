// Property tests: over random scenarios, seeds, seat mixes and random valid order sheets, the
// books balance, cash moves only through recorded flows, nothing is NaN, the state round-trips
// through JSON, and replaying the recorded orders reproduces the state hash.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditRound,
  auditState,
  botRound,
  createGame,
  replay,
  resolveRound,
  stateHash,
  type GameState,
  type OrderSheet,
} from "../shared/src/index.ts";
import { seeds } from "../seeds/index.ts";
import { ledgerChecks } from "../shared/src/engine/ledger.ts";

type Rnd = () => number;

function mulberry(seed: number): Rnd {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T,>(r: Rnd, xs: T[]): T => xs[Math.floor(r() * xs.length)];
const amt = (r: Rnd, max: number) => Math.round(r() * max * 100) / 100;

/** A random sheet that passes validation: every field within what the rules allow for this seat. */
function randomSheet(s: GameState, id: string, r: Rnd): OrderSheet {
  const me = s.companies.find((c) => c.id === id)!;
  const others = s.companies.filter((c) => !c.bankrupt && c.id !== id);
  const makers = others.filter((c) => c.role === "chipmaker");
  const listed = others.filter((c) => c.role !== "lender");
  const myDebts = s.debts.filter((d) => d.borrower === id && !d.offBalance);
  const common = {
    offers: [],
    accept: [],
    borrow: r() < 0.3 && me.role !== "lender" ? [{ kind: pick(r, ["bond", "bank", "gpu"] as const), amount: amt(r, 20) + 0.5, quarters: pick(r, [4, 8, 12]) }] : [],
    repay: r() < 0.2 && myDebts.length > 0 ? [{ debt: pick(r, myDebts).id, amount: amt(r, 5) + 0.1 }] : [],
  };
  switch (me.role) {
    case "chipmaker":
      return {
        role: "chipmaker",
        listPrice: 1.5 + amt(r, 4),
        supply: Math.floor(r() * (me.fab!.capLots + 1)),
        fabInvest: r() < 0.2 ? amt(r, 10) : 0,
        vendorPct: amt(r, 0.5),
        labInvest: r() < 0.2 ? amt(r, 5) : 0,
        stakes: r() < 0.2 && listed.length > 0 ? [{ target: pick(r, listed).id, amount: amt(r, 3) }] : [],
        buyback: r() < 0.1 ? amt(r, 5) : 0,
        dividend: r() < 0.1 ? amt(r, 3) : 0,
        ...common,
        offers:
          r() < 0.3 && others.some((c) => c.role === "neocloud")
            ? [{ id: "bs", to: pick(r, others.filter((c) => c.role === "neocloud")).id, kind: "backstop", gw: 0.1 + amt(r, 0.5), price: 1 + amt(r, 3), quarters: 8 }]
            : [],
      };
    case "hyperscaler":
    case "neocloud": {
      const chips = makers.length > 0 && r() < 0.7 ? [{ from: pick(r, makers).id, lots: Math.floor(r() * 6), sharesPct: 0 }] : [];
      const base = {
        chips,
        build: { gw: r() < 0.4 ? amt(r, 1) : 0, spv: me.role === "hyperscaler" && r() < 0.3 },
        labContract: r() < 0.4 ? { gw: amt(r, 0.5), quarters: pick(r, [4, 8, 12]) } : undefined,
        issueEquity: r() < 0.1 ? amt(r, 3) : 0,
        buyback: r() < 0.1 ? amt(r, 3) : 0,
        ...common,
      };
      if (me.role === "hyperscaler") return { role: "hyperscaler", ...base, dividend: r() < 0.1 ? amt(r, 2) : 0 };
      return { role: "neocloud", ...base };
    }
    case "lender": {
      const myLoans = s.debts.filter((d) => d.holder === id);
      const myShorts = s.shorts.filter((k) => k.holder === id);
      const borrowers = others.filter((c) => c.role !== "lender");
      return {
        role: "lender",
        bonds: r() < 0.3 && borrowers.length > 0 ? [{ issuer: pick(r, borrowers).id, amount: amt(r, 5) }] : [],
        srt: r() < 0.3 && myLoans.length > 0 ? [{ debt: pick(r, myLoans).id, fraction: 0.1 + amt(r, 0.5) }] : [],
        shorts: r() < 0.2 && listed.length > 0 ? [{ target: pick(r, listed).id, amount: amt(r, 2) }] : [],
        cover: r() < 0.2 && myShorts.length > 0 ? [{ target: pick(r, myShorts).target, fraction: amt(r, 1) }] : [],
        lpRaise: r() < 0.1 ? amt(r, 3) : 0,
        lpReturn: r() < 0.1 ? amt(r, 2) : 0,
        offers:
          r() < 0.5 && borrowers.length > 0
            ? [{ id: "L1", to: pick(r, borrowers).id, kind: "loan", loan: pick(r, ["gpu", "bank"] as const), amount: 0.5 + amt(r, 5), spread: 0.02 + amt(r, 0.06), maxLtv: 0.75, quarters: 8 }]
            : [],
        accept: [],
        borrow: [],
        repay: [],
      };
    }
  }
}

/** Random sheets for some seats, bots for the others; addressees accept offers at random. */
function randomRound(s: GameState, r: Rnd): Record<string, OrderSheet> {
  const sheets = botRound(s);
  for (const id of Object.keys(sheets)) if (r() < 0.6) sheets[id] = randomSheet(s, id, r);
  // A bot may have accepted an offer that a random sheet has just replaced: drop those accepts.
  const offered = (key: string) => sheets[key.split("/")[0]]?.offers.some((o) => `${key.split("/")[0]}/${o.id}` === key);
  for (const id of Object.keys(sheets)) sheets[id] = { ...sheets[id], accept: sheets[id].accept.filter(offered) };
  for (const [from, sh] of Object.entries(sheets)) {
    for (const o of sh.offers) {
      if (sheets[o.to] && r() < 0.6) sheets[o.to] = { ...sheets[o.to], accept: [...new Set([...sheets[o.to].accept, `${from}/${o.id}`])] };
    }
  }
  return sheets;
}

const profileIds = Object.keys(seeds.profiles);
const scenarioIds = Object.keys(seeds.scenarios);

describe("engine invariants over random games", () => {
  // Every read of the debt index is also compared with a scan of the debts (see ledger.test.ts).
  beforeAll(() => {
    ledgerChecks.on = true;
  });
  afterAll(() => {
    ledgerChecks.on = false;
  });
  it("keeps the books balanced, cash recorded, no NaN, JSON-exact, replayable", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarioIds),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.constantFrom(...profileIds), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 6, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (scenarioId, seed, seatIds, rounds, orderSeed) => {
          const setup = { ...seeds, scenario: seeds.scenarios[scenarioId] };
          const seats = seatIds.map((profile) => ({ profile }));
          const r = mulberry(orderSeed);
          let s = createGame(setup, seats, seed, { rounds });
          expect(auditState(s)).toEqual([]);
          const orders: Record<string, OrderSheet>[] = [];
          while (!s.finished) {
            const sheets = randomRound(s, r);
            orders.push(sheets);
            const res = resolveRound(setup, s, sheets);
            const problems = [...auditState(res.state), ...auditRound(s, res.state, res.flows)];
            expect(problems, `round ${res.state.round}`).toEqual([]);
            expect(JSON.parse(JSON.stringify(res.state))).toEqual(res.state);
            s = res.state;
          }
          expect(stateHash(replay(setup, seats, seed, orders, { rounds }))).toBe(stateHash(s));
        },
      ),
      { numRuns: 40 },
    );
  });
});
