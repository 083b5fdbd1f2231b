/**
 * The server's notion of "now". Time-window rules (24 h links, 1 h PINs, 15 min idle) read it here so that
 * integration tests can inject a clock instead of sleeping.
 */
let offsetMs = 0;
let fixed: number | undefined;

export function now(): Date {
  return new Date(fixed ?? Date.now() + offsetMs);
}

export const clockForTests = {
  set(d: Date | undefined) {
    fixed = d?.getTime();
  },
  advance(ms: number) {
    if (fixed !== undefined) fixed += ms;
    else offsetMs += ms;
  },
  reset() {
    fixed = undefined;
    offsetMs = 0;
  },
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
