// Checks of an order sheet that need the game state (the shapes are checked by zod first).
// Every problem names the field and what is allowed; a sheet with any problem is refused whole.
import { OrderSheet, type OrderSheetInput } from "../schemas/orders.ts";
import type { GameState } from "./types.ts";

export interface OrderIssue {
  company: string;
  path: string;
  message: string;
}

export class OrderError extends Error {
  readonly issues: OrderIssue[];
  constructor(issues: OrderIssue[]) {
    super(issues.map((i) => `${i.company}: ${i.path}: ${i.message}`).join("; "));
    this.name = "OrderError";
    this.issues = issues;
  }
}

/**
 * Sheets that already passed the zod parse. They are deep-frozen, so their shape cannot change
 * afterwards and a second check (the server checks on arrival, the engine again at resolution)
 * can skip the parse; the checks against the state always run.
 */
const parsedSheets = new WeakSet<object>();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

/** Keys set to undefined are dropped: the sheet is kept in the state, which must round-trip through JSON. */
function dropUndefined<T>(x: T): T {
  if (Array.isArray(x)) for (const v of x) dropUndefined(v);
  else if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (o[k] === undefined) delete o[k];
      else dropUndefined(o[k]);
    }
  }
  return x;
}

/** The zod parse of a sheet, once: a sheet already parsed (frozen) is not parsed again by checkSheet. */
export function parseShape(input: unknown): ReturnType<typeof OrderSheet.safeParse> {
  if (input && typeof input === "object" && parsedSheets.has(input)) return { success: true, data: input as OrderSheet } as ReturnType<typeof OrderSheet.safeParse>;
  const r = OrderSheet.safeParse(input);
  if (r.success) parsedSheets.add(deepFreeze(dropUndefined(r.data)));
  return r;
}

