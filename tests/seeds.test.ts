// The embedded data loads and covers the sources; a bad file fails with its name, the path inside
// it and what was expected.
import { describe, expect, it } from "vitest";
import { loadSeeds, SeedError, SOURCE_CODES } from "../shared/src/index.ts";
import { seeds } from "../seeds/index.ts";
import cards from "../seeds/cards.json" with { type: "json" };
import profiles from "../seeds/profiles.json" with { type: "json" };
import labs from "../seeds/labs.json" with { type: "json" };
import boom from "../seeds/scenarios/boom-2025.json" with { type: "json" };

const raw = () => ({
  cards: { file: "seeds/cards.json", data: structuredClone(cards) as unknown },
  profiles: { file: "seeds/profiles.json", data: structuredClone(profiles) as unknown },
  labs: { file: "seeds/labs.json", data: structuredClone(labs) as unknown },
  scenarios: [{ file: "seeds/scenarios/boom-2025.json", data: structuredClone(boom) as unknown }],
});

function failure(f: () => unknown): SeedError {
  try {
    f();
  } catch (e) {
    if (e instanceof SeedError) return e;
    throw e;
  }
  throw new Error("expected a SeedError");
}

describe("seed data", () => {
  it("has the three scenarios, 24+ cards in both languages with sources, and every real-world model", () => {
    expect(Object.keys(seeds.scenarios).sort()).toEqual(["boom-2025", "rate-shock", "soft-landing"]);
    expect(seeds.scenarios["boom-2025"].rounds).toBe(12);
    expect(seeds.deck.length).toBeGreaterThanOrEqual(24);
    for (const c of seeds.deck) {
      expect(c.title.en).not.toBe(c.title.fr);
      expect(SOURCE_CODES).toContain(c.source.code);
    }
    const ids = Object.keys(seeds.profiles);
    for (const id of ["nvidia", "amd", "microsoft", "meta", "alphabet", "amazon", "oracle", "coreweave", "pimco", "blue-owl", "apollo", "deutsche-bank"]) expect(ids).toContain(id);
    expect(Object.keys(seeds.labs)).toContain("openai");
    // Every source document is used by at least one card.
    expect(new Set(seeds.deck.map((c) => c.source.code))).toEqual(new Set(SOURCE_CODES));
  });

  it("names the file, the path and the expectation when a card is malformed", () => {
    const r = raw();
    (r.cards.data as { cards: { title: { fr?: string } }[] }).cards[3].title.fr = undefined;
    const e = failure(() => loadSeeds(r));
    expect(e.file).toBe("seeds/cards.json");
    expect(e.problems.join("\n")).toMatch(/at cards\.3\.title\.fr: .*expected string/i);
  });

  it("refuses a scenario that schedules an unknown card, or a negative rate", () => {
    const r = raw();
    (r.scenarios[0].data as { schedule: { cards: string[] }[] }).schedule[0].cards.push("no-such-card");
    expect(failure(() => loadSeeds(r)).message).toMatch(/seeds\/scenarios\/boom-2025\.json[\s\S]*unknown card "no-such-card"/);
    const r3 = raw();
    (r3.scenarios[0].data as { schedule: unknown[] }).schedule.push({ round: 5, cards: ["labs-revenue-miss"], when: "faltering", otherwise: ["labs-raise", "no-such-news"] });
    expect(failure(() => loadSeeds(r3)).message).toMatch(/seeds\/scenarios\/boom-2025\.json[\s\S]*otherwise\.1: unknown card "no-such-news"/);
    const r4 = raw();
    (r4.scenarios[0].data as { schedule: { otherwise?: string[] }[] }).schedule[0].otherwise = ["labs-raise"];
    expect(failure(() => loadSeeds(r4)).problems.join("\n")).toMatch(/otherwise.*needs a `when`/);
    const r2 = raw();
    (r2.scenarios[0].data as { benchmarkPath: number[] }).benchmarkPath[1] = -0.01;
    expect(failure(() => loadSeeds(r2)).problems.join("\n")).toMatch(/at benchmarkPath\.1: .*>=\s*0/);
  });

  it("refuses a chipmaker without a fab and an unknown field", () => {
    const r = raw();
    const ps = (r.profiles.data as { profiles: Record<string, unknown>[] }).profiles;
    delete ps.find((p) => p.id === "nvidia")!.fab;
    expect(failure(() => loadSeeds(r)).problems.join("\n")).toMatch(/a chipmaker needs a fab/);
    const r2 = raw();
    (r2.profiles.data as { profiles: Record<string, unknown>[] }).profiles[0].cashh = 3;
    expect(failure(() => loadSeeds(r2)).problems.join("\n")).toMatch(/cashh/);
  });
});
