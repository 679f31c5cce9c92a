// Zod schemas of a seat's order sheet and of the bilateral offers in it. The server validates
// every message with these same schemas; the engine then checks what needs the state (ids, roles).
import { z } from "zod";

const Id = z.string().min(1).max(40);
const Money = (max: number) => z.number().finite().min(0).max(max);
const Quarters = z.number().int().min(2).max(40);

export const ChipBuy = z
  .object({
    from: Id,
    lots: z.number().int().min(0).max(100),
    /** Fraction of the price paid in the buyer's new shares (vendor financing), at most the seller's offer. */
    sharesPct: z.number().min(0).max(0.5).default(0),
  })
  .strict();

export const Borrow = z
  .object({
    /** bond: fixed coupon, sold to the bond market; bank: floating bank loan; gpu: floating, secured on GPUs, LTV covenant. */
    kind: z.enum(["bond", "bank", "gpu"]),
    amount: Money(200).refine((v) => v > 0, "must be more than 0"),
    quarters: Quarters,
  })
  .strict();

export const Repay = z.object({ debt: Id, amount: Money(500).refine((v) => v > 0, "must be more than 0") }).strict();

export const Build = z
  .object({
    gw: z.number().min(0).max(5),
    /** Fund the build through an off-balance-sheet private-credit vehicle (hyperscalers only). */
    spv: z.boolean().default(false),
  })
  .strict();

export const LabContract = z.object({ gw: z.number().min(0).max(5), quarters: z.number().int().min(4).max(20) }).strict();

const OfferBase = { id: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, "1–16 letters, digits, - or _"), to: Id };
export const Offer = z.discriminatedUnion("kind", [
  /** A lender offers a loan to a borrower. */
  z
    .object({
      ...OfferBase,
      kind: z.literal("loan"),
      loan: z.enum(["gpu", "bank"]),
      amount: Money(100).refine((v) => v > 0, "must be more than 0"),
      spread: z.number().min(0).max(0.2),
      maxLtv: z.number().min(0.3).max(0.9).default(0.75),
      quarters: Quarters,
    })
    .strict(),
  /** A take-or-pay compute contract: the proposer sells `gw` of compute to `to` at `price` per GW-quarter. */
  z
    .object({
      ...OfferBase,
      kind: z.literal("contract"),
      gw: z.number().min(0.1).max(5),
      price: z.number().min(0.5).max(10),
      quarters: z.number().int().min(2).max(20),
    })
    .strict(),
  /** A chipmaker sells lots outside its list, partly paid in the buyer's shares. */
  z
    .object({
      ...OfferBase,
      kind: z.literal("chipSale"),
      lots: z.number().int().min(1).max(50),
      price: z.number().min(0.5).max(10),
      sharesPct: z.number().min(0).max(0.5),
    })
    .strict(),
  /** The proposer buys newly issued shares of `to` for `amount` at the current price. */
  z.object({ ...OfferBase, kind: z.literal("stake"), amount: Money(100).refine((v) => v > 0, "must be more than 0") }).strict(),
  /** A chipmaker promises to buy up to `gw` of `to`'s unsold capacity at `price` per GW-quarter. */
  z
    .object({
      ...OfferBase,
      kind: z.literal("backstop"),
      gw: z.number().min(0.1).max(5),
      price: z.number().min(0.5).max(10),
      quarters: z.number().int().min(2).max(28),
    })
    .strict(),
]);
export type Offer = z.infer<typeof Offer>;

const Common = {
  offers: z.array(Offer).max(8).default([]),
  /** Global ids ("<proposer>/<offer id>") of offers addressed to this seat that it accepts. */
  accept: z.array(z.string().max(60)).max(16).default([]),
  borrow: z.array(Borrow).max(4).default([]),
  repay: z.array(Repay).max(8).default([]),
};

export const ChipmakerSheet = z
  .object({
    role: z.literal("chipmaker"),
    /** List price per lot for the NEXT quarter (buyers always see the price they pay). */
    listPrice: z.number().min(1).max(10),
    /** Lots offered this quarter, at most the fab capacity. */
    supply: z.number().int().min(0).max(200),
    fabInvest: Money(50).default(0),
    /** Share of the list price any buyer may pay in its own new shares. */
    vendorPct: z.number().min(0).max(0.5).default(0),
    /** Cash invested into the AI labs for a stake in them. */
    labInvest: Money(50).default(0),
    /** Shares of other companies bought on the market, $B. */
    stakes: z.array(z.object({ target: Id, amount: Money(50) }).strict()).max(8).default([]),
    buyback: Money(100).default(0),
    dividend: Money(50).default(0),
    ...Common,
  })
  .strict();

export const HyperscalerSheet = z
  .object({
    role: z.literal("hyperscaler"),
    chips: z.array(ChipBuy).max(4).default([]),
    build: Build.default({ gw: 0, spv: false }),
    labContract: LabContract.optional(),
    issueEquity: Money(100).default(0),
    buyback: Money(100).default(0),
    dividend: Money(50).default(0),
    ...Common,
  })
  .strict();

export const NeocloudSheet = z
  .object({
    role: z.literal("neocloud"),
    chips: z.array(ChipBuy).max(4).default([]),
    build: Build.default({ gw: 0, spv: false }),
    labContract: LabContract.optional(),
    issueEquity: Money(50).default(0),
    buyback: Money(20).default(0),
    ...Common,
  })
  .strict();

export const LenderSheet = z
  .object({
    role: z.literal("lender"),
    /** Buy a company's bonds from the market at par, $B. */
    bonds: z.array(z.object({ issuer: Id, amount: Money(50) }).strict()).max(8).default([]),
    /** Sell a fraction of a loan's credit risk to outside investors for a quarterly premium. */
    srt: z.array(z.object({ debt: Id, fraction: z.number().min(0.05).max(0.9) }).strict()).max(8).default([]),
    /** Open a short of `amount` $B of a company's shares. */
    shorts: z.array(z.object({ target: Id, amount: Money(50) }).strict()).max(8).default([]),
    /** Buy back a fraction of an open short. */
    cover: z.array(z.object({ target: Id, fraction: z.number().min(0).max(1) }).strict()).max(8).default([]),
    lpRaise: Money(50).default(0),
    lpReturn: Money(50).default(0),
    ...Common,
  })
  .strict();

export const OrderSheet = z.discriminatedUnion("role", [ChipmakerSheet, HyperscalerSheet, NeocloudSheet, LenderSheet]);
export type OrderSheet = z.infer<typeof OrderSheet>;
export type OrderSheetInput = z.input<typeof OrderSheet>;
export type ChipmakerSheet = z.infer<typeof ChipmakerSheet>;
export type HyperscalerSheet = z.infer<typeof HyperscalerSheet>;
export type NeocloudSheet = z.infer<typeof NeocloudSheet>;
export type LenderSheet = z.infer<typeof LenderSheet>;

/** All seats' sheets for one round, keyed by company id; a missing seat plays its default sheet. */
export const RoundOrders = z.record(z.string(), OrderSheet);
export type RoundOrders = z.infer<typeof RoundOrders>;
