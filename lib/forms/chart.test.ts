import { describe, expect, it } from "vitest";
import { bandAreas, CHART_BOX, timeDomain, timeTicks, xFor, yFor } from "./chart";

const day = (d: string) => Date.parse(`${d}T12:00:00Z`);

describe("measure chart placement", () => {
  it("spaces points by the time between them, not by their order", () => {
    const times = [day("2026-09-01"), day("2026-09-02"), day("2026-12-01")];
    const dom = timeDomain(times);
    const xs = times.map((t) => xFor(t, dom));
    expect(xs[0]).toBe(CHART_BOX.left);
    expect(xs[2]).toBe(CHART_BOX.width - CHART_BOX.right);
    // One day after the first of a 91-day span sits about 1/91 of the way, not halfway.
    const frac = (xs[1] - xs[0]) / (xs[2] - xs[0]);
    expect(frac).toBeCloseTo(1 / 91, 5);
  });

  it("keeps a short span at least a week wide and centres a single point", () => {
    const one = [day("2026-12-01")];
    const dom = timeDomain(one);
    expect(dom[1] - dom[0]).toBe(7 * 86_400_000);
    const mid = CHART_BOX.left + (CHART_BOX.width - CHART_BOX.left - CHART_BOX.right) / 2;
    expect(xFor(one[0], dom)).toBeCloseTo(mid, 6);
    expect(timeTicks(one, dom)).toEqual(one);
  });

  it("puts 0 at the bottom and the maximum at the top", () => {
    expect(yFor(0, "phq9")).toBe(CHART_BOX.height - CHART_BOX.bottom);
    expect(yFor(27, "phq9")).toBe(CHART_BOX.top);
    expect(yFor(21, "gad7")).toBe(CHART_BOX.top);
  });

  it("shades the bands of docs/product.md, stacked without gaps", () => {
    const phq = bandAreas("phq9");
    expect(phq.map((b) => [b.from, b.to, b.label])).toEqual([
      [0, 4, "None/minimal"],
      [5, 9, "Mild"],
      [10, 14, "Moderate"],
      [15, 19, "Moderately severe"],
      [20, 27, "Severe"],
    ]);
    for (let i = 1; i < phq.length; i++) expect(phq[i].y + phq[i].height).toBeCloseTo(phq[i - 1].y, 6);
    expect(bandAreas("gad7").map((b) => b.to)).toEqual([4, 9, 14, 21]);
  });

  it("spreads the time axis ticks over the whole span", () => {
    const times = [day("2026-09-01"), day("2026-12-01")];
    const ticks = timeTicks(times, timeDomain(times));
    expect(ticks[0]).toBe(times[0]);
    expect(ticks.at(-1)).toBe(times[1]);
    expect(ticks).toHaveLength(4);
  });
});
