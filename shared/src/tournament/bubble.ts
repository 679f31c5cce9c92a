// Lab-market bubble measures of share prices against fundamental value, as defined by Stöckl,
// Huber and Kirchler (2010), "Bubble measures in experimental asset markets", Experimental
// Economics 13: relative deviation (RD), relative absolute deviation (RAD), amplitude, turnover.

export interface BubbleMeasures {
  /** (1/N) Σ (P_t − FV_t) / |FV̄|: average over- (+) or under-pricing, as a share of mean fundamental value. */
  rd: number;
  /** (1/N) Σ |P_t − FV_t| / |FV̄|: average mispricing either way. */
  rad: number;
  /** max_t (P_t − FV_t)/|FV̄| − min_t (P_t − FV_t)/|FV̄|: the swing of mispricing over the game. */
  amplitude: number;
}

/** Measures for one asset's price and fundamental paths (same length, periods 1..N). Null if undefined. */
export function bubbleMeasures(prices: readonly number[], fundamentals: readonly number[]): BubbleMeasures | null {
  const n = Math.min(prices.length, fundamentals.length);
  if (n === 0) return null;
  let fv = 0;
  for (let t = 0; t < n; t++) fv += fundamentals[t];
  fv = Math.abs(fv / n);
  if (!(fv > 1e-9)) return null;
  let rd = 0;
  let rad = 0;
  let hi = -Infinity;
  let lo = Infinity;
  for (let t = 0; t < n; t++) {
    const d = (prices[t] - fundamentals[t]) / fv;
    rd += d;
    rad += Math.abs(d);
    if (d > hi) hi = d;
    if (d < lo) lo = d;
  }
  return { rd: rd / n, rad: rad / n, amplitude: hi - lo };
}

/** Σ_t q_t / TSO: shares traded over the game as a share of the shares outstanding. */
export function turnover(sharesTraded: number, sharesOutstanding: number): number {
  return sharesOutstanding > 0 ? sharesTraded / sharesOutstanding : 0;
}
