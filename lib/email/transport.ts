import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/core/env";

export type OutgoingEmail = { id: string; to: string; from: string; subject: string; html: string; text: string };
export type EmailTransport = {
  name: "resend" | "dev-mailbox";
  /** Throws on failure; the deliverer retries with backoff. */
  send(msg: OutgoingEmail): Promise<{ providerMessageId: string | null }>;
};

/** Resend, created lazily (docs/decisions.md, Platform notes: Service clients created lazily). */
function resendTransport(apiKey: string): EmailTransport {
  let client: Resend | undefined;
  return {
    name: "resend",
    async send(msg) {
      client ??= new Resend(apiKey, env().RESEND_BASE_URL ? { baseUrl: env().RESEND_BASE_URL } : undefined);
      const { data, error } = await client.emails.send(
        { from: msg.from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text },
        // The outbox id as idempotency key: a retry after a lost response never sends twice.
        { idempotencyKey: `haven-${msg.id}` },
      );
      if (error || !data)
        throw new Error(`Resend refused the message: ${error?.name ?? "unknown"} ${error?.message ?? ""}`.trim());
      return { providerMessageId: data.id };
    },
  };
}

/**
 * Without RESEND_API_KEY the message is "delivered" into the built-in dev mailbox: it stays in the outbox,
 * readable at /dev/mailbox. A real implementation that keeps data, not a mock (docs/decisions.md, Code conventions: External services behind interfaces).
 */
const devMailbox: EmailTransport = {
  name: "dev-mailbox",
  async send() {
    return { providerMessageId: null };
  },
};

/**
 * The dev mailbox shows live sign-in links to whoever opens it, so it must never face the internet. It is on
 * only without RESEND_API_KEY and, with DEV_MAILBOX=auto (the default), only while APP_URL is a local address
 * (the demo, development, the test suite). A real deployment without an email provider gets no mailbox and no
 * transport: its emails stay queued (visible in the admin email log) instead of silently "succeeding".
 */
export function isDevMailboxEnabled(): boolean {
  const e = env();
  if (e.RESEND_API_KEY || e.DEV_MAILBOX === "off") return false;
  if (e.DEV_MAILBOX === "on") return true;
  const host = new URL(e.APP_URL).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host.endsWith(".localhost");
}

/** The configured transport, or null when email cannot be delivered (rows then stay pending). */
export function emailTransport(): EmailTransport | null {
  const key = env().RESEND_API_KEY;
  if (key) return resendTransport(key);
  return isDevMailboxEnabled() ? devMailbox : null;
}
