// Small pieces shared by the screens: jargon words that open the glossary, role badges, form
// fields with their inline messages, the banners.
import type { ComponentChildren } from "preact";
import { signal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { GLOSSARY, TERM_KEYS, type TermKey } from "../glossary.ts";
import { lang, setLang, t } from "../i18n.ts";
import { roleLook } from "../roles.ts";
import { conn, notice } from "../store.ts";
import { retry, leaveRoom } from "../net.ts";

/** The glossary entry being shown ("all": the whole list). */
export const glossaryOpen = signal<TermKey | "all" | null>(null);

/** A jargon word: tap (or Enter) to read what it means. */
export function Term({ k, children }: { k: TermKey; children?: ComponentChildren }) {
  const entry = GLOSSARY[k];
  return (
    <button type="button" class="term" aria-haspopup="dialog" onClick={(e) => { e.preventDefault(); glossaryOpen.value = k; }}>
      {children ?? (lang.value === "fr" ? entry.fr : entry.en)}
    </button>
  );
}

export function GlossaryDialog() {
  const open = glossaryOpen.value;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    ref.current?.querySelector<HTMLButtonElement>("button.close")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") glossaryOpen.value = null;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  if (!open) return null;
  const l = lang.value;
  const keys = open === "all" ? TERM_KEYS : [open];
  return (
    <div class="overlay" onClick={() => (glossaryOpen.value = null)}>
      <div class="dialog glossary" role="dialog" aria-modal="true" aria-label={t("glossary")} ref={ref} onClick={(e) => e.stopPropagation()}>
        <div class="dialog-head">
          <h2>{open === "all" ? t("glossary") : GLOSSARY[open][l]}</h2>
          <button type="button" class="close" onClick={() => (glossaryOpen.value = null)} aria-label={t("close")}>✕</button>
        </div>
        <dl>
          {keys.map((k) => (
            <div key={k} class="gloss-entry">
              {open === "all" && <dt>{GLOSSARY[k][l]}</dt>}
              <dd>{GLOSSARY[k].def[l]}</dd>
            </div>
          ))}
        </dl>
        {open !== "all" && (
          <button type="button" class="link" onClick={() => (glossaryOpen.value = "all")}>
            {t("glossary")} →
          </button>
        )}
      </div>
    </div>
  );
}

export function RoleBadge({ role, withLabel = true, short = false }: { role: string; withLabel?: boolean; short?: boolean }) {
  const look = roleLook(role);
  return (
    <span class="role-badge" style={{ color: look.color }}>
      <span class="glyph" aria-hidden="true">{look.glyph}</span>
      {withLabel && <span class="role-label">{t(short ? look.short : look.label)}</span>}
    </span>
  );
}

export function LangSwitch() {
  return (
    <div class="lang-switch" role="group" aria-label={t("language")}>
      {(["en", "fr"] as const).map((l) => (
        <button type="button" key={l} aria-pressed={lang.value === l} class={lang.value === l ? "on" : ""} onClick={() => setLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function Notice() {
  const n = notice.value;
  useEffect(() => {
    if (!n) return;
    const id = setTimeout(() => {
      if (notice.value === n) notice.value = null;
    }, 8000);
    return () => clearTimeout(id);
  }, [n]);
  if (!n) return null;
  return (
    <div class={`notice ${n.kind}`} role="alert">
      <span>{n.text}</span>
      <button type="button" class="close" aria-label={t("close")} onClick={() => (notice.value = null)}>✕</button>
    </div>
  );
}

/** "Reconnecting…" while the SDK retries; "connection lost" when it gave up. */
export function ConnBanner() {
  const c = conn.value;
  if (c === "reconnecting")
    return (
      <div class="conn-banner reconnecting" role="status" aria-live="polite" data-testid="reconnecting">
        <span class="spinner" aria-hidden="true" /> {t("reconnecting")}
      </div>
    );
  if (c === "lost")
    return (
      <div class="conn-banner lost" role="alert">
        {t("connection_lost")} <button type="button" onClick={() => void retry()}>{t("retry")}</button>{" "}
        <button type="button" onClick={() => void leaveRoom()}>{t("back_home")}</button>
      </div>
    );
  return null;
}

export interface FieldProps {
  id: string;
  label: ComponentChildren;
  value: number;
  onValue: (v: number) => void;
  min?: number;
  max?: number;
  step?: number;
  error?: string;
  hint?: ComponentChildren;
  disabled?: boolean;
  /** Show and edit as a percent (the value stays a fraction). */
  percent?: boolean;
  stepper?: boolean;
}

/** A number input with its label, its inline message and an optional −/+ stepper. */
export function NumField(p: FieldProps) {
  const scale = p.percent ? 100 : 1;
  const shown = Number.isFinite(p.value) ? Math.round(p.value * scale * 1000) / 1000 : "";
  const set = (raw: string) => {
    const v = raw.trim() === "" ? Number.NaN : Number(raw.replace(",", "."));
    p.onValue(Number.isFinite(v) ? v / scale : Number.NaN);
  };
  const bump = (d: number) => {
    const cur = Number.isFinite(p.value) ? p.value : 0;
    let v = Math.round((cur + d) * 1e6) / 1e6;
    if (p.min !== undefined) v = Math.max(p.min, v);
    if (p.max !== undefined) v = Math.min(p.max, v);
    p.onValue(v);
  };
  const step = p.step ?? 1;
  return (
    <div class={`field ${p.error ? "has-error" : ""}`}>
      <label for={p.id}>{p.label}</label>
      <div class="input-row">
        {p.stepper && (
          <button type="button" class="step" aria-label="−" disabled={p.disabled} onClick={() => bump(-step)}>−</button>
        )}
        <input
          id={p.id}
          type="number"
          inputMode="decimal"
          value={shown}
          min={p.min !== undefined ? p.min * scale : undefined}
          max={p.max !== undefined ? p.max * scale : undefined}
          step={step * scale}
          disabled={p.disabled}
          aria-invalid={!!p.error}
          aria-describedby={p.error ? `${p.id}-err` : undefined}
          onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
        />
        {p.percent && <span class="unit">%</span>}
        {p.stepper && (
          <button type="button" class="step" aria-label="+" disabled={p.disabled} onClick={() => bump(step)}>+</button>
        )}
      </div>
      {p.hint && <div class="hint">{p.hint}</div>}
      {p.error && (
        <div class="err" id={`${p.id}-err`}>
          {p.error}
        </div>
      )}
    </div>
  );
}

export function SelectField({ id, label, value, options, onValue, error, disabled }: { id: string; label: ComponentChildren; value: string; options: { value: string; label: string }[]; onValue: (v: string) => void; error?: string; disabled?: boolean }) {
  return (
    <div class={`field ${error ? "has-error" : ""}`}>
      <label for={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} aria-invalid={!!error} onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <div class="err">{error}</div>}
    </div>
  );
}

export function CheckField({ id, label, checked, onValue, disabled }: { id: string; label: ComponentChildren; checked: boolean; onValue: (v: boolean) => void; disabled?: boolean }) {
  return (
    <div class="field check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onValue((e.currentTarget as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}
