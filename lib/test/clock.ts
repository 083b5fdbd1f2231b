import { vi } from "vitest";

/**
 * Moves the time `now()` (lib/core/clock.ts) reads, with Vitest's own fake timers faking only `Date`: setTimeout,
 * setInterval and the like stay real, so postgres.js and PGlite (which use timers) keep working. While set, the
 * clock stands still until the next `setNow`/`advanceNow`. Call `restoreClock()` in `afterEach`.
 */
export function setNow(at: Date | string) {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
}

/** Jumps the clock `ms` ahead of its current reading (freezing it first if it was still real). */
export function advanceNow(ms: number) {
  setNow(new Date(Date.now() + ms));
}

export function restoreClock() {
  vi.useRealTimers();
}
