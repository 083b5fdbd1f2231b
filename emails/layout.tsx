import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export type EmailLayoutProps = {
  practiceName: string;
  practicePhone?: string | null;
  preview: string;
  children: ReactNode;
};

/** Shared frame for every email: the practice's name, no PHI, a plain footer. */
export function EmailLayout({ practiceName, practicePhone, preview, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <title>{preview}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body
        style={{
          backgroundColor: "#f6f7f9",
          fontFamily: "Inter, Helvetica, Arial, sans-serif",
          margin: 0,
          padding: "24px 0",
        }}
      >
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, padding: "24px", maxWidth: 520 }}>
          <Text style={{ fontSize: 18, fontWeight: 600, color: "#0f3d3e", margin: "0 0 16px" }}>{practiceName}</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: 12, color: "#6b7280", margin: 0 }}>
            This message was sent by {practiceName} through its secure client portal. For your privacy it contains no
            health information.{practicePhone ? ` Questions? Call ${practicePhone}.` : ""}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#0f766e",
  borderRadius: 6,
  color: "#ffffff",
  display: "inline-block",
  fontSize: 16,
  fontWeight: 600,
  padding: "12px 20px",
  textDecoration: "none",
} as const;
export const textStyle = { fontSize: 15, lineHeight: "24px", color: "#111827" } as const;
