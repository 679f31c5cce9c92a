// The private-credit lender's policy: whom to lend to, on what covenant, how much risk to sell on,
// and when to short the AI names.
import type { LenderSheet, Offer } from "../schemas/orders.ts";
import { gpuDebt, gpuValue, marketSpread, nav, onBalanceDebt, ratingIndex } from "../engine/accounts.ts";
import { marketQuote } from "../engine/lending.ts";
import type { Company, GameState } from "../engine/types.ts";
import type { LenderKnobs } from "./personas.ts";
import { r2, r4, type Signals, type Tilt } from "./read.ts";

export function lenderSheet(s: GameState, c: Company, k: LenderKnobs, sig: Signals, tilt: Tilt): LenderSheet {
  const sheet: LenderSheet = { role: "lender", bonds: [], srt: [], shorts: [], cover: [], lpRaise: 0, lpReturn: 0, offers: [], accept: [], borrow: [], repay: [] };
  const mac = s.macro;
  const n = Math.max(1, nav(s, c));
  let free = Math.max(0, c.cash - 0.05 * n);
  const lending = sig.naive || (sig.hype <= k.maxHype && !sig.labsDistressed);
  const offers: Offer[] = [];
  if (lending && tilt.risk > 0) {
    const neos = s.companies.filter((x) => x.role === "neocloud" && !x.bankrupt);
    // An easy bot chases the yield whatever its persona: half again as much against GPUs.
    const gpuBudget = free * k.gpuShare * tilt.risk * (sig.naive ? 1.5 : 1);
    for (const b of neos) {
      const value = gpuValue(b, mac);
      // Room under the covenant it offers, less a margin so the loan does not start in breach.
      const room = (sig.naive ? k.gpuLtv : k.gpuLtv * 0.92) * value - gpuDebt(s, b.id);
      const amount = Math.min(room, gpuBudget / neos.length, 15);
      if (amount < 0.3) continue;
      offers.push({ id: `gpu${offers.length}`, to: b.id, kind: "loan", loan: "gpu", amount: r2(amount), spread: r4(Math.min(0.2, mac.hySpread + k.gpuSpread)), maxLtv: k.gpuLtv, quarters: k.gpuQuarters });
      free -= amount;
    }
    const ig = s.companies.filter((x) => x.role === "hyperscaler" && !x.bankrupt && (sig.naive || ratingIndex(s, x) <= 2));
    const bankBudget = free * k.bankShare * tilt.risk;
    for (const b of ig) {
      if (offers.length >= 8) break;
      const amount = Math.min(bankBudget / ig.length, 15);
      if (amount < 0.5) continue;
      offers.push({ id: `bank${offers.length}`, to: b.id, kind: "loan", loan: "bank", amount: r2(amount), spread: r4(Math.min(0.2, marketSpread(s, b) + 0.006)), maxLtv: 0.75, quarters: 12 });
      free -= amount;
    }
    // Back-leverage: draw the bank facility up to the persona's share of NAV and buy bonds with it.
    // Borrowed money left idle costs more than it earns: draw only once the cash is placed.
    const issuers = k.junkBonds ? [...ig, ...neos] : ig;
    const bondable = issuers.filter((x) => s.debts.some((d) => d.borrower === x.id && d.kind === "bond" && d.holder === "market"));
    const line = marketQuote(s, c, "bank");
    const placed = c.cash < 0.25 * n;
    const draw = line.ok && placed && bondable.length > 0 ? Math.min(line.limit, k.leverage * tilt.risk * n - onBalanceDebt(s, c.id)) : 0;
    if (draw >= 1) sheet.borrow.push({ kind: "bank", amount: r2(Math.min(200, draw)), quarters: 8 });
    const bondBudget = free * k.bondShare * tilt.risk + Math.max(0, draw);
    // Spread over up to four issuers, a different first one each quarter.
    const picks = Math.min(4, bondable.length);
    for (let i = 0; i < picks && bondBudget > 1; i++) {
      const pick = bondable[(s.round + c.seat + i) % bondable.length];
      // No more in one issuer than the persona's concentration limit.
      let held = 0;
      for (const d of s.debts) if (d.holder === c.id && d.borrower === pick.id) held += d.principal;
      const amount = Math.min(50, bondBudget / picks, k.issuerCap * n - held);
      if (amount >= 0.5) sheet.bonds.push({ issuer: pick.id, amount: r2(amount) });
    }
  } else {
    // Not lending any more: pay the bank facility down with the spare cash.
    let spare = Math.max(0, c.cash - 0.05 * n);
    for (const d of s.debts) {
      if (spare < 0.1 || sheet.repay.length >= 8) break;
      if (d.borrower !== c.id) continue;
      const a = Math.min(spare, d.principal);
      if (r2(a) <= 0) continue;
      sheet.repay.push({ debt: d.id, amount: r2(a) });
      spare -= a;
    }
  }
  sheet.offers = offers;
  if (k.srt > 0 && !sig.naive) {
    for (const d of s.debts) {
      if (sheet.srt.length >= 8) break;
      if (d.holder !== c.id || d.kind !== "gpu" || s.srts.some((t) => t.debt === d.id)) continue;
      sheet.srt.push({ debt: d.id, fraction: k.srt });
    }
  }
  // Shorts: the AI names (chipmakers and neoclouds) when the hype runs hot; cover in the bust.
  const shorted = new Set(s.shorts.filter((x) => x.holder === c.id).map((x) => x.target));
  if (k.shortShare > 0 && tilt.edge > 0 && sig.hype >= k.shortHype && (sig.naive || sig.hypeTrend <= 2)) {
    const targets = s.companies.filter((x) => !x.bankrupt && (x.role === "neocloud" || x.role === "chipmaker") && !shorted.has(x.id));
    const each = (k.shortShare * tilt.edge * n) / Math.max(1, targets.length);
    for (const t of targets.slice(0, 8)) if (each > 0.1) sheet.shorts.push({ target: t.id, amount: r2(Math.min(50, each)) });
  }
  if (!sig.naive && shorted.size > 0 && sig.hype <= k.coverHype) for (const t of shorted) sheet.cover.push({ target: t, fraction: 1 });
  if (k.lpRaise > 0 && sig.boom) sheet.lpRaise = r2(Math.min(50, n * k.lpRaise));
  return sheet;
}
