// Money is in $ billions as float64. Amounts are rounded to $1,000 (1e-6 $B) after each
// operation so totals stay exact enough to balance and print, and no float drift piles up.
export const EPS = 1e-6;

export function m(x: number): number {
  if (!Number.isFinite(x)) throw new Error(`non-finite amount: ${x}`);
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r; // no -0 in the state
}

/** Rates, prices and ratios keep 1e-9 precision. */
export function r9(x: number): number {
  if (!Number.isFinite(x)) throw new Error(`non-finite value: ${x}`);
  const r = Math.round(x * 1e9) / 1e9;
  return r === 0 ? 0 : r;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
