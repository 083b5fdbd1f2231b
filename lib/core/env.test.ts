import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "./env";

afterEach(() => vi.unstubAllEnvs());

describe("env() (docs/decisions.md, Code conventions: Caches keyed on their inputs)", () => {
  it("parses once while the configuration stays the same", () => {
    vi.stubEnv("LOG_LEVEL", "warn");
    expect(env()).toBe(env());
  });

  it("picks up a changed process.env without any reset", () => {
    vi.stubEnv("LOG_LEVEL", "debug");
    vi.stubEnv("RATE_LIMIT_PIN_PER_IP", "3");
    expect(env().LOG_LEVEL).toBe("debug");
    expect(env().RATE_LIMIT_PIN_PER_IP).toBe(3);
    vi.stubEnv("LOG_LEVEL", "error");
    delete process.env.RATE_LIMIT_PIN_PER_IP;
    expect(env().LOG_LEVEL).toBe("error");
    expect(env().RATE_LIMIT_PIN_PER_IP).toBe(10);
  });

  it("still refuses an invalid value with a clear message", () => {
    vi.stubEnv("LOG_LEVEL", "loud");
    expect(() => env()).toThrow(/LOG_LEVEL/);
  });
});
