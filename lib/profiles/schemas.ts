import { z } from "zod";
import {
  dobField,
  emailField,
  icd10ListField,
  isUuid,
  memberIdField,
  optionalText,
  phoneField,
  textField,
  textOrBlank,
  uuidField,
} from "@/lib/core/validation";

/**
 * The client profile form (create and edit), used by react-hook-form in the browser and by the server action
 * (docs/decisions.md, Code conventions: One schema per form). Portal users: a minor needs at least one guardian, a couple two partners
 * (docs/product.md, People; docs/decisions.md, Dashboard and admin: Relationships per profile type).
 */
export const PROFILE_TYPES = ["individual", "couple", "minor"] as const;
export const RELATIONSHIPS = ["self", "partner", "guardian"] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];

export const ALLOWED_RELATIONSHIPS: Record<ProfileType, Relationship[]> = {
  individual: ["self"],
  couple: ["partner"],
  // An older minor may also have their own login beside their guardians.
  minor: ["guardian", "self"],
};

export const portalUserSchema = z.object(
  {
    email: emailField,
    relationship: z.enum(RELATIONSHIPS, "Choose a relationship."),
  },
  { error: "Enter the portal user's email and relationship." },
);

export const clientProfileSchema = z
  .object({
    type: z.enum(PROFILE_TYPES, "Choose individual, couple or minor."),
    legalName: textField(200, "The legal name", { required: "Enter the legal name." }),
    preferredName: optionalText(200, "The preferred name"),
    dateOfBirth: dobField,
    phone: phoneField,
    address: optionalText(500, "The address", { multiline: true }),
    // The same member-ID and ICD-10 rules as the billing form (lib/billing/schemas.ts).
    insuranceMemberId: memberIdField.optional().transform((v) => v ?? null),
    diagnosisCodes: icd10ListField,
    /** Ignored for clinicians (they create for themselves); required for the admin. */
    clinicianId: z
      .string({ error: "Choose a clinician." })
      .trim()
      .optional()
      .default("")
      .refine((v) => v === "" || isUuid(v), "Choose a clinician."),
    users: z
      .array(portalUserSchema, { error: "List the portal users." })
      .max(10, "At most 10 portal users.")
      .default([]),
  })
  .superRefine((v, ctx) => {
    const allowed = ALLOWED_RELATIONSHIPS[v.type];
    const seen = new Set<string>();
    v.users.forEach((u, i) => {
      if (!allowed.includes(u.relationship)) {
        ctx.addIssue({
          code: "custom",
          path: ["users", i, "relationship"],
          message: `${v.type === "individual" ? "An" : "A"} ${v.type} profile's users are ${allowed.join(" or ")}.`,
        });
      }
      if (seen.has(u.email))
        ctx.addIssue({ code: "custom", path: ["users", i, "email"], message: "This address is already listed." });
      seen.add(u.email);
    });
    const count = (r: Relationship) => v.users.filter((u) => u.relationship === r).length;
    if (v.type === "minor" && count("guardian") < 1) {
      ctx.addIssue({ code: "custom", path: ["users"], message: "A minor's profile needs at least one guardian." });
    }
    if (v.type === "minor" && count("self") > 1)
      ctx.addIssue({ code: "custom", path: ["users"], message: "A minor has at most one own login." });
    if (v.type === "couple" && count("partner") !== 2) {
      ctx.addIssue({ code: "custom", path: ["users"], message: "A couple's profile needs two partners." });
    }
    if (v.type === "individual" && v.users.length > 1) {
      ctx.addIssue({ code: "custom", path: ["users"], message: "An individual profile has one portal user (self)." });
    }
  });
export type ClientProfileInput = z.input<typeof clientProfileSchema>;
export type ClientProfileData = z.output<typeof clientProfileSchema>;

/** The client form's text fields, all blank: the "New client" page's starting values. */
export const BLANK_CLIENT_FIELDS = {
  legalName: "",
  preferredName: "",
  dateOfBirth: "",
  phone: "",
  address: "",
  insuranceMemberId: "",
  diagnosisCodes: "",
} as const;

export const profileIdSchema = z.object({ profileId: uuidField() });
export const reassignSchema = z.object({ profileId: uuidField(), clinicianId: uuidField("Choose a clinician.") });
export const updateClientSchema = z.object({ profileId: uuidField(), data: clientProfileSchema });

/** The client list's query string. */
export const clientListQuery = z.object({
  q: textOrBlank(100, "The search"),
  status: z.enum(["active", "archived", "all"]).optional().default("active"),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
  /** From the dashboard's to-do list: profiles with a portal user not yet invited / invited but not signed in. */
  todo: z.enum(["not-invited", "invite-pending"]).optional().catch(undefined),
});
export type ClientListQuery = z.output<typeof clientListQuery>;

/** The client search form: it posts here, and the action redirects with the term sealed (no names in URLs). */
export const clientSearchSchema = z.object({
  q: z.string().trim().max(100, "Search for at most 100 characters.").optional().default(""),
  status: z.enum(["active", "archived", "all"], "Choose which clients to show.").optional().default("active"),
});

/** What staff see (and are told) for a login they do not manage: it reaches another clinician's profiles. */
export const MANAGED_BY_ADMIN =
  "This person also has profiles with another clinician. Ask the practice admin to send a link, issue a PIN or revoke access.";
