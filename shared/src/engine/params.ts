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
  forcedSaleImpact: 0.06,
  /** The same for a defaulter's whole fleet dumped at once. */
  liquidationImpact: 0.2,
  /** Lots the secondary GPU market absorbs in a quarter, as a share of all lots in the game (at least 10). */
  secondaryDepth: 0.06,
  spotFloor: 0.3,
  spiralMaxIterations: 12,
  /** Cash a company keeps aside before paying margin calls from it (at least; a quarter's running costs and interest if more). */
  minCashBuffer: 0.2,
  /** Equity risk premium and long-run growth for the earnings multiple. */
  equityPremium: 0.05,
  /** The long rate equities are discounted at: longRateWeight × the benchmark + the rest × neutralRate. */
  longRateWeight: 0.2,
  neutralRate: 0.035,
  longGrowth: 0.03,
  priceAdjust: 0.55,
  /** Weight of the latest quarter in the smoothed earnings and revenue growth the market values. */
  earningsSmoothing: 0.2,
  growthSmoothing: 0.4,
  /** The earnings multiple grows with revenue growth: × clamp(1 + growthWeight × growth, growthFloor, growthCap). */
  growthWeight: 3,
  growthFloor: 0.85,
  growthCap: 2,
  /** The AI labs in distress cut the compute they want by this share a quarter, and drain the hype by these points. */
  labsDistressCut: 0.15,
  labsDistressHype: 3,
  /** Above 65 the hype is pulled down by this share of the excess a quarter: the doubts of a bubble grow with it. */
  hypeFroth: 0.1,
  /** Below 30 the hype is pulled back up by this share of the gap a quarter: bargain hunters, the bust bottoms out. */
  hypeFloorPull: 0.5,
  /**
   * Hype points a quarter per unit of demand growth above the scenario's published path (the game's
   * hidden draw and the cards' lasting demand shocks): 0.01 a quarter ahead of the path adds 2 points
   * every quarter it lasts, 0.01 behind takes 2. Whether the AI demand comes decides the boom.
   */
  demandSurpriseHype: 200,
  /** The boom falters (conditional cards, see news.ts) when utilisation is below this or the hype below falteringHype; idle capacity disappoints the hype below it too. */
  falteringUtilisation: 0.9,
  falteringHype: 45,
  /** How far the hype moves valuations: at an AI exposure of 1, hype 80 lifts them ×1.6 and hype 20 cuts them ×0.63. */
  sentimentSwing: 0.78,
  /** Share prices do not fall below this fraction of net asset value (distressed stocks trade below book). */
  assetFloor: 0.8,
  priceNoise: 0.03,
  flowImpact: 1.5,
  /** Recovery on data-center shells sold in a default, fraction of book. */
  dcRecovery: 0.5,
  shortFeeAnnual: 0.02,
  /** Funds mark the fixed-rate bonds they hold to the benchmark: duration is the years left, at most this. */
  maxDurationYears: 7,
  /** The high-yield market shuts (no junk bonds, no bank facilities for funds) at this spread. */
  hyShut: 0.075,
  /** A fund borrows from banks against its loan book (back-leverage) up to this multiple of its NAV,
   * at the investment-grade spread plus fundFacilitySpread. */
  fundFacilityMax: 1,
  fundFacilitySpread: 0.015,
  /** A fund short of cash sells loans and bonds at their marks less this discount: private credit is
   * opaque and illiquid, hard to sell in a crisis (XPD). */
  loanFireSale: 0.15,
  /** A fund takes up syndicated debt of one borrower up to this share of its NAV. */
  fundMaxExposure: 0.3,
  /** Funds mark the debts they hold as credit spreads widen (see creditMarkPerPar); GPU-backed loans at
   * least by what a fire sale of the collateral would not cover (spot value × fireSaleHaircut). */
  fireSaleHaircut: 0.85,
  creditMarkCap: 0.7,
  issueDiscount: 0.05,
  buybackPremium: 0.02,
  /** LP money follows yields and hype: quarterly flow bounds as a fraction of NAV. */
  lpFlowMax: 0.06,
  /** Spread widening at zero hype (stress premium), decimal: investment grade and high yield. */
  igStress: 0.012,
  hyStress: 0.05,
  fabLotCost: 12,
  /** Price reaction when a chipmaker's orders exceed its supply and last quarter's orders: × that new excess (share of supply, at most 100 %) × hype/50. */
  backlogCheer: 0.4,
  fabDelay: 2,
  ratingSpreads: [0.5, 0.8, 1.25, 0.8, 1.0, 1.7] as const,
  /** Net debt ÷ annual EBITDA thresholds for AA, A, BBB, BB, B; above is CCC. */
  ratingBands: [1, 2, 3, 4.5, 6] as const,
} as const;

export const RATINGS = ["AA", "A", "BBB", "BB", "B", "CCC"] as const;
export type Rating = (typeof RATINGS)[number];
