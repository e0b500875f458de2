/**
 * Depth-1 LN-Nets (one group, any width, any eps >= 0) on the real line (docs/search.md, theorem L1):
 * the set where the output is positive is an interval or the complement of one, so a labeling is
 * realisable only if, in sorted order of the distinct points, the labels change at most twice (and no
 * point carries both labels). For width 3 and eps = 0 every such labeling gets an explicit net here.
 */
import { cmp, rat, sign, ZERO, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import { negateOutput, type Net } from "../trusted/net/model.js";

export interface LineProfile {
  /** Distinct points, sorted, with their label; undefined when some point carries both labels. */
  readonly sorted?: readonly { readonly x: Rational; readonly label: Label }[];
  readonly conflict?: readonly [number, number];
  readonly changes: number;
}

export function lineProfile(xs: readonly Rational[], labels: readonly Label[]): LineProfile {
  if (labels.length !== xs.length) throw new Error(`lineProfile: ${xs.length} points but ${labels.length} labels`);
  const order = xs.map((x, i) => ({ x, i, label: labels[i]! })).sort((a, b) => cmp(a.x, b.x)); // i < xs.length = labels.length
  const sorted: { x: Rational; label: Label }[] = [];
  let prevIndex = -1;
  for (const { x, i, label } of order) {
    const last = sorted[sorted.length - 1];
    if (last && cmp(last.x, x) === 0) {
      if (last.label !== label) return { conflict: [prevIndex, i], changes: Infinity };
      continue;
    }
    sorted.push({ x, label });
    prevIndex = i;
  }
  let changes = 0;
  for (let k = 1; k < sorted.length; k++) if (sorted[k]?.label !== sorted[k - 1]?.label) changes++;
  return { sorted, changes };
}

/** A depth-1 width-3 net realising the labeling, or undefined when it has 3 or more changes. */
export function lineDepth1Net(xs: readonly Rational[], labels: readonly Label[]): Net | undefined {
  const p = lineProfile(xs, labels);
  if (!p.sorted || p.changes > 2) return undefined;
  const s = p.sorted;
  const first = s.findIndex((e) => e.label === 1);
  const last = s.length - 1 - [...s].reverse().findIndex((e) => e.label === 1);
  const positivesContiguous = first >= 0 && s.slice(first, last + 1).every((e) => e.label === 1);
  if (first < 0) return negateOutput(intervalNet(s.map((e) => e.x), 0, s.length - 1)); // all 0: complement of "all"
  if (positivesContiguous) return intervalNet(s.map((e) => e.x), first, last);
  // pattern 1*0*1*: the zeros are contiguous; realise them and complement
  const z0 = s.findIndex((e) => e.label === 0);
  const z1 = s.length - 1 - [...s].reverse().findIndex((e) => e.label === 0);
  return negateOutput(intervalNet(s.map((e) => e.x), z0, z1));
}

/**
 * Positive exactly on sorted[i..j]. h = (x - m)(1,-1,0) + s(1,1,-2) is already centred, |h|^2 =
 * 2(x-m)^2 + 6 s^2, LN(h) = sqrt(3) h / |h|, and y = (1,1,-2).LN(h) - 3 = 6 sqrt(3) s / |h| - 3 is > 0
 * iff (x - m)^2 < 3 s^2. With m the centre of [x_i, x_j], A its half-length and B the distance from m
 * to the nearest outside point, any rational s with A^2 < 3 s^2 < B^2 works (found by bisection).
 */
function intervalNet(sorted: readonly Rational[], i: number, j: number): Net {
  const lo = sorted[i];
  const hi = sorted[j];
  if (lo === undefined || hi === undefined) throw new Error(`intervalNet: [${i}, ${j}] is not a range of the ${sorted.length} points`);
  const m = lo.add(hi).div(rat(2));
  const A = hi.sub(lo).div(rat(2));
  let B: Rational | undefined;
  sorted.forEach((x, k) => {
    if (k >= i && k <= j) return;
    const dist = x.sub(m).abs();
    if (B === undefined || cmp(dist, B) < 0) B = dist;
  });
  const s = pickScale(A, B);
  return {
    inputDim: 1,
    layers: [
      { type: "linear", weight: [[rat(1)], [rat(-1)], [ZERO]], bias: [s.sub(m), m.add(s), s.mul(rat(-2))] },
      { type: "layernorm", groups: 1, eps: ZERO },
      { type: "linear", weight: [[rat(1), rat(1), rat(-2)]], bias: [rat(-3)] },
    ],
  };
}

/** A rational s > 0 with A^2 < 3 s^2 < B^2 (B undefined = infinity). Requires A < B. */
function pickScale(A: Rational, B: Rational | undefined): Rational {
  if (B === undefined) return A.add(rat(1));
  const inside = (v: Rational): -1 | 0 | 1 => {
    const t = v.mul(v).mul(rat(3));
    return cmp(t, A.mul(A)) <= 0 ? -1 : cmp(t, B.mul(B)) >= 0 ? 1 : 0;
  };
  let lo = ZERO;
  let hi = B;
  for (;;) {
    const mid = lo.add(hi).div(rat(2));
    const c = inside(mid);
    if (c === 0 && sign(mid) > 0) return mid;
    if (c < 0) lo = mid;
    else hi = mid;
  }
}
