import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, textStyle } from "./layout";

export type NoticeEmailProps = {
  practiceName: string;
  practicePhone?: string | null;
  heading: string;
  body: string;
  actionLabel: string;
  url: string;
};

/**
 * The general "something is waiting for you in the portal" email: new forms, a shared document, a billing
 * document, a submitted form, an upload. Callers pass fixed wording; never names, amounts or file names.
 */
export default function NoticeEmail({
  practiceName,
  practicePhone,
  heading,
  body,
  actionLabel,
  url,
}: NoticeEmailProps) {
  return (
    <EmailLayout practiceName={practiceName} practicePhone={practicePhone} preview={heading}>
      <Text style={{ ...textStyle, fontWeight: 600 }}>{heading}</Text>
      <Text style={textStyle}>{body}</Text>
      <Button href={url} style={buttonStyle}>
        {actionLabel}
      </Button>
    </EmailLayout>
  );
}

NoticeEmail.PreviewProps = {
  practiceName: "Riverbend Counseling",
  heading: "You have new forms to complete",
  body: "Your provider has sent you forms to complete in the client portal.",
  actionLabel: "Open the portal",
  url: "http://localhost:3000/portal",
} satisfies NoticeEmailProps;
