// The session's downloads on the game port, opened by the teacher's host key (never by the code
// alone): GET /classroom/CODE/{rounds.csv,events.csv,export.json,debrief.json}?key=HOSTKEY.
// They read the session store, so they work during the session, after it, and after a restart.
// Without the right key every code gets the same 403, whether a session has it or not.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http.ts";
import { debrief, eventsCsv, roundsCsv, sessionJson } from "./export.ts";
import { hashKey } from "./room.ts";
import type { SessionStore } from "./store.ts";

const ROUTE = /^\/classroom\/([A-Za-z]{6})\/(rounds\.csv|events\.csv|export\.json|debrief\.json)$/;

export function classroomFiles(store: SessionStore) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? "/", "http://x");
    const cls = /^\/class\/([A-Za-z]{6})\/?$/.exec(url.pathname);
    if (cls && req.method === "GET") {
      // A student's join link: the client page opens the session.
      res.writeHead(302, { location: `/?class=${cls[1].toUpperCase()}`, "cache-control": "no-store" });
      res.end();
      return;
    }
    const m = ROUTE.exec(url.pathname);
    if (!m || req.method !== "GET") return next();
    const code = m[1].toUpperCase();
    const session = store.session(code);
    const key = url.searchParams.get("key") ?? "";
    // An unknown code and a real one without its key get the same answer: the route tells nothing
    // about which codes exist (and the key is hashed either way).
    const hash = hashKey(key);
    if (!session || !key || hash !== session.hostKeyHash) return sendJson(res, 403, { error: "the host key is missing or does not open a session with this code" });
    const file = m[2];
    if (file.endsWith(".csv")) {
      const body = file === "rounds.csv" ? roundsCsv(store, code) : eventsCsv(store, code);
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="boomloop-${code}-${file}"`,
        "cache-control": "no-store",
      });
      res.end(body);
      return;
    }
    sendJson(res, 200, file === "export.json" ? sessionJson(store, code) : debrief(store, code));
  };
}
