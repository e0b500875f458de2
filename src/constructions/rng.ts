/** The construction's seeded randomness: the project's mulberry32 stream (src/util/rng.ts). */
import { uniformStream } from "../util/rng.js";

export type Rng = () => number;

/** Same seed, same sequence (so the same seed gives the same net, byte for byte). */
export const makeRng = (seed: number): Rng => uniformStream(seed);

/** Uniform integer in [lo, hi]. */
export const randInt = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
