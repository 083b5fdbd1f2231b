import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { formatDateTime } from "@/lib/core/time";
import { formatAnswer, isAnswerable } from "./types";
import type { ResponseDetail } from "./responses";

// Rendering only (no database, no secrets): run by the PDF worker (lib/pdf/worker.ts) or in-process by ./pdf.ts.

const styles = StyleSheet.create({
  page: { padding: 40, fontSize: 11, fontFamily: "Helvetica", color: "#0f172a" },
  practice: { fontSize: 10, color: "#334155", marginBottom: 4 },
  title: { fontSize: 18, fontFamily: "Helvetica-Bold", marginBottom: 6 },
  meta: { fontSize: 10, color: "#334155", marginBottom: 2 },
  score: { fontSize: 12, fontFamily: "Helvetica-Bold", marginTop: 8, marginBottom: 4 },
  heading: { fontSize: 13, fontFamily: "Helvetica-Bold", marginTop: 14, marginBottom: 4 },
  info: { fontSize: 10, color: "#334155", marginTop: 6, marginBottom: 6 },
  q: { marginTop: 8 },
  label: { fontFamily: "Helvetica-Bold", fontSize: 10 },
  answer: { marginTop: 2 },
  footer: { position: "absolute", bottom: 24, left: 40, right: 40, fontSize: 8, color: "#475569" },
});

/**
 * The PDF of a submitted response (docs/product.md, Forms: submitted responses download as a PDF): every question
 * with its answer, the score and the signature; times in the practice's zone.
 */
export async function renderResponsePdfBytes(
  r: ResponseDetail,
  practiceName: string,
  timeZone: string,
): Promise<Buffer> {
  const doc = (
    <Document title={r.title} author={practiceName}>
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.practice}>{practiceName}</Text>
        <Text style={styles.title}>{r.title}</Text>
        <Text style={styles.meta}>Client: {r.profileName}</Text>
        <Text style={styles.meta}>
          Submitted: {r.submittedAt ? formatDateTime(r.submittedAt, timeZone) : "not submitted"}
          {r.submittedByName ? ` by ${r.submittedByName}` : ""}
        </Text>
        {r.score !== null ? (
          <Text style={styles.score}>
            Total score: {r.score} ({r.band})
          </Text>
        ) : null}
        {r.questions.map((q) =>
          q.type === "heading" ? (
            <Text key={q.id} style={styles.heading}>
              {q.label}
            </Text>
          ) : q.type === "info" ? (
            <Text key={q.id} style={styles.info}>
              {q.label}
            </Text>
          ) : isAnswerable(q) ? (
            <View key={q.id} style={styles.q} wrap={false}>
              <Text style={styles.label}>{q.label}</Text>
              <Text style={styles.answer}>{formatAnswer(q, r.answers[q.id], timeZone)}</Text>
            </View>
          ) : null,
        )}
        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) =>
            `Confidential health information. Page ${pageNumber} of ${totalPages}`
          }
        />
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
