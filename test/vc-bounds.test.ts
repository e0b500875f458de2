/** The depth x dimension table (docs/vc.md) and claim C2's plane rows. */
import { describe, expect, it } from "vitest";
import { boundsTable, lineUpperBound, renderBoundsPlot, type PlaneRow } from "../src/vc/bounds.js";
import { c2 } from "../src/claims/c2.js";

const planeRow = (depth: number, points: number, certified: boolean): PlaneRow => ({ depth, family: "circle", points, certified, failed: certified ? [] : ["1010"], nets: 1, seconds: 0, checkSeconds: 0 });

describe("bounds table", () => {
  it("line: refuted at 2^L + 2 (the sign-change theorem), open between the certified size and 2^L + 1", () => {
    expect([1, 2, 3, 4].map(lineUpperBound)).toEqual([3, 5, 9, 17]);
    const rows = boundsTable(new Map([[1, 3], [2, 5], [3, 7], [4, null]]), []);
    expect(rows.map((r) => [r.depth, r.dim, r.certified, r.refuted, r.open])).toEqual([
      [1, 1, 3, 4, "none"],
      [2, 1, 5, 6, "none"],
      [3, 1, 7, 10, "8..9"],
      [4, 1, null, 18, "1..17"],
    ]);
  });

  it("plane: the largest certified family per depth, nothing refuted; a failed family does not count", () => {
    const rows = boundsTable(new Map([[1, 3]]), [planeRow(1, 5, true), planeRow(1, 6, true), planeRow(2, 9, false), planeRow(2, 7, true)]);
    expect(rows.filter((r) => r.dim === 2).map((r) => [r.depth, r.certified, r.refuted])).toEqual([
      [1, 6, null],
      [2, 7, null],
    ]);
    const svg = renderBoundsPlot(rows);
    expect(svg).toMatch(/<svg[^>]*>/);
    for (const name of ["line: upper bound 2^L+1 (proof)", "line: certified", "plane: certified"]) expect(svg).toContain(name);
  });
});

describe("claim C2 (quick)", () => {
  it("certifies 2L+1 on the line and the plane families, each re-checked by the kernel-only checker", async () => {
    const e = await c2.run({ quick: true, seed: 1 });
    expect(e.holds).toBe(true);
    const plane = (e.measured as { plane: PlaneRow[] }).plane;
    expect(plane.map((r) => [r.depth, r.points, r.certified])).toEqual([
      [1, 5, true],
      [1, 6, true],
      [2, 7, true],
      [2, 9, true],
    ]);
    expect(e.details).toContain("smallest refuted");
    expect(e.plots?.map((p) => p.name)).toContain("c2-vc-bounds");
  });
});
