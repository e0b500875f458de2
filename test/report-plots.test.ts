/** The report's plots show their point: the C1 bound spans every m and is drawn on top; categorical and log axes. */
import { describe, expect, it } from "vitest";
import { c1Plots } from "../src/report/c1.js";
import { c3Svgs } from "../src/report/c3.js";
import { renderPlot } from "../src/report/svg.js";
import { alternatingLine } from "../src/claims/datasets.js";
import { constructNet } from "../src/constructions/index.js";
import type { C1Row } from "../src/claims/c1.js";
import { wellFormed } from "./helpers/xml.js";

const row = (kind: C1Row["kind"], m: number, depth: number, minimalBits: number): C1Row => ({ name: `${kind} ${m}`, kind, m, d: 1, eps: "0", depth, bound: Math.max(1, Math.floor(m / 2)), width: 3, certified: m, bits: 64, minimalBits, seconds: 0, ok: true });

describe("report plots", () => {
  const rows = [row("alternating", 2, 1, 9), row("alternating", 24, 12, 40), row("random", 300, 116, 70), row("nested", 8, 4, 976)];
  const data = alternatingLine(6);
  const plots = c1Plots(rows, { net: constructNet(data).net, data });
  const svg = (name: string) => plots.find((p) => p.name === name)!.svg;

  it("depth vs m: the bound is one dashed path over every m from 2 to the largest, drawn after every data series", () => {
    const s = svg("c1-depth-vs-m");
    expect(wellFormed(s)).toBe(true);
    const paths = [...s.matchAll(/<path d="([^"]+)"[^>]*>/g)];
    const last = paths.at(-1)!;
    expect(last[0]).toMatch(/stroke-dasharray/);
    expect(last[1]!.split(/[ML]/).filter(Boolean)).toHaveLength(300 - 1); // m = 2..300
    expect(s.indexOf(last[0])).toBeGreaterThan(s.lastIndexOf("<circle")); // on top of the points
  });

  it("bits vs depth: log axes (ticks 10, 100, 1000), so one 976-bit point leaves the rest readable", () => {
    const s = svg("c1-bits-vs-depth");
    for (const t of ["10", "100", "1000"]) expect(s).toContain(`>${t}</text>`);
  });

  it("circle trace: every caption lies inside the canvas", () => {
    const s = svg("c1-circle-trace");
    const height = Number(/height="(\d+(?:\.\d+)?)"/.exec(s)![1]);
    for (const m of s.matchAll(/<text[^>]* y="([\d.]+)"[^>]*>LN layer/g)) expect(Number(m[1]) + 4).toBeLessThanOrEqual(height);
  });

  it("C3: a categorical axis, one tick per witness, named", () => {
    const s = c3Svgs([{ name: "collapse", before: 0.35, afterLo: 0, afterHi: 0 }, { name: "xor", before: null, afterLo: 0, afterHi: 1e-16 }, { name: "gaussian", before: 19, afterLo: 11.9, afterHi: 12 }])["c3-lssr-before-after.svg"]!;
    for (const n of ["collapse", "xor", "gaussian"]) expect(s).toContain(`>${n}</text>`);
    expect(s).not.toMatch(/>(1\.5|2\.5)<\/text>/); // no continuous ticks between categories
  });

  it("a series without markers draws its line only", () => {
    const s = renderPlot({ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "a", markers: false, points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }] });
    expect(s).not.toContain("<circle");
    expect(s).toContain("<path");
  });
});
