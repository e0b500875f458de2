/**
 * Benchmarks for src/nonlinearity (issue 5): exact LSSR on m = 1000, d = 20 rational data (BigInt
 * Bareiss route vs mathjs over fractions), Hessian Monte Carlo throughput, trainer epochs per second.
 */
import { all, create } from "mathjs";
import Fraction from "fraction.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { TwoClasses } from "../src/trusted/checkers/lssr.js";
import { lssr, lssrToString } from "../src/nonlinearity/ssr.js";
import { lngHessianFrobSq } from "../src/nonlinearity/hessian.js";
import { makeRng } from "../src/workshop/rng.js";
import { lossAndGrad, initParams, type NetShape } from "../src/nonlinearity/trainer.js";
import { timeMedian } from "./stats.js";

function randomData(m: number, d: number, seed: number): TwoClasses {
  const rng = makeRng(seed);
  const pt = (): Rational[] => Array.from({ length: d }, () => rat(rng.int(-1000, 1000), rng.int(1, 16)));
  return { X: Array.from({ length: m / 2 }, pt), Y: Array.from({ length: m / 2 }, pt) };
}

/** The alternative we compared against: scatter and solve with mathjs configured for fractions. */
function lssrMathjs(c: TwoClasses): Fraction {
  const math = create(all!, { number: "Fraction" }); // mathjs types its bundles as Record entries; `all` exists
  const d = c.X[0]?.length ?? 0;
  // Every point, mean, dev and delta has d coordinates, S is d x d and z (d x 1) solves S z = delta.
  const mean = (pts: readonly (readonly Rational[])[]): Fraction[] => Array.from({ length: d }, (_, j) => pts.reduce((s, p) => s.add(p[j]!), new Fraction(0)).div(pts.length));
  const mx = mean(c.X);
  const my = mean(c.Y);
  const S = Array.from({ length: d }, () => Array.from({ length: d }, () => new Fraction(0)));
  for (const [pts, mu] of [[c.X, mx], [c.Y, my]] as const) {
    for (const p of pts) {
      const dev = p.map((v, j) => v.sub(mu[j]!));
      S.forEach((row, i) => {
        for (let j = 0; j < d; j++) row[j] = row[j]!.add(dev[i]!.mul(dev[j]!));
      });
    }
  }
  const delta = mx.map((v, j) => v.sub(my[j]!));
  const z = math.lusolve(S, delta) as unknown as Fraction[][];
  return new Fraction(1).div(delta.reduce((s, v, i) => s.add(v.mul(z[i]![0]!)), new Fraction(0)));
}

export async function benchNonlinearity(): Promise<object> {
  const data = randomData(1000, 20, 1);
  const ours = timeMedian(5, () => lssr(data));
  const theirs = timeMedian(1, () => lssrMathjs(data));
  const agree = ours.result !== "inf" && ours.result.equals(theirs.result);

  const rng = makeRng(2);
  const x = new Float64Array(24);
  const N = 200_000;
  const hess = timeMedian(3, () => {
    let s = 0;
    for (let t = 0; t < N; t++) {
      for (let i = 0; i < 24; i++) x[i] = rng.normal();
      s += lngHessianFrobSq(x, 4);
    }
    return s;
  });

  const shape: NetShape = { inputDim: 8, width: 24, depth: 3, groups: 4, eps: 1e-5 };
  const p = initParams(shape, 1);
  const g = new Float64Array(p.length);
  const xs = Array.from({ length: 256 }, () => Array.from({ length: 8 }, () => rng.normal()));
  const ys = xs.map(() => rng.int(0, 1));
  const epochs = 50;
  const tr = timeMedian(3, () => {
    for (let e = 0; e < epochs; e++) lossAndGrad(shape, p, xs, ys, g);
  });

  return {
    lssrExact_m1000_d20: {
      bareissBigIntSeconds: ours.seconds,
      mathjsFractionSeconds: theirs.seconds,
      speedup: theirs.seconds / ours.seconds,
      agree,
      digitsOfResult: ours.result === "inf" ? 0 : lssrToString(ours.result).length,
    },
    hessianMonteCarlo: { width: 24, groups: 4, samplesPerSecond: N / hess.seconds },
    trainer: { m: 256, d: 8, width: 24, depth: 3, groups: 4, epochsPerSecond: epochs / tr.seconds },
  };
}
