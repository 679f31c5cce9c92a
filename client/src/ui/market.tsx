// The market as a table: the board's figures in text, readable by screen readers and keyboards,
// and sortable by eye on a phone.
import { covenantStatus } from "../../../shared/src/preview/sheet.ts";
import { t } from "../i18n.ts";
import { bn, money, pct, signedPct } from "../format.ts";
import { myCompany, state } from "../store.ts";
import { RoleBadge, Term } from "./common.tsx";

export function Market() {
  const s = state.value!;
  const mine = myCompany.value?.id;
  return (
    <div class="market">
      <h2 class="panel-title">{t("tab_market")}</h2>
      <div class="table-wrap">
        <table class="market-table">
          <thead>
            <tr>
              <th scope="col">{t("company")}</th>
              <th scope="col">{t("price")}</th>
              <th scope="col">{t("change")}</th>
              <th scope="col">
                <Term k="leverage" />
              </th>
              <th scope="col">
                <Term k="ltv" />
              </th>
              <th scope="col">{t("cash")}</th>
              <th scope="col">{t("debt")}</th>
              <th scope="col">{t("score")}</th>
            </tr>
          </thead>
          <tbody>
            {s.companies.map((c) => {
              const prev = c.prices.length >= 2 ? c.prices[c.prices.length - 2] : c.startPrice;
              const ch = prev > 0 ? c.price / prev - 1 : 0;
              const cov = covenantStatus(c.ltv, c.maxLtv);
              return (
                <tr key={c.id} class={`${c.id === mine ? "mine" : ""} ${c.bankrupt ? "dead" : ""}`}>
                  <th scope="row">
                    <RoleBadge role={c.role} withLabel={false} /> {c.name}
                    {c.bankrupt && <span class="tag bad"> ✖ {t("bankrupt")}</span>}
                    {cov === "close" && <span class="tag warn"> ⚠ {t("covenant_close")}</span>}
                    {cov === "breach" && <span class="tag bad"> ⚠ {t("covenant_breach")}</span>}
                  </th>
                  <td>{money(c.price)}</td>
                  <td class={ch >= 0 ? "up" : "down"}>
                    {ch >= 0 ? "▲" : "▼"} {signedPct(ch)}
                  </td>
                  <td>{c.leverage >= 99 ? "∞" : `${c.leverage.toFixed(1)}×`}</td>
                  <td>{c.maxLtv > 0 ? `${pct(c.ltv, 0)}/${pct(c.maxLtv, 0)}` : "—"}</td>
                  <td>{bn(c.cash)}</td>
                  <td>{bn(c.debt + c.offBalanceDebt)}</td>
                  <td>{c.bankrupt ? "−100 %" : signedPct(c.score)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
