// Offers: the ones addressed to me (accept / reject, with the LTV a GPU loan would leave me at),
// the ones I sent (status, withdraw), and a form for a new one, checked with the shared schema.
import { useState } from "preact/hooks";
import { Offer } from "../../../shared/src/schemas/orders.ts";
import { covenantStatus, ltvAfterLoan } from "../../../shared/src/preview/sheet.ts";
import { t } from "../i18n.ts";
import { bn, pct } from "../format.ts";
import { request } from "../net.ts";
import { book, companyNames, myCompany, myPrivate, mySeat, notice, state } from "../store.ts";
import type { OfferJ } from "../types.ts";
import { NumField, RoleBadge, SelectField, Term } from "./common.tsx";

type Kind = "loan" | "contract" | "chipSale" | "stake" | "backstop";

/** Which offers a role proposes, and to which roles (the server checks again). */
const KINDS: Record<string, { kind: Kind; to: string[] }[]> = {
  lender: [
    { kind: "loan", to: ["hyperscaler", "neocloud", "chipmaker"] },
    { kind: "stake", to: ["hyperscaler", "neocloud"] },
  ],
  chipmaker: [
    { kind: "chipSale", to: ["hyperscaler", "neocloud"] },
    { kind: "backstop", to: ["neocloud"] },
    { kind: "stake", to: ["hyperscaler", "neocloud"] },
  ],
  hyperscaler: [
    { kind: "contract", to: ["hyperscaler", "neocloud"] },
    { kind: "stake", to: ["hyperscaler", "neocloud"] },
  ],
  neocloud: [{ kind: "contract", to: ["hyperscaler", "neocloud"] }],
};

