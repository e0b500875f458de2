/**
 * The random-labels experiment: LN-G-Nets without activation functions trained on Gaussian points
 * with random labels, for every group count g dividing the width, over several seeds. Data and labels
 * depend on the seed only, so every g sees the same problems.
 */
import { divisors } from "./lng-measures.js";
import { makeRng } from "../workshop/rng.js";
import { mean, stdev } from "./stats.js";
import { train } from "./trainer.js";

export interface RandomLabelsConfig {
  readonly m: number;
  readonly d: number;
  readonly width: number;
  readonly depth: number;
  readonly epochs: number;
  readonly lr: number;
  readonly seeds: number[];
}

export interface GroupAccuracyRow {
  readonly g: number;
  /** Group size width / g. */
  readonly k: number;
  /** Final train accuracy per seed. */
  readonly accuracies: number[];
  readonly mean: number;
  readonly sd: number;
  readonly epochs: number[];
}

export function randomLabelsByGroups(config: RandomLabelsConfig): GroupAccuracyRow[] {
  return divisors(config.width).map((g) => {
    const runs = config.seeds.map((seed) => {
      const rng = makeRng(10_000 + seed);
      const xs = Array.from({ length: config.m }, () => Array.from({ length: config.d }, () => rng.normal()));
      const ys = Array.from({ length: config.m }, () => rng.int(0, 1));
      return train({ inputDim: config.d, width: config.width, depth: config.depth, groups: g, eps: 1e-5 }, xs, ys, { epochs: config.epochs, lr: config.lr, seed });
    });
    const acc = runs.map((r) => r.accuracy);
    return { g, k: config.width / g, accuracies: acc, mean: mean(acc), sd: stdev(acc), epochs: runs.map((r) => r.epochs) };
  });
}
