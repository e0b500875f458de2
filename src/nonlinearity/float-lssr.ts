/**
 * LSSR in float64, for searches and Monte Carlo statistics only (never a certified value).
 * Points may lie in the subspace V where each of `groups` groups sums to 0 (LN-G outputs); then
 * S_W is singular on V's complement, so we solve (S_W + mu P_perp) z = delta, which on V equals
 * S_W z = delta (delta is in V), mu = trace + 1 keeps the complement well conditioned.
 */
export function lssrFloat(points: readonly Float64Array[], labels: readonly (0 | 1)[], groups = 0): number {
  const first = points[0];
  if (!first) throw new Error("lssrFloat: no points");
  const n = first.length;
  if (points.some((p) => p.length !== n)) throw new Error(`lssrFloat: points of different dimensions (first has ${n})`);
  // Every point, mean, c, delta and z has n entries and S is n x n (checked above), so indices < n are in range.
  const mean = (c: 0 | 1): { mu: Float64Array; count: number } => {
    const mu = new Float64Array(n);
    let count = 0;
    points.forEach((p, i) => {
      if (labels[i] !== c) return;
      count++;
      for (let j = 0; j < n; j++) mu[j] = mu[j]! + p[j]!;
    });
    for (let j = 0; j < n; j++) mu[j] = mu[j]! / count;
    return { mu, count };
  };
  const m1 = mean(1).mu;
  const m0 = mean(0).mu;
  const delta = Array.from({ length: n }, (_, j) => m1[j]! - m0[j]!);
  const S = Array.from({ length: n }, () => new Float64Array(n));
  const c = new Float64Array(n);
  points.forEach((p, i) => {
    const mu = labels[i] === 1 ? m1 : m0;
    for (let j = 0; j < n; j++) c[j] = p[j]! - mu[j]!;
    S.forEach((row, a) => {
      const ca = c[a]!;
      for (let b = 0; b < n; b++) row[b] = row[b]! + ca * c[b]!;
    });
  });
  const dn = Math.hypot(...delta);
  if (dn === 0) return Infinity;
  if (groups > 0) {
    const k = n / groups;
    let tr = 0;
    S.forEach((row, a) => (tr += row[a]!));
    S.forEach((row, a) => {
      for (let b = 0; b < n; b++) if (Math.floor(a / k) === Math.floor(b / k)) row[b] = row[b]! + (tr + 1) / k;
    });
  }
  const z = solveFloat(S.map((r) => Array.from(r)), delta);
  const dz = delta.reduce((s, d, j) => s + d * z[j]!, 0);
  return dz > 0 ? 1 / dz : 0;
}

/** Gaussian elimination with partial pivoting; near-zero pivots are skipped (free variable 0). */
export function solveFloat(a: number[][], b: number[]): number[] {
  const n = b.length;
  if (a.length !== n || a.some((r) => r.length !== n)) throw new Error(`solveFloat: a is not ${n} x ${n}`);
  // m is n x (n + 1) (checked above), r, c, i, p < n, j <= n and piv has r entries, so every index is in range.
  const m = a.map((r, i) => [...r, b[i]!]);
  const scale = Math.max(1e-300, ...a.map((r) => Math.max(...r.map(Math.abs))));
  const piv: number[] = [];
  let r = 0;
  for (let c = 0; c < n && r < n; c++) {
    let p = r;
    for (let i = r + 1; i < n; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!)) p = i;
    if (Math.abs(m[p]![c]!) < 1e-13 * scale) continue;
    [m[p], m[r]] = [m[r]!, m[p]!];
    const pr = m[r]!;
    for (let i = r + 1; i < n; i++) {
      const mi = m[i]!;
      const f = mi[c]! / pr[c]!;
      for (let j = c; j <= n; j++) mi[j] = mi[j]! - f * pr[j]!;
    }
    piv.push(c);
    r++;
  }
  const z = new Array<number>(n).fill(0);
  for (let t = r - 1; t >= 0; t--) {
    const row = m[t]!;
    const c = piv[t]!;
    let acc = row[n]!;
    for (let j = c + 1; j < n; j++) acc -= row[j]! * z[j]!;
    z[c] = acc / row[c]!;
  }
  return z;
}
