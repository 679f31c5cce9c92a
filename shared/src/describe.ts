// Events told in a sentence, in English and French, for reports, logs and the simulator's story.
import type { Card } from "./schemas/seeds.ts";
import type { GameEvent } from "./engine/events.ts";

export type Lang = "en" | "fr";

const pct = (x: unknown, lang: Lang) => `${(Number(x) * 100).toFixed(1).replace(".", lang === "fr" ? "," : ".")} %`;
const bn = (x: unknown, lang: Lang) => `${Number(x).toFixed(2).replace(".", lang === "fr" ? "," : ".")} ${lang === "fr" ? "Md$" : "$B"}`;
const n2 = (x: unknown, lang: Lang) => Number(x).toFixed(2).replace(".", lang === "fr" ? "," : ".");

/** `name` turns a company id in the event's data into its name. */
type Teller = (e: GameEvent, lang: Lang, who: string, name: (id: unknown) => string) => string | null;

/** A debt's kind in words. */
const KIND: Record<string, Record<Lang, string>> = {
  bond: { en: "bond", fr: "obligation" },
  bank: { en: "bank loan", fr: "prêt bancaire" },
  gpu: { en: "GPU-backed loan", fr: "prêt gagé sur GPU" },
  spv: { en: "off-balance-sheet vehicle", fr: "véhicule hors bilan" },
};
const kind = (x: unknown, lang: Lang) => KIND[String(x)]?.[lang] ?? String(x);

