/**
 * `lnnet import`: every fixture that torch 1.13 wrote (scripts/make-onnx-fixtures.py) becomes an
 * lnnet/v1 net whose float evaluation matches torch's own float32 outputs on the recorded probes; the
 * weights are the exact dyadic values of the file's floats; graphs that are not LN-Nets are rejected
 * naming the node.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { onnxToNet } from "../src/interop/import.js";
import { readOnnx } from "../src/interop/onnx-model.js";
import { floatToRational } from "../src/interop/floats.js";
import { evaluateFloat, toFloatNet } from "../src/workshop/evaluate-float.js";
import { depthOf } from "../src/trusted/net/model.js";
import { InputError } from "../src/trusted/errors.js";

const DIR = new URL("./fixtures/onnx/", import.meta.url);
const read = (name: string): Uint8Array => readFileSync(new URL(name, DIR));
const expected = (name: string): { inputs: number[][]; outputs: number[][] } => JSON.parse(readFileSync(new URL(name.replace(/\.onnx$/, ".expected.json"), DIR), "utf8"));
// single-output and 2-logit nets; classifiers (more outputs) are certified by margins (onnx-classes.test.ts)
const LN_NETS = readdirSync(DIR).filter((f) => f.endsWith(".onnx") && !f.startsWith("relu") && expected(f).outputs[0]!.length <= 2);

describe("onnx import: torch 1.13 fixtures", () => {
  it.each(LN_NETS)("%s: float evaluation of the imported net matches torch's outputs", (name) => {
    const { net } = onnxToNet(read(name), name);
    const f = toFloatNet(net);
    const e = expected(name);
    e.inputs.forEach((x, i) => {
      const out = e.outputs[i]!;
      // a 2-logit net is imported as logit 1 - logit 0
      const want = out.length === 2 ? out[1]! - out[0]! : out[0]!;
      const got = evaluateFloat(f, x.map(Math.fround));
      expect(Math.abs(got - want)).toBeLessThan(1e-4 * (1 + Math.abs(want)));
    });
  });

  it("finds the structure: depth, widths and groups", () => {
    const shape = (name: string): string =>
      onnxToNet(read(name), name).net.layers.map((l) => (l.type === "linear" ? `L${l.weight.length}` : `N${l.groups}`)).join(" ");
    expect(shape("ln-plain-op13.onnx")).toBe("L3 N1 L3 N1 L1");
    expect(shape("ln-plain-op17.onnx")).toBe("L3 N1 L3 N1 L1");
    expect(shape("ln-affine-op17.onnx")).toBe("L3 N1 L1");
    expect(shape("lng-groupnorm-op13.onnx")).toBe("L6 N2 L1");
    expect(shape("lng-reshape-op13.onnx")).toBe("L6 N2 L1");
    expect(shape("lng-reshape-plain-op17.onnx")).toBe("L6 N3 L1");
    expect(depthOf(onnxToNet(read("trained-ring-op13.onnx")).net)).toBe(2);
  });

  it("reads weights bit for bit: the first layer is the file's float32 initializer, exactly", () => {
    const model = readOnnx(read("ln-plain-op13.onnx"));
    const w = model.initializers.get("0.weight")!;
    const { net } = onnxToNet(read("ln-plain-op13.onnx"));
    const first = net.layers[0]!;
    if (first.type !== "linear") throw new Error("expected a linear layer");
    first.weight.flat().forEach((v, i) => {
      const exact = floatToRational(w.values[i]!)!;
      expect(v.equals(exact)).toBe(true);
      // and a float32 is a dyadic with a denominator of at most 2^149
      expect(v.d & (v.d - 1n)).toBe(0n);
    });
  });

  it("folds LayerNorm scale and bias into the next linear layer exactly", () => {
    const model = readOnnx(read("ln-affine-op13.onnx"));
    const ex = (n: string): ReturnType<typeof floatToRational>[] => model.initializers.get(n)!.values.map(floatToRational);
    const gamma = ex("1.weight");
    const beta = ex("1.bias");
    const w2 = ex("2.weight");
    const b2 = ex("2.bias")[0]!;
    const last = onnxToNet(read("ln-affine-op13.onnx")).net.layers[2]!;
    if (last.type !== "linear") throw new Error("expected a linear layer");
    // W' = W2 diag(gamma), b' = b2 + W2 beta, recomputed independently
    w2.forEach((w, j) => expect(last.weight[0]![j]!.equals(w!.mul(gamma[j]!))).toBe(true));
    expect(last.bias[0]!.equals(w2.reduce((s, w, j) => s!.add(w!.mul(beta[j]!)), b2)!)).toBe(true);
  });

  it("rejects a ReLU net naming the node and why (exit-2 InputError)", () => {
    expect(() => onnxToNet(read("relu-op13.onnx"), "relu-op13.onnx")).toThrowError(InputError);
    try {
      onnxToNet(read("relu-op13.onnx"), "relu-op13.onnx");
    } catch (e) {
      expect((e as InputError).code).toBe("bad-format");
      expect((e as Error).message).toMatch(/^relu-op13\.onnx, field graph\.node\[1\]: Relu "[^"]*Relu": not an LN-Net layer/);
    }
  });

  it("a classifier with 3 outputs is not a single lnnet/v1 net (it is certified by margins, onnx-classes.test.ts)", () => {
    expect(() => onnxToNet(read("trained-sectors3-op13.onnx"), "s.onnx")).toThrowError(/s\.onnx, field graph\.output: the graph has 3 outputs \(a classifier\)/);
  });

  it("rejects bytes that are not an ONNX model", () => {
    expect(() => onnxToNet(new TextEncoder().encode("x1,x2,label\n0,0,1\n"), "data.csv")).toThrowError(/data\.csv: not an ONNX model/);
  });
});

describe("onnx import: corrupted files", () => {
  it("a fixture with random bytes changed, cut or appended is imported or rejected as bad input, never a crash", () => {
    const files = ["ln-affine-op13.onnx", "lng-groupnorm-op13.onnx", "lng-reshape-op13.onnx", "ln-plain-op17.onnx"].map(read);
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(), fc.boolean(), (f, edits, cut, truncate) => {
        const bytes = Uint8Array.from(files[f]!);
        for (const [at, v] of edits) bytes[at % bytes.length] = v;
        const mutated = truncate ? bytes.subarray(0, cut % bytes.length) : bytes;
        try {
          onnxToNet(mutated, "m.onnx");
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message).toMatch(/^m\.onnx/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
