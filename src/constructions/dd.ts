/**
 * Double-double arithmetic for the builders' simulations (exact-folds.ts, end-folds.ts; an
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

/**
 * One linear layer of width 3 and LayerNorm in double-double: z = W x + b (W row-major 3 x n, with
 * its low parts; x likewise), then LN(z) = sqrt 3 c / sqrt(|c|^2 + 27 eps), c = 3 z - sum(z) (so
 * the mean needs no division). Writes 3 values to outH, outL. The end-fold builder's shadow of the
 * exact net (end-folds.ts): about 2^-100 of relative error per layer.
 */
export function ddLinearLayerNorm3(
  wh: ArrayLike<number>,
  wl: ArrayLike<number>,
  bh: ArrayLike<number>,
  bl: ArrayLike<number>,
  xh: ArrayLike<number>,
  xl: ArrayLike<number>,
  eps: number,
  outH: Float64Array,
  outL: Float64Array,
): void {
  const n = xh.length;
  const zh = [0, 0, 0];
  const zl = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let h = bh[r]!;
    let l = bl[r]!;
    for (let j = 0; j < n; j++) {
      ddMul(wh[r * n + j]!, wl[r * n + j]!, xh[j]!, xl[j]!);
      ddAdd(h, l, dd.h, dd.l);
      h = dd.h;
      l = dd.l;
    }
    zh[r] = h;
    zl[r] = l;
  }
  ddAdd(zh[0]!, zl[0]!, zh[1]!, zl[1]!);
  ddAdd(dd.h, dd.l, zh[2]!, zl[2]!);
  const sh = dd.h;
  const sl = dd.l;
  let nh = 0;
  let nl = 0;
  for (let r = 0; r < 3; r++) {
    ddMulD(zh[r]!, zl[r]!, 3);
    ddAdd(dd.h, dd.l, -sh, -sl);
    zh[r] = dd.h; // now c_r
    zl[r] = dd.l;
    ddMul(dd.h, dd.l, dd.h, dd.l);
    ddAdd(nh, nl, dd.h, dd.l);
    nh = dd.h;
    nl = dd.l;
  }
  ddToRadius(zh, zl, nh, nl, 27 * eps, outH, outL, 0);
}

/**
 * w sqrt(3 / (n + e)) for a 3-vector w with n = |w|^2 (LayerNorm's last step, e its eps term):
 * writes out[at + r] for r < 3.
 */
export function ddToRadius(wh: ArrayLike<number>, wl: ArrayLike<number>, nh: number, nl: number, e: number, outH: Float64Array, outL: Float64Array, at: number): void {
  if (e > 0) {
    ddAdd(nh, nl, e, 0);
    nh = dd.h;
    nl = dd.l;
  }
  ddSqrtRatio(3, nh, nl);
  const rh = dd.h;
  const rl = dd.l;
  for (let r = 0; r < 3; r++) {
    ddMul(wh[r]!, wl[r]!, rh, rl);
    outH[at + r] = dd.h;
    outL[at + r] = dd.l;
  }
}
