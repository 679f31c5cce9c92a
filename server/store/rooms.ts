// Live rooms in the store, so that a restart (or a crash) brings every unfinished game back: one
// row per room with its saved setup (seats, players' key hashes, pacing), and one row per step of
// its game (each resolved quarter's sheets with the state hash they produced, an injected card, an
// early end). Rows are written as things happen; a room that ends for good removes its rows.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

export type RoomKind = "market" | "classroom";

export interface StoredRoom {
  code: string;
  kind: RoomKind;
  /** The room's saved setup as JSON (shared/src/room/saved.ts). */
  meta: string;
  /** Its game's steps as JSON, in order (shared/src/room/record.ts GameStep). */
  steps: string[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS live_rooms (code TEXT PRIMARY KEY, kind TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS live_steps (code TEXT NOT NULL, seq INTEGER NOT NULL, step TEXT NOT NULL, PRIMARY KEY (code, seq));
`;

export class RoomStore {
  private db: DatabaseSync;

  /** `path` is a file (created with its folder if missing), or ":memory:". */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec("PRAGMA journal_mode = WAL;");
    // Several connections share the file (sessions, rooms): wait for a writer instead of failing.
    this.db.exec("PRAGMA busy_timeout = 5000;");
    // WAL with NORMAL sync: a commit is durable against a crash of the process (what a restart is
    // about), and does not wait on the disk for every seat change.
    this.db.exec("PRAGMA synchronous = NORMAL;");
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  saveMeta(code: string, kind: RoomKind, meta: string): void {
    const now = Date.now();
    this.db
      .prepare("INSERT INTO live_rooms (code, kind, created, updated, meta) VALUES (?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET updated = excluded.updated, meta = excluded.meta")
      .run(code, kind, now, now, meta);
  }

  /** A step of the room's game and the room's setup after it, atomically. */
  addStep(code: string, kind: RoomKind, seq: number, step: string, meta: string): void {
    this.db.exec("BEGIN");
    try {
      this.db.prepare("INSERT OR REPLACE INTO live_steps (code, seq, step) VALUES (?, ?, ?)").run(code, seq, step);
      this.saveMeta(code, kind, meta);
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  load(code: string): StoredRoom | undefined {
    const row = this.db.prepare("SELECT code, kind, meta FROM live_rooms WHERE code = ?").get(code) as { code: string; kind: RoomKind; meta: string } | undefined;
    if (!row) return undefined;
    const steps = this.db.prepare("SELECT step FROM live_steps WHERE code = ? ORDER BY seq").all(code) as { step: string }[];
    return { ...row, steps: steps.map((s) => s.step) };
  }

  has(code: string): boolean {
    return this.db.prepare("SELECT 1 FROM live_rooms WHERE code = ?").get(code) !== undefined;
  }

  /** Every live room, class sessions last (their markets must exist when they come back). */
  list(): { code: string; kind: RoomKind }[] {
    return this.db.prepare("SELECT code, kind FROM live_rooms ORDER BY CASE kind WHEN 'market' THEN 0 ELSE 1 END, created").all() as { code: string; kind: RoomKind }[];
  }

  /** Drops the steps after `seq` (a record that no longer replays past that point). */
  truncate(code: string, seq: number): void {
    this.db.prepare("DELETE FROM live_steps WHERE code = ? AND seq > ?").run(code, seq);
  }

  remove(code: string): void {
    this.db.exec("BEGIN");
    try {
      this.db.prepare("DELETE FROM live_steps WHERE code = ?").run(code);
      this.db.prepare("DELETE FROM live_rooms WHERE code = ?").run(code);
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }
}
