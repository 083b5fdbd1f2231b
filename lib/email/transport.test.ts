import { afterEach, describe, expect, it } from "vitest";
import { emailTransport, isDevMailboxEnabled } from "./transport";

const saved = { ...process.env };
function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

describe("which email transport runs", () => {
  afterEach(() => {
    process.env = { ...saved };
  });

  it("uses the dev mailbox for a local APP_URL without Resend", () => {
    withEnv({ APP_URL: "http://localhost:3000", RESEND_API_KEY: undefined, DEV_MAILBOX: undefined });
    expect(isDevMailboxEnabled()).toBe(true);
    expect(emailTransport()?.name).toBe("dev-mailbox");
  });

  it("never exposes the mailbox on a public address: emails stay queued instead of pretending to be sent", () => {
    withEnv({ APP_URL: "https://portal.example.com", RESEND_API_KEY: undefined, DEV_MAILBOX: undefined });
    expect(isDevMailboxEnabled()).toBe(false);
    expect(emailTransport()).toBeNull();
  });

  it("uses Resend whenever its key is set, and then has no mailbox", () => {
    withEnv({ APP_URL: "http://localhost:3000", RESEND_API_KEY: "re_x", DEV_MAILBOX: "on" });
    expect(isDevMailboxEnabled()).toBe(false);
    expect(emailTransport()?.name).toBe("resend");
  });

  it("can be forced on or off", () => {
    withEnv({ APP_URL: "https://staging.example.com", RESEND_API_KEY: undefined, DEV_MAILBOX: "on" });
    expect(isDevMailboxEnabled()).toBe(true);
    withEnv({ APP_URL: "http://localhost:3000", RESEND_API_KEY: undefined, DEV_MAILBOX: "off" });
    expect(emailTransport()).toBeNull();
  });
});
