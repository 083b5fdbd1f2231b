import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, textStyle } from "./layout";

export type WelcomeEmailProps = { practiceName: string; practicePhone?: string | null; clinicianName: string; url: string };

export default function WelcomeEmail({ practiceName, practicePhone, clinicianName, url }: WelcomeEmailProps) {
  return (
    <EmailLayout practiceName={practiceName} practicePhone={practicePhone} preview={`Welcome to the ${practiceName} client portal`}>
      <Text style={textStyle}>
        {clinicianName} has invited you to the {practiceName} client portal, where you can complete forms, share documents
        and manage billing securely.
      </Text>
      <Button href={url} style={buttonStyle}>
        Sign In
      </Button>
      <Text style={textStyle}>
        This link signs you in the first time. It is valid for 7 days and works once. Later, sign in from the portal with
        the I&apos;m an Existing Client button.
      </Text>
    </EmailLayout>
  );
}

WelcomeEmail.PreviewProps = {
  practiceName: "Riverbend Counseling",
  practicePhone: "(555) 010-2030",
  clinicianName: "Ana Rivera",
  url: "http://localhost:3000/sign-in/confirm?token=preview",
} satisfies WelcomeEmailProps;
