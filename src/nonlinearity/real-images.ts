/**
 * C5 on real images: random binary labels on Fashion-MNIST images (2x2-pooled, 196 features), fitted
 * by a linear model and by LN-Nets / LN-G-Nets without activations at equal width and depth (the
 * shared trainer, src/nonlinearity/trainer.ts), several seeds; then the fit is certified: the trained
 * float64 parameters are dyadic rationals, so the net the trainer ends with IS an exact lnnet/v1 net,
 * and the kernel proves, sample by sample, which random labels it memorised.
 */
import { floatToRational } from "../interop/floats.js";
import { type Label } from "../trusted/net/dataset.js";
import { makeDataset } from "../workshop/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { rat } from "../trusted/numbers/rational.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import { verifyDataset } from "../trusted/verify/verify-dataset.js";
import { makeRng } from "../workshop/rng.js";
import { FASHION_MNIST_PACKAGE, fashionMnistAvailable, loadFashionMnist } from "./fashion-mnist.js";
import { mean, stdev } from "./stats.js";
import { layout, train, type NetShape } from "./trainer.js";

export interface RealImagesConfig {
  /** Number of images (the first n of the training set). */
  readonly n: number;
  /** Average pooling p x p: 2 (196 features) or 4 (49 features). */
  readonly pool: 2 | 4;
  readonly width: number;
  readonly depth: number;
  readonly epochs: number;
  readonly lr: number;
  readonly seeds: readonly number[];
  /** Group counts of the LN-G-Nets (1 = LN-Net); a linear model is always included. */
  readonly groups: readonly number[];
}

export interface RealImagesRun {
  readonly seed: number;
  readonly accuracy: number;
  /** Training accuracy at each epoch. */
  readonly curve: readonly number[];
  /** Samples whose random label the kernel proved the trained net predicts. */
  readonly certified: number;
  readonly undecided: number;
  readonly trainSeconds: number;
  readonly certifySeconds: number;
}

export interface RealImagesRow {
  /** "linear" or the LN-G-Net's group count. */
  readonly model: "linear" | number;
  /** Group size width / g (0 for the linear model). */
  readonly k: number;
  readonly runs: readonly RealImagesRun[];
  readonly mean: number;
  readonly sd: number;
}

/** The trained parameters as an exact net: every float64 is a dyadic rational, so nothing is rounded. */
export function exactNet(s: NetShape, p: Float64Array): Net {
  const q = (v: number) => floatToRational(v) ?? rat(0n);
  const layers: Layer[] = [];
  layout(s).slots.forEach((sl, l) => {
    if (l > 0) layers.push({ type: "layernorm", groups: s.groups, eps: q(s.eps) });
    const weight = Array.from({ length: sl.rows }, (_, r) => Array.from({ length: sl.cols }, (_, c) => q(p[sl.w + r * sl.cols + c]!)));
    layers.push({ type: "linear", weight, bias: Array.from({ length: sl.rows }, (_, r) => q(p[sl.b + r]!)) });
  });
  return { inputDim: s.inputDim, layers };
}

/** Random labels for seed s (the same images for every seed and model). */
export const randomLabels = (n: number, seed: number): Label[] => {
  const rng = makeRng(20_000 + seed);
  return Array.from({ length: n }, () => rng.int(0, 1) as Label);
};

export function realImagesRandomLabels(config: RealImagesConfig, opts: { dir?: string; onRun?: (done: number, total: number) => void } = {}): RealImagesRow[] {
  const images = loadFashionMnist(config.n, config.pool, opts.dir);
  // sum / scale with scale a power of two: the same number as a float64 and as a rational
  const xs = images.sums.map((s) => Array.from(s, (v) => v / images.scale));
  const exactXs = images.sums.map((s) => Array.from(s, (v) => rat(BigInt(v), BigInt(images.scale))));
  const models: ("linear" | number)[] = ["linear", ...config.groups];
  const total = models.length * config.seeds.length;
  let done = 0;
  return models.map((model) => {
    const shape: NetShape = { inputDim: xs[0]!.length, width: config.width, depth: model === "linear" ? 0 : config.depth, groups: model === "linear" ? 1 : model, eps: 1e-5 };
    const runs = config.seeds.map((seed): RealImagesRun => {
      const labels = randomLabels(config.n, seed);
      const curve: number[] = [];
      const r = train(shape, xs, labels, { epochs: config.epochs, lr: config.lr, seed, onEpoch: (_, a) => curve.push(a) });
      curve.push(r.accuracy);
      const t0 = performance.now();
      const report = verifyDataset(exactNet(shape, r.params), makeDataset(exactXs, labels), { accelerators: ACCELERATORS });
      opts.onRun?.(++done, total);
      return { seed, accuracy: r.accuracy, curve, certified: report.summary.correct, undecided: report.summary.undecided, trainSeconds: r.seconds, certifySeconds: (performance.now() - t0) / 1000 };
    });
    const acc = runs.map((r) => r.accuracy);
    return { model, k: model === "linear" ? 0 : config.width / model, runs, mean: mean(acc), sd: stdev(acc) };
  });
}

/** What the C5 report shows for real images: the run, or why it was skipped. */
export interface RealImagesEvidence {
  readonly config: RealImagesConfig;
  readonly rows: readonly RealImagesRow[];
  readonly seconds: number;
  /** Set when the run was skipped (the dataset package is missing). */
  readonly skipped?: string;
}

/** `reproduce --full`: n = 400 images pooled to 7 x 7 (Cover: random labels on n > 2d = 98 points are almost never linearly separable), width 24, depth 3. */
export const FULL_IMAGES_CONFIG: RealImagesConfig = { n: 400, pool: 4, width: 24, depth: 3, epochs: 300, lr: 0.01, seeds: [1, 2], groups: [1, 2, 4, 8] };

/** The real-image run, or a skip naming the Debian package when the dataset is not installed. */
export function runC5Images(config: RealImagesConfig = FULL_IMAGES_CONFIG, opts: { dir?: string; onRun?: (done: number, total: number) => void } = {}): RealImagesEvidence {
  if (!fashionMnistAvailable(opts.dir)) return { config, rows: [], seconds: 0, skipped: `Fashion-MNIST is not installed (sudo apt-get install ${FASHION_MNIST_PACKAGE})` };
  const t0 = performance.now();
  const rows = realImagesRandomLabels(config, opts);
  return { config, rows, seconds: (performance.now() - t0) / 1000 };
}
