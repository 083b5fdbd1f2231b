import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, textStyle } from "./layout";

export type WelcomeEmailProps = {
  practiceName: string;
  practicePhone?: string | null;
  clinicianName: string;
  url: string;
  audience?: "client" | "staff";
};

export default function WelcomeEmail({
  practiceName,
  practicePhone,
  clinicianName,
  url,
  audience = "client",
}: WelcomeEmailProps) {
  const staff = audience === "staff";
  return (
    <EmailLayout
      practiceName={practiceName}
      practicePhone={practicePhone}
      preview={staff ? `Welcome to the ${practiceName} team on Haven` : `Welcome to the ${practiceName} client portal`}
    >
      <Text style={textStyle}>
        {staff
          ? `${clinicianName} has invited you to ${practiceName}'s practice dashboard, where you work with your clients' forms, documents and billing.`
          : `${clinicianName} has invited you to the ${practiceName} client portal, where you can complete forms, share documents and manage billing securely.`}
      </Text>
      <Button href={url} style={buttonStyle}>
        Sign In
      </Button>
      <Text style={textStyle}>
        This link signs you in the first time. It is valid for 7 days and works once.{" "}
        {staff
          ? "Later, sign in on the practice's sign-in page with your email address."
          : "Later, sign in from the portal with the I'm an Existing Client button."}
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
