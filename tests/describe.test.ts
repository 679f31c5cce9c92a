// The reasons the engine gives for a share-price move read in both languages.
import { describe as suite, expect, it } from "vitest";
import { describeWhy } from "../shared/src/index.ts";
import { seeds } from "../seeds/index.ts";

suite("why a price moved", () => {
  it("tells every announcement the engine makes in English and French", () => {
    expect(describeWhy("a new debt issue", "fr")).toBe("une nouvelle émission de dette");
    expect(describeWhy("margin call on GPU-backed debt", "en")).toBe("a margin call on GPU-backed debt");
    expect(describeWhy("vendor financing from nvidia", "fr", { nvidia: "Nvidia" })).toBe("financement fournisseur de Nvidia");
    expect(describeWhy("card:bubble-survey", "fr", {}, seeds.cards)).toBe("Actualité: 54 % voient une bulle (Xpert.Digital)");
  });
});
