// The teacher's form to open a class session: scenario, quarters, seats per market, decide time, language.
import { useState } from "preact/hooks";
import { t, tx, lang, type Lang } from "../../i18n.ts";
import { SCENARIOS } from "../../data.ts";
import { createClass } from "../../classNet.ts";
import { notice } from "../../store.ts";
import { SelectField } from "../common.tsx";
import "./class.css";

/** The seats of every market by market size (8: the server's standard market). */
export const SEATS_BY_SIZE: Record<number, string[] | undefined> = {
  4: ["chipmaker", "hyperscaler", "neocloud", "lender"],
  5: ["chipmaker", "hyperscaler", "hyperscaler", "neocloud", "lender"],
  6: ["chipmaker", "hyperscaler", "hyperscaler", "neocloud", "neocloud", "lender"],
  7: ["chipmaker", "chipmaker", "hyperscaler", "hyperscaler", "neocloud", "neocloud", "lender"],
  8: undefined,
};

export function HostForm({ onCancel }: { onCancel: () => void }) {
  const [scenario, setScenario] = useState(SCENARIOS[0].id);
  const [rounds, setRounds] = useState(String(SCENARIOS[0].rounds));
  const [size, setSize] = useState("8");
  const [decide, setDecide] = useState("120");
  const [sessionLang, setSessionLang] = useState<Lang>(lang.value);
  const [busy, setBusy] = useState(false);
  const fast = new URLSearchParams(location.search).get("fast") === "1";
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const seats = SEATS_BY_SIZE[Number(size)];
      const name = (localStorage.getItem("boomloop:name") ?? "").trim().slice(0, 24);
      await createClass({
        scenario,
        rounds: Number(rounds),
        decideSeconds: Number(decide),
        lang: sessionLang,
        ...(seats ? { seats } : {}),
        ...(name ? { name } : {}),
        // ?fast=1: no news or report pauses (tests, demos).
        ...(fast ? { newsSeconds: 0, reportSeconds: 0 } : {}),
      });
    } catch (err) {
      notice.value = { kind: "error", text: (err as Error).message };
    } finally {
      setBusy(false);
    }
  };
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  return (
    <form class="card host-form" onSubmit={submit} data-testid="host-form">
      <h2>{t("host_class")}</h2>
      <p class="hint">{t("host_class_hint")}</p>
      <SelectField id="hf-scenario" label={t("scenario")} value={scenario} options={SCENARIOS.map((s) => ({ value: s.id, label: tx(s.name) }))} onValue={setScenario} />
      <SelectField id="hf-rounds" label={t("quarters")} value={rounds} options={range(6, 16).map((n) => ({ value: String(n), label: String(n) }))} onValue={setRounds} />
      <SelectField id="hf-seats" label={t("class_seats")} value={size} options={range(4, 8).map((n) => ({ value: String(n), label: String(n) }))} onValue={setSize} />
      <SelectField id="hf-decide" label={t("decide_time")} value={decide} options={[10, 30, 60, 90, 120, 180, 300, 600].map((n) => ({ value: String(n), label: n < 60 ? `${n} s` : `${n / 60} min` }))} onValue={setDecide} />
      <SelectField id="hf-lang" label={t("class_lang")} value={sessionLang} options={[{ value: "en", label: "English" }, { value: "fr", label: "Français" }]} onValue={(v) => setSessionLang(v as Lang)} />
      <div class="row-buttons">
        <button type="submit" class="primary" data-testid="host-create" disabled={busy}>{t("class_create")}</button>
        <button type="button" class="ghost" onClick={onCancel}>{t("close")}</button>
      </div>
    </form>
  );
}