const T: Record<string, Teller> = {
  card: (e, l) => (l === "en" ? `News: ${e.data.card} (${e.data.source})` : `Actualité : ${e.data.card} (${e.data.source})`),
  chips_sold: (e, l, who, name) =>
    l === "en"
      ? `${who} sold ${e.data.lots} lots to ${name(e.data.buyer)} at ${n2(e.data.price, l)} $B a lot${Number(e.data.inShares) > 0 ? `, ${bn(e.data.inShares, l)} of it paid in shares` : ""}`
      : `${who} a vendu ${e.data.lots} lots à ${name(e.data.buyer)} à ${n2(e.data.price, l)} Md$ le lot${Number(e.data.inShares) > 0 ? `, dont ${bn(e.data.inShares, l)} payés en actions` : ""}`,
  chips_rationed: (e, l, who) =>
    l === "en" ? `${who} had orders for ${e.data.asked} lots but only ${e.data.supply} to sell: buyers were rationed pro rata` : `${who} avait ${e.data.asked} lots commandés pour ${e.data.supply} disponibles : rationnement au prorata`,
  vendor_financing: (e, l, who, name) =>
    l === "en" ? `Circular deal: ${who} took ${bn(e.data.inShares, l)} of ${name(e.data.buyer)}'s new shares as payment for chips` : `Accord circulaire : ${who} a accepté ${bn(e.data.inShares, l)} d'actions nouvelles de ${name(e.data.buyer)} en paiement de puces`,
  build_started: (e, l, who) =>
    l === "en" ? `${who} started ${n2(e.data.gw, l)} GW of data centers, ready in round ${e.data.ready}${e.data.spv ? " (off balance sheet)" : ""}` : `${who} lance ${n2(e.data.gw, l)} GW de centres de données, prêts au tour ${e.data.ready}${e.data.spv ? " (hors bilan)" : ""}`,
  build_delayed: (e, l, who) => (l === "en" ? `${who}'s build is delayed by ${e.data.quarters} quarters` : `Le chantier de ${who} prend ${e.data.quarters} trimestres de retard`),
  energy_rationed: (e, l) =>
    l === "en" ? `Energy bottleneck: ${n2(e.data.askedGw, l)} GW asked, ${n2(e.data.energyGw, l)} GW of grid available` : `Goulot énergétique : ${n2(e.data.askedGw, l)} GW demandés, ${n2(e.data.energyGw, l)} GW de réseau disponibles`,
  compute_cleared: (e, l) =>
    l === "en"
      ? `Compute market: utilisation ${pct(e.data.utilisation, l)}, price ${n2(e.data.price, l)} $B per GW-quarter`
      : `Marché du calcul : utilisation ${pct(e.data.utilisation, l)}, prix ${n2(e.data.price, l)} Md$ par GW-trimestre`,
  labs_missed_payment: (e, l) =>
    l === "en" ? `The AI labs could not pay: ${bn(e.data.shortfall, l)} of compute bills unpaid` : `Les labos d'IA n'ont pas pu payer : ${bn(e.data.shortfall, l)} de factures de calcul impayées`,
  lab_contract: (e, l, who) =>
    l === "en" ? `${who} signed a take-or-pay contract with the AI labs: ${n2(e.data.gw, l)} GW for ${e.data.quarters} quarters` : `${who} signe un contrat ferme avec les labos d'IA : ${n2(e.data.gw, l)} GW pour ${e.data.quarters} trimestres`,
  debt_raised: (e, l, who, name) => {
    // Private-credit funds take up part of what is raised from the market: say which lender.
    const from = e.data.holder && e.data.holder !== "market" ? (l === "en" ? ` from ${name(e.data.holder)}` : ` auprès de ${name(e.data.holder)}`) : "";
    return l === "en" ? `${who} borrowed ${bn(e.data.amount, l)} (${kind(e.data.kind, l)})${from} at ${pct(e.data.rate, l)}` : `${who} emprunte ${bn(e.data.amount, l)} (${kind(e.data.kind, l)})${from} à ${pct(e.data.rate, l)}`;
  },
  maturity_missed: (e, l, who) =>
    l === "en"
      ? `${who} could not repay or refinance debt ${e.data.debt}: ${bn(e.data.left, l)} left unpaid (${describeQuoteWhy(String(e.data.reason || "too large"), l)})`
      : `${who} n'a pu ni rembourser ni refinancer la dette ${e.data.debt} : ${bn(e.data.left, l)} impayés (${e.data.reason ? describeQuoteWhy(String(e.data.reason), l) : "trop gros"})`,
  borrow_refused: (e, l, who) =>
    l === "en" ? `${who} could not borrow (${kind(e.data.kind, l)}): ${describeQuoteWhy(String(e.data.reason), l)}` : `${who} n'a pas pu emprunter (${kind(e.data.kind, l)}) : ${describeQuoteWhy(String(e.data.reason), l)}`,
  refinanced: (e, l, who) =>
    l === "en" ? `${who} refinanced ${bn(e.data.amount, l)}: rate ${pct(e.data.rateBefore, l)} → ${pct(e.data.rateAfter, l)}` : `${who} refinance ${bn(e.data.amount, l)} : taux ${pct(e.data.rateBefore, l)} → ${pct(e.data.rateAfter, l)}`,
  margin_call: (e, l, who) =>
    l === "en"
      ? `Margin call on ${who}: LTV ${pct(e.data.ltv, l)} above its ${pct(e.data.maxLtv, l)} covenant; paid down ${bn(e.data.paidDown, l)}, sold ${e.data.lotsSold} GPU lots; GPU spot ${n2(e.data.spotBefore, l)} → ${n2(e.data.spotAfter, l)}`
      : `Appel de marge sur ${who} : LTV ${pct(e.data.ltv, l)} au-dessus du covenant de ${pct(e.data.maxLtv, l)} ; remboursé ${bn(e.data.paidDown, l)}, vendu ${e.data.lotsSold} lots de GPU ; prix spot ${n2(e.data.spotBefore, l)} → ${n2(e.data.spotAfter, l)}`,
  forced_sale: (e, l, who) =>
    l === "en" ? `${who} had to sell ${e.data.lots} GPU lots to pay its bills` : `${who} a dû vendre ${e.data.lots} lots de GPU pour payer ses factures`,
  default: (e, l, who) =>
    l === "en"
      ? `DEFAULT: ${who} — ${describeDefaultReason(String(e.data.reason), l)}. Creditors recovered ${bn(e.data.recovered, l)} and lost ${bn(e.data.creditorLosses, l)}`
      : `DÉFAUT : ${who} — ${describeDefaultReason(String(e.data.reason), l)}. Les créanciers récupèrent ${bn(e.data.recovered, l)} et perdent ${bn(e.data.creditorLosses, l)}`,
  backstop_called: (e, l, who, name) => (l === "en" ? `${who}'s backstop of ${name(e.data.protected)} was called: paid ${bn(e.data.paid, l)}` : `La garantie de ${who} sur ${name(e.data.protected)} est appelée : ${bn(e.data.paid, l)} versés`),
  backstop_paid: (e, l, who, name) => (l === "en" ? `${who} bought ${n2(e.data.gw, l)} GW of ${name(e.data.protected)}'s unsold capacity (backstop)` : `${who} rachète ${n2(e.data.gw, l)} GW de capacité invendue de ${name(e.data.protected)} (garantie)`),
  backstop_signed: (e, l, who, name) => (l === "en" ? `${name(e.data.provider)} promised to buy ${who}'s unsold capacity (backstop)` : `${name(e.data.provider)} promet de racheter la capacité invendue de ${who} (garantie)`),
  loans_sold: (e, l, who) =>
    l === "en"
      ? `${who} had to sell ${bn(e.data.sold, l)} of loans for ${bn(e.data.proceeds, l)} (${e.data.reason === "facility not rolled" ? "its bank line was not rolled" : "a cash shortfall"}): private credit is hard to sell in a crisis`
      : `${who} a dû céder ${bn(e.data.sold, l)} de prêts pour ${bn(e.data.proceeds, l)} (${e.data.reason === "facility not rolled" ? "sa ligne bancaire n'a pas été renouvelée" : "manque de trésorerie"}) : le crédit privé se vend mal en crise`,
  loan_loss: (e, l, who, name) => (l === "en" ? `${who} lost ${bn(e.data.loss, l)} on its loan to ${name(e.data.borrower)}` : `${who} perd ${bn(e.data.loss, l)} sur son prêt à ${name(e.data.borrower)}`),
  srt_payout: (e, l, who) => (l === "en" ? `${who}'s risk transfer paid out ${bn(e.data.amount, l)}` : `Le transfert de risque de ${who} lui rapporte ${bn(e.data.amount, l)}`),
  lab_investment: (e, l, who) => (l === "en" ? `${who} invested ${bn(e.data.amount, l)} in the AI labs` : `${who} investit ${bn(e.data.amount, l)} dans les labos d'IA`),
  new_generation: (e, l) => (l === "en" ? `A new GPU generation: older chips lose market value` : `Nouvelle génération de GPU : les anciennes puces perdent de la valeur`),
};

