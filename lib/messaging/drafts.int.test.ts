import { describe, expect, it } from "vitest";
import { DEMO } from "@/lib/demo/seed";
import { principalFor, uniqueEmail } from "@/lib/test/auth-fixtures";
import { createClient, reassignClient, updateClient } from "@/lib/profiles/clients";
import { clientForm } from "@/lib/test/client-form";
import { messageDraftOf, saveMessageDraft } from "./drafts";
import { sendMessage } from "./messages";
import { loadProfileConversation } from "./pages";
import { DRAFT_MAX, MESSAGE_MAX, messageDraftSchema } from "./schemas";

/**
 * docs/decisions.md, Messaging: drafts. What a person typed and did not send is kept for them alone, in a
 * conversation they may write in, and goes when they send.
 */
const P = DEMO.profiles;
const who = (email: string) => principalFor(email, "test");

describe("message drafts", () => {
  it("are each person's own: a partner, the clinician and outsiders never see another's", async () => {
    const [jordan, casey, ana, pat, sam] = await Promise.all(
      [DEMO.jordan, DEMO.casey, DEMO.ana, DEMO.pat, DEMO.sam].map(who),
    );
    await saveMessageDraft(jordan, P.jordanCasey, "Half-written: about Thursday,\nI think");
    expect((await loadProfileConversation(jordan, P.jordanCasey)).draft).toBe("Half-written: about Thursday,\nI think");
    expect((await loadProfileConversation(casey, P.jordanCasey)).draft).toBe("");
    expect((await loadProfileConversation(ana, P.jordanCasey)).draft).toBe("");

    await saveMessageDraft(casey, P.jordanCasey, "Casey's own words");
    await saveMessageDraft(ana, P.jordanCasey, "Ana's reply, not sent");
    expect(await messageDraftOf(jordan, P.jordanCasey)).toBe("Half-written: about Thursday,\nI think");
    expect((await loadProfileConversation(ana, P.jordanCasey)).draft).toBe("Ana's reply, not sent");

    // Nobody saves into a profile they cannot reach: the couple's for Pat and Sam, Jordan's own for Casey.
    for (const [outsider, profileId] of [
      [pat, P.jordanCasey],
      [sam, P.jordanCasey],
      [casey, P.jordan],
    ] as const) {
      await expect(saveMessageDraft(outsider, profileId, "x")).rejects.toMatchObject({ status: 404 });
    }
    expect(await messageDraftOf(casey, P.jordan)).toBe("");
  });

  it("goes with the send, only the sender's; blank text removes it", async () => {
    const [jordan, casey] = await Promise.all([DEMO.jordan, DEMO.casey].map(who));
    await saveMessageDraft(jordan, P.jordanCasey, "Can we talk about the weekend?");
    await saveMessageDraft(casey, P.jordanCasey, "Not finished yet");
    await sendMessage(jordan, { profileId: P.jordanCasey, body: "Can we talk about the weekend?" });
    expect(await messageDraftOf(jordan, P.jordanCasey)).toBe("");
    expect(await messageDraftOf(casey, P.jordanCasey)).toBe("Not finished yet");

    expect(await saveMessageDraft(casey, P.jordanCasey, "  \n ")).toEqual({ saved: false });
    expect(await messageDraftOf(casey, P.jordanCasey)).toBe("");
  });

  it("goes when its writer can no longer reach the profile: a portal user removed, the clinician replaced", async () => {
    const [ana, admin] = await Promise.all([DEMO.ana, DEMO.admin].map(who));
    const email = uniqueEmail("draft-access");
    const profile = (v: Record<string, unknown>) =>
      clientForm({ legalName: "Draft Access Client", type: "individual", ...v });
    const { id } = await createClient(ana, profile({ users: [{ email, relationship: "self" }] }));
    const client = await principalFor(email, "test", id);
    await saveMessageDraft(client, id, "The client's unsent words");
    await saveMessageDraft(ana, id, "Ana's unsent reply");

    await reassignClient(admin, id, (await principalFor(DEMO.sam)).userId);
    expect(await messageDraftOf(ana, id)).toBe("");
    expect(await messageDraftOf(client, id)).toBe("The client's unsent words");

    await updateClient(admin, id, profile({ users: [] }));
    expect(await messageDraftOf(client, id)).toBe("");
  });

  it("keeps text past the message limit, up to twice it", () => {
    const profileId = P.jordanCasey;
    expect(messageDraftSchema.safeParse({ profileId, body: "a".repeat(MESSAGE_MAX + 1) }).success).toBe(true);
    const over = messageDraftSchema.safeParse({ profileId, body: "a".repeat(DRAFT_MAX + 1) });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe("A draft can be at most 10,000 characters.");
    expect(messageDraftSchema.parse({ profileId, body: "a\u0000b\nc" }).body).toBe("ab\nc");
  });
});
