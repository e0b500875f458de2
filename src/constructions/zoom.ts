/**
 * Where the first layer looks: t' = (t - center) / scale, laid on the circle as the direction of
 * (t', 1). The default (center = middle of the range, scale = half the range) spreads evenly-sized
 * data well, but multi-scale data (0, 1e-12 and 1e30 in one dataset; near-duplicates) then puts
 * letters closer than float64 can rank. A different (center, scale) is a different Moebius map of
 * t onto the half circle: zooming at a crowded gap (center there, scale between that gap and the
 * range) trades the far letters' spacing against the crowded one's. We keep the default unless its
 * smallest angular gap is below `CROWDED`, then take the zoom with the largest smallest gap.
 *
 * Gaps are computed as atan2(cross, dot) of (t'_i, 1) and (t'_{i+1}, 1) with the exact difference
 * t_{i+1} - t_i: full relative precision, however small the gap or large the t'.
 */
import { rat, sub, toNumber, type Rational } from "../workshop/rational.js";

/** Below this smallest gap (radians) the default view is replaced by the best zoom. */
const CROWDED = 1e-8;
/** Crowded gaps tried as zoom centers, and scales per center (geometric from the gap to the range). */
const CENTERS = 4;
const SCALES = 24;

export interface Zoom {
  readonly center: Rational;
  readonly halfRange: Rational;
}

/** Smallest angular gap between consecutive letters (increasing t) for a given (center, scale). */
export function minGapOf(t: readonly Rational[], diffs: readonly number[], center: Rational, scale: number): number {
  const first = t[0];
  if (first === undefined || diffs.length !== t.length - 1) throw new RangeError(`minGapOf: ${t.length} letters with ${diffs.length} gaps`);
  let min = Infinity;
  let prev = toNumber(sub(first, center)) / scale;
  for (let i = 1; i < t.length; i++) {
    const cur = toNumber(sub(t[i]!, center)) / scale; // 1 <= i < t.length, and diffs has t.length - 1 entries
    // (prev, 1) x (cur, 1) = prev - cur; we need |.| = (t_i - t_{i-1}) / scale, exact.
    const g = Math.atan2(diffs[i - 1]! / scale, prev * cur + 1);
    if (g < min) min = g;
    prev = cur;
  }
  return min;
}

/** 2^k for the integer k nearest log2Value, as an exact rational (keeps the first layer's parameters short). */
function powerOfTwo(log2Value: number): Rational {
  const k = Math.round(log2Value);
  return k >= 0 ? rat(1n << BigInt(k)) : rat(1n, 1n << BigInt(-k));
}

/**
 * Views to try, best first, for letters with distinct increasing values t (length >= 2): the
 * default unless it is crowded, then the zooms with the largest smallest gaps (a view that the
 * builder cannot finish is followed by the next one; the order is deterministic).
 */
export function zoomCandidates(t: readonly Rational[], count = 3): Zoom[] {
  const lo = t[0];
  const hi = t.at(-1);
  if (lo === undefined || hi === undefined) throw new RangeError("zoomCandidates: no letters");
  const base: Zoom = { center: lo.add(hi).div(2), halfRange: sub(hi, lo).div(2) };
  // diffs[i] = t[i + 1] - t[i] for i < t.length - 1, so t[i] and t[i + 1] exist wherever i indexes diffs
  const diffs = t.slice(1).map((v, i) => toNumber(sub(v, t[i]!)));
  const range = toNumber(sub(hi, lo));
  const baseGap = minGapOf(t, diffs, base.center, toNumber(base.halfRange));
  const crowded = diffs
    .map((g, i) => ({ g, i }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .slice(0, CENTERS);
  const zooms: { zoom: Zoom; gap: number }[] = [];
  for (const { g, i } of crowded) {
    const center = t[i]!.add(t[i + 1]!).div(2);
    let best: { zoom: Zoom; gap: number } | undefined;
    // Scales geometric from the gap to the range, in the log domain (range / g can overflow a double).
    if (!(g > 0 && Number.isFinite(g) && range > 0 && Number.isFinite(range))) continue;
    for (let j = 0; j <= SCALES; j++) {
      const halfRange = powerOfTwo(Math.log2(g) + (j / SCALES) * (Math.log2(range) - Math.log2(g)));
      const gap = minGapOf(t, diffs, center, toNumber(halfRange));
      if (!Number.isFinite(gap)) continue;
      if (!best || gap > best.gap) best = { zoom: { center, halfRange }, gap };
    }
    if (best && best.gap > baseGap) zooms.push(best);
  }
  zooms.sort((a, b) => b.gap - a.gap);
  const picked = zooms.slice(0, count).map((z) => z.zoom);
  return baseGap >= CROWDED ? [base, ...picked] : [...picked, base];
}