export function describe(e: GameEvent, lang: Lang, names: Record<string, string> = {}, cards: Record<string, Card> = {}): string | null {
  const who = e.company ? (names[e.company] ?? e.company) : "";
  if (e.type === "card" && cards[String(e.data.card)]) {
    const c = cards[String(e.data.card)];
    return `${lang === "en" ? "News" : "Actualité"}: ${c.title[lang]} — ${c.source.outlet}, ${c.source.date}`;
  }
  const t = T[e.type];
  return t ? t(e, lang, who, (id) => names[String(id)] ?? String(id)) : null;
}

/** Why the outside market will not lend (a quote's `why`, marketQuote in engine/lending.ts), in both languages. */
const QUOTE_WHY: Record<string, Record<Lang, string>> = {
  bankrupt: { en: "bankrupt", fr: "en faillite" },
  "private credit has stopped lending against GPUs": { en: "private credit has stopped lending against GPUs", fr: "le crédit privé ne prête plus contre des GPU" },
  "not enough GPU collateral": { en: "not enough GPU collateral", fr: "pas assez de GPU en garantie" },
  "rated CCC: no bond buyers": { en: "rated CCC: no bond buyers", fr: "noté CCC : aucun acheteur d'obligations" },
  "the high-yield market is shut": { en: "the high-yield market is shut", fr: "le marché du haut rendement est fermé" },
  "leverage too high for more bonds": { en: "leverage too high for more bonds", fr: "levier trop élevé pour de nouvelles obligations" },
  "banks lend only down to BB": { en: "banks lend only down to BB", fr: "les banques ne prêtent pas en dessous de BB" },
  "leverage too high for a bank loan": { en: "leverage too high for a bank loan", fr: "levier trop élevé pour un prêt bancaire" },
  "private credit will not fund this vehicle": { en: "private credit will not fund this vehicle", fr: "le crédit privé ne financera pas ce véhicule" },
  "a fund borrows only through a bank facility (a bank loan)": { en: "a fund borrows only through a bank facility (a bank loan)", fr: "un fonds n'emprunte que par une ligne bancaire (prêt bancaire)" },
  "banks have cut their lines to funds: credit is shut": { en: "banks have cut their lines to funds: credit is shut", fr: "les banques ont coupé leurs lignes aux fonds : le crédit est fermé" },
  "the fund's bank facility is fully drawn": { en: "the fund's bank facility is fully drawn", fr: "la ligne bancaire du fonds est entièrement tirée" },
};

