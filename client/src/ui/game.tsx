// The game screen: the top bar (quarter, phase, timer), the macro strip, the Phaser board with
// the news card over it, and the panel of tabs (orders, offers, report, market).
import { signal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { mountBoard, type BoardHandle } from "../board/mount.ts";
import { lang, t, tx, type Key } from "../i18n.ts";
import { bn, money, num, pct, quarterLabel, signedPct } from "../format.ts";
import { CARDS, scenarioInfo } from "../data.ts";
import { leaveRoom, request } from "../net.ts";
import { myCompany, myPrivate, mySeat, notice, secondsLeft, state } from "../store.ts";
import { glossaryOpen, LangSwitch, RoleBadge, Term } from "./common.tsx";
import { Sheet } from "./sheet.tsx";
import { Offers } from "./offers.tsx";
import { Report } from "./report.tsx";
import { Market } from "./market.tsx";

type Tab = "orders" | "offers" | "report" | "market";
export const tab = signal<Tab>("orders");
/** The news card is shown big during the news phase, and on demand afterwards. */
const newsOpen = signal<number>(-1);

function TopBar() {
  const s = state.value!;
  const co = myCompany.value;
  const left = secondsLeft.value;
  const start = scenarioInfo(s.settings.scenario)?.start;
  const phaseKey = `phase_${s.phase}` as Key;
  return (
    <header class="topbar">
      <div class="tb-left">
        <span class="brand">Boom Loop</span>
        <span class="quarter" data-testid="quarter">
          {quarterLabel(s.round, start)} · {s.round}/{s.rounds}
        </span>
        <span class={`phase phase-${s.phase}`} data-testid="phase" data-phase={s.phase}>
          {s.paused ? t("paused") : t(phaseKey)}
        </span>
        {left > 0 && (
          <span class={`timer ${left <= 10 ? "hurry" : ""}`} aria-label={`${left} ${t("seconds")}`} role="timer">
            {left} s
          </span>
        )}
      </div>
      <div class="tb-right">
        {co ? (
          <span class="me-chip" data-testid="my-company">
            <RoleBadge role={co.role} withLabel={false} /> {co.name} · {money(co.price)}
          </span>
        ) : (
          <span class="me-chip">{t("watching")}</span>
        )}
        <button type="button" class="ghost small" aria-label={t("glossary")} onClick={() => (glossaryOpen.value = "all")}>
          ?<span class="wide-only"> {t("glossary")}</span>
        </button>
        <LangSwitch />
        <button type="button" class="ghost small" aria-label={t("leave")} onClick={() => void leaveRoom()}>
          <span class="wide-only">{t("leave")}</span>
          <span class="narrow-only" aria-hidden="true">✕</span>
        </button>
      </div>
    </header>
  );
}

function MacroStrip() {
  const s = state.value!;
  const m = s.macro;
  const prevHype = s.hype.length >= 2 ? s.hype[s.hype.length - 2] : m.hype;
  return (
    <dl class="macro" aria-label={t("tab_market")}>
      <div>
        <dt>
          <Term k="benchmark">{t("rate")}</Term>
        </dt>
        <dd>{pct(m.benchmark, 2)}</dd>
      </div>
      <div>
        <dt>
          <Term k="ighy">{t("ig")}</Term>
        </dt>
        <dd>+{pct(m.igSpread, 2)}</dd>
      </div>
      <div>
        <dt>
          <Term k="spread">{t("hy")}</Term>
        </dt>
        <dd>+{pct(m.hySpread, 2)}</dd>
      </div>
      <div>
        <dt>
          <Term k="gpuspot">{t("gpu_spot")}</Term>
        </dt>
        <dd>
          {bn(m.gpuSpot, 2)}
          {t("per_lot")}
        </dd>
      </div>
      <div class="opt">
        <dt>{t("compute_price")}</dt>
        <dd>
          {bn(m.computePrice, 2)}
          {t("per_gwq")}
        </dd>
      </div>
      <div class="opt">
        <dt>{t("utilisation")}</dt>
        <dd>{pct(m.utilisation, 0)}</dd>
      </div>
      <div class="hype-dd">
        <dt>
          <Term k="hype">{t("hype")}</Term>
        </dt>
        <dd>
          {num(m.hype, 0)} {m.hype > prevHype + 0.5 ? "▲" : m.hype < prevHype - 0.5 ? "▼" : ""}
        </dd>
      </div>
    </dl>
  );
}

function NewsCard() {
  const s = state.value!;
  const cards = s.news.map((id) => CARDS[id]).filter(Boolean);
  const open = newsOpen.value === s.round || s.phase === "news";
  if (cards.length === 0) return null;
  if (!open)
    return (
      <button type="button" class="news-ticker" onClick={() => (newsOpen.value = s.round)} aria-label={t("news_of_quarter")}>
        <span class="news-badge">{t("show_news")}</span>{cards.map((c) => tx(c.title)).join(" · ")}
      </button>
    );
  return (
    <div class="news-card" role="region" aria-label={t("news_of_quarter")} data-testid="news-card">
      <div class="news-head">
        <span>{t("news_of_quarter")}</span>
        {s.phase !== "news" && (
          <button type="button" class="close" aria-label={t("close")} onClick={() => (newsOpen.value = -1)}>
            ✕
          </button>
        )}
      </div>
      {cards.map((c) => (
        <article key={c.id} class="news-item">
          <h3>{tx(c.title)}</h3>
          <p>{tx(c.text)}</p>
          <p class="news-meta">
            {t("mechanism")}: {c.mechanism} · {t("source")}: <cite>{c.source.outlet}, {c.source.date}</cite>
          </p>
        </article>
      ))}
    </div>
  );
}

function Board() {
  const ref = useRef<HTMLDivElement>(null);
  const handle = useRef<BoardHandle | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    handle.current = mountBoard(ref.current);
    return () => {
      handle.current?.destroy();
      handle.current = null;
    };
  }, []);
  useSignalEffect(() => {
    const s = state.value;
    const co = myCompany.value;
    void lang.value;
    if (!s || !handle.current) return;
    const links: Record<string, string> = {};
    for (const k of ["chips", "loan", "equity", "compute", "backstop", "cash"]) links[k] = t(`link_${k}` as Key);
    handle.current.setModel({
      companies: s.companies,
      macro: s.macro,
      hype: s.hype,
      events: s.events,
      round: s.round,
      phase: s.phase,
      me: co?.id,
      labels: {
        labs: t("labs"),
        market: t("market_node"),
        hype: t("hype"),
        you: t("you"),
        bankrupt: t("bankrupt"),
        covenantClose: t("covenant_close"),
        covenantBreach: t("covenant_breach"),
        loop: t("loop"),
        lev: t("leverage"),
        links,
        money,
        pct: (x) => pct(x, 0),
        signedPct,
        bn: (x) => bn(x, 0),
      },
    });
  });
  return (
    <div class="board-wrap">
      <div class="board" ref={ref} role="img" aria-label={`${t("tab_market")}: ${t("flows_legend")}`} data-testid="board" />
      <NewsCard />
      <div class="legend" aria-hidden="true">
        {t("flows_legend")}
      </div>
    </div>
  );
}

