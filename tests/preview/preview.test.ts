// The client's previews (shared/src/preview): sheet effects, covenant status, the quarter's deal
// links and the loops among them, and the seat's book as the server computes it.
import { describe, expect, it } from "vitest";
import { covenantStatus, findLoops, flowLinks, loopEdges, ltvAfterLoan, previewSheet } from "../../shared/src/preview/index.ts";
import { seatBook } from "../../shared/src/preview/book.ts";
import { createGame, OrderSheet, resolveRound } from "../../shared/src/index.ts";
import { seeds, DEFAULT_SEATS } from "../../seeds/index.ts";

const params = { shellCostPerGw: 15, lotGw: 0.1, buildQuarters: 3, fabLotCost: 2.5, fabDelay: 2, issueDiscount: 0.05 };
const book = {
  cash: 10,
  gpu: { lots: 10, value: 30, debt: 15, ltv: 0.5, maxLtv: 0.75 },
  params,
  debts: [
    { id: "d1", kind: "gpu", holder: "apollo", principal: 15, rate: 0.08, floating: true, maturity: 8, maxLtv: 0.75, offBalance: false },
    { id: "d2", kind: "bond", holder: "market", principal: 5, rate: 0.06, floating: false, maturity: 12, maxLtv: 0, offBalance: false },
  ],
  shorts: [{ target: "coreweave", shares: 1, value: 4 }],
  quotes: { gpu: { ok: true, limit: 3, spread: 0.06, maxLtv: 0.8, why: "" } },
};

describe("covenantStatus", () => {
  it("is none without a covenant, close from 85 % of the limit, breach above it", () => {
    expect(covenantStatus(0, 0.75)).toBe("none");
    expect(covenantStatus(0.5, null)).toBe("none");
    expect(covenantStatus(0.5, 0.75)).toBe("ok");
    expect(covenantStatus(0.7, 0.75)).toBe("close");
    expect(covenantStatus(0.8, 0.75)).toBe("breach");
  });
});

describe("ltvAfterLoan", () => {
  it("adds the loan to the GPU debt against the same collateral", () => {
    expect(ltvAfterLoan({ debt: 15, value: 30 }, 6)).toBeCloseTo(0.7);
    expect(ltvAfterLoan({ debt: 0, value: 30 }, 0)).toBe(0);
    expect(ltvAfterLoan({ debt: 0, value: 0 }, 5)).toBe(Infinity);
    expect(ltvAfterLoan({ debt: 15, value: 30 }, 6, 10)).toBeCloseTo(21 / 40);
  });
});

describe("previewSheet", () => {
  const makers = [{ id: "nvidia", listPrice: 3.5 }, { id: "amd", listPrice: 3 }];
  it("pays chips (less the part in shares), building and repayments from cash; borrowing adds to it", () => {
    const p = previewSheet(book, { role: "neocloud", chips: [{ from: "nvidia", lots: 4, sharesPct: 0.25 }], build: { gw: 0.2 }, borrow: [{ kind: "gpu", amount: 5 }], repay: [{ debt: "d2", amount: 1 }] }, makers, 3);
    expect(p.lots).toBe(4);
    expect(p.paidInShares).toBeCloseTo(3.5);
    expect(p.spend).toBeCloseTo(10.5 + 3 + 1);
    expect(p.raise).toBeCloseTo(5);
    expect(p.cashAfter).toBeCloseTo(10 + 5 - 14.5);
    expect(p.buildGw).toBeCloseTo(0.2);
    // New chips join the collateral at the spot price; the GPU loan adds to the debt.
    expect(p.gpuValueAfter).toBeCloseTo(42);
    expect(p.gpuDebtAfter).toBeCloseTo(20);
    expect(p.ltvAfter).toBeCloseTo(20 / 42);
    expect(p.covenant).toBe("ok");
    expect(p.overQuote).toEqual([{ kind: "gpu", amount: 5, limit: 3 }]);
  });
  it("flags a covenant breach when a GPU loan outgrows the collateral", () => {
    const p = previewSheet(book, { role: "neocloud", borrow: [{ kind: "gpu", amount: 10 }] }, makers, 3);
    expect(p.ltvAfter).toBeCloseTo(25 / 30);
    expect(p.covenant).toBe("breach");
  });
  it("repaying a GPU loan lowers the LTV; an off-balance-sheet build costs no cash", () => {
    const p = previewSheet(book, { role: "hyperscaler", repay: [{ debt: "d1", amount: 100 }], build: { gw: 1, spv: true } }, makers, 3);
    expect(p.spend).toBeCloseTo(15);
    expect(p.ltvAfter).toBe(0);
  });
  it("reads a lender's and a chipmaker's moves", () => {
    const lender = previewSheet(book, { role: "lender", bonds: [{ issuer: "meta", amount: 2 }], shorts: [{ target: "nvidia", amount: 3 }], cover: [{ target: "coreweave", fraction: 0.5 }], lpRaise: 4, lpReturn: 1 }, makers, 3);
    expect(lender.spend).toBeCloseTo(2 + 2 + 1);
    expect(lender.raise).toBeCloseTo(3 + 4);
    const chip = previewSheet(book, { role: "chipmaker", fabInvest: 5, labInvest: 2, stakes: [{ target: "coreweave", amount: 1 }], buyback: 1, dividend: 0.5, issueEquity: 0 }, makers, 3);
    expect(chip.spend).toBeCloseTo(9.5);
    expect(chip.cashAfter).toBeCloseTo(0.5);
  });
  it("ignores half-filled fields", () => {
    const p = previewSheet(book, { role: "neocloud", chips: [{ from: "nvidia", lots: Number.NaN }], borrow: [{ kind: "bond", amount: -2 }] }, makers, 3);
    expect(p.cashAfter).toBe(10);
  });
});

