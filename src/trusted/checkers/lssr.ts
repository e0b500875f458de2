/**
 * SSR and LSSR exactly for rational data (docs/nonlinearity.md, section 1).
 *
 *   delta = mu_X - mu_Y,  S_W = within-class scatter,  SSR(w) = w^T S_W w / (w . delta)^2,
 *   LSSR = inf_w SSR(w) = 1 / (delta^T S_W^+ delta)   if delta is in the range of S_W,
 *          0                                         if it is not (a w in ker S_W with w.delta != 0),
 *          +inf                                      if delta = 0 (no direction separates the means).
 *
 * Exact route (all integers): LSSR is invariant under invertible linear maps (docs/nonlinearity.md,
 * Theorem 1 applied both ways), so each coordinate j is first scaled by the lcm D_j of its
 * denominators. With L = nX nY, integer sums s_c and the integer matrix
 *   M = nY (nX sum_X x x^T - s_X s_X^T) + nX (nY sum_Y y y^T - s_Y s_Y^T) = L S_W,
 *   d = nY s_X - nX s_Y = L delta,
 * we have delta^T S_W^+ delta = d^T M^+ d / L, and for any solution z of M z = d (M symmetric PSD,
 * d in its range) d^T M^+ d = d . z. Hence LSSR = L / (d . z), or 0 when M z = d is inconsistent.
 *
 * Only what the certified checker (lssr-certified.ts) builds on lives here; class splitting, SSR of a
 * given direction, comparison and display are experiment code (src/nonlinearity/ssr.ts).
 */
import { isZero, rat, type Rational, ZERO } from "../numbers/rational.js";
import { lcmDen, solveInteger } from "../numbers/bareiss.js";

/** An exact LSSR value: a rational >= 0, or +infinity when the class means coincide. */
export type LssrValue = Rational | "inf";

export interface TwoClasses {
  /** Samples with label 1. */
  readonly X: readonly (readonly Rational[])[];
  /** Samples with label 0. */
  readonly Y: readonly (readonly Rational[])[];
}

export interface IntegerScatter {
  /** L S_W in the scaled coordinates. */
  readonly M: bigint[][];
  /** L delta in the scaled coordinates. */
  readonly d: bigint[];
  /** L = nX nY. */
  readonly L: bigint;
  /** Coordinate scales D_j (scaled x_j = D_j x_j). */
  readonly scale: bigint[];
}

/** The integer form of the scatter problem (see the module comment). */
export function integerScatter({ X, Y }: TwoClasses): IntegerScatter {
  // Indices (`!`): X is non-empty (splitClasses), every point has dim coordinates, and i, j < dim index
  // the dim-long vectors and dim x dim matrices built here.
  const dim = X[0]!.length;
  const scale = Array.from({ length: dim }, (_, j) => lcmDen([...X, ...Y].map((x) => x[j]!)));
  const toInt = (x: readonly Rational[]): bigint[] => x.map((v, j) => (v.s * v.n * scale[j]!) / v.d);
  const part = (pts: readonly (readonly Rational[])[]): { xx: bigint[][]; s: bigint[]; n: bigint } => {
    const xx = Array.from({ length: dim }, () => new Array<bigint>(dim).fill(0n));
    const s = new Array<bigint>(dim).fill(0n);
    for (const p of pts) {
      const v = toInt(p);
      for (let i = 0; i < dim; i++) {
        const vi = v[i]!;
        s[i] = s[i]! + vi;
        if (vi === 0n) continue;
        const row = xx[i]!;
        for (let j = i; j < dim; j++) row[j] = row[j]! + vi * v[j]!;
      }
    }
    return { xx, s, n: BigInt(pts.length) };
  };
  const px = part(X);
  const py = part(Y);
  const L = px.n * py.n;
  const M = Array.from({ length: dim }, () => new Array<bigint>(dim).fill(0n));
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const sx = px.s[i]! * px.s[j]!;
      const sy = py.s[i]! * py.s[j]!;
      const v = py.n * (px.n * px.xx[i]![j]! - sx) + px.n * (py.n * py.xx[i]![j]! - sy);
      M[i]![j] = v;
      M[j]![i] = v;
    }
  }
  const d = px.s.map((sx, i) => py.n * sx - px.n * py.s[i]!);
  return { M, d, L, scale };
}

export interface LssrDetails {
  readonly lssr: LssrValue;
  /**
   * A minimiser of SSR in the original coordinates when 0 < LSSR < inf (S_W z = delta), or a
   * direction with S_W w = 0, w . delta != 0 when LSSR = 0 (absent then: see `kernelWitness`).
   */
  readonly z?: Rational[];
  readonly rank: number;
}

/** LSSR exactly, with the minimising direction z (S_W z = delta, SSR(z) = LSSR) when finite and positive. */
export function lssrDetails(classes: TwoClasses): LssrDetails {
  const { M, d, L, scale } = integerScatter(classes);
  if (d.every((v) => v === 0n)) return { lssr: "inf", rank: -1 };
  const sol = solveInteger(M, d);
  if (sol.kind === "inconsistent") return { lssr: ZERO, rank: sol.rank };
  let dz = ZERO; // sol.z, d and scale all have one entry per coordinate (the `!`s)
  sol.z.forEach((zi, i) => {
    if (!isZero(zi)) dz = dz.add(zi.mul(rat(d[i]!)));
  });
  // Scaled z' solves (D S D) z' = D delta, so z = D z' solves S z = delta in original coordinates.
  const z = sol.z.map((zi, i) => zi.mul(rat(scale[i]!)));
  return { lssr: rat(L).div(dz), z, rank: sol.rank };
}
