"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth/action";
import { inviteClinicianSchema, staffIdSchema, updateStaffSchema } from "@/lib/staff/schemas";
import { inviteClinician, resendStaffInvite, setStaffActive, updateStaffDetails } from "@/lib/staff/staff";

/** Admin-only actions (defineAction who: "admin"; the lib functions check again). */
export const inviteClinicianAction = defineAction(
  { schema: inviteClinicianSchema, who: "admin", name: "inviteClinician", freshSecondFactor: true },
  async (data, { principal }) => {
    const { id } = await inviteClinician(principal, data);
    redirect(`/admin/staff/${id}?invited=1`);
  },
);

export const updateStaffAction = defineAction(
  { schema: updateStaffSchema, who: "admin", name: "updateStaff", freshSecondFactor: true },
  async ({ userId, ...data }, { principal }) => {
    await updateStaffDetails(principal, userId, data);
    revalidatePath(`/admin/staff/${userId}`);
    return { message: "Saved." };
  },
);

export const deactivateStaffAction = defineAction(
  { schema: staffIdSchema, who: "admin", name: "deactivateStaff", freshSecondFactor: true },
  async ({ userId }, { principal }) => {
    const { sessionsEnded } = await setStaffActive(principal, userId, false);
    revalidatePath(`/admin/staff/${userId}`);
    return { message: `Account deactivated.${sessionsEnded ? " They were signed out." : ""}` };
  },
);

export const reactivateStaffAction = defineAction(
  { schema: staffIdSchema, who: "admin", name: "reactivateStaff", freshSecondFactor: true },
  async ({ userId }, { principal }) => {
    await setStaffActive(principal, userId, true);
    revalidatePath(`/admin/staff/${userId}`);
    return { message: "Account reactivated." };
  },
);

export const resendInviteAction = defineAction(
  { schema: staffIdSchema, who: "admin", name: "resendInvite", freshSecondFactor: true },
  async ({ userId }, { principal }) => {
    await resendStaffInvite(principal, userId);
    revalidatePath(`/admin/staff/${userId}`);
    return { message: "Invitation sent. Any earlier link no longer works." };
  },
);
