import "server-only";
import crypto from "node:crypto";
import { authSecret } from "@/lib/core/crypto";
import { now, HOUR } from "@/lib/core/clock";

/**
 * A clinician's files are uploaded one by one, then shared together with one note and one email. Between the two
 * steps there is no database row (a row exists only for finished, shared documents): the upload returns this
 * signed ticket describing the staged object, and the share action commits the tickets it is given.
 */
export type StagedFile = {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  profileId: string;
  userId: string;
  exp: number;
};

function mac(body: string): string {
  return crypto.createHmac("sha256", `${authSecret()}:staged-upload`).update(body).digest("base64url");
}

export function signStaged(f: Omit<StagedFile, "exp">): string {
  const body = Buffer.from(JSON.stringify({ ...f, exp: now().getTime() + HOUR })).toString("base64url");
  return `${body}.${mac(body)}`;
}

/** The ticket's contents, or null when forged, expired or another user's/profile's. */
export function verifyStaged(ticket: string, expect: { userId: string; profileId: string }): StagedFile | null {
  const [body, sig] = ticket.split(".");
  if (!body || !sig) return null;
  const good = mac(body);
  if (good.length !== sig.length || !crypto.timingSafeEqual(Buffer.from(good), Buffer.from(sig))) return null;
  try {
    const f = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as StagedFile;
    if (f.userId !== expect.userId || f.profileId !== expect.profileId || f.exp < now().getTime()) return null;
    return f;
  } catch {
    return null;
  }
}
