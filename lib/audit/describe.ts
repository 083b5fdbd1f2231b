// No "server-only": pure wording, tested on its own.
import type { AuditAction } from "./action-list";

/**
 * What the admin's audit log says about one entry, already in words: the page (lib/dashboard/admin-logs.ts)
 * looks the names up (people, the client, the invoice number, the card) and each action's describer below makes
 * one plain sentence of them, e.g. "Pat Park paid invoice INV-0002 with Visa •••• 4242". Codes, ids and JSON stay
 * in the entry's details and the CSV export.
 */
export type AuditFacts = {
  /** Who acted, in words: a person's name, "The payment provider", "The system" or "Someone". */
  actor: string;
  /** The client profile's name, when the entry is about one. */
  client: string | null;
  /** The person the entry is about (a staff member, a portal user, a clinician a client moved to). */
  person: string | null;
  /** "INV-0002" */
  invoice: string | null;
  /** "Visa •••• 4242" */
  card: string | null;
  /** "$90.00" */
  amount: string | null;
  /** A form's title. */
  form: string | null;
  /** A masked email address the entry is about when there is no account (e.g. "j•••@example.com"). */
  subject: string | null;
  detail: Record<string, unknown> | null;
};

type Describer = (f: AuditFacts) => string;

/** "Jordan Lee's", "Chris'", or a fallback. */
export function possessive(name: string | null, fallback = "a client's"): string {
  if (!name) return fallback;
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

const client = (f: AuditFacts, fallback = "a client") => f.client ?? fallback;
const invoice = (f: AuditFacts) => (f.invoice ? `invoice ${f.invoice}` : "an invoice");
const card = (f: AuditFacts, fallback = "a card") => f.card ?? fallback;
const withAmount = (f: AuditFacts, s: string) => (f.amount ? `${s} (${f.amount})` : s);
const form = (f: AuditFacts, fallback = "a form") => (f.form ? `“${f.form}”` : fallback);
const num = (f: AuditFacts, key: string) => (typeof f.detail?.[key] === "number" ? (f.detail[key] as number) : null);
const text = (f: AuditFacts, key: string) => (typeof f.detail?.[key] === "string" ? (f.detail[key] as string) : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** A code such as "no_pin" or "check" said as words ("no pin", "check"). */
const words = (code: string | null) => (code ? code.replace(/[._]+/g, " ").trim() : null);
/** How a sign-in happened (docs/decisions.md "Second factor and passkeys": sign-in records say the method). */
const SIGN_IN_METHOD: Record<string, string> = {
  link: " with an emailed link",
  welcome: " with a welcome link",
  pin: " with a PIN code",
  passkey: " with a passkey",
};
const fields = (f: AuditFacts, key: string) => {
  const v = f.detail?.[key];
  if (!Array.isArray(v) || v.length === 0) return "";
  const names = v.filter((x): x is string => typeof x === "string").map(fieldName);
  return names.length ? ` (${names.join(", ")})` : "";
};
/** "organizationNpi" → "organization NPI", "legalName" → "legal name". */
export function fieldName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/\bnpi\b/g, "NPI")
    .replace(/\bein\b/g, "EIN")
    .replace(/\bmb\b/g, "MB")
    .replace(/\bdata url\b/g, "");
}

/**
 * One sentence per action. The `Record<AuditAction, …>` type makes the map exhaustive: an action added to
 * lib/audit/action-list.ts without a sentence here fails the build.
 */
