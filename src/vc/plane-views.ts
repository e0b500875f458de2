/**
 * First-layer views of a planar point set (float64, for the plane producer; never for verdicts).
 *
 * A width-3 first layer sees x only through an affine map w(x) in the plane 1-perp, and its LN output
 * is the direction of w(x) (docs/vc.md). With w(x) = x - apex the letters of the circular word are the
 * rays from the apex; the word changes only when the apex crosses a line through two points, so one
 * apex per cell of that line arrangement gives every word such views can give. A *direction* view
 * (w = (1, sigma (a . x - mid)), the apex at infinity) gives the words of the unbounded cells with
 * better spacing. Candidates: random apexes around the points, apexes near every arrangement vertex
 * (in each angle it makes, at three distances), and 720 directions; per circular order the one with
 * the widest smallest angular gap is kept, and views are ranked by that gap.
 */
import { makeRng } from "../workshop/rng.js";
import { spreadOnHalfCircle, type Vec2 } from "./frame.js";

export type View = { readonly kind: "apex"; readonly apex: Vec2 } | { readonly kind: "direction"; readonly a: Vec2; readonly sigma: number; readonly mid: number };

export interface RankedView {
  readonly view: View;
  /** Point indices in counter-clockwise order of their directions (a rotation of the circular word). */
  readonly order: readonly number[];
  /** Smallest angular gap between consecutive directions (radians). */
  readonly margin: number;
}

const MIN_MARGIN = 1e-9;

/** Counter-clockwise order of the points seen from `apex`, and its smallest gap (full circle). */
export function apexOrder(points: readonly Vec2[], apex: Vec2): { order: number[]; margin: number } {
  const ang = points.map((p) => Math.atan2(p[1] - apex[1], p[0] - apex[0]));
  const order = ang.map((_, i) => i).sort((i, j) => ang[i]! - ang[j]!);
  let margin = 2 * Math.PI + ang[order[0]!]! - ang[order[order.length - 1]!]!;
  for (let k = 1; k < order.length; k++) margin = Math.min(margin, ang[order[k]!]! - ang[order[k - 1]!]!);
  return { order, margin };
}

function directionView(points: readonly Vec2[], phi: number): RankedView {
  const a: Vec2 = [Math.cos(phi), Math.sin(phi)];
  const z = points.map((p) => a[0] * p[0] + a[1] * p[1]);
  const order = z.map((_, i) => i).sort((i, j) => z[i]! - z[j]!);
  const s = spreadOnHalfCircle(order.map((i) => z[i]!));
  return { view: { kind: "direction", a, sigma: s.sigma, mid: s.mid }, order, margin: s.gap };
}

/** Lines through pairs of points; their pairwise intersections (the arrangement's vertices). */
function arrangementVertices(points: readonly Vec2[]): Vec2[] {
  const lines: [Vec2, Vec2][] = [];
  points.forEach((p, i) => points.slice(i + 1).forEach((q) => lines.push([p, [q[0] - p[0], q[1] - p[1]]])));
  const out: Vec2[] = [];
  lines.forEach(([p, d], i) => {
    for (const [r, e] of lines.slice(i + 1)) {
      const det = e[0] * d[1] - d[0] * e[1];
      if (Math.abs(det) < 1e-12 * Math.hypot(...d) * Math.hypot(...e)) continue; // parallel
      const t = (e[0] * (r[1] - p[1]) - e[1] * (r[0] - p[0])) / det;
      out.push([p[0] + t * d[0], p[1] + t * d[1]]);
    }
  });
  return out;
}

export function planeViews(points: readonly Vec2[], seed = 1): RankedView[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-300);
  const best = new Map<string, RankedView>();
  const offer = (v: RankedView): void => {
    if (!(v.margin > MIN_MARGIN)) return;
    const r = v.order.indexOf(0);
    const key = [...v.order.slice(r), ...v.order.slice(0, r)].join(",");
    const old = best.get(key);
    if (!old || v.margin > old.margin) best.set(key, v);
  };
  const apex = (p: Vec2): void => offer({ view: { kind: "apex", apex: p }, ...apexOrder(points, p) });
  const rng = makeRng(seed);
  for (let k = 0; k < 4000; k++) apex([cx + 3 * extent * (rng.next() - 0.5), cy + 3 * extent * (rng.next() - 0.5)]);
  for (const v of arrangementVertices(points)) {
    for (const r of [1e-1, 1e-2, 1e-3]) for (let k = 0; k < 8; k++) apex([v[0] + r * extent * Math.cos(0.3 + (k * Math.PI) / 4), v[1] + r * extent * Math.sin(0.3 + (k * Math.PI) / 4)]);
  }
  for (let k = 0; k < 720; k++) offer(directionView(points, ((k + 0.5) * Math.PI) / 360));
  return [...best.values()].sort((a, b) => b.margin - a.margin);
}
