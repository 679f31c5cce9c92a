// The round report: what moved my share price and why, my P&L and balance sheet, the quarter's
// margin calls and defaults, and everything that happened, told in the player's language.
import { describe, describeWhy } from "../../../shared/src/describe.ts";
import { lang, t, tx } from "../i18n.ts";
import { bn, money, pct, quarterLabel, signedPct } from "../format.ts";
import { CARDS, scenarioInfo } from "../data.ts";
import { book, companyNames, myCompany, state } from "../store.ts";
import type { EventJ } from "../types.ts";
import { Term } from "./common.tsx";

const ALARMS = new Set(["margin_call", "default", "forced_sale", "loan_loss", "loans_sold", "labs_missed_payment", "backstop_called", "maturity_missed"]);

export function eventText(e: EventJ, names: Record<string, string>): string {
  let data: Record<string, number | string | boolean> = {};
  try {
    data = JSON.parse(e.data);
  } catch {
    /* keep {} */
  }
  const told = describe({ round: e.round, type: e.type, mechanism: e.mechanism as never, company: e.company || undefined, data }, lang.value, names, CARDS);
  return told ?? "";
}

export function Report() {
  const s = state.value!;
  const co = myCompany.value;
  const b = book.value;
  const names = companyNames.value;
  const events = s.events;
  if (events.length === 0) return <p class="empty">{t("no_report")}</p>;
  const round = events[0]?.round ?? s.round;
  const priceEv = co ? events.find((e) => e.type === "price" && e.company === co.id) : undefined;
  const pd = priceEv ? (JSON.parse(priceEv.data) as Record<string, number>) : null;
  const alarms = events.filter((e) => ALARMS.has(e.type));
  const told = events.map((e) => ({ e, text: eventText(e, names) })).filter((x) => x.e.type !== "price" && x.text);
  const q = b?.pnl;
  return (
    <div class="report">
      <h2 class="panel-title">
        {t("report_title")} · {quarterLabel(round, scenarioInfo(s.settings.scenario)?.start)}
      </h2>
      {co && pd && (
        <section class="card price-why" aria-labelledby="why-h">
          <h3 id="why-h">{t("your_price")}</h3>
          <div class="big-move">
            {money(pd.before)} → <strong>{money(pd.after)}</strong>{" "}
            <span class={pd.after >= pd.before ? "up" : "down"}>
              {pd.after >= pd.before ? "▲" : "▼"} {signedPct(pd.after / pd.before - 1)}
            </span>
          </div>
          <h4>{t("why_price")}</h4>
          <ul class="why-list">
            <li>
              {t("fundamental")}: <strong>{money(pd.fundamental)}</strong>
            </li>
            {co.role !== "lender" && (
              <li>
                <Term k="hype">{t("sentiment")}</Term>: <strong>×{Number(pd.sentiment ?? 1).toFixed(2)}</strong>
              </li>
            )}
            {Math.abs(pd.news ?? 0) > 0.0005 && (
              <li>
                {t("announcements")}: <strong>{signedPct(pd.news)}</strong>
                {b && b.priceNews.length > 0 && (
                  <ul>
                    {b.priceNews.map((n, i) => (
                      <li key={i}>
                        {signedPct(n.pct)} — {whyText(n.why)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            )}
            {Math.abs(pd.flow ?? 0) > 0.0005 && (
              <li>
                {t("trading")}: <strong>{signedPct(pd.flow)}</strong>
              </li>
            )}
            {Math.abs(pd.noise ?? 0) > 0.0005 && (
              <li>
                {t("noise")}: <strong>{signedPct(pd.noise)}</strong>
              </li>
            )}
          </ul>
        </section>
      )}
      <section class="card alarms" aria-labelledby="alarm-h">
        <h3 id="alarm-h">
          <Term k="margincall">{t("alarms")}</Term>
        </h3>
        {alarms.length === 0 ? (
          <p class="hint">{t("no_alarms")}</p>
        ) : (
          <ul>
            {alarms.map((e, i) => (
              <li key={i} class={e.company === co?.id ? "mine" : ""}>
                ⚠ {eventText(e, names)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {q && b && (
        <div class="two-col">
          <section class="card" aria-labelledby="pnl-h">
            <h3 id="pnl-h">{t("pnl")}</h3>
            <table class="fin">
              <tbody>
                <Row label={t("revenue")} v={q.revenue} strong />
                {q.aiRevenue !== 0 && <Row label={t("ai_revenue")} v={q.aiRevenue} sub />}
                {q.coreRevenue !== 0 && <Row label={t("core_revenue")} v={q.coreRevenue} sub />}
                {q.chipRevenue !== 0 && <Row label={t("chip_revenue")} v={q.chipRevenue} sub />}
                {q.interestIncome !== 0 && <Row label={t("interest_income")} v={q.interestIncome} />}
                <Row label={t("opex")} v={-q.opex} />
                <Row label={t("depreciation")} v={-q.depreciation} />
                <Row label={t("interest")} v={-q.interest} />
                {q.otherGains !== 0 && <Row label={t("other_gains")} v={q.otherGains} />}
                <Row label={t("net_income")} v={q.netIncome} strong />
                <Row label={t("ebitda")} v={q.ebitda} />
                <Row label={<Term k="capex" />} v={q.capex} />
              </tbody>
            </table>
          </section>
          <section class="card" aria-labelledby="bs-h">
            <h3 id="bs-h">{t("balance")}</h3>
            <table class="fin">
              <tbody>
                <Row label={t("cash")} v={b.balance.cash} />
                {b.balance.chips > 0 && <Row label={t("chips_book")} v={b.balance.chips} />}
                {b.balance.dataCenters > 0 && <Row label={t("data_centers")} v={b.balance.dataCenters} />}
                {b.balance.construction > 0 && <Row label={t("construction")} v={b.balance.construction} />}
                {b.balance.fab > 0 && <Row label={t("fab")} v={b.balance.fab} />}
                {b.balance.loansHeld > 0 && <Row label={t("loans_held")} v={b.balance.loansHeld} />}
                {b.balance.stakes > 0 && <Row label={t("stakes_held")} v={b.balance.stakes} />}
                <Row label={t("assets")} v={b.balance.assets} strong />
                <Row label={t("debt")} v={b.balance.debt} />
                {b.balance.shorts > 0 && <Row label={t("shorts_liab")} v={b.balance.shorts} />}
                <Row label={t("equity")} v={b.balance.equity} strong />
                {b.balance.offBalanceDebt > 0 && <Row label={<Term k="spv">{t("off_balance")}</Term>} v={b.balance.offBalanceDebt} />}
                <tr>
                  <th scope="row">
                    <Term k="leverage" /> · {b.rating}
                  </th>
                  <td>{b.leverage >= 99 ? "∞" : `${b.leverage.toFixed(1)}×`}</td>
                </tr>
                {b.gpu.maxLtv !== null && (
                  <tr>
                    <th scope="row">
                      <Term k="ltv" /> / <Term k="covenant" />
                    </th>
                    <td>
                      {pct(b.gpu.ltv)} / {pct(b.gpu.maxLtv)}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </section>
        </div>
      )}
      <section class="card" aria-labelledby="all-h">
        <h3 id="all-h">{t("all_events")}</h3>
        <ul class="event-list">
          {told.map(({ e, text }, i) => (
            <li key={i} class={`ev ev-${e.mechanism} ${e.company && e.company === co?.id ? "mine" : ""}`}>
              {text}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** The market's reason for a price move: a news card by its title, else the engine's words. */
function whyText(why: string): string {
  return describeWhy(why, lang.value, companyNames.value, CARDS);
}

function Row({ label, v, strong, sub }: { label: preact.ComponentChildren; v: number; strong?: boolean; sub?: boolean }) {
  return (
    <tr class={`${strong ? "strong" : ""} ${sub ? "sub" : ""}`}>
      <th scope="row">{label}</th>
      <td class={v < 0 ? "neg" : ""}>{bn(v, 2)}</td>
    </tr>
  );
}
