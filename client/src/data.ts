// Game data the client shows (texts and sources): the cards, company blurbs, scenario names.
import cardsFile from "../../seeds/cards.json";
import profilesFile from "../../seeds/profiles.json";
import boom from "../../seeds/scenarios/boom-2025.json";
import rateShock from "../../seeds/scenarios/rate-shock.json";
import softLanding from "../../seeds/scenarios/soft-landing.json";
import type { Card } from "../../shared/src/schemas/seeds.ts";

export const CARDS: Record<string, Card> = Object.fromEntries((cardsFile.cards as unknown as Card[]).map((c) => [c.id, c]));

export interface ProfileInfo {
  id: string;
  name: string;
  role: string;
  model: string;
  blurb: { en: string; fr: string };
}
export const PROFILES: Record<string, ProfileInfo> = Object.fromEntries(
  (profilesFile.profiles as unknown as ProfileInfo[]).map((p) => [p.id, { id: p.id, name: p.name, role: p.role, model: p.model, blurb: p.blurb }]),
);

export interface ScenarioInfo {
  id: string;
  name: { en: string; fr: string };
  description: { en: string; fr: string };
  rounds: number;
  start: { year: number; quarter: number };
}
export const SCENARIOS: ScenarioInfo[] = [boom, rateShock, softLanding].map((s) => ({ id: s.id, name: s.name, description: s.description, rounds: s.rounds, start: s.start }));

export function scenarioInfo(id: string): ScenarioInfo | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
