/**
 * LSSR in float64, for searches and Monte Carlo statistics only (never a certified value).
 * Points may lie in the subspace V where each of `groups` groups sums to 0 (LN-G outputs); then
 * S_W is singular on V's complement, so we solve (S_W + mu P_perp) z = delta, which on V equals
 * S_W z = delta (delta is in V), mu = trace + 1 keeps the complement well conditioned.
 */
export function lssrFloat(points: readonly Float64Array[], labels: readonly (0 | 1)[], groups = 0): number {
  const n = (points[0] as Float64Array).length;
  const mean = (c: 0 | 1): { mu: Float64Array; count: number } => {
    const mu = new Float64Array(n);
    let count = 0;
    points.forEach((p, i) => {
      if (labels[i] !== c) return;
      count++;
      for (let j = 0; j < n; j++) mu[j] = (mu[j] as number) + (p[j] as number);
    });
    for (let j = 0; j < n; j++) mu[j] = (mu[j] as number) / count;
    return { mu, count };
  };
  const m1 = mean(1).mu;
  const m0 = mean(0).mu;
  const delta = Array.from({ length: n }, (_, j) => (m1[j] as number) - (m0[j] as number));
  const S = Array.from({ length: n }, () => new Float64Array(n));
  const c = new Float64Array(n);
  points.forEach((p, i) => {
    const mu = labels[i] === 1 ? m1 : m0;
    for (let j = 0; j < n; j++) c[j] = (p[j] as number) - (mu[j] as number);
    for (let a = 0; a < n; a++) {
      const ca = c[a] as number;
      const row = S[a] as Float64Array;
      for (let b = 0; b < n; b++) row[b] = (row[b] as number) + ca * (c[b] as number);
    }
  });
  const dn = Math.hypot(...delta);
  if (dn === 0) return Infinity;
  if (groups > 0) {
    const k = n / groups;
    let tr = 0;
    for (let a = 0; a < n; a++) tr += (S[a] as Float64Array)[a] as number;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (Math.floor(a / k) === Math.floor(b / k)) (S[a] as Float64Array)[b] = ((S[a] as Float64Array)[b] as number) + (tr + 1) / k;
  }
  const z = solveFloat(S.map((r) => Array.from(r)), delta);
  const dz = delta.reduce((s, d, j) => s + d * (z[j] as number), 0);
  return dz > 0 ? 1 / dz : 0;
}

/** Gaussian elimination with partial pivoting; near-zero pivots are skipped (free variable 0). */
export function solveFloat(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i] as number]);
  const scale = Math.max(1e-300, ...a.map((r) => Math.max(...r.map(Math.abs))));
  const piv: number[] = [];
  let r = 0;
  for (let c = 0; c < n && r < n; c++) {
    let p = r;
    for (let i = r + 1; i < n; i++) if (Math.abs((m[i] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = i;
    if (Math.abs((m[p] as number[])[c] as number) < 1e-13 * scale) continue;
    [m[p], m[r]] = [m[r] as number[], m[p] as number[]];
    const pr = m[r] as number[];
    for (let i = r + 1; i < n; i++) {
      const mi = m[i] as number[];
      const f = (mi[c] as number) / (pr[c] as number);
      for (let j = c; j <= n; j++) mi[j] = (mi[j] as number) - f * (pr[j] as number);
    }
    piv.push(c);
    r++;
  }
  const z = new Array<number>(n).fill(0);
  for (let t = r - 1; t >= 0; t--) {
    const row = m[t] as number[];
    const c = piv[t] as number;
    let acc = row[n] as number;
    for (let j = c + 1; j < n; j++) acc -= (row[j] as number) * (z[j] as number);
    z[c] = acc / (row[c] as number);
  }
  return z;
}
