import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, textStyle } from "./layout";

export type SignInLinkEmailProps = { practiceName: string; practicePhone?: string | null; url: string };

export default function SignInLinkEmail({ practiceName, practicePhone, url }: SignInLinkEmailProps) {
  return (
    <EmailLayout
      practiceName={practiceName}
      practicePhone={practicePhone}
      preview={`Your sign-in link for ${practiceName}`}
    >
      <Text style={textStyle}>Here is the link you asked for to sign in to the client portal.</Text>
      <Button href={url} style={buttonStyle}>
        Sign In
      </Button>
      <Text style={textStyle}>
        The link is valid for 24 hours and works once. If you asked for more than one, only the most recent link works.
        If you did not ask for it, you can ignore this email.
      </Text>
    </EmailLayout>
  );
}

SignInLinkEmail.PreviewProps = {
  practiceName: "Riverbend Counseling",
  practicePhone: "(555) 010-2030",
  url: "http://localhost:3000/sign-in/confirm?token=preview",
} satisfies SignInLinkEmailProps;
