/**
 * Seeded pseudo-random numbers (mulberry32 + Box-Muller). Every experiment in this folder takes a
 * seed, so that the same seed gives the same numbers, byte for byte. Not cryptographic. The
 * generator is the project's (src/util/rng.ts); this interface keeps the inclusive int(lo, hi) and
 * the paired Box-Muller normals the experiments were measured with.
 */
import { uniformStream } from "../util/rng.js";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
}

export function makeRng(seed: number): Rng {
  const next = uniformStream(seed);
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // Box-Muller on (0, 1]: 1 - next() avoids log(0).
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return { next, normal, int };
}
