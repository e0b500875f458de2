/**
 * `lnnet export --onnx`: the model runs in a real ONNX runtime (onnxruntime-node, CPU). Its outputs
 * match lnnet's float evaluation (src/workshop/evaluate-float.ts) to float tolerance on random nets
 * (every group count, eps), its labels match the kernel's certified labels on constructed nets wherever
 * the float evaluation is safe, and import(export(net)) gives back the net rounded to float64, exactly.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import * as ort from "onnxruntime-node";
import { netToOnnx, INPUT, OUTPUT } from "../src/interop/export.js";
import { onnxToNet } from "../src/interop/import.js";
import { FLOAT32, FLOAT64, floatToRational, rationalToFloat } from "../src/interop/floats.js";
import { evaluateFloat, toFloatNet } from "../src/workshop/evaluate-float.js";
import { makeRng } from "../src/workshop/rng.js";
import { constructAndVerify } from "../src/constructions/index.js";
import { type Label } from "../src/trusted/net/dataset.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { rat, toRationalString, type Rational } from "../src/trusted/numbers/rational.js";
import type { Layer, Net } from "../src/trusted/net/model.js";

async function runOrt(bytes: Uint8Array, xs: number[][], float32: boolean): Promise<number[]> {
  // one thread: the same summation order on every run
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const d = xs[0]!.length;
  const flat = xs.flat();
  const input = float32 ? new ort.Tensor("float32", Float32Array.from(flat), [xs.length, d]) : new ort.Tensor("float64", Float64Array.from(flat), [xs.length, d]);
  const out = await session.run({ [INPUT]: input });
  return Array.from(out[OUTPUT]!.data as Float64Array | Float32Array, Number);
}

/** A random net: dyadic or general rational weights, 1-3 LayerNorms, any group count dividing the width. */
function randomNet(seed: number, dyadic: boolean): Net {
  const rng = makeRng(seed);
  const q = (): Rational => (dyadic ? rat(BigInt(rng.int(-64, 64)), 16n) : rat(BigInt(rng.int(-50, 50)), BigInt(rng.int(1, 7))));
  const d = rng.int(1, 4);
  const depth = rng.int(1, 3);
  const layers: Layer[] = [];
  let width = d;
  for (let k = 0; k < depth; k++) {
    const groups = rng.int(1, 3);
    const out = groups * rng.int(2, 3);
    layers.push({ type: "linear", weight: Array.from({ length: out }, () => Array.from({ length: width }, q)), bias: Array.from({ length: out }, q) });
    layers.push({ type: "layernorm", groups, eps: rng.int(0, 1) ? rat(1n, BigInt(rng.int(1, 1000))) : rat(0n) });
    width = out;
  }
  layers.push({ type: "linear", weight: [Array.from({ length: width }, q)], bias: [q()] });
  return { inputDim: d, layers };
}

