/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017) from Debian's package `dataset-fashion-mnist`: the 60,000
 * training images in IDX format, gzipped. Images are average-pooled p x p (p = 2: 14 x 14 = 196
 * features; p = 4: 7 x 7 = 49), each feature the block's pixel sum / (256 p^2), a dyadic rational in
 * [0, 1): the float64 the trainer sees and the exact rational the kernel certifies are the same number.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { InputError } from "../trusted/errors.js";

export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
export const FASHION_MNIST_PACKAGE = "dataset-fashion-mnist";
const IMAGES = "train-images-idx3-ubyte.gz";
const LABELS = "train-labels-idx1-ubyte.gz";

export interface Images {
  /** Pooled images: per image the side^2 pixel-block sums (0..255 p^2). */
  readonly sums: readonly Uint16Array[];
  /** Feature = sum / scale, scale = 256 p^2 (a power of two). */
  readonly scale: number;
  /** The dataset's own class labels (0..9); the random-label experiment ignores them. */
  readonly classes: readonly number[];
  readonly side: number;
}

export const fashionMnistAvailable = (dir = FASHION_MNIST_DIR): boolean => existsSync(join(dir, IMAGES)) && existsSync(join(dir, LABELS));

function readGz(path: string): Buffer {
  if (!existsSync(path)) {
    throw new InputError("file-not-found", `Fashion-MNIST is not installed: install Debian's package ${FASHION_MNIST_PACKAGE} (sudo apt-get install ${FASHION_MNIST_PACKAGE})`, { file: path });
  }
  return gunzipSync(readFileSync(path));
}

/** The first n training images, pooled p x p (IDX: big-endian magic 0x803, count, rows, cols, then bytes). */
export function loadFashionMnist(n: number, pool: 2 | 4 = 2, dir = FASHION_MNIST_DIR): Images {
  const img = readGz(join(dir, IMAGES));
  const lab = readGz(join(dir, LABELS));
  if (img.readUInt32BE(0) !== 0x803 || lab.readUInt32BE(0) !== 0x801) throw new InputError("bad-format", "not an IDX image/label file pair", { file: join(dir, IMAGES) });
  const count = Math.min(img.readUInt32BE(4), lab.readUInt32BE(4));
  const rows = img.readUInt32BE(8);
  const cols = img.readUInt32BE(12);
  if (n > count) throw new InputError("bad-argument", `asked for ${n} images, the file has ${count}`, { file: join(dir, IMAGES) });
  const side = Math.floor(rows / pool);
  const sums: Uint16Array[] = [];
  for (let i = 0; i < n; i++) {
    const base = 16 + i * rows * cols;
    const s = new Uint16Array(side * side);
    for (let r = 0; r < pool * side; r++) for (let c = 0; c < pool * side; c++) s[Math.floor(r / pool) * side + Math.floor(c / pool)]! += img[base + r * cols + c]!;
    sums.push(s);
  }
  return { sums, scale: 256 * pool * pool, classes: Array.from(lab.subarray(8, 8 + n)), side };
}
