"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth/action";
import { createClient, reassignClient, setClientArchived, updateClient } from "@/lib/profiles/clients";
import {
  clientProfileSchema,
  clientSearchSchema,
  profileIdSchema,
  reassignSchema,
  updateClientSchema,
} from "@/lib/profiles/schemas";
import { CLIENTS_PATH, clientListHref } from "@/lib/profiles/client-search";

/** Creates a client profile and its portal users; a clinician creates for themselves (lib/profiles/clients.ts). */
export const createClientAction = defineAction(
  { schema: clientProfileSchema, who: "staff", name: "createClient" },
  async (data, { principal }) => {
    const { id } = await createClient(principal, data);
    redirect(`/dashboard/clients/${id}?created=1`);
  },
);

export const updateClientAction = defineAction(
  { schema: updateClientSchema, who: "staff", name: "updateClient" },
  async ({ profileId, data }, { principal }) => {
    await updateClient(principal, profileId, data);
    redirect(`/dashboard/clients/${profileId}?saved=1`);
  },
);

export const archiveClientAction = defineAction(
  { schema: profileIdSchema, who: "staff", name: "archiveClient" },
  async ({ profileId }, { principal }) => {
    await setClientArchived(principal, profileId, true);
    revalidatePath(`/dashboard/clients/${profileId}`);
  },
);

export const restoreClientAction = defineAction(
  { schema: profileIdSchema, who: "staff", name: "restoreClient" },
  async ({ profileId }, { principal }) => {
    await setClientArchived(principal, profileId, false);
    revalidatePath(`/dashboard/clients/${profileId}`);
  },
);

/** Admin only: reassigning a client to another clinician (audited as profile.reassign). */
export const reassignClientAction = defineAction(
  { schema: reassignSchema, who: "admin", name: "reassignClient" },
  async ({ profileId, clinicianId }, { principal }) => {
    await reassignClient(principal, profileId, clinicianId);
    revalidatePath(`/dashboard/clients/${profileId}`);
  },
);

const searchClients = defineAction(
  { schema: clientSearchSchema, who: "staff", name: "searchClients" },
  async (input, { principal }) => {
    redirect(clientListHref(principal, input));
  },
);

/**
 * The client search form posts here (not GET) so the term never appears in a URL; the redirect carries it
 * sealed, which keeps pagination, reload and the back button working. A plain `<form action>` works without
 * JavaScript; an invalid entry comes back as `?error=q` and the page shows the message at the field.
 */
export async function searchClientsAction(fd: FormData): Promise<void> {
  const r = await searchClients(fd);
  if (!r.ok) redirect(`${CLIENTS_PATH}?error=${r.fieldErrors?.status ? "status" : "q"}`);
}
