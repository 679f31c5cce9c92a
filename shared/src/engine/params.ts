// The model's constants in one place, so the bot tournament can calibrate them. Units: $B, GW, quarters.
export const P = {
  lotGw: 0.1,
  /** Data-center shell + power per GW, $B (chips are 60–70 % of a data center's cost, XPD). */
  shellCostPerGw: 15,
  buildQuarters: 3,
  shellLifeQ: 40,
  /** Running cost per GW-quarter (power, data-center leases, staff), $B: about a quarter of the reference compute price. */
  opexPerGwQ: 0.9,
  /** Value a lot keeps per generation it is behind. */
  obsolescence: 0.65,
  /** Compute price elasticity to demand/supply, and its bounds relative to the reference price. */
  priceElasticity: 0.9,
  priceFloor: 0.25,
  priceCap: 1.7,
  referenceComputePrice: 3.4,
  /** Labs sign contracts at a discount to spot. */
  labContractDiscount: 0.1,
  /** GPU spot: partial adjustment per quarter toward its earning value, and impact of forced sales. */
  spotAdjust: 0.5,
  /** Fraction the spot price falls per lot dumped, relative to a normal quarter's secondary-market depth. */
  forcedSaleImpact: 0.025,
  spotFloor: 0.3,
  spiralMaxIterations: 12,
  /** Cash a company keeps aside before paying margin calls from it. */
  minCashBuffer: 0.2,
  /** Equity risk premium and long-run growth for the earnings multiple. */
  equityPremium: 0.05,
  longGrowth: 0.03,
  priceAdjust: 0.55,
  /** Share prices do not fall below this fraction of net asset value (distressed stocks trade below book). */
  assetFloor: 0.8,
  priceNoise: 0.03,
  flowImpact: 1.5,
  /** Recovery on data-center shells sold in a default, fraction of book. */
  dcRecovery: 0.5,
  shortFeeAnnual: 0.02,
  issueDiscount: 0.05,
  buybackPremium: 0.02,
  /** LP money follows yields and hype: quarterly flow bounds as a fraction of NAV. */
  lpFlowMax: 0.06,
  /** Spread widening at zero hype (stress premium), decimal: investment grade and high yield. */
  igStress: 0.012,
  hyStress: 0.05,
  fabLotCost: 2.5,
  fabDelay: 2,
  ratingSpreads: [0.5, 0.8, 1.25, 0.8, 1.0, 1.7] as const,
  /** Net debt ÷ annual EBITDA thresholds for AA, A, BBB, BB, B; above is CCC. */
  ratingBands: [1, 2, 3, 4.5, 6] as const,
} as const;

export const RATINGS = ["AA", "A", "BBB", "BB", "B", "CCC"] as const;
export type Rating = (typeof RATINGS)[number];
