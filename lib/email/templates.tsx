import "server-only";
import { render, toPlainText } from "@react-email/render";
import { z } from "zod";
import SignInLinkEmail from "@/emails/sign-in-link";
import WelcomeEmail from "@/emails/welcome";
import NoticeEmail from "@/emails/notice";

/**
 * Every email the app sends, by name. Subjects are fixed wording with no PHI (docs/product.md, Email).
 * Props never carry names of clients, amounts, diagnoses or file names.
 */
type Common = { practiceName: string; practicePhone?: string | null };
export type EmailTemplates = {
  "sign-in-link": { url: string };
  welcome: { url: string; clinicianName: string; audience?: "client" | "staff" };
  "forms-assigned": { url: string };
  "document-shared": { url: string };
  "billing-document": { url: string };
  "form-submitted": { url: string };
  "safety-alert": { url: string };
  "client-uploaded": { url: string };
  "payment-receipt": { url: string };
  "second-factor-reset": { url: string };
  /** Appointment emails carry the date and time only, never the link, the clinician or the client. */
  "appointment-reminder": { url: string; when: string };
  "appointment-accepted": { url: string; when: string };
  "appointment-declined": { url: string; when: string };
  "appointment-requested": { url: string };
  "new-message": { url: string };
  "records-export-ready": { url: string };
};
export type TemplateName = keyof EmailTemplates;
/** What an outbox row stores for a template: its props plus the practice's name and phone at queue time. */
export type StoredProps<T extends TemplateName = TemplateName> = EmailTemplates[T] & Common;

/**
 * The outbox stores a template's props and renders them later, so they are checked twice: when queued (a bad
 * caller fails inside its own transaction, not hours later in the deliverer) and when rendered (a row is data
 * from the database). Strict objects: nothing beyond the template's own fields is ever stored in a row.
 */
const common = { practiceName: z.string().min(1).max(200), practicePhone: z.string().max(50).nullish() };
const url = z.url({ protocol: /^https?$/ }).max(2000);
const notice = z.strictObject({ ...common, url });
/** A date and time in words ("Tue, Nov 3, 2026, 10:00 AM PST"): nothing else about the appointment. */
const timedNotice = z.strictObject({ ...common, url, when: z.string().min(1).max(100) });
export const templatePropsSchemas = {
  "sign-in-link": notice,
  welcome: z.strictObject({
    ...common,
    url,
    clinicianName: z.string().min(1).max(200),
    audience: z.enum(["client", "staff"]).optional(),
  }),
  "forms-assigned": notice,
  "document-shared": notice,
  "billing-document": notice,
  "form-submitted": notice,
  "safety-alert": notice,
  "client-uploaded": notice,
  "payment-receipt": notice,
  "second-factor-reset": notice,
  "appointment-reminder": timedNotice,
  "appointment-accepted": timedNotice,
  "appointment-declined": timedNotice,
  "appointment-requested": notice,
  "new-message": notice,
  "records-export-ready": notice,
} satisfies { [K in TemplateName]: z.ZodType<StoredProps<K>> };

export const isTemplateName = (name: string): name is TemplateName => Object.hasOwn(templatePropsSchemas, name);

/**
 * Validates stored props for a template. Throws an error whose message names the template and the fields at
 * fault, never their values (props carry live sign-in links: docs/decisions.md "Email outbox").
 */
export function parseTemplateProps<T extends TemplateName>(template: T, props: unknown): StoredProps<T> {
  if (!isTemplateName(template))
    throw new Error(`unknown email template ${JSON.stringify(String(template).slice(0, 40))}`);
  const r = templatePropsSchemas[template].safeParse(props);
  if (!r.success)
    throw new Error(
      `invalid props for email template ${template}: ${[...new Set(r.error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ")}`,
    );
  return r.data as unknown as StoredProps<T>;
}

const notices: Record<
  Exclude<TemplateName, "sign-in-link" | "welcome">,
  { subject: string; heading: string; body: string; actionLabel: string }
