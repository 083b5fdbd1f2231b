/**
 * How profile types and portal-user relationships are named on screen. Pure (no server-only), so pages,
 * components and lib code all import the one definition.
 */
export const PROFILE_TYPE_LABEL = { individual: "Individual", couple: "Couple", minor: "Minor" } as const;
export const RELATIONSHIP_LABEL = { self: "Self", partner: "Partner", guardian: "Guardian" } as const;

export type ProfileType = keyof typeof PROFILE_TYPE_LABEL;
export type Relationship = keyof typeof RELATIONSHIP_LABEL;

/** The same relationship as the portal user reads it about themself (portal profile picker and switcher). */
export const MY_RELATIONSHIP_LABEL: Record<Relationship, string> = {
  self: "Your own profile",
  partner: "You are a partner",
  guardian: "You are the guardian",
};
