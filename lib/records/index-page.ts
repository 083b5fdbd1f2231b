import type { ClientProfile } from "@/db/schema";
import { escapeHtml } from "@/lib/core/escape";
import { formatDate } from "@/lib/core/time";

/** A relative link to a path in the archive: each segment encoded ("#", "?" and "%" in a file name included). */
const hrefOf = (path: string) => path.split("/").map(encodeURIComponent).join("/");

export type IndexEntry = { section: string; label: string; href: string };

const STYLE = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}a{color:#1d4ed8}td,th{text-align:left;padding:.25rem .75rem .25rem 0;vertical-align:top}
.empty{color:#475569}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

/**
 * The export's index.html (docs/decisions.md, "A client's records export"): one heading per section, each item a
 * relative link into the archive, so it works opened from the unzipped folder with no server.
 */
export function indexHtml(opts: {
  practiceName: string;
  profileName: string;
  createdAt: string;
  sections: readonly string[];
  entries: IndexEntry[];
}): string {
  const parts = [
    `<h1>Records of ${escapeHtml(opts.profileName)}</h1>`,
    `<p>Held by ${escapeHtml(opts.practiceName)}. Exported ${escapeHtml(opts.createdAt)}.</p>`,
  ];
  for (const section of opts.sections) {
    parts.push(`<h2>${escapeHtml(section)}</h2>`);
    const items = opts.entries.filter((e) => e.section === section);
    if (!items.length) {
      parts.push(`<p class="empty">None.</p>`);
      continue;
    }
    parts.push(
      "<ul>" +
        items.map((e) => `<li><a href="${escapeHtml(hrefOf(e.href))}">${escapeHtml(e.label)}</a></li>`).join("\n") +
        "</ul>",
    );
  }
  return page(`Records of ${opts.profileName}`, parts.join("\n"));
}

/** The profile's details as held (profile.html). */
export function profileHtml(profile: ClientProfile, clinicianName: string | null): string {
  const rows: [string, string | null][] = [
    ["Legal name", profile.legalName],
    ["Preferred name", profile.preferredName],
    ["Profile type", profile.type],
    ["Date of birth", profile.dateOfBirth],
    ["Phone", profile.phone],
    ["Address", profile.address],
    ["Insurance member ID", profile.insuranceMemberId],
    ["Diagnosis codes", profile.diagnosisCodes.join(", ") || null],
    ["Clinician", clinicianName],
    ["Client since", formatDate(profile.createdAt)],
    ["Archived", profile.archivedAt ? formatDate(profile.archivedAt) : null],
  ];
  const body = rows
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v ?? "—")}</td></tr>`)
    .join("\n");
  return page(
    "Profile details",
    `<h1>Profile details</h1>\n<table>${body}</table>\n<p><a href="index.html">Back to the index</a></p>`,
  );
}
