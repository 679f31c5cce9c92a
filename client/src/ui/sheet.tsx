// The order sheet of the player's role: every move the engine allows, pre-filled with the default
// sheet (last quarter's operating choices), checked as you type with the shared zod schema, a
// preview of the effect (cash after, GPU LTV after) from shared/src/preview, and one-tap submit.
// The server's verdict (field by field) is shown inline too.
import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import type { z } from "zod";
import { OrderSheet } from "../../../shared/src/schemas/orders.ts";
import { previewSheet, type SheetDraft } from "../../../shared/src/preview/sheet.ts";
import { describeQuoteWhy } from "../../../shared/src/describe.ts";
import { errorText, lang, t } from "../i18n.ts";
import { bn, pct, quarterLabel } from "../format.ts";
import { scenarioInfo } from "../data.ts";
import { request } from "../net.ts";
import { book, companyNames, myCompany, myPrivate, mySeat, state } from "../store.ts";
import { CheckField, NumField, SelectField, Term } from "./common.tsx";

type Draft = Record<string, unknown> & SheetDraft & { role: string };

/** The sheet being edited, kept across tab switches: for which round, and whether it was sent. */
const draftState = signal<{ round: number; draft: Draft; sent: string } | null>(null);
const serverIssues = signal<Record<string, string>>({});

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function setAt(obj: Draft, path: (string | number)[], value: unknown): Draft {
  const out = clone(obj);
  let cur: Record<string | number, unknown> = out;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (cur[k] === undefined || cur[k] === null) cur[k] = typeof path[i + 1] === "number" ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return out;
}

/** A zod issue in the player's language. */
function issueText(i: z.core.$ZodIssue, percent: boolean): string {
  const scale = (n: unknown) => (percent ? `${Number(n) * 100} %` : String(n));
  switch (i.code) {
    case "too_big":
      return t("zod_too_big", { n: scale((i as { maximum: unknown }).maximum) });
    case "too_small":
      return t("zod_too_small", { n: scale((i as { minimum: unknown }).minimum) });
    case "invalid_type":
      return t("zod_number");
    default:
      if (i.message === "must be more than 0") return t("zod_positive");
      if (/integer|int/i.test(i.message)) return t("zod_int");
      return i.message || t("zod_other");
  }
}

const PERCENT_FIELDS = /(sharesPct|vendorPct|fraction)$/;

