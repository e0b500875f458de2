/**
 * Double-double arithmetic for the scale-free builder's settled points (exact-folds.ts; an
 * untrusted simulation, the kernel certifies): a value is hi + lo with |lo| <= ulp(hi) / 2, about
 * 106 bits. Dekker's products (no fused multiply-add in JavaScript) and Knuth's two-sum. Results
 * go to `dd.h` and `dd.l` so that the builder's inner loop allocates nothing.
 */
export const dd = { h: 0, l: 0 };

const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

/** a b exactly as dd.h + dd.l (|a b| far below 2^996). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  dd.h = p;
  dd.l = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah + al) + (bh + bl). */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const v = s - ah;
  const e = ah - (s - v) + (bh - v) + al + bl;
  dd.h = s + e;
  dd.l = e - (dd.h - s);
}

/** (ah + al) b for a double b. */
export function ddMulD(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  const p = dd.h;
  const e = dd.l + al * b;
  dd.h = p + e;
  dd.l = e - (dd.h - p);
}

/** (ah + al) (bh + bl). */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = dd.h;
  const e = dd.l + ah * bl + al * bh;
  dd.h = p + e;
  dd.l = e - (dd.h - p);
}

/** sqrt(c / (nh + nl)) for n > 0 and a double c: one Newton step from the double root (106 bits). */
export function ddSqrtRatio(c: number, nh: number, nl: number): void {
  const r0 = Math.sqrt(c / nh);
  ddMulD(nh, nl, r0);
  ddMulD(dd.h, dd.l, r0); // n r0^2, ~c
  const res = c - dd.h - dd.l; // c - dd.h is exact (Sterbenz) when n r0^2 is within a factor 2 of c
  const corr = (r0 * res) / (2 * c);
  dd.h = r0 + corr;
  dd.l = corr - (dd.h - r0);
}
