/**
 * The server's notion of "now": every time-window rule (24 h links, 1 h PINs, 15 min idle) reads the time here
 * and nowhere else. Tests move it with Vitest's fake `Date` (lib/test/clock.ts), never through a hook in this file.
 */
export function now(): Date {
  return new Date();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
