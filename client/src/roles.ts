// Role colours (Okabe–Ito palette, safe for the common colour-blindnesses) and shapes: a role is
// never told by colour alone.
import type { Key } from "./i18n.ts";

export type RoleId = "chipmaker" | "hyperscaler" | "neocloud" | "lender";
export const ROLE_IDS: RoleId[] = ["chipmaker", "hyperscaler", "neocloud", "lender"];

export interface RoleLook {
  color: string;
  hex: number;
  glyph: string;
  shape: "diamond" | "circle" | "triangle" | "square";
  label: Key;
  short: Key;
}

export const ROLES: Record<RoleId, RoleLook> = {
  chipmaker: { color: "#E69F00", hex: 0xe69f00, glyph: "◆", shape: "diamond", label: "role_chipmaker", short: "role_short_chipmaker" },
  hyperscaler: { color: "#56B4E9", hex: 0x56b4e9, glyph: "●", shape: "circle", label: "role_hyperscaler", short: "role_short_hyperscaler" },
  neocloud: { color: "#CC79A7", hex: 0xcc79a7, glyph: "▲", shape: "triangle", label: "role_neocloud", short: "role_short_neocloud" },
  lender: { color: "#009E73", hex: 0x009e73, glyph: "■", shape: "square", label: "role_lender", short: "role_short_lender" },
};

export function roleLook(role: string): RoleLook {
  return ROLES[(role as RoleId) in ROLES ? (role as RoleId) : "lender"];
}

/** Flow colours by deal kind (the board's links), each also labelled in words. */
export const LINK_COLORS: Record<string, number> = {
  chips: 0xf5c542,
  loan: 0x4fa3ff,
  equity: 0xc38bff,
  compute: 0x38e1c6,
  backstop: 0xff8a5b,
  cash: 0xdde6f3,
};
