// End of game: the ranking, each company's path, the hype's path, and the key moments with their
// sources (the news cards, margin calls and defaults of every quarter).
import { t, tx } from "../i18n.ts";
import { quarterLabel, signedPct } from "../format.ts";
import { CARDS, scenarioInfo } from "../data.ts";
import { leaveRoom } from "../net.ts";
import { roleLook } from "../roles.ts";
import { companyNames, myCompany, state } from "../store.ts";
import { LangSwitch, RoleBadge } from "./common.tsx";
import { eventText } from "./report.tsx";

export function End() {
  const s = state.value!;
  const mine = myCompany.value?.id;
  const names = companyNames.value;
  const ranked = [...s.companies].sort((a, b) => (b.bankrupt ? -1 : b.score) - (a.bankrupt ? -1 : a.score));
  const myRank = ranked.findIndex((c) => c.id === mine);
  const start = scenarioInfo(s.settings.scenario)?.start;
  const moments = s.moments ?? [];
  return (
    <main class="end" id="main">
      <header class="lobby-head">
        <h1>Boom Loop · {t("phase_ended")}</h1>
        <div class="home-tools">
          <LangSwitch />
          <button type="button" class="primary" data-testid="home" onClick={() => void leaveRoom()}>
            {t("back_home")}
          </button>
        </div>
      </header>
      {myRank >= 0 && (
        <section class="card result" data-testid="my-result">
          <h2>{t("your_result")}</h2>
          <div class="big-rank">
            #{myRank + 1} / {ranked.length} · {ranked[myRank].name} ·{" "}
            <span class={ranked[myRank].score >= 0 ? "up" : "down"}>{ranked[myRank].bankrupt ? "−100 %" : signedPct(ranked[myRank].score)}</span>
          </div>
        </section>
      )}
      <div class="two-col">
        <section class="card" aria-labelledby="rank-h">
          <h2 id="rank-h">{t("final_ranking")}</h2>
          <ol class="ranking" data-testid="ranking">
            {ranked.map((c, i) => (
              <li key={c.id} class={c.id === mine ? "mine" : ""}>
                <span class={`medal m${i + 1}`}>{i + 1}</span>
                <RoleBadge role={c.role} withLabel={false} /> <strong>{c.name}</strong>
                <span class={`score ${c.bankrupt || c.score < 0 ? "down" : "up"}`}>{c.bankrupt ? `✖ ${t("bankrupt")} −100 %` : signedPct(c.score)}</span>
              </li>
            ))}
          </ol>
        </section>
        <section class="card" aria-labelledby="paths-h">
          <h2 id="paths-h">{t("paths")}</h2>
          <PathsChart />
        </section>
      </div>
      <section class="card" aria-labelledby="hype-h">
        <h2 id="hype-h">{t("hype_path")}</h2>
        <Line values={s.hype} min={0} max={100} color="#ff8a5b" height={120} label={(v) => String(Math.round(v))} />
      </section>
      <section class="card" aria-labelledby="moments-h">
        <h2 id="moments-h">{t("key_moments")}</h2>
        <ol class="moments">
          {moments.map((e, i) => {
            let data: Record<string, unknown> = {};
            try {
              data = JSON.parse(e.data);
            } catch {
              /* {} */
            }
            const card = e.type === "card" ? CARDS[String(data.card)] : undefined;
            return (
              <li key={i} class={`moment m-${e.type}`}>
                <span class="when">{quarterLabel(e.round, start)}</span>{" "}
                {card ? (
                  <>
                    <strong>{tx(card.title)}</strong> — {tx(card.text)}{" "}
                    <cite>
                      {card.source.outlet}, {card.source.date}
                    </cite>
                  </>
                ) : (
                  <span>⚠ {eventText(e, names)}</span>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </main>
  );
}

function PathsChart() {
  const s = state.value!;
  const W = 560;
  const H = 260;
  const series = s.companies.map((c) => ({ c, v: c.prices.map((p) => (c.startPrice > 0 ? (100 * p) / c.startPrice : 100)) }));
  const all = series.flatMap((x) => x.v);
  const lo = Math.min(0, ...all);
  const hi = Math.max(120, ...all);
  const n = Math.max(2, ...series.map((x) => x.v.length));
  const X = (i: number) => 40 + ((W - 150) * i) / (n - 1);
  const Y = (v: number) => 10 + (H - 30) * (1 - (v - lo) / (hi - lo || 1));
  // End labels pushed apart so names do not overlap.
  const ends = series.map((x, i) => ({ i, y: Y(x.v[x.v.length - 1] ?? 100) })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) if (ends[k].y - ends[k - 1].y < 14) ends[k].y = ends[k - 1].y + 14;
  const labelY = new Map(ends.map((e) => [e.i, e.y]));
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("paths")}>
      <line x1={40} x2={W - 110} y1={Y(100)} y2={Y(100)} stroke="#5b6b85" stroke-dasharray="4 4" />
      <text x={4} y={Y(100) + 4} fill="#9fb0c8" font-size="12">100</text>
      {series.map(({ c, v }, si) => {
        const look = roleLook(c.role);
        const d = v.map((p, i) => `${i ? "L" : "M"}${X(i).toFixed(1)},${Y(p).toFixed(1)}`).join(" ");
        const last = v[v.length - 1] ?? 100;
        return (
          <g key={c.id}>
            <path d={d} fill="none" stroke={look.color} stroke-width={2.5} stroke-dasharray={c.role === "lender" ? "6 3" : c.role === "neocloud" ? "2 3" : undefined} opacity={0.9} />
            <text x={X(v.length - 1) + 6} y={(labelY.get(si) ?? Y(last)) + 4} fill={look.color} font-size="12">
              {look.glyph} {c.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function Line({ values, min, max, color, height, label }: { values: number[]; min: number; max: number; color: string; height: number; label: (v: number) => string }) {
  const W = 560;
  const H = height;
  if (values.length < 2) return null;
  const X = (i: number) => 30 + ((W - 60) * i) / (values.length - 1);
  const Y = (v: number) => 8 + (H - 24) * (1 - (v - min) / (max - min || 1));
  const d = values.map((p, i) => `${i ? "L" : "M"}${X(i).toFixed(1)},${Y(p).toFixed(1)}`).join(" ");
  const peak = values.indexOf(Math.max(...values));
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={values.map((v) => label(v)).join(", ")}>
      <path d={`${d} L${X(values.length - 1)},${Y(min)} L${X(0)},${Y(min)} Z`} fill={color} opacity={0.15} />
      <path d={d} fill="none" stroke={color} stroke-width={3} />
      <circle cx={X(peak)} cy={Y(values[peak])} r={5} fill={color} />
      <text x={X(peak)} y={Y(values[peak]) - 8} fill="#ffffff" font-size="13" text-anchor="middle">
        {label(values[peak])}
      </text>
      <text x={X(values.length - 1)} y={Y(values[values.length - 1]) - 8} fill="#ffffff" font-size="13" text-anchor="end">
        {label(values[values.length - 1])}
      </text>
    </svg>
  );
}
