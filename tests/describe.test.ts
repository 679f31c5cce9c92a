// The reasons the engine gives for a share-price move read in both languages.
import { describe as suite, expect, it } from "vitest";
import { describeWhy } from "../shared/src/index.ts";
import { describeDefaultReason, describeQuoteWhy } from "../shared/src/describe.ts";
import { seeds } from "../seeds/index.ts";

suite("why a price moved", () => {
  it("tells every announcement the engine makes in English and French", () => {
    expect(describeWhy("a new debt issue", "fr")).toBe("une nouvelle émission de dette");
    expect(describeWhy("margin call on GPU-backed debt", "en")).toBe("a margin call on GPU-backed debt");
    expect(describeWhy("vendor financing from nvidia", "fr", { nvidia: "Nvidia" })).toBe("financement fournisseur de Nvidia");
    expect(describeWhy("card:bubble-survey", "fr", {}, seeds.cards)).toBe("Actualité: 54 % voient une bulle (Xpert.Digital)");
  });
});

suite("why the market would not lend, and why a company defaulted", () => {
  it("tells in French every refusal and default reason that bot games produce", async () => {
    const { playGame } = await import("../shared/src/index.ts");
    const { STORY_SEATS } = await import("../seeds/index.ts");
    const { describe: tell } = await import("../shared/src/describe.ts");
    const reasons = new Set<string>();
    const sentences: string[] = [];
    for (const id of ["boom-2025", "rate-shock"]) {
      for (const seed of [1, 2, 3]) {
        const g = playGame({ ...seeds, scenario: seeds.scenarios[id] }, STORY_SEATS.map((profile) => ({ profile })), seed);
        for (const e of g.events) {
          if (e.type !== "default" && e.type !== "borrow_refused" && e.type !== "maturity_missed") continue;
          reasons.add(`${e.type}: ${String(e.data.reason)}`);
          sentences.push(tell(e, "fr", {}, seeds.cards) ?? "");
        }
      }
    }
    // Enough of them to mean something: defaults of all kinds and refusals.
    expect([...reasons].filter((r) => r.startsWith("default")).length).toBeGreaterThanOrEqual(2);
    expect([...reasons].filter((r) => r.startsWith("borrow_refused")).length).toBeGreaterThanOrEqual(1);
    // No English reason is left in the French sentences.
    for (const s of sentences) expect(s).not.toMatch(/\b(could not|no one|matured|enough|leverage too|banks lend|market is shut|stopped lending|fully drawn)\b/);
  });

  it("translates the reasons it knows and leaves an unknown one as written", () => {
    expect(describeQuoteWhy("the high-yield market is shut", "fr")).toBe("le marché du haut rendement est fermé");
    expect(describeDefaultReason("ran out of cash (short by 1.25 $B) and no one would lend", "fr")).toBe("à court de trésorerie (il manque 1,25 Md$) et personne ne prête");
    expect(describeDefaultReason("bond d24 matured and no one would refinance it (rated CCC: no bond buyers)", "fr")).toBe("la dette d24 (obligation) est arrivée à échéance sans refinancement (noté CCC : aucun acheteur d'obligations)");
    expect(describeQuoteWhy("something new", "fr")).toBe("something new");
  });
});
