// Which screen: home (no room), lobby, the game, or the end; the banners and the glossary on top.
import { t } from "../i18n.ts";
import { conn, state } from "../store.ts";
import { ConnBanner, GlossaryDialog, Notice } from "./common.tsx";
import { End } from "./end.tsx";
import { Game } from "./game.tsx";
import { Home } from "./home.tsx";
import { Lobby } from "./lobby.tsx";

export function App() {
  const s = state.value;
  const c = conn.value;
  let screen;
  if (!s) {
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