/** A market refusal in the player's language (an unknown reason is shown as the engine wrote it). */
export function describeQuoteWhy(why: string, lang: Lang): string {
  return QUOTE_WHY[why]?.[lang] ?? why;
}

/** Why a company defaulted (the reasons engine/covenants.ts, service.ts and resolve.ts give), in the player's language. */
export function describeDefaultReason(reason: string, lang: Lang): string {
  if (lang === "en") return reason;
  let x = /^could not meet a margin call \(LTV ([\d.]+) > ([\d.]+)\)$/.exec(reason);
  if (x) return `n'a pas pu répondre à un appel de marge (LTV ${x[1].replace(".", ",")} > ${x[2].replace(".", ",")})`;
  if (reason === "still in breach after the spiral's last margin call") return "toujours en infraction après le dernier appel de marge de la spirale";
  if (reason === "the fund's net asset value fell to zero") return "la valeur liquidative du fonds est tombée à zéro";
  x = /^ran out of cash \(short by ([\d.]+) \$B\) and no one would lend$/.exec(reason);
  if (x) return `à court de trésorerie (il manque ${x[1].replace(".", ",")} Md$) et personne ne prête`;
  x = /^(\w+) (\w+) matured and no one would refinance it \((.*)\)$/.exec(reason);
  if (x) return `la dette ${x[2]} (${kind(x[1], lang)}) est arrivée à échéance sans refinancement (${x[3] === "too large" ? "trop grosse" : describeQuoteWhy(x[3], lang)})`;
  return reason;
}

/** The engine's reasons for a share-price move ("why" of an announcement), in the player's language. */
const WHY: Record<string, { en: string; fr: string }> = {
  "a new debt issue": { en: "a new debt issue", fr: "une nouvelle émission de dette" },
  "debt-funded capex with proven AI revenue": { en: "debt-funded capex with proven AI revenue", fr: "des investissements à crédit, avec des revenus d'IA prouvés" },
  "debt-funded capex without proven AI revenue": { en: "debt-funded capex without proven AI revenue", fr: "des investissements à crédit, sans revenus d'IA prouvés" },
  "equity issue dilutes holders": { en: "an equity issue dilutes the holders", fr: "une émission d'actions dilue les actionnaires" },
  "margin call on GPU-backed debt": { en: "a margin call on GPU-backed debt", fr: "un appel de marge sur la dette adossée aux GPU" },
  "orders beat supply": { en: "orders beat supply", fr: "les commandes dépassent l'offre" },
  "signed a compute contract with the AI labs": { en: "a compute contract signed with the AI labs", fr: "un contrat de calcul signé avec les labos d'IA" },
  "the AI labs failed to pay": { en: "the AI labs failed to pay", fr: "les labos d'IA n'ont pas payé" },
};
const WHY_FROM: Record<string, { en: string; fr: string }> = {
  "vendor financing": { en: "vendor financing from", fr: "financement fournisseur de" },
  stake: { en: "a stake from", fr: "une participation de" },
  backstop: { en: "a capacity backstop from", fr: "une garantie de capacité de" },
};

export function describeWhy(why: string, lang: Lang, names: Record<string, string> = {}, cards: Record<string, Card> = {}): string {
  const card = /^card:(.+)$/.exec(why);
  if (card && cards[card[1]]) return `${lang === "en" ? "News" : "Actualité"}: ${cards[card[1]].title[lang]} (${cards[card[1]].source.outlet})`;
  if (WHY[why]) return WHY[why][lang];
  const from = /^(vendor financing|stake|backstop) from (.+)$/.exec(why);
  if (from) return `${WHY_FROM[from[1]][lang]} ${names[from[2]] ?? from[2]}`;
  return why;
}