export function Sheet() {
  const s = state.value!;
  const seat = mySeat.value;
  const co = myCompany.value;
  const b = book.value;
  const priv = myPrivate.value;
  const [busy, setBusy] = useState(false);

  // A fresh draft each quarter: the sheet already sent this quarter, else the default sheet.
  useEffect(() => {
    if (!b || s.phase !== "decide") return;
    const cur = draftState.value;
    if (cur && cur.round === s.round) return;
    const sent = priv && priv.sheet.trim() && priv.sheetRound === s.round ? priv.sheet.trim() : "";
    const base = sent ? (JSON.parse(sent) as Draft) : (clone(b.defaultSheet) as Draft);
    draftState.value = { round: s.round, draft: base, sent };
    serverIssues.value = {};
  }, [s.round, s.phase, b?.round, priv?.sheetRound]);

  if (!seat) return <p class="empty">{t("no_seat_orders")}</p>;
  if (co?.bankrupt) return <p class="empty">{t("bankrupt_no_orders")}</p>;
  const ds = draftState.value;
  if (s.phase !== "decide" || !b || !ds || ds.round !== s.round) return <p class="empty">{t("orders_closed")}</p>;

  const draft = ds.draft;
  const role = draft.role;
  const update = (path: (string | number)[], v: unknown) => {
    draftState.value = { ...ds, draft: setAt(draft, path, v) };
    const key = path.join(".");
    if (serverIssues.value[key]) {
      const next = { ...serverIssues.value };
      delete next[key];
      serverIssues.value = next;
    }
  };
  const parsed = OrderSheet.safeParse(draft);
  const errors: Record<string, string> = { ...serverIssues.value };
  if (!parsed.success) for (const i of parsed.error.issues) {
    const key = i.path.join(".");
    if (!errors[key]) errors[key] = issueText(i, PERCENT_FIELDS.test(key));
  }
  const err = (...path: (string | number)[]) => errors[path.join(".")];
  const names = companyNames.value;
  const alive = s.companies.filter((c) => !c.bankrupt);
  const chipmakers = alive.filter((c) => c.role === "chipmaker");
  const preview = previewSheet(b, draft, chipmakers.map((c) => ({ id: c.id, listPrice: c.listPrice })), s.macro.gpuSpot);
  const sentNow = ds.sent !== "" && ds.sent === JSON.stringify(parsed.success ? parsed.data : null);

  const submit = async () => {
    if (!parsed.success) {
      serverIssues.value = { ...serverIssues.value };
      return;
    }
    setBusy(true);
    const sheet = { ...parsed.data, offers: [], accept: [] };
    const r = await request("submitSheet", { sheet });
    setBusy(false);
    if (r.ok) {
      draftState.value = { ...ds, sent: JSON.stringify(parsed.data) };
      serverIssues.value = {};
    } else {
      const map: Record<string, string> = {};
      for (const i of r.error?.issues ?? []) map[i.field.replace(/^sheet\.?/, "") || "(sheet)"] = i.message;
      if (Object.keys(map).length === 0) map["(sheet)"] = errorText(r.error);
      serverIssues.value = map;
    }
  };

  const money = (path: string, label: preact.ComponentChildren, max: number, hint?: preact.ComponentChildren) => (
    <NumField id={`f-${path}`} label={label} value={Number(draft[path] ?? 0)} min={0} max={max} step={1} stepper onValue={(v) => update([path], v)} error={err(path)} hint={hint} />
  );
  const rows = <T,>(key: string) => ((draft[key] as T[] | undefined) ?? []);
  const sheetErr = errors["(sheet)"] ?? errors["sheet"] ?? errors["role"];
  const quarter = quarterLabel(s.round, scenarioInfo(s.settings.scenario)?.start);

  return (
    <form class="sheet" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={`${t("orders_title")} ${quarter}`}>
      <h2 class="panel-title">
        {t("orders_title")} {quarter}
      </h2>
      <p class="hint">{t("orders_default_note")}</p>
      <div class="stats">
        <Stat label={t("cash")} value={bn(b.cash)} />
        <Stat label={t("debt")} value={bn(b.balance.debt)} />
        {b.gpu.lots > 0 && <Stat label="GPU" value={`${b.gpu.lots} ${t("lots_from")} · ${bn(b.gpu.value)}`} />}
        {b.gpu.maxLtv !== null && <Stat label={<Term k="ltv" />} value={`${pct(b.gpu.ltv)} / ${pct(b.gpu.maxLtv)}`} />}
        {role !== "lender" && role !== "chipmaker" && <Stat label="GW" value={`${b.dcGw.toFixed(1)}${b.builds.length ? ` (+${b.builds.reduce((a, x) => a + x.gw, 0).toFixed(1)})` : ""}`} />}
        {b.fund && <Stat label="NAV" value={bn(b.fund.nav)} />}
      </div>

      {role === "chipmaker" && (
        <>
          <fieldset>
            <legend>{t("sec_pricing")}</legend>
            <NumField id="f-listPrice" label={t("list_price")} value={Number(draft.listPrice)} min={1} max={10} step={0.1} stepper onValue={(v) => update(["listPrice"], v)} error={err("listPrice")} />
            <NumField id="f-supply" label={t("supply", { max: b.fab?.capLots ?? 0 })} value={Number(draft.supply)} min={0} max={b.fab?.capLots ?? 200} step={1} stepper onValue={(v) => update(["supply"], v)} error={err("supply")} />
            <NumField id="f-vendorPct" label={<Term k="vendor">{t("vendor_pct")}</Term>} value={Number(draft.vendorPct ?? 0)} min={0} max={0.5} step={0.05} percent stepper onValue={(v) => update(["vendorPct"], v)} error={err("vendorPct")} />
          </fieldset>
          <fieldset>
            <legend>{t("sec_invest")}</legend>
            {money("fabInvest", t("fab_invest"), 50)}
            {money("labInvest", <Term k="circular">{t("lab_invest")}</Term>, 50)}
            <RowList
              title={t("stakes")}
              rows={rows<{ target: string; amount: number }>("stakes")}
              max={8}
              make={() => ({ target: alive.find((c) => c.role === "neocloud" || c.role === "hyperscaler")?.id ?? "", amount: 1 })}
              onChange={(v) => update(["stakes"], v)}
              render={(row, i, set) => (
                <>
                  <SelectField id={`f-stakes-${i}-target`} label={t("target")} value={row.target} options={alive.filter((c) => c.id !== co?.id && c.role !== "lender").map((c) => ({ value: c.id, label: c.name }))} onValue={(v) => set({ ...row, target: v })} error={err("stakes", i, "target")} />
                  <NumField id={`f-stakes-${i}-amount`} label={t("amount")} value={row.amount} min={0} max={50} stepper onValue={(v) => set({ ...row, amount: v })} error={err("stakes", i, "amount")} />
                </>
              )}
            />
          </fieldset>
        </>
      )}

      {(role === "hyperscaler" || role === "neocloud") && (
        <>
          <fieldset>
            <legend>{t("sec_chips")}</legend>
            {chipmakers.map((c) => {
              const list = rows<{ from: string; lots: number; sharesPct?: number }>("chips");
              const i = list.findIndex((x) => x.from === c.id);
              const row = i >= 0 ? list[i] : { from: c.id, lots: 0, sharesPct: 0 };
              const set = (next: typeof row) => {
                const copy = [...list];
                if (i >= 0) copy[i] = next;
                else copy.push(next);
                update(["chips"], copy);
              };
              const idx = i >= 0 ? i : list.length;
              return (
                <div class="chip-row" key={c.id}>
                  <div class="chip-head">
                    <strong>{c.name}</strong> · {bn(c.listPrice)}
                    {t("per_lot")} · {c.vendorPct > 0 ? t("accepts_up_to", { pct: pct(c.vendorPct, 0) }) : t("no_vendor")}
                  </div>
                  <NumField id={`f-chips-${c.id}-lots`} label={t("lots")} value={row.lots} min={0} max={100} step={1} stepper onValue={(v) => set({ ...row, lots: v })} error={err("chips", idx, "lots") ?? err("chips", idx, "from")} />
                  {c.vendorPct > 0 && (
                    <NumField id={`f-chips-${c.id}-shares`} label={<Term k="vendor">{t("in_shares")}</Term>} value={row.sharesPct ?? 0} min={0} max={c.vendorPct} step={0.05} percent stepper onValue={(v) => set({ ...row, sharesPct: v })} error={err("chips", idx, "sharesPct")} />
                  )}
                </div>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>{t("sec_build")}</legend>
            <NumField id="f-build-gw" label={t("build_gw", { q: b.params.buildQuarters })} value={Number((draft.build as { gw: number } | undefined)?.gw ?? 0)} min={0} max={5} step={0.1} stepper onValue={(v) => update(["build", "gw"], v)} error={err("build", "gw")} />
            {role === "hyperscaler" && (
              <CheckField id="f-build-spv" label={<Term k="spv">{t("build_spv")}</Term>} checked={!!(draft.build as { spv?: boolean } | undefined)?.spv} onValue={(v) => update(["build", "spv"], v)} />
            )}
          </fieldset>
          <fieldset>
            <legend>{t("sec_lab")}</legend>
            <CheckField id="f-lab-on" label={<Term k="takeorpay">{t("lab_sign")}</Term>} checked={!!draft.labContract} onValue={(v) => update(["labContract"], v ? { gw: 0.5, quarters: 8 } : undefined)} />
            {!!draft.labContract && (
              <div class="row2">
                <NumField id="f-lab-gw" label={t("gw")} value={(draft.labContract as { gw: number }).gw} min={0} max={5} step={0.1} stepper onValue={(v) => update(["labContract", "gw"], v)} error={err("labContract", "gw")} />
                <NumField id="f-lab-q" label={t("for_quarters")} value={(draft.labContract as { quarters: number }).quarters} min={4} max={20} step={1} stepper onValue={(v) => update(["labContract", "quarters"], v)} error={err("labContract", "quarters")} />
              </div>
            )}
          </fieldset>
        </>
      )}

      {role === "lender" && (
        <>
          <fieldset>
            <legend>{t("sec_book")}</legend>
            <RowList
              title={t("bonds")}
              rows={rows<{ issuer: string; amount: number }>("bonds")}
              max={8}
              make={() => ({ issuer: alive.find((c) => c.role === "hyperscaler")?.id ?? "", amount: 2 })}
              onChange={(v) => update(["bonds"], v)}
              render={(row, i, set) => (
                <>
                  <SelectField id={`f-bonds-${i}-issuer`} label={t("target")} value={row.issuer} options={alive.filter((c) => c.id !== co?.id).map((c) => ({ value: c.id, label: c.name }))} onValue={(v) => set({ ...row, issuer: v })} error={err("bonds", i, "issuer")} />
                  <NumField id={`f-bonds-${i}-amount`} label={t("amount")} value={row.amount} min={0} max={50} stepper onValue={(v) => set({ ...row, amount: v })} error={err("bonds", i, "amount")} />
                </>
              )}
            />
            {b.loansHeld.length === 0 ? (
              <p class="hint">{t("no_loans")}</p>
            ) : (
              <RowList
                title={<Term k="srt">{t("srt")}</Term>}
                rows={rows<{ debt: string; fraction: number }>("srt")}
                max={8}
                make={() => ({ debt: b.loansHeld[0].id, fraction: 0.5 })}
                onChange={(v) => update(["srt"], v)}
                render={(row, i, set) => (
                  <>
                    <SelectField id={`f-srt-${i}-debt`} label={t("which_debt")} value={row.debt} options={b.loansHeld.map((d) => ({ value: d.id, label: `${names[d.borrower] ?? d.borrower} · ${d.kind} · ${bn(d.principal)}` }))} onValue={(v) => set({ ...row, debt: v })} error={err("srt", i, "debt")} />
                    <NumField id={`f-srt-${i}-fraction`} label={t("fraction")} value={row.fraction} min={0.05} max={0.9} step={0.05} percent stepper onValue={(v) => set({ ...row, fraction: v })} error={err("srt", i, "fraction")} />
                  </>
                )}
              />
            )}
            <RowList
              title={<Term k="short">{t("shorts")}</Term>}
              rows={rows<{ target: string; amount: number }>("shorts")}
              max={8}
              make={() => ({ target: alive.find((c) => c.role === "neocloud")?.id ?? "", amount: 2 })}
              onChange={(v) => update(["shorts"], v)}
              render={(row, i, set) => (
                <>
                  <SelectField id={`f-shorts-${i}-target`} label={t("target")} value={row.target} options={alive.filter((c) => c.role !== "lender").map((c) => ({ value: c.id, label: c.name }))} onValue={(v) => set({ ...row, target: v })} error={err("shorts", i, "target")} />
                  <NumField id={`f-shorts-${i}-amount`} label={t("amount")} value={row.amount} min={0} max={50} stepper onValue={(v) => set({ ...row, amount: v })} error={err("shorts", i, "amount")} />
                </>
              )}
            />
            {b.shorts.length === 0 ? (
              <p class="hint">{t("no_shorts")}</p>
            ) : (
              <RowList
                title={t("cover")}
                rows={rows<{ target: string; fraction: number }>("cover")}
                max={8}
                make={() => ({ target: b.shorts[0].target, fraction: 1 })}
                onChange={(v) => update(["cover"], v)}
                render={(row, i, set) => (
                  <>
                    <SelectField id={`f-cover-${i}-target`} label={t("target")} value={row.target} options={b.shorts.map((k) => ({ value: k.target, label: `${names[k.target] ?? k.target} · ${bn(k.value)}` }))} onValue={(v) => set({ ...row, target: v })} error={err("cover", i, "target")} />
                    <NumField id={`f-cover-${i}-fraction`} label={t("fraction")} value={row.fraction} min={0} max={1} step={0.1} percent stepper onValue={(v) => set({ ...row, fraction: v })} error={err("cover", i, "fraction")} />
                  </>
                )}
              />
            )}
          </fieldset>
          <fieldset>
            <legend>
              <Term k="lp">{t("sec_lp")}</Term>
            </legend>
            {money("lpRaise", t("lp_raise"), 50)}
            {money("lpReturn", t("lp_return"), 50)}
          </fieldset>
        </>
      )}

      <fieldset>
        <legend>{t("sec_finance")}</legend>
        <RowList
          title={t("borrow")}
          rows={rows<{ kind: string; amount: number; quarters: number }>("borrow")}
          max={4}
          make={() => ({ kind: role === "neocloud" ? "gpu" : role === "lender" ? "bank" : "bond", amount: 5, quarters: role === "lender" ? 8 : 12 })}
          onChange={(v) => update(["borrow"], v)}
          render={(row, i, set) => {
            const q = b.quotes[row.kind as "bond" | "bank" | "gpu"];
            return (
              <>
                <SelectField id={`f-borrow-${i}-kind`} label={t("kind")} value={row.kind} options={(role === "lender" ? (["bank"] as const) : (["bond", "bank", "gpu"] as const)).map((k) => ({ value: k, label: t(`kind_${k}`) }))} onValue={(v) => set({ ...row, kind: v })} error={err("borrow", i, "kind")} />
                <NumField id={`f-borrow-${i}-amount`} label={t("amount")} value={row.amount} min={0} max={200} stepper onValue={(v) => set({ ...row, amount: v })} error={err("borrow", i, "amount")} hint={q ? (q.ok ? t("quote", { limit: bn(q.limit), rate: `${pct(s.macro.benchmark + q.spread, 2)}` }) : t("quote_no", { why: describeQuoteWhy(q.why, lang.value) })) : undefined} />
                <NumField id={`f-borrow-${i}-q`} label={t("for_quarters")} value={row.quarters} min={2} max={40} stepper onValue={(v) => set({ ...row, quarters: v })} error={err("borrow", i, "quarters")} />
              </>
            );
          }}
        />
        {b.debts.filter((d) => !d.offBalance).length === 0 ? (
          <p class="hint">{t("no_debts")}</p>
        ) : (
          <RowList
            title={t("repay")}
            rows={rows<{ debt: string; amount: number }>("repay")}
            max={8}
            make={() => ({ debt: b.debts.filter((d) => !d.offBalance)[0].id, amount: 1 })}
            onChange={(v) => update(["repay"], v)}
            render={(row, i, set) => (
              <>
                <SelectField
                  id={`f-repay-${i}-debt`}
                  label={t("which_debt")}
                  value={row.debt}
                  options={b.debts.filter((d) => !d.offBalance).map((d) => ({ value: d.id, label: `${t(`kind_${d.kind}` as "kind_bond")} · ${bn(d.principal)} @ ${pct(d.rate, 2)} · ${t("due", { r: d.maturity })}` }))}
                  onValue={(v) => set({ ...row, debt: v })}
                  error={err("repay", i, "debt")}
                />
                <NumField id={`f-repay-${i}-amount`} label={t("amount")} value={row.amount} min={0} max={500} stepper onValue={(v) => set({ ...row, amount: v })} error={err("repay", i, "amount")} />
              </>
            )}
          />
        )}
      </fieldset>

      {role !== "lender" && (
        <fieldset>
          <legend>{t("sec_payout")}</legend>
          {role !== "chipmaker" && money("issueEquity", t("issue_equity"), role === "neocloud" ? 50 : 100)}
          {money("buyback", t("buyback"), role === "neocloud" ? 20 : 100)}
          {role !== "neocloud" && money("dividend", t("dividend"), 50)}
        </fieldset>
      )}

      <div class="submit-bar">
        <div class="preview" aria-live="polite" data-testid="preview">
          <div class="pv">
            <span>{t("cash_after")}</span>
            <strong class={preview.cashAfter < 0 ? "neg" : ""}>
              {bn(preview.cashNow)} → {bn(preview.cashAfter)}
            </strong>
          </div>
          {(preview.maxLtv !== null || preview.ltvAfter > 0) && (
            <div class="pv">
              <span>
                <Term k="ltv">{t("gpu_ltv_after")}</Term>
              </span>
              <strong class={`cov-${preview.covenant}`}>
                {pct(preview.ltvNow)} → {pct(preview.ltvAfter)}
                {preview.maxLtv !== null && ` (${t("limit")} ${pct(preview.maxLtv)})`}
              </strong>
            </div>
          )}
          {preview.cashAfter < 0 && <div class="warn">{t("cash_negative")}</div>}
          {preview.overQuote.map((o) => (
            <div class="warn" key={o.kind}>
              {t("over_quote", { kind: t(`kind_${o.kind}` as "kind_bond"), amount: bn(o.amount), limit: bn(o.limit) })}
            </div>
          ))}
          <div class="hint small">{t("cash_after_note")}</div>
        </div>
        {sheetErr && (
          <div class="err" role="alert">
            {t("refused")} {sheetErr}
          </div>
        )}
        {!parsed.success && <div class="err">{t("fix_errors")}</div>}
        <button type="submit" class="primary big" data-testid="submit-sheet" disabled={busy || !parsed.success}>
          {busy ? t("sending") : ds.sent ? `✓ ${t("resubmit")}` : t("submit")}
        </button>
        {ds.sent && (
          <p class="ok" role="status" data-testid="submitted">
            {sentNow ? "✓ " : ""}
            {t("submitted")}
          </p>
        )}
      </div>
    </form>
  );
}

function Stat({ label, value }: { label: preact.ComponentChildren; value: string }) {
  return (
    <div class="stat">
      <span class="stat-label">{label}</span>
      <span class="stat-value">{value}</span>
    </div>
  );
}

function RowList<T>({ title, rows, max, make, onChange, render }: { title: preact.ComponentChildren; rows: T[]; max: number; make: () => T; onChange: (rows: T[]) => void; render: (row: T, i: number, set: (row: T) => void) => preact.ComponentChildren }) {
  return (
    <div class="rowlist">
      <div class="rowlist-head">
        <span>{title}</span>
        {rows.length < max && (
          <button type="button" class="small ghost" onClick={() => onChange([...rows, make()])}>
            {t("add_row")}
          </button>
        )}
      </div>
      {rows.map((row, i) => (
        <div class="row" key={i}>
          {render(row, i, (next) => onChange(rows.map((r, k) => (k === i ? next : r))))}
          <button type="button" class="small ghost remove" aria-label={t("remove")} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
