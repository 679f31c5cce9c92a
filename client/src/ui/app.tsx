// Which screen: home (no room), a class page (console, projector, a student's join and wait), lobby, the game, or the end; the banners and the glossary on top.
import { t } from "../i18n.ts";
import { conn, state } from "../store.ts";
import { ConnBanner, GlossaryDialog, Notice } from "./common.tsx";
import { End } from "./end.tsx";
import { Game } from "./game.tsx";
import { Home } from "./home.tsx";
import { Lobby } from "./lobby.tsx";
import { classRole, pendingClass } from "../classNet.ts";
import { Console } from "./class/console.tsx";
import { StudentJoin, StudentWait } from "./class/join.tsx";
import { Projector } from "./class/projector.tsx";

export function App() {
  const s = state.value;
  const c = conn.value;
  let screen;
  const role = classRole.value;
  if (!s && role === "host") screen = <Console />;
  else if (!s && role === "watch") screen = <Projector />;
  else if (!s && role === "student" && c !== "connecting" && c !== "reconnecting") screen = <StudentWait />;
  else if (!s && !role && pendingClass.value) screen = <StudentJoin />;
  else if (!s) {
    screen =
      c === "reconnecting" || c === "connecting" ? (
        <main class="boot" id="main">
          <h1>Boom Loop</h1>
          <p role="status">
            <span class="spinner" aria-hidden="true" /> {c === "reconnecting" ? t("reconnecting") : t("connecting")}
          </p>
        </main>
      ) : (
        <Home />
      );
  } else if (s.phase === "lobby") screen = <Lobby />;
  else if (s.phase === "ended") screen = <End />;
  else screen = <Game />;
  return (
    <>
      <ConnBanner />
      <Notice />
      {screen}
      <GlossaryDialog />
    </>
  );
}
