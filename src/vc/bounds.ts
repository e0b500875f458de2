/**
 * What is known per depth L and input dimension d (docs/vc.md, "The table"): the largest set certified
 * shattered in this run, the smallest size refuted, and what is open. On the line the refutation is the
 * sign-change theorem (a paper proof: at most 2^L label changes, so no 2^L + 2 points are shattered);
 * in the plane nothing is refuted. `planeShatter` certifies the two default plane families per depth.
 */
import { renderPlot } from "../report/svg.js";
import { checkShatter } from "../trusted/checkers/shatter.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import { circlePoints, randomPoints } from "./point-sets.js";
import { alternatingPoints } from "./alternating.js";
import { shatter, type ShatterRun } from "./shatter.js";

/** The sign-change theorem: VC(line, depth L, eps = 0) <= 2^L + 1 (docs/vc.md; paper proof). */
export const lineUpperBound = (depth: number): number => 2 ** depth + 1;

export interface PlaneRow {
  readonly depth: number;
  readonly family: "circle" | "random";
  readonly seed?: number;
  readonly points: number;
  /** Every labeling certified by the producer and the certificate accepted by the kernel-only checker. */
  readonly certified: boolean;
  readonly failed: readonly string[];
  readonly nets: number;
  readonly seconds: number;
  readonly checkSeconds: number;
}

/** The random set size (seed 1) run per depth: the largest the plane producer certified (docs/vc.md): 3L+3 up to L = 3, 14 at L = 4, 16 at L = 5. */
export const randomSize = (depth: number): number => (depth <= 3 ? 3 * depth + 3 : depth === 4 ? 14 : 3 * depth + 1);

async function planeRow(depth: number, family: "circle" | "random", points: ReturnType<typeof circlePoints>, seed?: number): Promise<{ row: PlaneRow; run: ShatterRun }> {
  const run = await shatter({ depth, points });
  const t0 = performance.now();
  const ok = run.complete && checkShatter(run.certificate, { accelerators: ACCELERATORS }).ok;
  const row: PlaneRow = { depth, family, seed, points: points.length, certified: ok, failed: run.failed, nets: run.representatives, seconds: run.seconds, checkSeconds: (performance.now() - t0) / 1000 };
  return { row, run };
}

/** Per depth: 2L+3 circle points and randomSize(L) random points (seed 1), each shattered and re-checked. */
export async function planeShatter(depths: readonly number[]): Promise<{ rows: PlaneRow[]; runs: ShatterRun[] }> {
  const rows: PlaneRow[] = [];
  const runs: ShatterRun[] = [];
  for (const depth of depths) {
    for (const r of [await planeRow(depth, "circle", circlePoints(2 * depth + 3)), await planeRow(depth, "random", randomPoints(randomSize(depth), 2, 1), 1)]) {
      rows.push(r.row);
      runs.push(r.run);
    }
  }
  return { rows, runs };
}

export interface BeyondRow {
  readonly depth: number;
  /** 2L+2 run peaks of the alternating net (alternating.ts). */
  readonly points: number;
  readonly certified: boolean;
  readonly failed: readonly string[];
  readonly seconds: number;
  readonly checkSeconds: number;
}

/** Per depth: 2L+2 points on the line (the alternating net's runs), shattered and re-checked. */
export async function lineBeyond(depths: readonly number[]): Promise<BeyondRow[]> {
  const rows: BeyondRow[] = [];
  for (const depth of depths) {
    const t0 = performance.now();
    const points = alternatingPoints(depth, 2 * depth + 2);
    if (!points) {
      rows.push({ depth, points: 2 * depth + 2, certified: false, failed: ["no alternating net found"], seconds: (performance.now() - t0) / 1000, checkSeconds: 0 });
      continue;
    }
    const run = await shatter({ depth, points });
    const t1 = performance.now();
    const ok = run.complete && checkShatter(run.certificate, { accelerators: ACCELERATORS }).ok;
    rows.push({ depth, points: points.length, certified: ok, failed: run.failed, seconds: (t1 - t0) / 1000, checkSeconds: (performance.now() - t1) / 1000 });
  }
  return rows;
}

export interface BoundsRow {
  readonly depth: number;
  readonly dim: number;
  /** Largest set certified shattered (null: none in this run). */
  readonly certified: number | null;
  /** Smallest size proven not shattered by any set (null: none). */
  readonly refuted: number | null;
  readonly open: string;
}

/** One row per (depth, dimension) from certified line sizes (by depth) and plane rows. */
export function boundsTable(line: ReadonlyMap<number, number | null>, plane: readonly PlaneRow[]): BoundsRow[] {
  const depths = [...new Set([...line.keys(), ...plane.map((r) => r.depth)])].sort((a, b) => a - b);
  const rows: BoundsRow[] = [];
  for (const depth of depths) {
    const c = line.get(depth) ?? null;
    const refuted = lineUpperBound(depth) + 1;
    const lo = (c ?? 0) + 1;
    rows.push({ depth, dim: 1, certified: c, refuted, open: lo <= refuted - 1 ? (lo === refuted - 1 ? `${lo}` : `${lo}..${refuted - 1}`) : "none" });
    const best = Math.max(0, ...plane.filter((r) => r.depth === depth && r.certified).map((r) => r.points));
    if (plane.some((r) => r.depth === depth)) rows.push({ depth, dim: 2, certified: best || null, refuted: null, open: `>= ${best + 1} (no upper bound proven)` });
  }
  return rows;
}

export function renderBoundsPlot(rows: readonly BoundsRow[]): string {
  const series = (dim: number, pick: (r: BoundsRow) => number | null) =>
    rows.filter((r) => r.dim === dim && pick(r) !== null).map((r) => ({ x: r.depth, y: pick(r) as number }));
  return renderPlot({
    title: "VC of width-3 LN-Nets per depth: certified and proven bounds",
    xLabel: "depth L (LayerNorm layers)",
    yLabel: "points (log scale)",
    logY: true,
    series: [
      { name: "line: upper bound 2^L+1 (proof)", points: series(1, (r) => (r.refuted === null ? null : r.refuted - 1)), dashed: true },
      { name: "line: certified", points: series(1, (r) => r.certified) },
      { name: "plane: certified", points: series(2, (r) => r.certified) },
    ],
  });
}
