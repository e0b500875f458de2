/**
 * C5 on real images: the Fashion-MNIST reader (synthetic IDX files, and the real package when it is
 * installed, both checked by independent recomputation), the trained parameters as an exact net, and
 * a small random-label run whose certified counts come from the kernel.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FASHION_MNIST_DIR, fashionMnistAvailable, loadFashionMnist } from "../src/nonlinearity/fashion-mnist.js";
import { exactNet, realImagesRandomLabels, runC5Images, FULL_IMAGES_CONFIG } from "../src/nonlinearity/real-images.js";
import { forward, initParams, type NetShape } from "../src/nonlinearity/trainer.js";
import { evaluateFloat, toFloatNet } from "../src/workshop/evaluate-float.js";
import { makeRng } from "../src/workshop/rng.js";

/** IDX files of n random 28 x 28 images in a temp dir; returns the dir and the raw pixels. */
function syntheticIdx(n: number, seed: number): { dir: string; pixels: Uint8Array[] } {
  const rng = makeRng(seed);
  const pixels = Array.from({ length: n }, () => Uint8Array.from({ length: 784 }, () => rng.int(0, 255)));
  const img = Buffer.alloc(16 + 784 * n);
  [0x803, n, 28, 28].forEach((v, i) => img.writeUInt32BE(v, 4 * i));
  pixels.forEach((p, i) => img.set(p, 16 + 784 * i));
  const lab = Buffer.alloc(8 + n);
  [0x801, n].forEach((v, i) => lab.writeUInt32BE(v, 4 * i));
  for (let i = 0; i < n; i++) lab[8 + i] = i % 10;
  const dir = mkdtempSync(join(tmpdir(), "lnnet-fmnist-"));
  writeFileSync(join(dir, "train-images-idx3-ubyte.gz"), gzipSync(img));
  writeFileSync(join(dir, "train-labels-idx1-ubyte.gz"), gzipSync(lab));
  return { dir, pixels };
}

/** Block sums recomputed directly from the pixel grid. */
const pooled = (p: Uint8Array, pool: number): number[] => {
  const side = 28 / pool;
  return Array.from({ length: side * side }, (_, b) => {
    let s = 0;
    for (let dr = 0; dr < pool; dr++) for (let dc = 0; dc < pool; dc++) s += p[(Math.floor(b / side) * pool + dr) * 28 + (b % side) * pool + dc]!;
    return s;
  });
};

describe("Fashion-MNIST reader", () => {
  it("pools 2x2 and 4x4 block sums exactly (synthetic IDX files)", () => {
    const { dir, pixels } = syntheticIdx(5, 3);
    for (const pool of [2, 4] as const) {
      const im = loadFashionMnist(5, pool, dir);
      expect(im.scale).toBe(256 * pool * pool);
      im.sums.forEach((s, i) => expect(Array.from(s)).toEqual(pooled(pixels[i]!, pool)));
      expect(im.classes).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it("a missing dataset names the Debian package; the C5 run is skipped saying so", () => {
    const empty = mkdtempSync(join(tmpdir(), "lnnet-none-"));
    expect(() => loadFashionMnist(1, 2, empty)).toThrowError(/install Debian's package dataset-fashion-mnist/);
    expect(runC5Images(FULL_IMAGES_CONFIG, { dir: empty }).skipped).toMatch(/apt-get install dataset-fashion-mnist/);
  });

  it.skipIf(!fashionMnistAvailable())("the installed package: 60,000 images; pooled block sums recomputed from the raw file", () => {
    const raw = gunzipSync(readFileSync(join(FASHION_MNIST_DIR, "train-images-idx3-ubyte.gz")));
    expect(raw.readUInt32BE(4)).toBe(60_000);
    const im = loadFashionMnist(20, 4);
    im.sums.forEach((s, i) => expect(Array.from(s)).toEqual(pooled(raw.subarray(16 + 784 * i, 16 + 784 * (i + 1)), 4)));
    im.classes.forEach((c) => expect(c).toBeGreaterThanOrEqual(0));
  });
});

describe("certified fit", () => {
  it("exactNet is the trainer's net: same float outputs on random parameters (LN, LN-G, linear)", () => {
    for (const [depth, groups] of [[0, 1], [1, 1], [2, 3]] as const) {
      const shape: NetShape = { inputDim: 5, width: 6, depth, groups, eps: 1e-5 };
      const p = initParams(shape, 7);
      const rng = makeRng(8);
      p.forEach((_, i) => (p[i] = p[i]! + rng.normal() * 0.1)); // nonzero biases too
      const f = toFloatNet(exactNet(shape, p));
      for (let t = 0; t < 10; t++) {
        const x = Array.from({ length: 5 }, () => rng.next());
        const want = forward(shape, p, x);
        expect(Math.abs(evaluateFloat(f, x) - want)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want)));
      }
    }
  });

  it("a small random-label run: every sample decided by the kernel, certified = the float training accuracy", () => {
    const { dir } = syntheticIdx(16, 5);
    const rows = realImagesRandomLabels({ n: 16, pool: 4, width: 6, depth: 1, epochs: 60, lr: 0.02, seeds: [1], groups: [1, 2] }, { dir });
    expect(rows.map((r) => r.model)).toEqual(["linear", 1, 2]);
    for (const r of rows) {
      const run = r.runs[0]!;
      expect(run.undecided).toBe(0);
      expect(run.certified).toBe(Math.round(run.accuracy * 16));
      expect(run.curve.length).toBeGreaterThan(1);
      expect(run.curve.at(-1)).toBe(run.accuracy);
    }
  });
});
