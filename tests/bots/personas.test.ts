// The bots' personalities and levels: at least three personas per role, each named and described
// in English and French, and a default persona for every company profile.
import { describe, expect, it } from "vitest";
import { seeds } from "../../seeds/index.ts";
import { LEVELS, LEVEL_TEXT, PERSONAS, ROLES, defaultPersona, personaById, personasOf } from "../../shared/src/index.ts";

describe("personas", () => {
  it("give every role at least three personas, with distinct ids", () => {
    for (const role of ROLES) expect(personasOf(role).length, role).toBeGreaterThanOrEqual(3);
    expect(new Set(PERSONAS.map((p) => p.id)).size).toBe(PERSONAS.length);
  });

  it("are named and described in English and French", () => {
    for (const p of PERSONAS) {
      for (const t of [p.name, p.description]) {
        expect(t.en.trim().length, p.id).toBeGreaterThan(3);
        expect(t.fr.trim().length, p.id).toBeGreaterThan(3);
        expect(t.fr).not.toBe(t.en);
      }
      expect(p.knobs.role).toBe(p.role);
    }
    const names = (lang: "en" | "fr") => new Set(PERSONAS.map((p) => p.name[lang]));
    expect(names("en").size).toBe(PERSONAS.length);
    expect(names("fr").size).toBe(PERSONAS.length);
  });

  it("include the ones the design names", () => {
    const ids = PERSONAS.map((p) => p.id);
    for (const id of ["volume-seller", "vendor-financier", "price-maximiser", "cash-builder", "debt-racer", "disciplined-monetiser", "land-grab", "contract-first", "cautious-renter", "yield-chaser", "cautious-underwriter", "hedger"]) expect(ids).toContain(id);
  });

  it("have easy, normal and hard levels, described in both languages", () => {
    expect([...LEVELS]).toEqual(["easy", "normal", "hard"]);
    for (const l of LEVELS) for (const t of [LEVEL_TEXT[l].name, LEVEL_TEXT[l].description]) expect(t.en && t.fr).toBeTruthy();
  });

  it("give every profile a default persona of its own role", () => {
    for (const p of Object.values(seeds.profiles)) expect(defaultPersona({ role: p.role, profile: p.id, tags: p.tags }).role).toBe(p.role);
    expect(defaultPersona({ role: "hyperscaler", profile: "microsoft", tags: [] }).id).toBe("cash-builder");
    expect(defaultPersona({ role: "neocloud", profile: "coreweave", tags: [] }).id).toBe("land-grab");
    expect(() => personaById("nope")).toThrow(/unknown persona "nope"/);
  });
});
