import { describe, expect, it } from "vitest";
import { runC3 } from "../src/claims/c3.js";
import { runC4 } from "../src/claims/c4.js";
import { renderPlot } from "../src/report/svg.js";
import { wellFormed } from "./helpers/xml.js";

describe("SVG writer", () => {
  it("writes well-formed XML with escaped labels, error bars, log axes", () => {
    const svg = renderPlot({ title: "a < b & c", xLabel: "g", yLabel: "y", logX: true, logY: true, series: [{ name: "s\"1\"", points: [{ x: 1, y: 2, lo: 1, hi: 3 }, { x: 4, y: 8 }] }] });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain("a &lt; b &amp; c");
  });
});

describe("claims C3 and C4 (quick)", () => {
  it("C3: every witness certified lowered, no affine violation", () => {
    const r = runC3({ quick: true });
    expect(r.verdict).toBe(true);
    expect(r.evidence.witnesses.find((w) => w.name === "collapse-to-zero")?.afterHi).toBe("0");
    Object.values(r.svgs).forEach((s) => expect(wellFormed(s)).toBe(true));
  });
  it("C4: the median Hessian norm grows with g; closed form agrees with Monte Carlo", () => {
    const r = runC4({ quick: true });
    expect(r.verdict).toBe(true);
    for (const w of r.evidence.widths) {
      expect(w.exponentMedian.value).toBeGreaterThan(0);
      const row = w.rows.find((x) => x.g === 1)!;
      expect(Math.abs(row.frobSqMean.value / row.expectedFrobSq - 1)).toBeLessThan(0.1);
    }
    Object.values(r.svgs).forEach((s) => expect(wellFormed(s)).toBe(true));
  });
});
