// The class debrief (GET /classroom/CODE/debrief.json?key=): markets side by side — the hype's
// path, each company's price against its fundamental value, defaults, RD/RAD, key moments with
// their sources — and the students ranked.
import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n.ts";
import { downloadUrl } from "../../classNet.ts";
import { PROFILES } from "../../data.ts";
import { num, signedPct } from "../../format.ts";
import { RoleBadge } from "../common.tsx";
import type { Debrief as DebriefJ } from "../../../../shared/src/protocol/classroom.ts";

export function Sparkline({ values, width = 220, height = 50 }: { values: number[]; width?: number; height?: number }) {
  const max = Math.max(100, ...values);
  if (values.length < 2)
    return (
      <svg class="spark" width={width} height={height} role="img" aria-label={values.map((v) => Math.round(v)).join(", ")}>
        {values.length === 1 && <circle cx={width / 2} cy={height - 2 - (values[0] / max) * (height - 4)} r="4" fill="#ff8a5b" />}
      </svg>
    );
  const pts = values.map((v, i) => `${((i / (values.length - 1)) * (width - 4) + 2).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(" ");
  return (
    <svg class="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={values.map((v) => Math.round(v)).join(", ")}>
      <polyline points={pts} fill="none" stroke="#ff8a5b" stroke-width="2.5" stroke-linejoin="round" />
    </svg>
  );
}

/** A company's share price (line) against its fundamental value (dashes), on one scale: the bubble, seen. */
function PriceVsValue({ prices, fundamentals, width = 120, height = 34 }: { prices: number[]; fundamentals: number[]; width?: number; height?: number }) {
  const all = [...prices, ...fundamentals].filter((x) => Number.isFinite(x));
  const max = Math.max(1e-9, ...all);
  const n = Math.max(prices.length, fundamentals.length);
  if (n < 1) return null;
  const x = (i: number) => (n === 1 ? width / 2 : (i / (n - 1)) * (width - 4) + 2);
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const line = (xs: number[]) => xs.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <svg class="price-vs-value" style={{ verticalAlign: "middle" }} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t("class_price_vs_value")}>
      <title>{t("class_price_vs_value")}</title>
      {n === 1 ? (
        <>
          <circle cx={x(0)} cy={y(fundamentals[0] ?? 0)} r="3" fill="none" stroke="#9aa7bd" />
          <circle cx={x(0)} cy={y(prices[0] ?? 0)} r="3" fill="#f5c542" />
        </>
      ) : (
        <>
          <polyline points={line(fundamentals)} fill="none" stroke="#9aa7bd" stroke-width="1.5" stroke-dasharray="3 3" />
          <polyline points={line(prices)} fill="none" stroke="#f5c542" stroke-width="2" />
        </>
      )}
    </svg>
  );
}

const coName = (id: string) => PROFILES[id]?.name ?? id;
const fmt = (x: number | null) => (x === null ? "—" : num(x, 2));

export function Debrief({ code }: { code: string }) {
  const [d, setD] = useState<DebriefJ | null>(null);
  const [err, setErr] = useState("");
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    fetch(downloadUrl(code, "debrief.json"))
      .then(async (r) => {
        const j = await r.json();
        if (!r.ok) throw new Error(j.error ?? r.statusText);
        if (live) setD(j as DebriefJ);
      })
      .catch((e) => live && setErr((e as Error).message));
    return () => {
      live = false;
    };
  }, [code, n]);
  if (err) return <p class="notice error">{err}</p>;
  if (!d) return <p role="status"><span class="spinner" aria-hidden="true" /> {t("class_loading")}</p>;
  return (
    <div class="debrief" data-testid="debrief">
      <p><button type="button" class="small" onClick={() => setN(n + 1)}>↻ {t("class_refresh")}</button></p>
      {d.markets.length === 0 && <p class="hint">{t("class_no_debrief")}</p>}
      <div class="debrief-markets">
        {d.markets.map((m) => (
          <section class="card" key={m.market} data-testid="debrief-market">
            <h2>{t("class_market")} #{m.market + 1}</h2>
            <div class="spark-row"><span>{t("hype")}</span><Sparkline values={m.hype} /></div>
            <dl class="market-head">
              <div><dt>{t("class_defaults")}</dt><dd>{m.defaults}</dd></div>
              <div><dt>{t("class_margin_calls")}</dt><dd>{m.marginCalls}</dd></div>
              <div><dt title={t("class_rd")}>RD</dt><dd>{fmt(m.rd)}</dd></div>
              <div><dt title={t("class_rad")}>RAD</dt><dd>{fmt(m.rad)}</dd></div>
            </dl>
            <ol class="mini-rank">
              {[...m.companies].sort((a, b) => (b.bankrupt ? -1 : b.score) - (a.bankrupt ? -1 : a.score)).map((c) => (
                <li key={c.company}>
                  <RoleBadge role={c.role} withLabel={false} /> {coName(c.company)} <span class="hint">{c.player || c.student || t("bot")}</span>{" "}
                  <span class={c.bankrupt || c.score < 0 ? "down" : "up"}>{c.bankrupt ? "−100 %" : signedPct(c.score)}</span>{" "}
                  <PriceVsValue prices={c.prices ?? []} fundamentals={c.fundamentals ?? []} />
                </li>
              ))}
            </ol>
            {m.moments.length > 0 && (
              <details open>
                <summary>{t("class_moments")}</summary>
                <ul class="moments">
                  {m.moments.slice(0, 12).map((x, i) => (
                    <li key={i}><b>Q{x.round}</b> {x.text}{x.source && !x.text.includes(x.source) && <span class="source"> — {x.source}</span>}</li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        ))}
      </div>
      {d.ranking.length > 0 && (
        <section class="card" data-testid="debrief-ranking">
          <h2>{t("class_ranking_all")}</h2>
          <table class="class-table">
            <thead><tr><th>#</th><th>{t("class_student")}</th><th>{t("class_market")}</th><th>{t("class_rank_market")}</th><th>{t("class_company")}</th><th>{t("class_score")}</th></tr></thead>
            <tbody>
              {d.ranking.map((r) => (
                <tr key={`${r.market}-${r.company}`}>
                  <td>{r.rankInClass}</td><td>{r.player || r.student}</td><td>#{r.market + 1}</td><td>{r.rankInMarket}</td>
                  <td><RoleBadge role={r.role} withLabel={false} /> {coName(r.company)}</td>
                  <td class={r.score < 0 ? "down" : "up"}>{signedPct(r.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
