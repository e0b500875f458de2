/**
 * Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (float64). Used only to GUESS a
 * lower bound on the smallest eigenvalue; the guess is then certified (or rejected) exactly.
 */
export function symmetricEigenvalues(a0: readonly (readonly number[])[]): number[] {
  const n = a0.length;
  if (a0.some((r) => r.length !== n)) throw new Error(`symmetricEigenvalues: not a square matrix (${n} rows)`);
  // a is n x n (checked above), so every index p, q, k < n below is in range.
  const a = a0.map((r) => [...r]);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) {
      const v = a[p]![q]!;
      off += v * v;
    }
    if (off < 1e-300) break;
    for (let p = 0; p < n; p++) {
      const ap = a[p]!;
      for (let q = p + 1; q < n; q++) {
        const aq = a[q]!;
        const apq = ap[q]!;
        if (apq === 0) continue;
        const app = ap[p]!;
        const aqq = aq[q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (const ak of a) {
          const akp = ak[p]!;
          const akq = ak[q]!;
          ak[p] = c * akp - s * akq;
          ak[q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = ap[k]!;
          const aqk = aq[k]!;
          ap[k] = c * apk - s * aqk;
          aq[k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((r, i) => r[i]!);
}