describe("float conversions", () => {
  it("float -> rational -> float is the identity, and float32 rounding agrees with Math.fround", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = floatToRational(x)!;
        // === : a zero's sign is not a rational's
        expect(rationalToFloat(r, FLOAT64) === x).toBe(true);
        expect(rationalToFloat(r, FLOAT32) === Math.fround(x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it("rounds p/q like IEEE division (correctly rounded for |p|, |q| < 2^53)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (p, qq) => {
        expect(rationalToFloat(rat(BigInt(p), BigInt(qq)), FLOAT64)).toBe(p / qq === 0 ? 0 : p / qq);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("export in onnxruntime-node", { timeout: 60_000 }, () => {
  it("float64 outputs match lnnet's float evaluation on random nets (all group counts, eps)", async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const net = randomNet(seed, false);
      const rng = makeRng(1000 + seed);
      const xs = Array.from({ length: 20 }, () => Array.from({ length: net.inputDim }, () => rng.next() * 8 - 4));
      const got = await runOrt(netToOnnx(net).bytes, xs, false);
      const f = toFloatNet(net);
      xs.forEach((x, i) => {
        const want = evaluateFloat(f, x);
        expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want)));
      });
    }
  });

  it("float32 outputs match to float32 tolerance", async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const net = randomNet(seed, true);
      const rng = makeRng(2000 + seed);
      const xs = Array.from({ length: 20 }, () => Array.from({ length: net.inputDim }, () => Math.fround(rng.next() * 4 - 2)));
      const exp = netToOnnx(net, { float32: true });
      expect(exp.dtype).toBe("float32");
      const got = await runOrt(exp.bytes, xs, true);
      const f = toFloatNet(net);
      xs.forEach((x, i) => {
        const want = evaluateFloat(f, x);
        expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(2e-3 * (1 + Math.abs(want)));
      });
    }
  });

  it("labels of a constructed net match the kernel's certified labels wherever the float evaluation is safe", async () => {
    const rng = makeRng(7);
    const points = Array.from({ length: 12 }, () => [rat(BigInt(rng.int(-40, 40)), 8n), rat(BigInt(rng.int(-40, 40)), 8n)]);
    const labels = points.map(() => rng.int(0, 1) as Label);
    const data = makeDataset(points, labels);
    const { construction, report } = constructAndVerify(data, { seed: 1, maxBits: 4096 });
    expect(report.summary.correct).toBe(points.length);
    const net = construction.net;
    const exp = netToOnnx(net);
    const xs = points.map((p) => p.map((v) => v.valueOf()));
    const got = await runOrt(exp.bytes, xs, false);
    const f = toFloatNet(net);
    let safe = 0;
    xs.forEach((x, i) => {
      const y = evaluateFloat(f, x);
      // float-safe here: lnnet's own float64 evaluation gives the certified label, well clear of rounding error
      if ((y > 0 ? 1 : 0) !== labels[i] || !(Math.abs(y) > 1e-6)) return;
      safe += 1;
      expect(got[i]! > 0 ? 1 : 0).toBe(labels[i]);
    });
    expect(safe).toBeGreaterThan(0);
  });

  it("import(export(net)) is the net with every parameter rounded to float64, exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (seed, dyadic) => {
        const net = randomNet(seed, dyadic);
        const back = onnxToNet(netToOnnx(net).bytes).net;
        expect(back.layers.length).toBe(net.layers.length);
        const round = (r: Rational): string => toRationalString(floatToRational(rationalToFloat(r, FLOAT64))!);
        net.layers.forEach((l, i) => {
          const b = back.layers[i]!;
          if (l.type === "layernorm" || b.type === "layernorm") {
            expect(b).toMatchObject({ type: "layernorm", groups: (l as { groups: number }).groups });
            if (b.type === "layernorm" && l.type === "layernorm") expect(toRationalString(b.eps)).toBe(round(l.eps));
            return;
          }
          expect(b.weight.map((r) => r.map(toRationalString))).toEqual(l.weight.map((r) => r.map(round)));
          expect(b.bias.map(toRationalString)).toEqual(l.bias.map(round));
          // dyadic k/16 weights are floats: the round trip is the identity
          if (dyadic) expect(b.weight.map((r) => r.map(toRationalString))).toEqual(l.weight.map((r) => r.map(toRationalString)));
        });
      }),
      { numRuns: 60 },
    );
  });

  // an independent validator when it is installed (Debian python3-onnx): the ONNX checker with strict shape inference
  const onnxChecker = spawnSync("/usr/bin/python3", ["-c", "import onnx"]).status === 0;
  it.skipIf(!onnxChecker)("the ONNX reference checker (full check, strict shape inference) accepts exported models", () => {
    const dir = mkdtempSync(join(tmpdir(), "lnnet-onnx-"));
    const files = [1, 2, 3, 4, 5, 6].map((seed) => {
      const f = join(dir, `net${seed}.onnx`);
      writeFileSync(f, netToOnnx(randomNet(seed, false), { float32: seed % 2 === 0 }).bytes);
      return f;
    });
    const script = "import onnx, sys\nfor f in sys.argv[1:]:\n  m = onnx.load(f)\n  onnx.checker.check_model(m, full_check=True)\n  onnx.shape_inference.infer_shapes(m, strict_mode=True)\nprint('ok', len(sys.argv) - 1)";
    const r = spawnSync("/usr/bin/python3", ["-c", script, ...files], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(`ok ${files.length}`);
  });
});
