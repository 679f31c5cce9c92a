// The news phase: which cards a round deals, and what each card's effects do to the state.
import type { BoomState, Effect, Target } from "../schemas/seeds.ts";
import type { Ctx, Rules } from "./context.ts";
import { clamp, r9 } from "./money.ts";
import { P } from "./params.ts";
import type { Rng } from "./rng.ts";
import type { Company, GameState } from "./types.ts";

/**
 * The boom falters when the capacity stands idle or the hype has run low: the state a scheduled
 * card can wait for (the labs' revenue miss is news only when there is a miss to report).
 */
export function boomState(s: GameState): BoomState {
  return s.macro.utilisation < P.falteringUtilisation || s.macro.hype < P.falteringHype ? "faltering" : "holding";
}

/**
 * The cards of round `round` (1-based), dealt from state `s` as the round opens: the scenario's
 * schedule (a conditional entry's cards or its `otherwise`), plus one drawn from its pool by chance.
 */
export function dealCards(rules: Rules, round: number, rng: Rng, s: GameState): string[] {
  const { scenario } = rules;
  const cards: string[] = [];
  const state = boomState(s);
  for (const e of scenario.schedule) {
    if (e.round !== round) continue;
    if (e.when === undefined || e.when === state) cards.push(...e.cards);
    else cards.push(...(e.otherwise ?? []));
  }
  const { chance, pool } = scenario.random;
  const roll = rng.next();
  const pick = rng.next();
  if (pool.length > 0 && roll < chance) {
    const candidates = pool.filter((id) => !cards.includes(id));
    if (candidates.length > 0) cards.push(candidates[Math.floor(pick * candidates.length)]);
  }
  return cards;
}

export function matches(c: Company, t: Target): boolean {
  if (t.role !== undefined && c.role !== t.role) return false;
  if (t.tag !== undefined && !c.tags.includes(t.tag)) return false;
  if (t.profile !== undefined && c.profile !== t.profile) return false;
  return true;
}

function targets(s: GameState, t: Target): Company[] {
  return s.companies.filter((c) => !c.bankrupt && matches(c, t));
}

export function applyCards(ctx: Ctx): void {
  const s = ctx.state;
  for (const id of s.news) {
    const card = ctx.rules.cards[id];
    if (!card) throw new Error(`unknown card ${id}`);
    ctx.event("card", "news", undefined, { card: id, mechanism: card.mechanism, source: `${card.source.outlet}, ${card.source.date}` });
    for (const e of card.effects) applyEffect(ctx, e, id);
  }
}

function applyEffect(ctx: Ctx, e: Effect, card: string): void {
  const s = ctx.state;
  const mac = s.macro;
  switch (e.kind) {
    case "rate":
      mac.rateShock = r9(mac.rateShock + e.delta);
      break;
    case "spread":
      mac.igShock = r9(mac.igShock + e.ig);
      mac.hyShock = r9(mac.hyShock + e.hy);
      mac.igSpread = r9(Math.max(0.002, mac.igSpread + e.ig));
      mac.hySpread = r9(Math.max(0.01, mac.hySpread + e.hy));
      break;
    case "hype":
      mac.hype = r9(clamp(mac.hype + e.delta, 0, 100));
      break;
    case "demand":
      mac.demandGw = r9(mac.demandGw * (1 + e.pct));
      break;
    case "demandGrowth":
      mac.demandGrowthShock = r9(mac.demandGrowthShock + e.delta);
      break;
    case "labsRevenue":
      s.labs.revenue = r9(Math.max(0, s.labs.revenue * (1 + e.pct)));
      break;
    // Cards speak of the reference market; a smaller or bigger market feels them in proportion.
    case "labsFunding": {
      const a = e.amount * s.scale;
      if (a >= 0) ctx.transfer("market", "labs", a, `card:${card}`);
      else ctx.transfer("labs", "market", Math.min(-a, Math.max(0, s.labs.cash)), `card:${card}`);
      break;
    }
    case "labsCommitments":
      s.labs.commitmentsGw = r9(Math.max(0, s.labs.commitmentsGw + e.gw * s.scale));
      break;
    case "delay":
      for (const b of s.builds) {
        const owner = ctx.co(b.owner);
        if (!owner.bankrupt && matches(owner, e.target)) {
          b.ready += e.quarters;
          ctx.event("build_delayed", "construction", b.owner, { build: b.id, gw: b.gw, quarters: e.quarters, ready: b.ready, card });
        }
      }
      break;
    case "energy":
      mac.energyFactor = r9(Math.max(0.1, mac.energyFactor * (1 + e.pct)));
      break;
    case "generation":
      mac.generation += 1;
      ctx.event("new_generation", "depreciation", undefined, { generation: mac.generation, card });
      break;
    case "gpuSpot":
      mac.gpuSpot = r9(Math.max(0.3, mac.gpuSpot * (1 + e.pct)));
      break;
    case "price":
      for (const c of targets(s, e.target)) c.news.push({ pct: e.pct, why: `card:${card}` });
      break;
    case "credibility":
      for (const c of targets(s, e.target)) c.credibility = r9(clamp(c.credibility + e.delta, 0, 1));
      break;
    case "creditAppetite":
      mac.creditAppetite = r9(clamp(mac.creditAppetite * (1 + e.pct), 0.1, 3));
      break;
    case "lpFlows":
      mac.lpShock = r9(mac.lpShock + e.pct);
      break;
    case "srtPremium":
      mac.srtPremiumFactor = r9(clamp(mac.srtPremiumFactor * (1 + e.pct), 0.2, 5));
      break;
  }
}