describe("flowLinks and loops", () => {
  const ev = (type: string, company: string, data: Record<string, unknown>) => ({ type, company, data });
  const events = [
    ev("chips_sold", "nvidia", { buyer: "coreweave", lots: 4, price: 3.5, total: 14 }),
    ev("chips_sold", "nvidia", { buyer: "coreweave", lots: 2, price: 3.5, total: 7 }),
    ev("lab_investment", "nvidia", { amount: 5 }),
    ev("lab_contract", "coreweave", { gw: 0.5, price: 3, quarters: 4 }),
    ev("debt_raised", "coreweave", { holder: "apollo", amount: 6, kind: "gpu" }),
    ev("debt_raised", "meta", { holder: "market", amount: 20, kind: "bond" }),
    ev("shares_issued", "coreweave", { buyer: "nvidia", amount: 2, why: "vendor financing" }),
    ev("price", "nvidia", { before: 1, after: 2 }),
  ];
  it("sums deals per (from, to, kind) in the direction the money goes", () => {
    const links = flowLinks(events);
    expect(links.find((l) => l.kind === "chips")).toEqual({ from: "coreweave", to: "nvidia", kind: "chips", amount: 21, count: 2 });
    expect(links.find((l) => l.kind === "compute")).toMatchObject({ from: "labs", to: "coreweave", amount: 6 });
    expect(links.find((l) => l.to === "meta")).toMatchObject({ from: "market", kind: "loan", amount: 20 });
    expect(links).toHaveLength(6);
  });
  it("finds the circular deals: chipmaker → labs → neocloud → chipmaker, and the vendor-financing pair", () => {
    const loops = findLoops(flowLinks(events));
    expect(loops).toContainEqual(["coreweave", "nvidia", "labs"]);
    expect(loops).toContainEqual(["coreweave", "nvidia"]);
    const edges = loopEdges(loops);
    expect(edges.has("nvidia>labs")).toBe(true);
    expect(edges.has("market>meta")).toBe(false);
  });
});

describe("seatBook", () => {
  it("gives a seat its debts, collateral, quotes, P&L and a default sheet the schema accepts", () => {
    const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
    const g0 = createGame(setup, DEFAULT_SEATS.map((profile) => ({ profile })), 7);
    const g = resolveRound(setup, g0, {}).state;
    for (const c of g.companies) {
      const b = seatBook(g, c.id);
      expect(b.company).toBe(c.id);
      expect(OrderSheet.safeParse(b.defaultSheet).success).toBe(true);
      expect(b.debts.every((d) => g.debts.some((x) => x.id === d.id && x.borrower === c.id))).toBe(true);
      expect(JSON.parse(JSON.stringify(b))).toEqual(b);
      if (c.role === "lender") expect(b.quotes).toEqual({});
      else expect(b.quotes.bond).toBeDefined();
    }
    const cw = seatBook(g, "coreweave");
    expect(cw.gpu.lots).toBeGreaterThan(0);
    expect(cw.fab).toBeNull();
    expect(seatBook(g, "nvidia").fab?.capLots).toBeGreaterThan(0);
  });
});
