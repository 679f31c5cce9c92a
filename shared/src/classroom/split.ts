// A class is split into parallel markets of the same size, scenario and seed, so their results
// compare. Markets differ in size by at most one student, and inside a market the seats are
// handed out one role after another, so five students make one of each role plus one more,
// never five chipmakers. Bots take the seats left over.
import type { Role } from "../schemas/seeds.ts";

export interface SeatTemplate {
  profile: string;
  role: Role;
}

export interface Placement {
  student: string;
  market: number;
  seat: number;
}

/** Seats in the order students fill them: roles taken in turn, each role's seats in template order. */
export function fillOrder(seats: readonly SeatTemplate[]): number[] {
  const byRole = new Map<Role, number[]>();
  seats.forEach((s, i) => byRole.set(s.role, [...(byRole.get(s.role) ?? []), i]));
  const queues = [...byRole.values()];
  const order: number[] = [];
  for (let k = 0; order.length < seats.length; k++) for (const q of queues) if (k < q.length) order.push(q[k]);
  return order;
}

/** How many markets a class needs: every student seated, markets as full as they can be. */
export function marketCount(students: number, marketSize: number): number {
  return Math.max(1, Math.ceil(students / marketSize));
}

/** Places students (in the order given, e.g. join order) into markets, round-robin. */
export function splitIntoMarkets(students: readonly string[], seats: readonly SeatTemplate[]): Placement[] {
  const markets = marketCount(students.length, seats.length);
  const order = fillOrder(seats);
  return students.map((student, i) => ({ student, market: i % markets, seat: order[Math.floor(i / markets)] }));
}
