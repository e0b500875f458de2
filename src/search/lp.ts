/**
 * Exact rational feasibility LP: find z >= 0 with A z = b, or prove there is none.
 *
 * Untrusted producer (its answers are re-checked exactly by the callers / farkas-check.ts), but it
 * is exact anyway: phase-1 simplex over fraction.js rationals with Bland's rule, which cannot cycle,
 * so it terminates. Meant for small instances (tens of variables), as the searches need.
 */
import { cmp, sign, ZERO, ONE, type Rational } from "../trusted/numbers/rational.js";

export type Matrix = readonly (readonly Rational[])[];

/** A nonnegative solution of A z = b, or undefined when the system has none. */
export function findNonnegativeSolution(A: Matrix, b: readonly Rational[]): Rational[] | undefined {
  const m = A.length;
  const n = m === 0 ? 0 : (A[0] as readonly Rational[]).length;
  // Tableau rows: [A | I (artificials) | b], rows with b < 0 negated so that b >= 0.
  const rows: Rational[][] = A.map((row, i) => {
    const flip = sign(b[i] as Rational) < 0;
    const r = row.map((v) => (flip ? v.neg() : v));
    for (let k = 0; k < m; k++) r.push(k === i ? ONE : ZERO);
    r.push(flip ? (b[i] as Rational).neg() : (b[i] as Rational));
    return r;
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const cols = n + m;
  // Phase-1 objective: minimise the sum of artificials. Reduced costs c_j - c_B B^-1 A_j.
  const reduced = (j: number): Rational => {
    let s = j >= n ? ONE : ZERO;
    rows.forEach((r, i) => {
      if ((basis[i] as number) >= n) s = s.sub(r[j] as Rational);
    });
    return s;
  };
  for (;;) {
    // Bland: entering = lowest index with negative reduced cost.
    let enter = -1;
    for (let j = 0; j < cols; j++) {
      if (basis.includes(j)) continue;
      if (sign(reduced(j)) < 0) {
        enter = j;
        break;
      }
    }
    if (enter < 0) break;
    // Ratio test; ties broken by lowest basic index (Bland).
    let leave = -1;
    let best: Rational | undefined;
    rows.forEach((r, i) => {
      const a = r[enter] as Rational;
      if (sign(a) <= 0) return;
      const ratio = (r[cols] as Rational).div(a);
      const c = best === undefined ? -1 : cmp(ratio, best);
      if (c < 0 || (c === 0 && (basis[i] as number) < (basis[leave] as number))) {
        best = ratio;
        leave = i;
      }
    });
    if (leave < 0) break; // unbounded direction cannot occur in phase 1 (objective >= 0); stop defensively
    pivot(rows, leave, enter);
    basis[leave] = enter;
  }
  // Feasible iff every artificial left in the basis is at value 0.
  for (let i = 0; i < m; i++) {
    if ((basis[i] as number) >= n && sign(rows[i]?.[cols] as Rational) !== 0) return undefined;
  }
  const z: Rational[] = Array.from({ length: n }, () => ZERO);
  basis.forEach((j, i) => {
    if (j < n) z[j] = rows[i]?.[cols] as Rational;
  });
  return z;
}

function pivot(rows: Rational[][], r: number, c: number): void {
  const pr = rows[r] as Rational[];
  const p = pr[c] as Rational;
  for (let j = 0; j < pr.length; j++) pr[j] = (pr[j] as Rational).div(p);
  rows.forEach((row, i) => {
    if (i === r) return;
    const f = row[c] as Rational;
    if (sign(f) === 0) return;
    for (let j = 0; j < row.length; j++) row[j] = (row[j] as Rational).sub(f.mul(pr[j] as Rational));
  });
}
