import "server-only";
import { render, toPlainText } from "@react-email/render";
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
  "client-uploaded": { url: string };
  "payment-receipt": { url: string };
};
export type TemplateName = keyof EmailTemplates;

const notices: Record<Exclude<TemplateName, "sign-in-link" | "welcome">, { subject: string; heading: string; body: string; actionLabel: string }> = {
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
    subject: "A client submitted a form",
    heading: "A client submitted a form",
    body: "A form was submitted in the portal and is ready for your review.",
    actionLabel: "Open the dashboard",
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
    body: "Your payment was received. The receipt is available in the client portal.",
    actionLabel: "Open the portal",
  },
};

export async function renderEmail<T extends TemplateName>(
  template: T,
  props: EmailTemplates[T] & Common,
): Promise<{ subject: string; html: string; text: string }> {
  let element: React.ReactElement;
  let subject: string;
  if (template === "sign-in-link") {
    const p = props as EmailTemplates["sign-in-link"] & Common;
    subject = `Your sign-in link for ${p.practiceName}`;
    element = <SignInLinkEmail {...p} />;
  } else if (template === "welcome") {
    const p = props as EmailTemplates["welcome"] & Common;
    subject = p.audience === "staff" ? `Welcome to the ${p.practiceName} team on Haven` : `Welcome to the ${p.practiceName} client portal`;
    element = <WelcomeEmail {...p} />;
  } else {
    const n = notices[template as keyof typeof notices];
    subject = n.subject;
    element = <NoticeEmail practiceName={props.practiceName} practicePhone={props.practicePhone} heading={n.heading} body={n.body} actionLabel={n.actionLabel} url={props.url} />;
  }
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}
