import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { formatDateTime } from "@/lib/core/time";
import type { ThreadMessage } from "./messages";

// Rendering only (no database, no secrets): run by the PDF worker (lib/pdf/worker.ts) or in-process by ./pdf.ts.

const styles = StyleSheet.create({
  page: { padding: 40, fontSize: 11, fontFamily: "Helvetica", color: "#0f172a" },
  practice: { fontSize: 10, color: "#334155", marginBottom: 4 },
  title: { fontSize: 18, fontFamily: "Helvetica-Bold", marginBottom: 10 },
  message: { marginTop: 10 },
  meta: { fontSize: 9, color: "#334155" },
  body: { marginTop: 2 },
  removed: { marginTop: 2, color: "#475569" },
  footer: { position: "absolute", bottom: 24, left: 40, right: 40, fontSize: 8, color: "#475569" },
});

/** A conversation for the record (docs/decisions.md, Messaging: export): every message, times in the practice's zone. */
export async function renderConversationPdfBytes(
  profileName: string,
  messages: ThreadMessage[],
  practiceName: string,
  timeZone: string,
): Promise<Buffer> {
  const doc = (
    <Document title="Secure messages" author={practiceName}>
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.practice}>{practiceName}</Text>
        <Text style={styles.title}>Secure messages: {profileName}</Text>
        {messages.map((m) => (
          <View key={m.id} style={styles.message} wrap={false}>
            <Text style={styles.meta}>
              {m.sender} · {formatDateTime(m.createdAt, timeZone)}
              {m.editedAt && !m.deleted ? " · edited" : ""}
              {m.attachment ? ` · attachment: ${m.attachment.fileName}` : ""}
            </Text>
            {m.deleted ? (
              <Text style={styles.removed}>message removed</Text>
            ) : (
              <Text style={styles.body}>{m.body}</Text>
            )}
          </View>
        ))}
        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) =>
            `${practiceName} · confidential · page ${pageNumber} of ${totalPages}`
          }
        />
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
