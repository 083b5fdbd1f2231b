import { NextResponse, type NextRequest } from "next/server";
import { getPrincipal } from "@/lib/auth/auth";
import { isExpectedError, GENERIC_ERROR, ValidationError } from "@/lib/core/errors";
import { draftSchema } from "@/lib/forms/schemas";
import { saveDraft } from "@/lib/forms/responses";
import { log } from "@/lib/core/log";

export const dynamic = "force-dynamic";

/**
 * Autosave of a draft (docs/product.md, Forms: answers save automatically). A route handler rather than a server action so the browser can send
 * the last answers with `fetch(..., { keepalive: true })` while the page is being left. Same-origin only.
 */
export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host || new URL(origin).host !== host) return NextResponse.json({ error: "Not allowed." }, { status: 403 });
  const principal = await getPrincipal();
  if (!principal) return NextResponse.json({ error: "Please sign in." }, { status: 401 });
  const { id } = await params;
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return NextResponse.json({ error: "The answers could not be read." }, { status: 400 });
  }
  const parsed = draftSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: "The answers could not be read." }, { status: 400 });
  try {
    return NextResponse.json({ ok: true, ...(await saveDraft(principal, id, parsed.data.answers)) });
  } catch (e) {
    if (isExpectedError(e)) {
      return NextResponse.json({ ok: false, error: e.message, fieldErrors: e instanceof ValidationError ? e.fieldErrors : undefined }, { status: e.status });
    }
    log.error("forms autosave failed", e);
    return NextResponse.json({ ok: false, error: GENERIC_ERROR }, { status: 500 });
  }
}
