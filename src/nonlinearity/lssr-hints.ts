/**
 * Untrusted proposer for the certified LSSR checker (src/trusted/checkers/lssr-certified.ts), LRAT-style:
 * float code guesses a near-kernel direction (upper bound) and a ladder of eigenvalue lower bounds
 * (lower bound); the trusted `checkLssrHints` checks them exactly. A wrong guess only loosens a bound.
 */
import { checkEigenLowerBound, checkLssrHints, lssrProblem, type CertifiedLssr, type EnclosedData } from "../trusted/checkers/lssr-certified.js";
import { rat, ZERO, type Rational } from "../trusted/numbers/rational.js";
import { symmetricEigenvalues } from "./eigen-float.js";
import { solveFloat } from "./float-lssr.js";

/** A float, rounded down to an exact rational (through its binary expansion; no Fraction(float)). */
function rationalBelow(x: number): Rational {
  if (!(x > 1e-300) || !Number.isFinite(x)) return ZERO; // tiny values: 0 is also a valid (lower) answer
  const e = Math.floor(Math.log2(x));
  const m = BigInt(Math.floor(x * 2 ** (52 - e)));
  return 52 - e >= 0 ? rat(m, 1n << BigInt(52 - e)) : rat(m << BigInt(e - 52));
}

/** The exact rational value of a float (its binary expansion); finite x only. */
const floatToRational = (x: number): Rational => (x < 0 ? rationalBelow(-x).neg() : rationalBelow(x));

const groupOf = (n: number, groups: number) => (i: number, j: number): boolean => groups > 0 && Math.floor(i / (n / groups)) === Math.floor(j / (n / groups));

/** Float guess of a direction w in V with S w ~ 0 and w . delta != 0: a ridge solve (S + rho I) w = delta. */
export function proposeKernelDirection(S: readonly (readonly Rational[])[], delta: readonly Rational[], groups: number): Rational[] | undefined {
  const same = groupOf(S.length, groups);
  const Sf = S.map((r) => r.map((v) => v.valueOf()));
  const tr = Sf.reduce((acc, r, i) => acc + r[i]!, 0) + 1; // S is square: row i has entry i
  const k = groups > 0 ? S.length / groups : 0;
  const A = Sf.map((r, i) => r.map((v, j) => v + (i === j ? 1e-9 * tr : 0) + (same(i, j) ? tr / k : 0)));
  const z = solveFloat(A, delta.map((v) => v.valueOf()));
  const top = Math.max(...z.map(Math.abs));
  if (!(top > 0) || !Number.isFinite(top)) return undefined;
  return z.map((v) => floatToRational(v / top));
}

/** Candidates for lambda <= min eigenvalue of S on V: a float estimate scaled by a ladder of factors. */
export function proposeEigenLowerBounds(S: readonly (readonly Rational[])[], groups: number): Rational[] {
  const same = groupOf(S.length, groups);
  const k = groups > 0 ? S.length / groups : 0;
  const Sf = S.map((r) => r.map((v) => v.valueOf()));
  const tr = Sf.reduce((s, r, i) => s + r[i]!, 0); // S is square: row i has entry i
  const est = Math.min(...symmetricEigenvalues(Sf.map((r, i) => r.map((v, j) => v + (same(i, j) ? (tr + 1) / k : 0)))));
  const out: Rational[] = [];
  for (const f of [0.999, 0.9, 0.5, 0.1, 0.01]) {
    const lambda = rationalBelow(est * f);
    if (lambda.n === 0n) break;
    out.push(lambda);
  }
  return out;
}

/** Largest proposed lambda that the trusted checker certifies (lambda <= min eigenvalue of S on V); 0 if none. */
export function certifiedEigenLowerBound(S: readonly (readonly Rational[])[], groups: number): Rational {
  return proposeEigenLowerBounds(S, groups).find((l) => checkEigenLowerBound(S, groups, l)) ?? ZERO;
}

/** Certified LSSR bounds: hints proposed here in floats, every bound checked by the trusted tree. */
export function certifiedLssr(data: EnclosedData, prec = 128): CertifiedLssr {
  const p = lssrProblem(data);
  if (p.exact) return checkLssrHints(data, {}, prec);
  const finitePositive = p.det.lssr !== "inf" && p.det.lssr.n !== 0n;
  const direction = finitePositive ? undefined : proposeKernelDirection(p.S, p.delta, data.groups);
  const lambdas = p.det.lssr !== "inf" && p.det.lssr.n === 0n ? [] : proposeEigenLowerBounds(p.S, data.groups);
  return checkLssrHints(data, { direction, lambdas }, prec);
}