/** Parses and checks one seat's sheet. Returns the parsed sheet or the list of issues. */
export function checkSheet(
  state: GameState,
  companyId: string,
  input: unknown,
): { ok: true; sheet: OrderSheet } | { ok: false; issues: OrderIssue[] } {
  const parsed = parseShape(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ company: companyId, path: i.path.join(".") || "(sheet)", message: i.message })),
    };
  }
  const sheet = parsed.data;
  const issues: OrderIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ company: companyId, path, message });
  const me = state.companies.find((c) => c.id === companyId);
  if (!me) return { ok: false, issues: [{ company: companyId, path: "(seat)", message: `no company "${companyId}" in this game` }] };
  if (me.bankrupt) bad("(seat)", `${me.name} is bankrupt and can no longer place orders`);
  if (sheet.role !== me.role) bad("role", `this seat is a ${me.role}; the sheet says ${sheet.role}`);
  const alive = (id: string) => state.companies.find((c) => c.id === id && !c.bankrupt);
  // For the messages only: most sheets have no problem, so the list is made when one is found.
  const others = () => state.companies.filter((c) => !c.bankrupt && c.id !== me.id).map((c) => c.id).join(", ");

  if (sheet.role === "chipmaker" && me.fab && sheet.supply > me.fab.capLots) {
    bad("supply", `at most the fab capacity of ${me.fab.capLots} lots this quarter`);
  }
  if (sheet.role === "hyperscaler" || sheet.role === "neocloud") {
    for (let i = 0; i < sheet.chips.length; i++) {
      const o = sheet.chips[i];
      const seller = alive(o.from);
      if (!seller || seller.role !== "chipmaker")
        bad(`chips.${i}.from`, `must be a chipmaker in this game: ${state.companies.filter((c) => c.role === "chipmaker" && !c.bankrupt).map((c) => c.id).join(", ") || "none"}`);
      else if (seller.fab && o.sharesPct > seller.fab.vendorPct + 1e-9)
        bad(`chips.${i}.sharesPct`, `${seller.name} accepts at most ${(seller.fab.vendorPct * 100).toFixed(0)} % in shares this quarter`);
    }
    if (sheet.role === "neocloud" && sheet.build.spv) bad("build.spv", "only hyperscalers can fund a build off balance sheet");
  }
  if (sheet.role === "chipmaker") {
    for (let i = 0; i < sheet.stakes.length; i++) {
      const st = sheet.stakes[i];
      const t = alive(st.target);
      if (!t || t.id === me.id || t.role === "lender") bad(`stakes.${i}.target`, `must be another listed company: ${others()}`);
    }
  }
  if (sheet.role === "lender") {
    for (let i = 0; i < sheet.bonds.length; i++) {
      const b = sheet.bonds[i];
      if (!alive(b.issuer) || b.issuer === me.id) bad(`bonds.${i}.issuer`, `must be a company in this game: ${others()}`);
    }
    for (let i = 0; i < sheet.srt.length; i++) {
      const t = sheet.srt[i];
      if (!state.debts.some((d) => d.id === t.debt && d.holder === me.id)) bad(`srt.${i}.debt`, "must be a loan or bond your fund holds");
    }
    for (let i = 0; i < sheet.shorts.length; i++) {
      const t = sheet.shorts[i];
      const c = alive(t.target);
      if (!c || c.role === "lender") bad(`shorts.${i}.target`, "must be a listed company (not a fund)");
    }
    for (let i = 0; i < sheet.cover.length; i++) {
      const t = sheet.cover[i];
      if (!state.shorts.some((k) => k.holder === me.id && k.target === t.target)) bad(`cover.${i}.target`, "you have no short on that company");
    }
  }
  for (let i = 0; i < sheet.repay.length; i++) {
    const r = sheet.repay[i];
    if (!state.debts.some((d) => d.id === r.debt && d.borrower === me.id && !d.offBalance)) bad(`repay.${i}.debt`, "must be one of your own on-balance-sheet debts");
  }
  if (sheet.role === "lender") {
    for (let i = 0; i < sheet.borrow.length; i++) {
      const b = sheet.borrow[i];
      if (b.kind !== "bank") bad(`borrow.${i}.kind`, `a fund borrows only from its banks (kind "bank"), against its loan book; not "${b.kind}"`);
    }
  }
  const seen = new Set<string>();
  for (let i = 0; i < sheet.offers.length; i++) {
    const o = sheet.offers[i];
    if (seen.has(o.id)) bad(`offers.${i}.id`, `offer id "${o.id}" is used twice`);
    seen.add(o.id);
    const to = alive(o.to);
    if (!to || to.id === me.id) {
      bad(`offers.${i}.to`, `must be another company in this game: ${others()}`);
      continue;
    }
    const need = (roles: string[], who: "you" | "they", what: string) => {
      const r = who === "you" ? me.role : to.role;
      if (!roles.includes(r)) bad(who === "you" ? `offers.${i}.kind` : `offers.${i}.to`, what);
    };
    if (o.kind === "loan") {
      need(["lender"], "you", "only lenders offer loans");
      need(["hyperscaler", "neocloud", "chipmaker"], "they", "loans go to a hyperscaler, neocloud or chipmaker");
    } else if (o.kind === "contract") {
      need(["hyperscaler", "neocloud"], "you", "only companies with data centers sell compute");
      need(["hyperscaler", "neocloud"], "they", "compute is sold to a hyperscaler or a neocloud");
    } else if (o.kind === "chipSale" || o.kind === "backstop") {
      need(["chipmaker"], "you", "only chipmakers sell chips or give backstops");
      need(o.kind === "backstop" ? ["neocloud"] : ["hyperscaler", "neocloud"], "they", o.kind === "backstop" ? "backstops protect a neocloud" : "chips are sold to hyperscalers and neoclouds");
    } else if (o.kind === "stake") {
      need(["hyperscaler", "neocloud"], "they", "stakes are bought in a hyperscaler or a neocloud");
      need(["chipmaker", "hyperscaler", "lender"], "you", "stakes are bought by chipmakers, hyperscalers or lenders");
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, sheet };
}

/** Checks that every accepted offer exists in the round's sheets and is addressed to the acceptor. */
export function checkAccepts(sheets: Record<string, OrderSheet>): OrderIssue[] {
  const issues: OrderIssue[] = [];
  for (const [id, sh] of Object.entries(sheets)) {
    sh.accept.forEach((key, i) => {
      const [from, offerId] = key.split("/");
      const offer = sheets[from]?.offers.find((o) => o.id === offerId);
      if (!offer) issues.push({ company: id, path: `accept.${i}`, message: `no offer "${key}" this round (ids look like "<company>/<offer id>")` });
      else if (offer.to !== id) issues.push({ company: id, path: `accept.${i}`, message: `offer "${key}" is addressed to ${offer.to}, not to you` });
    });
  }
  return issues;
}

export type { OrderSheetInput };
