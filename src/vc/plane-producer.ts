/**
 * A producer for points in R^d, d >= 2 (docs/vc.md, "Inputs in the plane"): the first layer is chosen
 * per labeling among the views of `plane-views.ts` (an apex anywhere in the plane, or a direction),
 * as the widest-spaced view whose circular word needs at most depth - 1 relocations; then the line
 * producer's relocation folds and output half-plane (`foldsAndOutput`). Points of R^d, d > 2, are
 * first mapped to the plane by a fixed rational projection. The kernel has the last word.
 */
import { toNumber, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { minDeletions } from "../constructions/word.js";
import { pFromU, type Vec2 } from "./frame.js";
import type { Points } from "./labelings.js";
import { angleOfY, centredLayer, emit, foldsAndOutput } from "./line-producer.js";
import { planeViews, type RankedView } from "./plane-views.js";
import type { Producer } from "./producer.js";

/** Row k of the fixed projection R^d -> R^2 (identity for d = 2): generic small weights on the other coordinates. */
export function projectionRows(d: number): [number[], number[]] {
  const r0 = Array.from({ length: d }, (_, i) => (i === 0 ? 1 : i === 1 ? 0 : 1 / (2 * i + 1)));
  const r1 = Array.from({ length: d }, (_, i) => (i === 1 ? 1 : i === 0 ? 0 : 1 / (3 * i + 2)));
  return [r0, r1];
}

const viewCache = new Map<string, RankedView[]>();

/** The ranked views of a point set, computed once per set (per process or worker). */
export function viewsOf(points: Points): RankedView[] {
  const key = JSON.stringify(points.map((x) => x.map((v) => v.toFraction())));
  let views = viewCache.get(key);
  if (!views) {
    const [r0, r1] = projectionRows((points[0] ?? []).length);
    const flat = points.map((x): Vec2 => {
      const f = x.map(toNumber);
      return [f.reduce((s, v, i) => s + v * r0[i]!, 0), f.reduce((s, v, i) => s + v * r1[i]!, 0)];
    });
    views = planeViews(flat);
    viewCache.clear(); // one point set at a time
    viewCache.set(key, views);
  }
  return views;
}

/** The views (widest first) whose circular word needs at most `moves` relocations for `labels`. */
export function* feasibleViews(views: readonly RankedView[], labels: readonly Label[], moves: number): Generator<RankedView> {
  const both = labels.includes(0) && labels.includes(1);
  for (const v of views) {
    if (!both || minDeletions(v.order.map((i) => labels[i]!)) <= moves) yield v; // a view's order permutes the points, one label each
  }
}

export function planeProducer(opts: { eps: Rational; bits?: number }): Producer {
  return (points, labels, depth, attempt = 0) => {
    if ((points[0] ?? []).length < 2) return undefined;
    let k = 0;
    for (const v of feasibleViews(viewsOf(points), labels, depth - 1)) {
      if (k++ < attempt) continue; // attempt a: the a-th widest feasible view, with more bits
      return buildPlaneNet(points, labels, depth, v, opts.eps, Math.min(50, (opts.bits ?? 26) + 12 * attempt));
    }
    return undefined;
  };
}

export function buildPlaneNet(points: Points, labels: readonly Label[], depth: number, ranked: RankedView, eps: Rational, bits: number): Net | undefined {
  const [r0, r1] = projectionRows((points[0] ?? []).length);
  const v = ranked.view;
  // u = (P x - apex) or u = (1, sigma (a . P x - mid)); in the p-frame (frame.ts) M = A^-1 (linear part), c = A^-1 (constant).
  let uRows: [number[], number[]];
  let uConst: Vec2;
  if (v.kind === "apex") {
    uRows = [r0, r1];
    uConst = [-v.apex[0], -v.apex[1]];
  } else {
    uRows = [r0.map(() => 0), r0.map((w, i) => v.sigma * (v.a[0] * w + v.a[1] * r1[i]!))];
    uConst = [1, -v.sigma * v.mid];
  }
  const cols = uRows[0].map((_, i) => pFromU([uRows[0][i]!, uRows[1][i]!]));
  const mRows: [number[], number[]] = [cols.map((c) => c[0]), cols.map((c) => c[1])];
  const layers: Layer[] = [];
  const y = emit(layers, (gain) => centredLayer(mRows, pFromU(uConst), bits, gain, false), points.map((x) => x.map(toNumber)), eps);
  const theta = y.map(angleOfY);
  const order = theta.map((_, i) => i).sort((i, j) => theta[i]! - theta[j]!);
  return foldsAndOutput(layers, y, labels, order, depth, eps, bits, (points[0] ?? []).length);
}
