import { z } from "zod";
import { defineRoute, NO_STORE_HEADERS } from "@/lib/auth/route";
import { uuidField } from "@/lib/core/validation";
import { dateInZone } from "@/lib/core/time";
import { now } from "@/lib/core/clock";
import { readThread } from "@/lib/messaging/messages";
import { renderConversationPdf } from "@/lib/messaging/pdf";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";

/** A conversation as a PDF, for staff (the record) and the client; audited as "message.pdf"; outsiders get 404. */
export const GET = defineRoute(
  {
    name: "conversation pdf",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "text",
    params: z.object({ id: uuidField() }),
  },
  async ({ principal, params }) => {
    const thread = await readThread(principal, params.id, { purpose: "pdf" });
    const practice = await getPracticeSettings();
    const pdf = await renderConversationPdf(
      thread.profile.preferredName ?? thread.profile.legalName,
      thread.messages,
      practice.name,
      practice.timeZone,
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        ...NO_STORE_HEADERS,
        "Content-Type": "application/pdf",
        // No PHI in the file name.
        "Content-Disposition": `attachment; filename="messages-${dateInZone(now(), practice.timeZone)}.pdf"`,
      },
    });
  },
);
