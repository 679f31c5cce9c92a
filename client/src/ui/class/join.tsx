// A student's side of a class: name itself (a generated nickname is offered), join the session,
// and wait for the teacher to start; the assignment then opens the market's normal game screens.
import { useState } from "preact/hooks";
import { t } from "../../i18n.ts";
import { assignment, cls, joinClass, leaveClass, myStudent, pendingClass } from "../../classNet.ts";
import { conn, notice } from "../../store.ts";
import { LangSwitch } from "../common.tsx";
import { randomNickname } from "./nickname.ts";
import "./class.css";

export function StudentJoin() {
  const code = pendingClass.value;
  const [name, setName] = useState(() => (localStorage.getItem("boomloop:name") ?? "").trim() || randomNickname());
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = name.trim().slice(0, 24);
    if (!n) return;
    setBusy(true);
    try {
      localStorage.setItem("boomloop:name", n);
      await joinClass(code, n);
      pendingClass.value = "";
    } catch (err) {
      notice.value = { kind: "error", text: `${code}: ${(err as Error).message}` };
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="class-join" id="main">
      <header class="class-head">
        <h1>Boom Loop</h1>
        <LangSwitch />
      </header>
      <form class="card" onSubmit={submit} data-testid="class-join">
        <h2>{t("join_class")}</h2>
        <p class="class-code-small" data-testid="class-code">{code}</p>
        <div class="field">
          <label for="class-nick">{t("nickname")}</label>
          <input id="class-nick" type="text" maxLength={24} autoComplete="nickname" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="button" class="ghost small" onClick={() => setName(randomNickname())}>↻ {t("new_name")}</button>
        <button type="submit" class="primary big" data-testid="class-join-btn" disabled={busy || !name.trim()}>
          {t("join_class_btn")}
        </button>
        <button type="button" class="link" onClick={() => (pendingClass.value = "")}>{t("back_home")}</button>
      </form>
    </main>
  );
}

export function StudentWait() {
  const s = cls.value;
  const me = myStudent.value;
  const name = (me && s?.students[me.id]?.name) || me?.name || "";
  const joining = !!assignment.value || conn.value === "connecting";
  return (
    <main class="class-join" id="main" data-testid="class-wait">
      <header class="class-head">
        <h1>Boom Loop</h1>
        <LangSwitch />
      </header>
      <section class="card class-wait">
        <p class="class-code-small">{s?.code}</p>
        <h2>{name ? t("class_you_are", { name }) : ""}</h2>
        <p role="status">
          <span class="spinner" aria-hidden="true" /> {joining ? t("class_joining_market") : s?.phase === "ended" ? t("class_ended") : t("class_waiting")}
        </p>
        {s && <p class="hint">{t("class_students_in", { n: Object.keys(s.students).length })}</p>}
        <button type="button" class="link" onClick={() => void leaveClass()}>{t("class_quit")}</button>
      </section>
    </main>
  );
}
