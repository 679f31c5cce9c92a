// The phase clock of a room: which step comes next (the news opens the decide phase, the decide
// phase closes, the report gives way to the next quarter's news) and when. Pure data and
// functions of the current time, so a pause, extra time and a restart all read the same way; the
// room only arms one timer at `deadline` and calls the step when it fires.

/** What happens when the running phase ends. */
export type PhaseStep = "openDecide" | "closeDecide" | "nextQuarter";

export interface PhaseClock {
  /** The step to run when the phase ends, or null (lobby, resolving, ended). */
  next: PhaseStep | null;
  /** Epoch ms at which it runs (0 while paused or idle). */
  deadline: number;
  /** While paused: ms the phase still had. */
  left: number;
  paused: boolean;
}

export const idleClock = (): PhaseClock => ({ next: null, deadline: 0, left: 0, paused: false });

/** The phase ends `seconds` from now with `next` (a paused clock keeps the time for its resume). */
export function schedule(c: PhaseClock, now: number, seconds: number, next: PhaseStep): PhaseClock {
  const ms = Math.max(0, Math.round(seconds * 1000));
  return c.paused ? { next, deadline: 0, left: ms, paused: true } : { next, deadline: now + ms, left: 0, paused: false };
}

export function pause(c: PhaseClock, now: number): PhaseClock {
  if (c.paused) return c;
  return { next: c.next, deadline: 0, left: c.next ? Math.max(0, c.deadline - now) : 0, paused: true };
}

export function resume(c: PhaseClock, now: number): PhaseClock {
  if (!c.paused) return c;
  return { next: c.next, deadline: c.next ? now + c.left : 0, left: 0, paused: false };
}

/** More time for the running phase, paused or not. */
export function addTime(c: PhaseClock, now: number, seconds: number): PhaseClock {
  if (!c.next) return c;
  const ms = Math.max(0, Math.round(seconds * 1000));
  return c.paused ? { ...c, left: c.left + ms } : { ...c, deadline: Math.max(c.deadline, now) + ms };
}

/** Ends the phase now: the step to run, and the clock with nothing pending (and no pause). */
export function close(c: PhaseClock): { step: PhaseStep | null; clock: PhaseClock } {
  return { step: c.next, clock: idleClock() };
}

/** Ms until the step is due (Infinity while paused or idle). */
export function msLeft(c: PhaseClock, now: number): number {
  if (!c.next || c.paused) return Number.POSITIVE_INFINITY;
  return Math.max(0, c.deadline - now);
}
