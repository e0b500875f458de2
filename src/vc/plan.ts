/**
 * Which letters of a circular label word to relocate (docs/construction.md, sections 3.2 and 4.3). The final half-plane
 * marks one arc A positive; every letter on the wrong side of A is moved, one per fold layer, onto a
 * kept letter of its own label. The arc minimising the number of moves is found by trying them all.
 *
 * Bound: with n0, n1 letters of each label and l0, l1 their longest runs, A = a longest run of 1s
 * costs n1 - l1 and A = the complement of a longest run of 0s costs n0 - l0, so the best arc costs at
 * most min(n0, n1) - 1 <= floor(n/2) - 1 moves. With the first (embedding) layer the depth is at most
 * floor(n/2): 2L+1 points on a line need depth <= L.
 */
import type { Label } from "../trusted/net/dataset.js";

export interface RelocationPlan {
  /** Letters (indices into the word) to relocate, in order. */
  readonly moves: readonly number[];
  /** For each label, the kept letter its moved letters land on (undefined if none moves). */
  readonly target: readonly [number | undefined, number | undefined];
  /** 0 or 1 when the word is constant (no half-plane needed), else undefined. */
  readonly constant?: Label;
}

export function planRelocations(word: readonly Label[]): RelocationPlan {
  const n = word.length;
  const n1 = word.filter((l) => l === 1).length;
  if (n1 === 0 || n1 === n) return { moves: [], target: [undefined, undefined], constant: word[0] };
  let best = { cost: Infinity, start: 0, length: 0 };
  for (let start = 0; start < n; start++) {
    let onesIn = 0;
    for (let length = 1; length < n; length++) {
      if (word[(start + length - 1) % n] === 1) onesIn++;
      const zerosIn = length - onesIn;
      if (onesIn === 0 || zerosIn === n - n1) continue; // both labels must keep a letter
      const cost = zerosIn + (n1 - onesIn);
      if (cost < best.cost) best = { cost, start, length };
    }
  }
  const inA = (i: number): boolean => (i - best.start + n) % n < best.length;
  const moves: number[] = [];
  const kept: [number[], number[]] = [[], []];
  // walk from the start of A so kept letters come in circular order on each side
  for (let k = 0; k < n; k++) {
    const i = (best.start + k) % n;
    const l = word[i]!; // i = (start + k) mod n < n
    if ((l === 1) !== inA(i)) moves.push(i);
    else kept[l].push(i);
  }
  // land on the middle kept letter: farthest (in letters) from the boundaries of A
  const middle = (xs: number[]): number | undefined => (xs.length ? xs[xs.length >> 1] : undefined);
  return { moves, target: [middle(kept[0]), middle(kept[1])] };
}
