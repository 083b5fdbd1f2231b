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

/**
 * Who is signed in and whose profile they are in, for the portal home (docs/decisions.md, Client home): the person
 * is always greeted by their own name, so a guardian is never welcomed as the child.
 *   self     → "Jordan Lee"
 *   guardian → "Pat Park — managing Mia Park"
 *   partner  → "Jordan Lee — in the couple profile Jordan & Casey Lee"
 */
export function signedInAs(
  userName: string | null,
  profileName: string,
  relationship: Relationship,
): { greeting: string; identity: string } {
  if (relationship === "self") {
    const name = userName ?? profileName;
    return { greeting: `Welcome, ${name}`, identity: `${name} — your own profile` };
  }
  const who = userName ?? "You";
  const where = relationship === "guardian" ? `managing ${profileName}` : `in the couple profile ${profileName}`;
  return { greeting: userName ? `Welcome, ${userName}` : "Welcome back", identity: `${who} — ${where}` };
}
