import { Image, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { formatCents, formatDeduction } from "../money";

/** The practice header every billing PDF carries (the practice's name and logo from its settings: docs/product.md, People: the practice). */
export type PdfPractice = {
  name: string;
  legalName: string | null;
  address: string[];
  phone: string | null;
  logoDataUrl: string | null;
};

export const s = StyleSheet.create({
  page: { padding: 36, fontSize: 9, fontFamily: "Helvetica", color: "#0f172a" },
  header: {
    flexDirection: "row",
    justifyContent: "space-between",
    borderBottom: "1pt solid #94a3b8",
    paddingBottom: 10,
    marginBottom: 14,
  },
  brand: { flexDirection: "row", gap: 8 },
  logo: { width: 40, height: 40, objectFit: "contain" },
  practiceName: { fontSize: 14, fontFamily: "Helvetica-Bold" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", textAlign: "right" },
  muted: { color: "#334155" },
  section: { marginBottom: 12 },
  h2: { fontSize: 10, fontFamily: "Helvetica-Bold", marginBottom: 4, textTransform: "uppercase", color: "#1e293b" },
  row: { flexDirection: "row", borderBottom: "0.5pt solid #cbd5e1", paddingVertical: 3 },
  headRow: {
    flexDirection: "row",
    borderBottom: "1pt solid #475569",
    paddingVertical: 3,
    fontFamily: "Helvetica-Bold",
  },
  cols: { flexDirection: "row", gap: 24 },
  col: { flexGrow: 1, flexBasis: 0 },
  totals: { marginTop: 8, alignSelf: "flex-end", width: 220 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2 },
  bold: { fontFamily: "Helvetica-Bold" },
  footer: { position: "absolute", bottom: 20, left: 36, right: 36, fontSize: 7, color: "#475569", textAlign: "center" },
});

/** Helvetica's encoding has no U+2212 minus sign: PDFs print an ASCII hyphen. */
export const money = (c: number) => formatCents(c).replace("−", "-");
/** A deduction (a payment): "-$90.00", and "$0.00" when there is none (never "-$0.00"). */
export const deduction = (c: number) => formatDeduction(c).replace("−", "-");

function isEmbeddableImage(url: string | null): url is string {
  return !!url && /^data:image\/(png|jpe?g);base64,/i.test(url);
}

export function PdfHeader({ practice, title, meta }: { practice: PdfPractice; title: string; meta: string[] }) {
  return (
    <View style={s.header} fixed>
      <View style={s.brand}>
        {/* eslint-disable-next-line jsx-a11y/alt-text -- a PDF image, not an HTML img */}
        {isEmbeddableImage(practice.logoDataUrl) ? <Image src={practice.logoDataUrl} style={s.logo} /> : null}
        <View>
          <Text style={s.practiceName}>{practice.name}</Text>
          {practice.legalName && practice.legalName !== practice.name ? (
            <Text style={s.muted}>{practice.legalName}</Text>
          ) : null}
          {practice.address.map((l) => (
            <Text key={l} style={s.muted}>
              {l}
            </Text>
          ))}
          {practice.phone ? <Text style={s.muted}>{practice.phone}</Text> : null}
        </View>
      </View>
      <View>
        <Text style={s.title}>{title}</Text>
        {meta.map((m) => (
          <Text key={m} style={{ textAlign: "right" }}>
            {m}
          </Text>
        ))}
      </View>
    </View>
  );
}

export type Column = { label: string; width: number; align?: "left" | "right" };
export function Table({ columns, rows }: { columns: Column[]; rows: ReactNode[][] }) {
  return (
    <View>
      <View style={s.headRow} fixed>
        {columns.map((c) => (
          <Text key={c.label} style={{ width: `${c.width}%`, textAlign: c.align ?? "left", paddingRight: 4 }}>
            {c.label}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={i} style={s.row} wrap={false}>
          {r.map((cell, j) => (
            <Text
              key={j}
              style={{ width: `${columns[j].width}%`, textAlign: columns[j].align ?? "left", paddingRight: 4 }}
            >
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function Totals({ rows }: { rows: [string, string, boolean?][] }) {
  return (
    <View style={s.totals}>
      {rows.map(([label, value, bold]) => (
        <View key={label} style={s.totalRow}>
          <Text style={bold ? s.bold : undefined}>{label}</Text>
          <Text style={bold ? s.bold : undefined}>{value}</Text>
        </View>
      ))}
    </View>
  );
}
