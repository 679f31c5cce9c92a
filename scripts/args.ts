// Tiny command-line flag reader for the project's scripts (node:util's parseArgs underneath).
import { parseArgs } from "node:util";

export function flags<T extends Record<string, { type: "string" | "boolean"; default?: string | boolean }>>(options: T) {
  const { values } = parseArgs({ options, allowPositionals: false, strict: true });
  return values;
}

export function intFlag(v: unknown, name: string, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n)) {
    console.error(`--${name} must be an integer, got "${String(v)}"`);
    process.exit(2);
  }
  return n;
}
