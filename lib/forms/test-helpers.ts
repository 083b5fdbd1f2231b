import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { formTemplates, users } from "@/db/schema";
import type { TestPrincipal } from "@/lib/test/auth-fixtures";

/** Principals for the demo people, for integration tests and the bench (no session needed below the action layer). */
export async function principalFor(email: string, activeProfileId: string | null = null): Promise<TestPrincipal> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return { userId: u.id, email: u.email, name: u.name, role: u.role, sessionId: `test-${u.id}`, activeProfileId };
}

export async function libraryTemplateId(key: string): Promise<string> {
  const [t] = await db.select({ id: formTemplates.id }).from(formTemplates).where(eq(formTemplates.libraryKey, key));
  if (!t) throw new Error(`no library template ${key}`);
  return t.id;
}
