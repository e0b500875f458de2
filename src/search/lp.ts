/**
 * Exact rational feasibility LP: find z >= 0 with A z = b, or prove there is none.
 *
 * Untrusted producer (its answers are re-checked exactly by the callers / farkas-check.ts), but it
 * is exact anyway: phase-1 simplex over fraction.js rationals with Bland's rule, which cannot cycle,
 * so it terminates. Meant for small instances (tens of variables), as the searches need.
 */
import { cmp, sign, ZERO, ONE, type Rational } from "../workshop/rational.js";

export type Matrix = readonly (readonly Rational[])[];

/** A nonnegative solution of A z = b, or undefined when the system has none. */
export function findNonnegativeSolution(A: Matrix, b: readonly Rational[]): Rational[] | undefined {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  if (b.length !== m || A.some((row) => row.length !== n)) throw new Error(`findNonnegativeSolution: A is not ${m} x ${n} or b has not ${m} entries`);
  // Below, every index is in range: rows is m x (cols + 1), basis has m entries, each in [0, cols).
  // Tableau rows: [A | I (artificials) | b], rows with b < 0 negated so that b >= 0.
  const rows: Rational[][] = A.map((row, i) => {
    const bi = b[i]!;
    const flip = sign(bi) < 0;
    const r = row.map((v) => (flip ? v.neg() : v));
    for (let k = 0; k < m; k++) r.push(k === i ? ONE : ZERO);
    r.push(flip ? bi.neg() : bi);
    return r;
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const cols = n + m;
  // Phase-1 objective: minimise the sum of artificials. Reduced costs c_j - c_B B^-1 A_j.
  const reduced = (j: number): Rational => {
    let s = j >= n ? ONE : ZERO;
    rows.forEach((r, i) => {
      if (basis[i]! >= n) s = s.sub(r[j]!);
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
      const a = r[enter]!;
      if (sign(a) <= 0) return;
      const ratio = r[cols]!.div(a);
      const c = best === undefined ? -1 : cmp(ratio, best);
      if (c < 0 || (c === 0 && basis[i]! < basis[leave]!)) { // c === 0 needs best, so leave >= 0
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
    if (basis[i]! >= n && sign(rows[i]![cols]!) !== 0) return undefined;
  }
  const z: Rational[] = Array.from({ length: n }, () => ZERO);
  basis.forEach((j, i) => {
    if (j < n) z[j] = rows[i]![cols]!;
  });
  return z;
}

function pivot(rows: Rational[][], r: number, c: number): void {
  // r is a row and c a column of the tableau (all rows have one length); j runs below that length.
  const pr = rows[r]!;
  const p = pr[c]!;
  for (let j = 0; j < pr.length; j++) pr[j] = pr[j]!.div(p);
  rows.forEach((row, i) => {
    if (i === r) return;
    const f = row[c]!;
    if (sign(f) === 0) return;
    for (let j = 0; j < row.length; j++) row[j] = row[j]!.sub(f.mul(pr[j]!));
  });
}
