// Vite build of the browser client: root client/, output client/dist (served by the game server).
// Phaser is taken from its sources' "core" entry (no physics, sound, tilemaps…): about 205 KB gzip
// instead of 357 KB for the full build.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const phaserCore = fileURLToPath(new URL("../node_modules/phaser/src/phaser-core.js", import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  logLevel: "warn",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2000, reportCompressedSize: false },
  resolve: { alias: [{ find: /^phaser$/, replacement: phaserCore }] },
  define: {
    // Phaser's build flags (its sources test "typeof X"); the core entry writes to `global`.
    "typeof CANVAS_RENDERER": "true",
    "typeof WEBGL_RENDERER": "true",
    "typeof WEBGL_DEBUG": "false",
    "typeof FEATURE_SOUND": "false",
    "typeof EXPERIMENTAL": "false",
    "typeof PLUGIN_CAMERA3D": "false",
    "typeof PLUGIN_FBINSTANT": "false",
    global: "globalThis",
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  server: { proxy: { "/matchmake": { target: "http://localhost:2567", ws: true } } },
});
