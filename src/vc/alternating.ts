/**
 * Beyond 2L+1 on the line: a net whose sign changes 2^L times (the most the sign-change theorem of
 * docs/vc.md allows), and the points that make it useful. A seeded search over geometric depth-L nets
 * (first layer u = dir(1, s (x - c)); hidden layers u -> dir(M (u - q)), M 2x2, q in the plane; output
 * cos(phi) u_1 + sin(phi) u_2 - d) maximises the number of sign changes on a grid, by hill climbing from
 * random starts. Its sign runs give the points: one per run, where |output| peaks. On n <= 2^L + 1 such
 * points the net realises the alternating labeling, which the relocation producers cannot do at depth L
 * once n > 2L+1; the other labelings are theirs. Float64 design, rounded to dyadics; the kernel decides.
 */
import { cmp, rat, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Layer, LinearLayer, Net } from "../trusted/net/model.js";
import { makeRng } from "../workshop/rng.js";
import { aTransposeTimes, pFromU, uFromP, type Vec2 } from "./frame.js";
import type { Points } from "./labelings.js";
import { centredLayer, emit } from "./line-producer.js";
import type { Producer } from "./producer.js";
import { dyadic, maxAbs } from "./rounding.js";

/** [s, c, (M11, M12, M21, M22, q1, q2) per hidden layer, phi, d]. */
export type GeoParams = readonly number[];

const GRID = Array.from({ length: 1201 }, (_, i) => -3 + (6 * i) / 1200);

export function geoOutput(p: GeoParams, depth: number, x: number): number {
  const th = Math.atan(p[0]! * (x - p[1]!));
  let u0 = Math.cos(th);
  let u1 = Math.sin(th);
  let k = 2;
  for (let l = 1; l < depth; l++, k += 6) {
    const w0 = u0 - p[k + 4]!;
    const w1 = u1 - p[k + 5]!;
    const v0 = p[k]! * w0 + p[k + 1]! * w1;
    const v1 = p[k + 2]! * w0 + p[k + 3]! * w1;
    const n = Math.hypot(v0, v1);
    u0 = v0 / n;
    u1 = v1 / n;
  }
  return Math.cos(p[k]!) * u0 + Math.sin(p[k]!) * u1 - p[k + 1]!;
}

function signChanges(p: GeoParams, depth: number): number {
  let changes = 0;
  let last = 0;
  for (const x of GRID) {
    const s = Math.sign(geoOutput(p, depth, x));
    if (s !== 0 && last !== 0 && s !== last) changes++;
    if (s !== 0) last = s;
  }
  return changes;
}

/** A depth-L net with at least `target` (<= 2^L) sign changes on [-3, 3]; undefined if the bounded search finds none. */
export function searchAlternating(depth: number, target: number, seed = 1, restarts = 400, steps = 300): GeoParams | undefined {
  const rng = makeRng(seed);
  const dim = 2 + 6 * (depth - 1) + 2;
  for (let r = 0; r < restarts; r++) {
    let p = Array.from({ length: dim }, () => rng.normal());
    p[0] = 3 + 3 * rng.next();
    p[1] = 0;
    let score = signChanges(p, depth);
    for (let it = 0; it < steps && score < target; it++) {
      const q = p.map((v) => (rng.next() < 0.3 ? v + 0.1 * rng.normal() : v));
      const t = signChanges(q, depth);
      if (t >= score) {
        p = q;
        score = t;
      }
    }
    if (score >= target) return p;
  }
  return undefined;
}

/** One point per sign run (where |output| peaks on the grid), left to right; rational, on a 2^-12 grid. */
export function runPeaks(p: GeoParams, depth: number): Rational[] {
  const peaks: { sign: number; x: number; size: number }[] = [];
  for (const x of GRID) {
    const y = geoOutput(p, depth, x);
    const s = Math.sign(y);
    const run = peaks[peaks.length - 1];
    if (!run || run.sign !== s) peaks.push({ sign: s, x, size: Math.abs(y) });
    else if (Math.abs(y) > run.size) Object.assign(run, { x, size: Math.abs(y) });
  }
  return peaks.filter((r) => r.sign !== 0).map((r) => rat(BigInt(Math.round(r.x * 4096)), 4096n));
}

const found = new Map<string, GeoParams | undefined>();

/** The net for n alternating points at this depth (n - 1 sign changes; cached; seed 1), or undefined. */
export function alternatingParams(depth: number, n: number): GeoParams | undefined {
  const key = `${depth}/${n}`;
  if (!found.has(key)) found.set(key, n - 1 <= 2 ** depth ? searchAlternating(depth, n - 1) : undefined);
  return found.get(key);
}

/** The first n run peaks of the alternating net for n points (n <= 2^L + 1), or undefined. */
export function alternatingPoints(depth: number, n: number): Rational[][] | undefined {
  const p = alternatingParams(depth, n);
  const peaks = p && runPeaks(p, depth);
  return peaks && peaks.length >= n ? peaks.slice(0, n).map((x) => [x]) : undefined;
}

export function alternatingProducer(eps: Rational): Producer {
  return (points, labels, depth, attempt = 0) => buildAlternating(points, labels, depth, eps, Math.min(50, 26 + 12 * attempt));
}

function buildAlternating(points: Points, labels: readonly Label[], depth: number, eps: Rational, bits: number): Net | undefined {
  const n = points.length;
  if (n < 2 || (points[0] ?? []).length !== 1 || labels.some((l, i) => i > 0 && l === labels[i - 1])) return undefined;
  const p = alternatingParams(depth, n);
  const mine = alternatingPoints(depth, n);
  if (!p || !mine || mine.some((x, i) => cmp(x[0]!, points[i]![0]!) !== 0)) return undefined; // other points: not this net's
  const xs = points.map((x) => x[0]!.valueOf());
  const layers: Layer[] = [];
  // layer 1: u = (1, s (x - c)); in the p-frame weights pFromU((0, s)), bias pFromU((1, -s c))
  const w1 = pFromU([0, p[0]!]);
  let y = emit(layers, (gain) => centredLayer([[w1[0]], [w1[1]]], pFromU([1, -p[0]! * p[1]!]), bits, gain, false), xs.map((x) => [x]), eps);
  let k = 2;
  for (let l = 1; l < depth; l++, k += 6) {
    const m = (v: Vec2): Vec2 => [p[k]! * v[0] + p[k + 1]! * v[1], p[k + 2]! * v[0] + p[k + 3]! * v[1]];
    const c0 = pFromU(m(uFromP([1, 0])));
    const c1 = pFromU(m(uFromP([0, 1])));
    const mq = m([p[k + 4]!, p[k + 5]!]);
    y = emit(layers, (gain) => centredLayer([[c0[0], c1[0]], [c0[1], c1[1]]], pFromU([-mq[0], -mq[1]]), bits, gain, true), y, eps);
  }
  // output: +-(cos phi u_1 + sin phi u_2 - d), the sign so that point 0 gets its label
  const w = aTransposeTimes([Math.cos(p[k]!), Math.sin(p[k]!)]);
  const flip = (geoOutput(p, depth, xs[0]!) > 0) === (labels[0] === 1) ? 1 : -1;
  const scale = maxAbs([w[0], w[1], p[k + 1]!]);
  const last: LinearLayer = { type: "linear", weight: [[dyadic((flip * w[0]) / scale, bits), dyadic((flip * w[1]) / scale, bits), rat(0)]], bias: [dyadic((-flip * p[k + 1]!) / scale, bits)] };
  layers.push(last);
  return { inputDim: 1, layers };
}
