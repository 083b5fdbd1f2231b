/** Worker for bench/billing.bench.ts: median render time of a 20-line superbill PDF. */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { renderSuperbillPdf } from "@/lib/billing/pdf/render-core";
import type { SuperbillContent } from "@/lib/billing/superbill-check";
import { median } from "../lib";

function superbill20(): SuperbillContent {
  return {
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    client: { legalName: "Bench Client", dateOfBirth: "1990-04-12", memberId: "RBX100200301" },
    practice: {
      name: "Riverbend Counseling",
      legalName: "Riverbend Counseling LLC",
      address: ["410 River Street, Suite 200", "Portland, OR 97201"],
      phone: "(555) 010-2030",
      ein: "93-1234567",
      organizationNpi: "1003000126",
    },
    providers: [
      { name: "Ana Rivera", credentials: "LCSW", npi: "1245319599", licenseNumber: "LCSW-48211", licenseState: "OR" },
    ],
    diagnoses: [
      { pointer: "A", code: "F41.1" },
      { pointer: "B", code: "F32.1" },
    ],
    lines: Array.from({ length: 20 }, (_, i) => ({
      dateOfService: `2026-${String(1 + Math.floor(i / 4)).padStart(2, "0")}-${String(1 + (i % 4) * 7).padStart(2, "0")}`,
      cptCode: i % 3 === 0 ? "90837" : "90834",
      modifiers: i % 2 ? ["95"] : [],
      placeOfService: i % 2 ? "10" : "11",
      diagnosisPointers: i % 5 ? ["A"] : ["A", "B"],
      units: 1,
      feeCents: i % 3 === 0 ? 18_000 : 15_000,
      paidCents: i < 15 ? (i % 3 === 0 ? 18_000 : 15_000) : 0,
      provider: "Ana Rivera",
    })),
    totalCents: 0,
    paidCents: 0,
  };
}

async function benchSuperbillPdf() {
  const practice = {
    name: "Riverbend Counseling",
    legalName: "Riverbend Counseling LLC",
    address: ["410 River Street, Suite 200", "Portland, OR 97201"],
    phone: "(555) 010-2030",
    logoDataUrl: null,
  };
  const content = superbill20();
  const first = performance.now();
  await renderSuperbillPdf(practice, content);
  const firstMs = performance.now() - first;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await renderSuperbillPdf(practice, content);
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const m = median(times);
  // CPU time is printed too: on a loaded machine wall time mostly measures waiting for a core.
  console.log(
    `superbill PDF, 20 lines: first render ${firstMs.toFixed(1)} ms; median of 30 renders ${m.toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU (target ≤ 150 ms) ${m <= 150 ? "OK" : "OVER TARGET"}; load average ${os.loadavg()[0].toFixed(1)}`,
  );
}

benchSuperbillPdf().catch((e) => {
  console.error(e);
  process.exit(1);
});