function parse(o: OfferJ): Record<string, unknown> {
  try {
    return JSON.parse(o.json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** One line saying what an offer is. */
export function describeOffer(o: Record<string, unknown>): string {
  switch (o.kind) {
    case "loan":
      return `${t("offer_loan")} ${o.loan === "gpu" ? "GPU" : ""} ${bn(Number(o.amount))} · ${t("spread")} ${pct(Number(o.spread), 2)} · ${o.loan === "gpu" ? `${t("max_ltv")} ${pct(Number(o.maxLtv ?? 0.75), 0)} · ` : ""}${o.quarters} q`;
    case "contract":
      return `${t("offer_contract")} ${Number(o.gw)} GW × ${bn(Number(o.price))} · ${o.quarters} q`;
    case "chipSale":
      return `${t("offer_chipSale")} ${o.lots} × ${bn(Number(o.price))} · ${pct(Number(o.sharesPct), 0)} ${t("in_shares")}`;
    case "stake":
      return `${t("offer_stake")} ${bn(Number(o.amount))}`;
    case "backstop":
      return `${t("offer_backstop")} ${Number(o.gw)} GW × ${bn(Number(o.price))} · ${o.quarters} q`;
    default:
      return String(o.kind);
  }
}

function statusText(s: string) {
  return s === "accepted" ? t("st_accepted") : s === "rejected" ? t("st_rejected") : t("st_open");
}

export function Offers() {
  const s = state.value!;
  const priv = myPrivate.value;
  const seat = mySeat.value;
  const co = myCompany.value;
  const b = book.value;
  const names = companyNames.value;
  if (!seat || !co) return <p class="empty">{t("no_seat_orders")}</p>;
  const open = s.phase === "decide" && !co.bankrupt;
  const answer = async (key: string, yes: boolean) => {
    const r = await request(yes ? "acceptOffer" : "rejectOffer", { key });
    if (!r.ok) notice.value = { kind: "error", text: r.error?.message ?? "refused" };
  };
  const withdraw = async (id: string) => {
    const r = await request("withdrawOffer", { id });
    if (!r.ok) notice.value = { kind: "error", text: r.error?.message ?? "refused" };
  };
  const incoming = priv?.offersIn ?? [];
  const outgoing = priv?.offersOut ?? [];
  return (
    <div class="offers">
      {!open && <p class="hint">{t("offers_closed")}</p>}
      <section aria-labelledby="in-h">
        <h2 class="panel-title" id="in-h">
          {t("offers_in")}
        </h2>
        {incoming.length === 0 && <p class="empty">{t("no_offers_in")}</p>}
        <ul class="offer-list">
          {incoming.map((o) => {
            const d = parse(o);
            const from = s.companies.find((c) => c.id === o.from);
            let ltvNote = "";
            let bad = false;
            if (d.kind === "loan" && d.loan === "gpu" && b) {
              const after = ltvAfterLoan(b.gpu, Number(d.amount));
              const lim = Number(d.maxLtv ?? 0.75);
              bad = covenantStatus(after, lim) === "breach";
              ltvNote = t("your_ltv_after", { ltv: Number.isFinite(after) ? pct(after) : "∞", lim: pct(lim, 0) }) + (bad ? ` — ${t("ltv_too_high")}` : "");
            }
            return (
              <li key={o.key} class={`offer ${o.status}`} data-testid="offer-in">
                <div class="offer-from">
                  {from && <RoleBadge role={from.role} withLabel={false} />} <strong>{names[o.from] ?? o.from}</strong>
                  <span class={`status ${o.status}`}>{statusText(o.status)}</span>
                </div>
                <div class="offer-what">{describeOffer(d)}</div>
                {ltvNote && <div class={bad ? "warn" : "hint"}><Term k="ltv" /> — {ltvNote}</div>}
                {open && (
                  <div class="offer-actions">
                    <button type="button" class="primary" disabled={o.status === "accepted"} onClick={() => void answer(o.key, true)}>
                      {t("accept")}
                    </button>
                    <button type="button" class="secondary" disabled={o.status === "rejected"} onClick={() => void answer(o.key, false)}>
                      {t("reject")}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="out-h">
        <h2 class="panel-title" id="out-h">
          {t("offers_out")}
        </h2>
        {outgoing.length === 0 && <p class="empty">{t("no_offers_out")}</p>}
        <ul class="offer-list">
          {outgoing.map((o) => (
            <li key={o.key} class={`offer ${o.status}`} data-testid="offer-out">
              <div class="offer-from">
                → <strong>{names[o.to] ?? o.to}</strong>
                <span class={`status ${o.status}`}>{statusText(o.status)}</span>
              </div>
              <div class="offer-what">{describeOffer(parse(o))}</div>
              {open && (
                <button type="button" class="small ghost" onClick={() => void withdraw(o.id)}>
                  {t("withdraw")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {open && <NewOffer role={co.role} me={co.id} count={outgoing.length} round={s.round} />}
    </div>
  );
}

function NewOffer({ role, me, count, round }: { role: string; me: string; count: number; round: number }) {
  const s = state.value!;
  const kinds = KINDS[role] ?? [];
  const [kind, setKind] = useState<Kind>(kinds[0]?.kind ?? "contract");
  const [fields, setFields] = useState<Record<string, number | string>>({});
  const [to, setTo] = useState("");
  const [serverErr, setServerErr] = useState("");
  if (kinds.length === 0) return <p class="hint">{t("no_offer_kinds")}</p>;
  const spec = kinds.find((k) => k.kind === kind) ?? kinds[0];
  const targets = s.companies.filter((c) => !c.bankrupt && c.id !== me && spec.to.includes(c.role));
  const target = targets.find((c) => c.id === to)?.id ?? targets[0]?.id ?? "";
  const defaults: Record<Kind, Record<string, number | string>> = {
    loan: { loan: "gpu", amount: 5, spread: 0.06, maxLtv: 0.75, quarters: 8 },
    contract: { gw: 0.5, price: 3, quarters: 8 },
    chipSale: { lots: 4, price: 3.5, sharesPct: 0.2 },
    stake: { amount: 2 },
    backstop: { gw: 0.5, price: 2.5, quarters: 8 },
  };
  const values = { ...defaults[spec.kind], ...fields };
  const id = `${spec.kind.slice(0, 4)}${round}n${count + 1}`;
  const offer = { id, to: target, kind: spec.kind, ...values };
  const parsed = Offer.safeParse(offer);
  const errs: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errs[i.path.join(".")] = i.message;
  const set = (k: string, v: number | string) => setFields({ ...fields, [k]: v });
  const nf = (k: string, label: preact.ComponentChildren, min: number, max: number, step: number, percent = false) => (
    <NumField id={`o-${k}`} label={label} value={Number(values[k])} min={min} max={max} step={step} percent={percent} stepper onValue={(v) => set(k, v)} error={errs[k]} />
  );
  const send = async (e: Event) => {
    e.preventDefault();
    if (!parsed.success) return;
    const r = await request("proposeOffer", { offer: parsed.data });
    if (r.ok) {
      setServerErr("");
      setFields({});
    } else setServerErr(r.error?.message ?? "refused");
  };
  return (
    <form class="new-offer card" onSubmit={send} aria-labelledby="new-h">
      <h2 class="panel-title" id="new-h">
        {t("new_offer")}
      </h2>
      <SelectField id="o-kind" label={t("kind")} value={spec.kind} options={kinds.map((k) => ({ value: k.kind, label: t(`offer_${k.kind}`) }))} onValue={(v) => { setKind(v as Kind); setFields({}); }} />
      <p class="hint">
        <Term k={({ loan: "covenant", contract: "takeorpay", chipSale: "vendor", stake: "circular", backstop: "backstop" } as const)[spec.kind]} />
      </p>
      <SelectField id="o-to" label={t("to")} value={target} options={targets.map((c) => ({ value: c.id, label: c.name }))} onValue={setTo} error={errs["to"]} />
      {spec.kind === "loan" && (
        <>
          <SelectField id="o-loan" label={t("loan_kind")} value={String(values.loan)} options={[{ value: "gpu", label: t("kind_gpu") }, { value: "bank", label: t("kind_bank") }]} onValue={(v) => set("loan", v)} />
          {nf("amount", t("amount"), 0, 100, 1)}
          {nf("spread", <Term k="spread" />, 0, 0.2, 0.005, true)}
          {values.loan === "gpu" && nf("maxLtv", <Term k="covenant">{t("max_ltv")}</Term>, 0.3, 0.9, 0.05, true)}
          {nf("quarters", t("for_quarters"), 2, 40, 1)}
        </>
      )}
      {(spec.kind === "contract" || spec.kind === "backstop") && (
        <>
          {nf("gw", t("gw"), 0.1, 5, 0.1)}
          {nf("price", t("price_per"), 0.5, 10, 0.1)}
          {nf("quarters", t("for_quarters"), 2, spec.kind === "backstop" ? 28 : 20, 1)}
        </>
      )}
      {spec.kind === "chipSale" && (
        <>
          {nf("lots", t("lots"), 1, 50, 1)}
          {nf("price", t("price_lot"), 0.5, 10, 0.1)}
          {nf("sharesPct", <Term k="vendor">{t("in_shares")}</Term>, 0, 0.5, 0.05, true)}
        </>
      )}
      {spec.kind === "stake" && nf("amount", t("amount"), 0, 100, 1)}
      {serverErr && (
        <div class="err" role="alert">
          {t("refused")} {serverErr}
        </div>
      )}
      <button type="submit" class="secondary" data-testid="send-offer" disabled={!parsed.success || !target}>
        {t("send_offer")}
      </button>
    </form>
  );
}
