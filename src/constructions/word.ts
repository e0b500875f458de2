/**
 * Circular label words and the deletion plan (docs/construction.md, sections 3.2 and 4.3).
 *
 * The final Linear(3 -> 1) marks one arc of the circle positive, so a net is correct once the
 * letters (distinct point positions) with label 1 form one arc and those with label 0 the
 * complementary arc. Each fold layer deletes one letter (moves it onto a kept letter of its label).
 * The plan: choose the arc A (to be labelled 1) minimising the letters on the wrong side,
 *   cost(A) = #{0 in A} + #{1 outside A},
 * and delete exactly those letters. Because every letter is moved at most once, onto a letter that
 * never moves, the number of fold layers is cost(A) and nothing is relocated twice.
 *
 * Bound: taking A = a longest run of 1s gives cost n1 - l1 <= n1 - 1, and A = complement of a
 * longest run of 0s gives n0 - l0 <= n0 - 1, so cost <= min(n0, n1) - 1 <= floor(n/2) - 1.
 */
import type { Label } from "../trusted/net/dataset.js";

export interface ArcPlan {
  /** Letters in A are [start, start + length) (indices mod n); A holds label 1 after the plan. */
  readonly start: number;
  readonly length: number;
  /** Letters to delete (indices into the word), i.e. those on the wrong side of A. */
  readonly deletions: readonly number[];
}

/** Number of maximal runs of the circular word (0 for an empty word, 1 for a constant one). */
export function circularRuns(word: readonly Label[]): number {
  const n = word.length;
  if (n === 0) return 0;
  let changes = 0;
  for (let i = 0; i < n; i++) if (word[i] !== word[(i + 1) % n]) changes++;
  return changes === 0 ? 1 : changes;
}

/**
 * The arc A with the fewest wrong letters; A must contain a 1 and its complement a 0 (so both
 * classes survive). Requires both labels to occur. O(n): the arc of largest sum of v (+1 for a
 * 1, -1 for a 0), found as in `minDeletions` (an optimal arc meets both constraints, see there);
 * ties go to the first candidate in a fixed order (deterministic).
 */
export function bestArcPlan(word: readonly Label[]): ArcPlan {
  const n = word.length;
  const n1 = word.filter((l) => l === 1).length;
  const n0 = n - n1;
  if (n0 === 0 || n1 === 0) throw new RangeError("bestArcPlan needs both labels");
  const total = n1 - n0;
  const a = kadane(word, 0, n - 1, 1);
  const b = kadane(word, 1, n, 1);
  const c = kadane(word, 0, n - 1, -1);
  const d = kadane(word, 1, n, -1);
  // A proper arc is a proper linear subarray [i, j) or the complement of one (sum total - its sum).
  const candidates = [
    { sum: a.sum, start: a.i, length: a.j - a.i },
    { sum: b.sum, start: b.i, length: b.j - b.i },
    { sum: total + c.sum, start: c.j % n, length: n - (c.j - c.i) },
    { sum: total + d.sum, start: d.j % n, length: n - (d.j - d.i) },
  ];
  let best = candidates[0] as (typeof candidates)[number];
  for (const x of candidates) if (x.sum > best.sum) best = x;
  const deletions: number[] = [];
  for (let i = 0; i < n; i++) {
    const inA = (i - best.start + n) % n < best.length;
    if ((word[i] === 1) !== inA) deletions.push(i);
  }
  return { start: best.start, length: best.length, deletions };
}

/** The non-empty subarray [i, j) of word[lo..hi) with the largest sum of sign v (Kadane, first found). */
function kadane(word: readonly Label[], lo: number, hi: number, sign: 1 | -1): { sum: number; i: number; j: number } {
  let best = { sum: -Infinity, i: lo, j: lo + 1 };
  let cur = 0;
  let curStart = lo;
  for (let k = lo; k < hi; k++) {
    if (cur <= 0) {
      cur = 0;
      curStart = k;
    }
    cur += sign * (word[k] === 1 ? 1 : -1);
    if (cur > best.sum) best = { sum: cur, i: curStart, j: k + 1 };
  }
  return best;
}

/**
 * The number of deletions `bestArcPlan` finds, in O(n) (used to rank many candidate views).
 * With v = +1 for a 1 and -1 for a 0, cost(A) = n1 - sum_A v, so the least cost is n1 minus the
 * largest sum over proper arcs (length 1..n-1). A proper arc is a proper linear subarray or the
 * complement of one, so that largest sum is max(maxSub, total - minSub) over proper linear
 * subarrays (each excludes the first or the last letter). The constraints of `bestArcPlan` (A holds
 * a 1, its complement a 0) never bind: a single 1 gives sum 1 > 0, so an optimal A holds a 1; and
 * an A whose complement is k >= 1 ones costs n0 + k, more than the complement of a run of 0s
 * (n0 - l0). Requires both labels; equal to `bestArcPlan(word).deletions.length` (tested).
 */
export function minDeletions(word: readonly Label[]): number {
  const n = word.length;
  let n1 = 0;
  for (const l of word) if (l === 1) n1++;
  if (n1 === 0 || n1 === n) throw new RangeError("minDeletions needs both labels");
  const v = (i: number) => (word[i] === 1 ? 1 : -1);
  const total = 2 * n1 - n;
  // Kadane on [lo, hi): largest and smallest non-empty subarray sums.
  const extremes = (lo: number, hi: number) => {
    let best = -Infinity;
    let worst = Infinity;
    let curMax = 0;
    let curMin = 0;
    for (let i = lo; i < hi; i++) {
      curMax = Math.max(curMax, 0) + v(i);
      curMin = Math.min(curMin, 0) + v(i);
      best = Math.max(best, curMax);
      worst = Math.min(worst, curMin);
    }
    return { best, worst };
  };
  const a = extremes(0, n - 1);
  const b = extremes(1, n);
  const maxSub = Math.max(a.best, b.best);
  const minSub = Math.min(a.worst, b.worst);
  return n1 - Math.max(maxSub, total - minSub);
}
