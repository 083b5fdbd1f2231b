"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { uuidField } from "@/lib/core/validation";
import {
  answerRequest,
  cancelMyAppointment,
  createAppointments,
  markAppointment,
  requestAppointment,
  updateAppointment,
} from "./appointments";
import { saveMyAvailability } from "./availability";
import { addFormRule, removeFormRule } from "./form-rules";
import {
  appointmentIdSchema,
  appointmentSchema,
  appointmentUpdateSchema,
  availabilityFormSchema,
  formRuleSchema,
  markSchema,
  requestSchema,
} from "./schemas";

/** Server actions of appointments: each one is a public POST endpoint, checked by defineAction and the data layer. */

export const createAppointmentsAction = defineAction(
  { schema: appointmentSchema, who: "staff", name: "appointments.create" },
  async (input, { principal }) => {
    const r = await createAppointments(principal, input);
    revalidatePath(`/dashboard/clients/${input.profileId}/appointments`);
    return { count: r.ids.length };
  },
);

export const updateAppointmentAction = defineAction(
  { schema: appointmentUpdateSchema, who: "staff", name: "appointments.update" },
  async (input, { principal }) => {
    await updateAppointment(principal, input);
    return { ok: true };
  },
);

export const markAppointmentAction = defineAction(
  { schema: markSchema, who: "staff", name: "appointments.mark" },
  async (input, { principal }) => {
    await markAppointment(principal, input.id, input.status);
    return { status: input.status };
  },
);

export const acceptRequestAction = defineAction(
  { schema: appointmentIdSchema, who: "staff", name: "appointments.accept" },
  async (input, { principal }) => {
    await answerRequest(principal, input.id, true);
    revalidatePath("/dashboard/calendar");
    return { ok: true };
  },
);

export const declineRequestAction = defineAction(
  { schema: appointmentIdSchema, who: "staff", name: "appointments.decline" },
  async (input, { principal }) => {
    await answerRequest(principal, input.id, false);
    revalidatePath("/dashboard/calendar");
    return { ok: true };
  },
);

export const saveAvailabilityAction = defineAction(
  { schema: availabilityFormSchema, who: "staff", name: "appointments.availability" },
  async (input, { principal }) => {
    await saveMyAvailability(principal, input);
    revalidatePath("/dashboard/calendar");
    return { ok: true };
  },
);

export const addFormRuleAction = defineAction(
  { schema: formRuleSchema, who: "staff", name: "appointments.form_rule_add" },
  async (input, { principal }) => {
    await addFormRule(principal, input);
    revalidatePath(`/dashboard/clients/${input.profileId}/appointments`);
    return { ok: true };
  },
);

export const removeFormRuleAction = defineAction(
  { schema: z.object({ id: uuidField() }), who: "staff", name: "appointments.form_rule_remove" },
  async (input, { principal }) => {
    await removeFormRule(principal, input.id);
    return { ok: true };
  },
);

export const requestAppointmentAction = defineAction(
  { schema: requestSchema, who: "client", name: "appointments.request" },
  async (input, { principal }) => {
    await requestAppointment(principal, input);
    revalidatePath("/portal/appointments");
    return { ok: true };
  },
);

export const cancelMyAppointmentAction = defineAction(
  { schema: appointmentIdSchema, who: "client", name: "appointments.cancel" },
  async (input, { principal }) => {
    await cancelMyAppointment(principal, input.id);
    revalidatePath("/portal/appointments");
    return { ok: true };
  },
);
