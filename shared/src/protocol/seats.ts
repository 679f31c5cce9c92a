// Seats asked for by profile id or by role, turned into the engine's seats (one profile each).
import { ROLES, type Profile, type Role } from "../schemas/seeds.ts";
import type { FieldIssue } from "./errors.ts";

export interface ResolvedSeat {
  /** What was asked for: a profile id or a role. */
  spec: string;
  profile: string;
  role: Role;
  name: string;
}

/**
 * Profile ids stand for themselves; a role takes the first profile of that role (in the seeds'
 * order) that no other seat uses, or, when all are used, the role's first profile again (the
 * engine then names the company "<profile>-2").
 */
export function resolveSeats(specs: readonly string[], profiles: Record<string, Profile>): { ok: true; seats: ResolvedSeat[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const explicit = new Set(specs.filter((s) => profiles[s]));
  const used = new Set<string>();
  const seats: ResolvedSeat[] = [];
  specs.forEach((spec, i) => {
    let p: Profile | undefined = profiles[spec];
    if (!p && (ROLES as readonly string[]).includes(spec)) {
      const ofRole = Object.values(profiles).filter((x) => x.role === spec);
      p = ofRole.find((x) => !used.has(x.id) && !explicit.has(x.id)) ?? ofRole[0];
    }
    if (!p) {
      issues.push({
        field: `seats.${i}`,
        message: `unknown seat "${spec}": use a role (${ROLES.join(", ")}) or a profile id (${Object.keys(profiles).join(", ")})`,
      });
      return;
    }
    used.add(p.id);
    seats.push({ spec, profile: p.id, role: p.role, name: p.name });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, seats };
}
