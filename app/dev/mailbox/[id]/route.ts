import { getMailboxMessage } from "@/lib/email/mailbox";
import { isExpectedError } from "@/lib/core/errors";
import { metaFrom } from "@/lib/core/http";
import { escapeHtml as esc } from "@/lib/core/escape";
import { formatDateTime } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";

/** One message, rendered as the recipient would see it, with working links and a bar to go back. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const m = await getMailboxMessage((await params).id, metaFrom(req.headers));
    const bar = `<div style="font:14px/1.5 system-ui,sans-serif;background:#0f172a;color:#fff;padding:8px 12px"><a href="/dev/mailbox" style="color:#fff">← Dev mailbox</a> · To ${esc(m.to)} · <strong>${esc(m.subject)}</strong> · ${esc(formatDateTime(m.createdAt, (await getPracticeSettings()).timeZone))}</div>`;
    // Links open in this tab so the mailbox works like a person's inbox in one window.
    const html = (m.html ?? "<p>(body removed after delivery)</p>")
      .replace(/\s+target="_blank"/g, "")
      .replace(/<body([^>]*)>/i, (all) => `${all}${bar}`);
    return new Response(html.includes(bar) ? html : bar + html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy":
          "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        "Referrer-Policy": "no-referrer",
      },
    });
  } catch (e) {
    return new Response("Not found", { status: isExpectedError(e) ? e.status : 500 });
  }
}
