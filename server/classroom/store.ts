// Class sessions and their results, kept in an embedded SQLite file (Node 22's node:sqlite) so a
// teacher can reopen a past session's debrief and export after a restart. One row per session,
// per student, per market quarter and per company, and per event.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

export interface SessionRow {
  code: string;
  created: number;
  settings: string;
  hostKeyHash: string;
  markets: number;
  ended: number;
}

export interface StudentRow {
  code: string;
  student: string;
  name: string;
  market: number;
  seat: number;
  company: string;
  role: string;
}

export interface CompanyRoundRow {
  code: string;
  market: number;
  round: number;
  company: string;
  role: string;
  student: string;
  player: string;
  sheet: string;
  cash: number;
  debt: number;
  offBalanceDebt: number;
  equityBook: number;
  price: number;
  fundamental: number;
  score: number;
  bankrupt: number;
}

export interface MarketRoundRow {
  code: string;
  market: number;
  round: number;
  benchmark: number;
  hype: number;
  gpuSpot: number;
  computePrice: number;
  defaults: number;
  marginCalls: number;
  cards: string;
  stateHash: string;
}

export interface EventRow {
  code: string;
  market: number;
  round: number;
  type: string;
  mechanism: string;
  company: string;
  text: string;
  data: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (code TEXT PRIMARY KEY, created INTEGER NOT NULL, settings TEXT NOT NULL, hostKeyHash TEXT NOT NULL, markets INTEGER NOT NULL DEFAULT 0, ended INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS students (code TEXT NOT NULL, student TEXT NOT NULL, name TEXT NOT NULL, market INTEGER NOT NULL, seat INTEGER NOT NULL, company TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (code, student));
CREATE TABLE IF NOT EXISTS company_rounds (code TEXT NOT NULL, market INTEGER NOT NULL, round INTEGER NOT NULL, company TEXT NOT NULL, role TEXT NOT NULL, student TEXT NOT NULL, player TEXT NOT NULL, sheet TEXT NOT NULL,
  cash REAL NOT NULL, debt REAL NOT NULL, offBalanceDebt REAL NOT NULL, equityBook REAL NOT NULL, price REAL NOT NULL, fundamental REAL NOT NULL, score REAL NOT NULL, bankrupt INTEGER NOT NULL, PRIMARY KEY (code, market, round, company));
CREATE TABLE IF NOT EXISTS market_rounds (code TEXT NOT NULL, market INTEGER NOT NULL, round INTEGER NOT NULL, benchmark REAL NOT NULL, hype REAL NOT NULL, gpuSpot REAL NOT NULL, computePrice REAL NOT NULL,
  defaults INTEGER NOT NULL, marginCalls INTEGER NOT NULL, cards TEXT NOT NULL, stateHash TEXT NOT NULL, PRIMARY KEY (code, market, round));
CREATE TABLE IF NOT EXISTS events (code TEXT NOT NULL, market INTEGER NOT NULL, round INTEGER NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, mechanism TEXT NOT NULL, company TEXT NOT NULL, text TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (code, market, round, seq));
`;

function insert(db: DatabaseSync, table: string, row: object, extra: Record<string, unknown> = {}) {
  const all = { ...row, ...extra } as Record<string, string | number>;
  const cols = Object.keys(all);
  db.prepare(`INSERT OR REPLACE INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => all[c]));
}

export class SessionStore {
  private db: DatabaseSync;
  readonly path: string;

  /** `path` is a file (created with its folder if missing), or ":memory:". */
  constructor(path: string) {
    this.path = path;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec("PRAGMA journal_mode = WAL;");
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  saveSession(s: SessionRow): void {
    insert(this.db, "sessions", s);
  }

  session(code: string): SessionRow | undefined {
    return this.db.prepare("SELECT * FROM sessions WHERE code = ?").get(code) as unknown as SessionRow | undefined;
  }

  saveStudent(s: StudentRow): void {
    insert(this.db, "students", s);
  }

  deleteStudent(code: string, student: string): void {
    this.db.prepare("DELETE FROM students WHERE code = ? AND student = ?").run(code, student);
  }

  students(code: string): StudentRow[] {
    return this.db.prepare("SELECT * FROM students WHERE code = ? ORDER BY market, seat").all(code) as unknown as StudentRow[];
  }

  /** One market quarter, atomically: its companies, its macro figures and its events. */
  saveRound(market: MarketRoundRow, companies: CompanyRoundRow[], events: EventRow[]): void {
    this.db.exec("BEGIN");
    try {
      insert(this.db, "market_rounds", market);
      for (const c of companies) insert(this.db, "company_rounds", c);
      events.forEach((e, seq) => insert(this.db, "events", e, { seq }));
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  companyRounds(code: string): CompanyRoundRow[] {
    return this.db.prepare("SELECT * FROM company_rounds WHERE code = ? ORDER BY market, round, company").all(code) as unknown as CompanyRoundRow[];
  }

  marketRounds(code: string): MarketRoundRow[] {
    return this.db.prepare("SELECT * FROM market_rounds WHERE code = ? ORDER BY market, round").all(code) as unknown as MarketRoundRow[];
  }

  events(code: string): EventRow[] {
    return this.db.prepare("SELECT code, market, round, type, mechanism, company, text, data FROM events WHERE code = ? ORDER BY market, round, seq").all(code) as unknown as EventRow[];
  }
}
