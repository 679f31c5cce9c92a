// Numbers as players read them: $B, %, prices; French uses a decimal comma.
import { lang } from "./i18n.ts";

function dec(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "—";
  const s = x.toFixed(digits);
  return lang.value === "fr" ? s.replace(".", ",") : s;
}

/** $B amounts: "$12.3B" / "12,3 Md$". */
export function bn(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  const v = Math.abs(x) >= 100 ? dec(Math.abs(x), 0) : dec(Math.abs(x), digits);
  const sign = x < 0 && Number(v.replace(",", ".")) !== 0 ? "−" : "";
  return lang.value === "fr" ? `${sign}${v} Md$` : `${sign}$${v}B`;
}

/** Fractions as percents: 0.0433 → "4.33 %". */
export function pct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  return `${dec(x * 100, digits)} %`;
}

/** A signed percent change: "+3.2 %". */
export function signedPct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  return `${x >= 0 ? "+" : "−"}${dec(Math.abs(x) * 100, digits)} %`;
}

/** A share price: "$187.00" (2 digits below 100, none above 1000). */
export function money(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const v = dec(x, x >= 1000 ? 0 : 2);
  return lang.value === "fr" ? `${v} $` : `$${v}`;
}

export function num(x: number, digits = 1): string {
  return dec(x, digits);
}

/** "2025 Q3" for a round, from the scenario's start. */
export function quarterLabel(round: number, start: { year: number; quarter: number } | undefined): string {
  if (!start || round < 1) return "";
  const q0 = start.quarter - 1 + (round - 1);
  const y = start.year + Math.floor(q0 / 4);
  const q = (q0 % 4) + 1;
  return lang.value === "fr" ? `T${q} ${y}` : `${y} Q${q}`;
}