export const AUDIT_DESCRIBERS: Record<AuditAction, Describer> = {
  "auth.link_requested": (f) => `${f.actor} asked for a sign-in link`,
  "auth.link_request_unknown": (f) =>
    `Someone asked for a sign-in link for ${f.subject ?? "an address"}, which has no account`,
  "auth.link_resend_unknown": (f) =>
    `Someone asked to resend a sign-in link for ${f.subject ?? "an address"}, which has no account`,
  "auth.credential_refused": (f) => `${f.actor} was refused a sign-in change for ${f.person ?? "an account"}`,
  "auth.link_used": (f) =>
    text(f, "kind") === "welcome"
      ? `${f.actor} signed in for the first time with a welcome link`
      : `${f.actor} signed in with an emailed link`,
  "auth.link_rejected": (f) => {
    const why = words(text(f, "reason"));
    return `A sign-in link${f.subject ? ` for ${f.subject}` : ""} was refused${why ? ` (${why})` : ""}`;
  },
  "auth.welcome_sent": (f) => `${f.actor} sent a welcome email to ${f.person ?? f.subject ?? "a new user"}`,
  "auth.pin_issued": (f) =>
    `${f.actor} gave ${f.person ?? "a client"} a sign-in PIN code${f.client ? ` for ${f.client}` : ""}`,
  "auth.pin_used": (f) => `${f.actor} signed in with a PIN code`,
  "auth.pin_failed": (f) => `A PIN code sign-in failed for ${f.person ?? f.subject ?? "an unknown address"}`,
  "auth.pin_burned": (f) =>
    `A PIN code for ${f.person ?? f.subject ?? "a client"} stopped working after too many wrong tries`,
  "auth.sign_in": (f) => `${f.actor} signed in${SIGN_IN_METHOD[text(f, "method") ?? ""] ?? ""}`,
  "auth.sign_in_failed": (f) => `A sign-in failed for ${f.subject ?? f.person ?? "an unknown address"}`,
  "auth.sign_out": (f) => `${f.actor} signed out`,
  "auth.session_expired": (f) => `${possessive(f.actor, "A")} session ended after a period of inactivity`,
  "auth.access_revoked": (f) =>
    `${f.actor} turned off ${possessive(f.person, "a portal user's")} portal access to ${client(f)}`,
  "auth.access_restored": (f) =>
    `${f.actor} turned ${possessive(f.person, "a portal user's")} portal access to ${client(f)} back on`,
  "auth.rate_limited": (f) =>
    `Too many sign-in attempts${f.subject ? ` for ${f.subject}` : ""}: further tries were paused for a while`,
  "auth.totp_enrolled": (f) => `${f.actor} set up an authenticator app as a second factor`,
  "auth.totp_used": (f) => `${f.actor} confirmed a sign-in with an authenticator app code`,
  "auth.totp_failed": (f) => `${f.actor} entered a wrong or used authenticator app code`,
  "auth.totp_removed": (f) => `${f.actor} removed ${possessive(f.person, "their")} authenticator app`,
  "auth.recovery_codes_issued": (f) => `${f.actor} generated new recovery codes`,
  "auth.recovery_code_used": (f) => `${f.actor} confirmed a sign-in with a recovery code`,
  "auth.recovery_code_failed": (f) => `${f.actor} entered a wrong or used recovery code`,
  "auth.passkey_added": (f) => `${f.actor} added a passkey`,
  "auth.passkey_used": (f) => `${f.actor} used a passkey`,
  "auth.passkey_failed": (f) => `A passkey sign-in${f.subject ? ` for ${f.subject}` : ""} failed`,
  "auth.passkey_removed": (f) => `${f.actor} removed a passkey`,
  "auth.second_factor_passed": (f) =>
    `${f.actor} passed the second sign-in step${text(f, "method") ? ` (${words(text(f, "method"))})` : ""}`,
  "auth.second_factor_reset": (f) =>
    `${f.actor} reset ${possessive(f.person, "a staff member's")} second factor and signed them out`,
  "profile.switch": (f) =>
    f.detail?.automatic
      ? `${f.actor} opened ${possessive(f.client, "a client")} profile on signing in`
      : `${f.actor} switched to ${possessive(f.client, "another")} profile`,
  "profile.list": (f) => `${f.actor} viewed the client list`,
  "profile.home_view": (f) => `${f.actor} opened the portal home for ${client(f)}`,
  "profile.view": (f) => `${f.actor} viewed ${possessive(f.client)} profile`,
  "profile.create": (f) => `${f.actor} added ${client(f, "a new client")} as a client`,
  "profile.update": (f) =>
    `${f.actor} updated ${possessive(f.client)} details${fields(f, "changed") || fields(f, "fields")}`,
  "profile.archive": (f) => `${f.actor} archived ${client(f)}`,
  "profile.restore": (f) => `${f.actor} restored ${client(f)} from the archive`,
  "profile.reassign": (f) => `${f.actor} moved ${client(f)} to ${f.person ?? "another clinician"}`,
  "forms.list": (f) => `${f.actor} viewed ${possessive(f.client)} forms`,
  "forms.review_list": (f) => `${f.actor} viewed the forms waiting for review`,
  "forms.response_view": (f) => `${f.actor} viewed ${possessive(f.client)} answers to ${form(f)}`,
  "forms.response_pdf": (f) => `${f.actor} downloaded ${possessive(f.client)} answers to ${form(f)} as a PDF`,
  "forms.reminded": (f) => `${f.actor} sent ${client(f)} a reminder about ${form(f)}`,
  "forms.cancelled": (f) => `${f.actor} canceled ${form(f)} sent to ${client(f)}`,
  "forms.sent": (f) => `${f.actor} sent ${form(f)} to ${client(f)}`,
  "forms.submit": (f) => {
    const score = num(f, "score");
    return `${f.actor} submitted ${form(f)} for ${client(f)}${score === null ? "" : ` (score ${score})`}`;
  },
  "forms.safety_alert_raised": (f) => `A safety alert was raised for ${client(f)}`,
  "forms.safety_alert_acknowledged": (f) => `${f.actor} acknowledged the safety alert for ${client(f)}`,
  "forms.template_create": (f) => `${f.actor} created the form template ${form(f, "")}`.trimEnd(),
  "forms.template_update": (f) => `${f.actor} changed the form template ${form(f, "")}`.trimEnd(),
  "document.list": (f) => `${f.actor} viewed ${possessive(f.client)} documents`,
  "document.download": (f) => `${f.actor} downloaded a document from ${possessive(f.client)} file`,
  "document.share": (f) => `${f.actor} shared a document with ${client(f)}`,
  "document.upload": (f) => `${f.actor} uploaded a document to ${possessive(f.client)} file`,
  "document.preview": (f) => `${f.actor} previewed an image uploaded to ${possessive(f.client)} file`,
  "document.remove": (f) => `${f.actor} removed a document they had uploaded to ${possessive(f.client)} file`,
  "document.review_list": (f) => `${f.actor} viewed the list of new client uploads`,
  "message.thread_view": (f) => `${f.actor} read the secure messages of ${client(f)}`,
  "message.inbox_view": (f) => `${f.actor} viewed a list of secure-message conversations`,
  "message.send": (f) => `${f.actor} sent a secure message in ${possessive(f.client)} conversation`,
  "message.edit": (f) => `${f.actor} edited a secure message in ${possessive(f.client)} conversation`,
  "message.delete": (f) => `${f.actor} removed a secure message in ${possessive(f.client)} conversation`,
  "message.settings": (f) =>
    `${f.actor} turned client messaging ${text(f, "clientMessaging") === "off" ? "off" : "on"} for ${client(f)}`,
  "message.pdf": (f) => `${f.actor} downloaded the secure messages of ${client(f)} as a PDF`,
  "document.withdraw": (f) => `${f.actor} withdrew a document shared with ${client(f)}`,
  "billing.view": (f) => `${f.actor} viewed ${possessive(f.client)} billing`,
  "billing.invoice_list": (f) => `${f.actor} viewed a list of invoices`,
  "billing.invoice_viewed": (f) =>
    `${f.actor} viewed ${invoice(f)}${f.client ? ` for ${f.client}` : ""}${text(f, "purpose") === "pay" ? " to pay it" : ""}`,
  "billing.invoice_created": (f) => {
    const lines = num(f, "lines");
    return `${f.actor} created ${invoice(f)} for ${client(f)}${lines === null ? "" : ` with ${plural(lines, "service")}`}`;
  },
  "billing.invoice_line_added": (f) => `${f.actor} added a service to ${invoice(f)}`,
  "billing.invoice_line_removed": (f) => `${f.actor} removed a service from ${invoice(f)}`,
  "billing.invoice_sent": (f) => `${f.actor} sent ${invoice(f)} to ${client(f)}`,
  "billing.invoice_voided": (f) => `${f.actor} voided ${invoice(f)} for ${client(f)}`,
  "billing.payment_recorded": (f) => {
    const method = words(text(f, "method"));
    return withAmount(
      f,
      `${f.actor} recorded a ${method ? `${method} ` : ""}payment on ${invoice(f)} for ${client(f)}`,
    );
  },
  "billing.service_recorded": (f) => `${f.actor} recorded a service for ${client(f)}`,
  "billing.service_deleted": (f) => `${f.actor} deleted a recorded service for ${client(f)}`,
  "billing.service_code_saved": (f) => `${f.actor} saved a service code`,
  "billing.statement_created": (f) => `${f.actor} created a statement for ${client(f)}`,
  "billing.statement_sent": (f) => `${f.actor} sent a statement to ${client(f)}`,
  "billing.statement_viewed": (f) => `${f.actor} viewed a statement for ${client(f)}`,
  "billing.superbill_created": (f) => `${f.actor} created a superbill for ${client(f)}`,
  "billing.superbill_sent": (f) => `${f.actor} sent a superbill to ${client(f)}`,
  "billing.superbill_viewed": (f) => `${f.actor} viewed a superbill for ${client(f)}`,
  "records.export_requested": (f) => `${f.actor} asked for an export of ${possessive(f.client)} records`,
  "records.export_built": (f) => {
    const n = num(f, "items");
    return `The export of ${possessive(f.client)} records was built${n === null ? "" : ` (${plural(n, "item")})`}`;
  },
  "records.export_failed": (f) => `The export of ${possessive(f.client)} records could not be built`,
  "records.export_downloaded": (f) => `${f.actor} downloaded the export of ${possessive(f.client)} records`,
  "billing.document_downloaded": (f) => {
    const what = f.invoice ? invoice(f) : "a billing document";
    return `${f.actor} downloaded ${what}${f.client ? ` for ${f.client}` : ""} as a PDF`;
  },
  "payment.card_view": (f) => `${f.actor} viewed the saved cards for ${client(f)}`,
  "payment.card_added": (f) => `${f.actor} saved ${card(f)} for ${client(f)}`,
  "payment.card_declined": (f) =>
    `A card ${f.actor === "Someone" ? "" : `${f.actor} tried to save `}${f.client ? `for ${f.client} ` : ""}was declined`,
  "payment.card_default": (f) => `${f.actor} made ${card(f)} the default card for ${client(f)}`,
  "payment.card_removed": (f) => `${f.actor} removed ${card(f)} from ${client(f)}`,
  "payment.started": (f) => withAmount(f, `${f.actor} started paying ${invoice(f)}`),
  "payment.staff_charge": (f) => withAmount(f, `${f.actor} charged ${card(f, "the card on file")} for ${invoice(f)}`),
  "payment.declined": (f) => `${card(f, "The card")} was declined for ${invoice(f)}`,
  "payment.succeeded": (f) => withAmount(f, `${f.actor} paid ${invoice(f)}${f.card ? ` with ${f.card}` : ""}`),
  "payment.failed": (f) => withAmount(f, `A payment on ${invoice(f)} failed`),
  "payment.needs_review": (f) => withAmount(f, `A payment on ${invoice(f)} needs review`),
  "appointment.list": (f) => `${f.actor} viewed ${possessive(f.client)} appointments`,
  "appointment.calendar_view": (f) => `${f.actor} viewed the calendar`,
  "appointment.ics_download": (f) => `${f.actor} added an appointment of ${client(f)} to a calendar`,
  "appointment.created": (f) => {
    const n = num(f, "occurrences");
    return `${f.actor} booked ${n && n > 1 ? `${n} appointments` : "an appointment"} for ${client(f)}`;
  },
  "appointment.updated": (f) => `${f.actor} changed an appointment of ${client(f)}`,
  "appointment.cancelled": (f) => `${f.actor} canceled an appointment of ${client(f)}`,
  "appointment.requested": (f) => `${f.actor} requested an appointment for ${client(f)}`,
  "appointment.accepted": (f) => `${f.actor} accepted an appointment request of ${client(f)}`,
  "appointment.declined": (f) => `${f.actor} declined an appointment request of ${client(f)}`,
  "appointment.marked": (f) => {
    const s = typeof f.detail?.status === "string" ? f.detail.status.replace("_", " ") : "changed";
    return `${f.actor} marked an appointment of ${client(f)} as ${s}`;
  },
  "appointment.reminder_queued": (f) => `${f.actor} queued an appointment reminder for ${client(f)}`,
  "appointment.availability_updated": (f) => `${f.actor} changed their hours and days off`,
  "appointment.form_rule_added": (f) => `${f.actor} set ${form(f)} to be sent before appointments of ${client(f)}`,
  "appointment.form_rule_removed": (f) => `${f.actor} stopped sending ${form(f)} before appointments of ${client(f)}`,
  "appointment.form_sent": (f) => `${f.actor} sent ${form(f)} before an appointment of ${client(f)}`,
  "staff.invite": (f) => `${f.actor} invited ${f.person ?? "a clinician"} to join the practice`,
  "staff.update": (f) =>
    `${f.actor} updated ${possessive(f.person, "a staff member's")} details${fields(f, "changed")}`,
  "staff.deactivate": (f) => `${f.actor} deactivated ${possessive(f.person, "a staff member's")} account`,
  "staff.reactivate": (f) => `${f.actor} reactivated ${possessive(f.person, "a staff member's")} account`,
  "settings.update": (f) => `${f.actor} updated the practice settings${fields(f, "changed")}`,
  "audit.view": (f) => `${f.actor} viewed the audit log`,
  "audit.export": (f) => `${f.actor} exported the audit log`,
  "email_log.view": (f) => `${f.actor} viewed the email log`,
  "ops.backup_created": () => "A backup of the whole practice was taken",
  "ops.restored": () => "The practice was restored from a backup",
};

/** The sentence for one entry; an action no longer on the list (old rows) still reads as words. */
export function describeAudit(action: string, facts: AuditFacts): string {
  const describe = (AUDIT_DESCRIBERS as Record<string, Describer | undefined>)[action];
  if (describe) return describe(facts);
  return `${facts.actor}: ${words(action)}${facts.client ? ` (${facts.client})` : ""}`;
}