> = {
  "forms-assigned": {
    subject: "You have new forms to complete",
    heading: "You have new forms to complete",
    body: "Your provider has sent you forms to complete in the client portal. Your answers save as you go.",
    actionLabel: "Open the portal",
  },
  "document-shared": {
    subject: "A document was shared with you",
    heading: "A document was shared with you",
    body: "Your provider shared a document with you in the client portal.",
    actionLabel: "Open the portal",
  },
  "billing-document": {
    subject: "A billing document is available",
    heading: "A billing document is available",
    body: "A new billing document is available to review in the client portal.",
    actionLabel: "Open the portal",
  },
  "form-submitted": {
    subject: "New form responses to review",
    heading: "New form responses to review",
    body: "One or more forms were submitted in the portal in the last few minutes and are ready for your review.",
    actionLabel: "Open the dashboard",
  },
  "safety-alert": {
    subject: "Safety alert: a client response needs your review",
    heading: "Safety alert: a client response needs your review",
    body: "A response submitted in the portal raised a safety alert. Please review it as soon as you can. The alert stays on your dashboard until it is acknowledged.",
    actionLabel: "Review the alert",
  },
  "client-uploaded": {
    subject: "Your client uploaded a document",
    heading: "Your client uploaded a document",
    body: "A client uploaded a document for you in the portal.",
    actionLabel: "Open the dashboard",
  },
  "payment-receipt": {
    subject: "Payment received",
    heading: "Thank you, we received your payment",
    body: "Your payment was received. Sign in to the client portal to view your receipt.",
    actionLabel: "View your receipt",
  },
  "second-factor-reset": {
    subject: "Your sign-in security was reset",
    heading: "Your second sign-in step was reset",
    body: "A practice admin reset the authenticator app, passkeys and recovery codes on your account, and signed you out. The next time you sign in, you will set up an authenticator app or a passkey again. If you did not ask for this, call your practice admin.",
    actionLabel: "Sign in",
  },
  "appointment-reminder": {
    subject: "Appointment reminder",
    heading: "Appointment reminder",
    body: "This is a reminder of your appointment on {when}. Sign in to the client portal for the details, to add it to your calendar, or to join a video session.",
    actionLabel: "View your appointments",
  },
  "appointment-accepted": {
    subject: "Your appointment request was accepted",
    heading: "Your appointment is booked",
    body: "Your request for an appointment on {when} was accepted. Sign in to the client portal for the details.",
    actionLabel: "View your appointments",
  },
  "appointment-declined": {
    subject: "About your appointment request",
    heading: "Your appointment request was not accepted",
    body: "Your request for an appointment on {when} could not be accepted. Sign in to the client portal to choose another time, or call the office.",
    actionLabel: "Request another time",
  },
  "appointment-requested": {
    subject: "New appointment request",
    heading: "A client requested an appointment",
    body: "A client requested an appointment in the portal. Accept or decline it from your calendar.",
    actionLabel: "Open the calendar",
  },
  // No message text and no names beyond the practice's (docs/decisions.md, Messaging: notification).
  "new-message": {
    subject: "You have a new secure message",
    heading: "You have a new secure message",
    body: "A new secure message is waiting for you. For your privacy it is not included in this email: sign in to read it and reply.",
    actionLabel: "Sign in to read it",
  },
  // Nothing about whose records or what they hold: the download is behind sign-in (docs/decisions.md, "A client's
  // records export").
  "records-export-ready": {
    subject: "Your records export is ready",
    heading: "Your records export is ready",
    body: "The records export you asked for is ready. Sign in to download it; it is kept for 7 days.",
    actionLabel: "Sign in to download it",
  },
};

/** The subject line alone: plain string work, cheap enough for the transaction that queues the email. */
export function emailSubject<T extends TemplateName>(template: T, props: StoredProps<T>): string {
  if (template === "sign-in-link") return `Your sign-in link for ${props.practiceName}`;
  if (template === "welcome") {
    const p = props as StoredProps<"welcome">;
    return p.audience === "staff"
      ? `Welcome to the ${p.practiceName} team on Haven`
      : `Welcome to the ${p.practiceName} client portal`;
  }
  // The practice name tells a clinician of several practices where to look; it is not PHI.
  if (template === "new-message") return `You have a new secure message from ${props.practiceName}`;
  if (template === "safety-alert") return `${notices["safety-alert"].subject} — ${props.practiceName}`;
  return notices[template as keyof typeof notices].subject;
}

/**
 * Renders an email with React Email (18–185 ms for the first render of a template, several ms after). Called by the
 * deliverer just before sending and by the dev mailbox when a message is opened, never inside a request that
 * queues email or inside a transaction (docs/decisions.md "Email outbox").
 */
export async function renderEmail<T extends TemplateName>(
  template: T,
  props: StoredProps<T>,
): Promise<{ subject: string; html: string; text: string }> {
  let element: React.ReactElement;
  if (template === "sign-in-link") {
    element = <SignInLinkEmail {...(props as StoredProps<"sign-in-link">)} />;
  } else if (template === "welcome") {
    element = <WelcomeEmail {...(props as StoredProps<"welcome">)} />;
  } else {
    const n = notices[template as keyof typeof notices];
    element = (
      <NoticeEmail
        practiceName={props.practiceName}
        practicePhone={props.practicePhone}
        heading={n.heading}
        body={"when" in props && typeof props.when === "string" ? n.body.replace("{when}", props.when) : n.body}
        actionLabel={n.actionLabel}
        url={props.url}
      />
    );
  }
  const html = await render(element);
  return { subject: emailSubject(template, props), html, text: toPlainText(html) };
}
