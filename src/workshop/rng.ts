/**
 * lnnet's one seeded random number generator. Every random choice a producer makes (constructions,
 * searches, trainers, experiments) comes from here, so the same seed gives the same nets and numbers,
 * byte for byte. Not cryptographic.
 *
 * Contract: `makeRng(seed)` starts the mulberry32 stream at the 32-bit seed (`seed >>> 0`). Each call
 * advances it: `next` by one draw, `int` by one, `normal` by two draws every second call (Box-Muller
 * gives a pair; the second value is kept for the next call).
 */

export interface Rng {
  /** Uniform in [0, 1), on the grid k / 2^32. */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive; lo <= hi). */
  int(lo: number, hi: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** The mulberry32 stream itself. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // Box-Muller on (0, 1]: 1 - next() avoids log(0).
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), normal };
}