function Tabs() {
  const priv = myPrivate.value;
  const open = (priv?.offersIn ?? []).filter((o) => o.status === "open").length;
  const tabs: { id: Tab; label: string }[] = [
    { id: "orders", label: t("tab_orders") },
    { id: "offers", label: `${t("tab_offers")}${open ? ` (${open})` : ""}` },
    { id: "report", label: t("tab_report") },
    { id: "market", label: t("tab_market") },
  ];
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = tabs.findIndex((x) => x.id === tab.value);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    tab.value = next.id;
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="panel" onKeyDown={onKey}>
      {tabs.map((x) => (
        <button
          type="button"
          role="tab"
          id={`tab-${x.id}`}
          key={x.id}
          aria-selected={tab.value === x.id}
          aria-controls="panel"
          tabIndex={tab.value === x.id ? 0 : -1}
          class={tab.value === x.id ? "on" : ""}
          data-testid={`tab-${x.id}`}
          onClick={() => (tab.value = x.id)}
        >
          {x.label}
        </button>
      ))}
    </div>
  );
}

function SpectatorSeats() {
  const s = state.value!;
  if (mySeat.value || (s.phase !== "news" && s.phase !== "report")) return null;
  const free = s.seats.filter((x) => x.bot && !x.player && !s.companies[x.index]?.bankrupt);
  if (free.length === 0) return null;
  return (
    <div class="card take-seat">
      <p>{t("spectator")}</p>
      {free.map((x) => (
        <button
          type="button"
          key={x.index}
          class="secondary small"
          onClick={async () => {
            const r = await request("takeSeat", { seat: x.index });
            if (!r.ok) notice.value = { kind: "error", text: r.error?.message ?? "" };
          }}
        >
          <RoleBadge role={x.role} withLabel={false} /> {x.company} — {t("take_seat")}
        </button>
      ))}
    </div>
  );
}

export function Game() {
  const s = state.value!;
  // Each phase brings the panel that matters: orders to decide, the report after resolution.
  const lastPhase = useRef("");
  useEffect(() => {
    if (lastPhase.current === s.phase) return;
    lastPhase.current = s.phase;
    if (s.phase === "decide") tab.value = "orders";
    if (s.phase === "report") tab.value = "report";
  }, [s.phase]);
  return (
    <div class="game">
      <a class="skip" href="#panel">
        {t("skip_to_orders")}
      </a>
      <TopBar />
      <div class="game-body">
        <section class="board-col" aria-label={t("tab_market")}>
          <MacroStrip />
          <Board />
        </section>
        <section class="panel-col">
          <Tabs />
          <div class="panel" id="panel" role="tabpanel" aria-labelledby={`tab-${tab.value}`} tabIndex={-1}>
            <SpectatorSeats />
            {tab.value === "orders" && <Sheet />}
            {tab.value === "offers" && <Offers />}
            {tab.value === "report" && <Report />}
            {tab.value === "market" && <Market />}
          </div>
        </section>
      </div>
    </div>
  );
}
