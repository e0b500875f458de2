/**
 * Joining what worker threads decided for parts of one job. A verdict over n items ("every sample is
 * certified", "every entry was checked") holds only if each item was decided exactly once; a message
 * lost, repeated or sent for the wrong item must never turn into a verdict.
 *
 * Why this is rigorous: it trusts nothing about how the work was split, only the (index, result) pairs
 * that came back, and it returns only when their indices are exactly 0..n-1, each once (a bitmap of
 * size n, checked in full). Anything else throws MergeError, an internal error (never an InputError),
 * which the CLI reports with exit code 3.
 */

export class MergeError extends Error {
  constructor(message: string) {
    super(`parallel merge: ${message}`);
    this.name = "MergeError";
  }
}

/** The results in item order, given slices of (index, result) pairs; throws unless each of 0..n-1 occurs once. */
export function mergeExactlyOnce<T>(n: number, slices: Iterable<readonly (readonly [number, T])[]>): T[] {
  const out = new Array<T>(n);
  const seen = new Uint8Array(n);
  for (const slice of slices) {
    for (const [i, result] of slice) {
      if (!Number.isSafeInteger(i) || i < 0 || i >= n) throw new MergeError(`a result for item ${String(i)}, outside 0..${n - 1}`);
      if (seen[i] === 1) throw new MergeError(`item ${i} came back twice`);
      seen[i] = 1;
      out[i] = result;
    }
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new MergeError(`item ${missing} never came back (${seen.filter((s) => s === 0).length} of ${n} missing)`);
  return out;
}
