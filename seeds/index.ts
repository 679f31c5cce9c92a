// The embedded game data, validated at load: importing this module throws a SeedError naming
// the file and the path inside it if any file is wrong.
import { loadSeeds } from "../shared/src/seeds.ts";
import cards from "./cards.json" with { type: "json" };
import profiles from "./profiles.json" with { type: "json" };
import labs from "./labs.json" with { type: "json" };
import boom from "./scenarios/boom-2025.json" with { type: "json" };
import rateShock from "./scenarios/rate-shock.json" with { type: "json" };
import softLanding from "./scenarios/soft-landing.json" with { type: "json" };

export const seeds = loadSeeds({
  cards: { file: "seeds/cards.json", data: cards },
  profiles: { file: "seeds/profiles.json", data: profiles },
  labs: { file: "seeds/labs.json", data: labs },
  scenarios: [
    { file: "seeds/scenarios/boom-2025.json", data: boom },
    { file: "seeds/scenarios/rate-shock.json", data: rateShock },
    { file: "seeds/scenarios/soft-landing.json", data: softLanding },
  ],
});

export const DEFAULT_SCENARIO = "boom-2025";

/** The default 8-seat market: two seats per role, so no role is favoured by numbers. */
export const DEFAULT_SEATS = ["nvidia", "amd", "microsoft", "meta", "coreweave", "fluidstack", "blue-owl", "apollo"];

/**
 * The seats `npm run sim` plays by default: the sources' fragile borrowers (Oracle, debt-funded with
 * two thirds of its future revenue from one customer; CoreWeave and Fluidstack, borrowing against
 * their GPUs) facing a disciplined hyperscaler (Alphabet), with both chipmakers, a private-credit fund
 * (Apollo) and the bank that hedges (Deutsche Bank). With Microsoft or Meta seated, their bots rent the
 * neoclouds' capacity on take-or-pay and carry them through the boom-2025 bust: customer concentration
 * cuts both ways.
 */
export const STORY_SEATS = ["nvidia", "amd", "alphabet", "oracle", "coreweave", "fluidstack", "apollo", "deutsche-bank"];
