// No "server-only": pure wording for the audit log page.
import { fieldName } from "./describe";

const AREA: Record<string, string> = {
  auth: "Sign-in",
  profile: "Clients",
  forms: "Forms",
  document: "Documents",
  billing: "Billing",
  payment: "Payments",
  staff: "Staff",
  settings: "Settings",
  audit: "Audit log",
  email_log: "Email log",
};

/** "payment.succeeded" → "Payments: succeeded", for the action filter's list (its value stays the code). */
export function actionLabel(action: string): string {
  const [area, rest = ""] = action.split(/\.(.*)/s);
  return `${AREA[area] ?? area}: ${rest.replace(/[._]+/g, " ")}`;
}

type Entry = {
  action: string;
  actorName: string;
  actorEmail: string | null;
  actorRole: string | null;
  profileId: string | null;
  profileName: string | null;
  targetType: string | null;
  targetId: string | null;
  subject: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
};

function value(v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (Array.isArray(v)) return v.length ? v.map(value).join(", ") : "none";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** "this server" for a loopback address, so "::1" is not a riddle. */
export function networkAddress(ip: string | null): string {
  if (!ip) return "not recorded";
  if (ip === "::1" || ip === "127.0.0.1" || ip === "::ffff:127.0.0.1") return `this server (${ip})`;
  return ip;
}

/** The structured fields behind an entry's sentence, as label/value pairs for its "Details". */
export function auditDetailFields(r: Entry): [string, string][] {
  const who = [r.actorEmail && r.actorEmail !== r.actorName ? r.actorEmail : null, r.actorRole]
    .filter(Boolean)
    .join(", ");
  const out: [string, string][] = [
    ["Who", who ? `${r.actorName} (${who})` : r.actorName],
    ["Action code", r.action],
  ];
  if (r.profileId) out.push(["Client", `${r.profileName ?? "unknown"} (ID ${r.profileId})`]);
  if (r.targetType)
    out.push(["About", `${fieldName(r.targetType.replace(/_/g, " "))}${r.targetId ? ` ${r.targetId}` : ""}`]);
  if (r.subject) out.push(["Email address", r.subject]);
  for (const [k, v] of Object.entries(r.detail ?? {})) out.push([capitalize(fieldName(k)), value(v)]);
  out.push(["Network address", networkAddress(r.ip)]);
  return out;
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
