/**
 * Multi-class certification by margins (src/interop/classes.ts): a sample is certified in class c iff
 * the kernel proves y_c - y_j > 0 for every j != c. Checked against torch's own outputs on the trained
 * 3-class fixture, and against an independent float argmax on random 4-class nets.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { certifyClasses, marginNet, parseClassCsv, type Classifier } from "../src/interop/classes.js";
import { importOnnxFile } from "../src/interop/import.js";
import { evaluateFloat, toFloatNet, traceFloat } from "../src/workshop/evaluate-float.js";
import { makeRng } from "../src/workshop/rng.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Layer } from "../src/trusted/net/model.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { runCli, tempFiles } from "./helpers/cli.js";

const FIX = "test/fixtures/onnx";
const load = (): Classifier => importOnnxFile(readFileSync(`${FIX}/trained-sectors3-op13.onnx`)).result;

describe("multi-class by margins", () => {
  it("margin nets compute y_c - y_j: compared with torch's float32 logits", () => {
    const k = load();
    const e = JSON.parse(readFileSync(`${FIX}/trained-sectors3-op13.expected.json`, "utf8")) as { inputs: number[][]; outputs: number[][] };
    for (let c = 0; c < 3; c++)
      for (let j = 0; j < 3; j++) {
        if (c === j) continue;
        const f = toFloatNet(marginNet(k, c, j));
        e.inputs.forEach((x, i) => {
          const want = e.outputs[i]![c]! - e.outputs[i]![j]!;
          expect(Math.abs(evaluateFloat(f, x) - want)).toBeLessThan(1e-4 * (1 + Math.abs(want)));
        });
      }
  });

  it("the torch-trained 3-class net is certified in its class on all 60 training samples", () => {
    const data = parseClassCsv(readFileSync(`${FIX}/trained-sectors3.csv`, "utf8"), 3);
    const r = certifyClasses(load(), data, { accelerators: ACCELERATORS });
    expect(r.decisions.every((d) => d.verdict === "correct")).toBe(true);
    expect(r.margins).toHaveLength(6);
    expect(r.verdict.line).toBe("s VERIFIED");
  });

  it("10 random classes on 100 Fashion-MNIST images (torch LN-G-Net, reshape-then-normalise): every fit certified", { timeout: 120_000 }, () => {
    const { result } = importOnnxFile(readFileSync(`${FIX}/fmnist-random10-op13.onnx`));
    expect(result.hidden.filter((l) => l.type === "layernorm").map((l) => (l as { groups: number }).groups)).toEqual([4, 4]);
    const data = parseClassCsv(readFileSync(`${FIX}/fmnist-random10.csv`, "utf8"), 10);
    const r = certifyClasses(result, data, { accelerators: ACCELERATORS });
    expect(r.margins).toHaveLength(90);
    // torch's float32 argmax is the label on every sample (training accuracy 1.000): the kernel agrees, with proofs
    expect(r.decisions.filter((d) => d.verdict === "correct")).toHaveLength(100);
    expect(r.verdict.line).toBe("s VERIFIED");
  });

  it("random 4-class nets and labels: certified exactly where the float argmax is the label (clear margins)", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rng = makeRng(seed);
      const q = (): Rational => rat(BigInt(rng.int(-30, 30)), BigInt(rng.int(1, 5)));
      const hidden: Layer[] = [
        { type: "linear", weight: Array.from({ length: 4 }, () => [q(), q()]), bias: Array.from({ length: 4 }, q) },
        { type: "layernorm", groups: 1 + rng.int(0, 1), eps: rat(0n) },
      ];
      const k: Classifier = { inputDim: 2, hidden, last: { type: "linear", weight: Array.from({ length: 4 }, () => Array.from({ length: 4 }, q)), bias: Array.from({ length: 4 }, q) } };
      const samples = Array.from({ length: 30 }, (_, i) => ({ x: [rat(BigInt(rng.int(-40, 40)), 8n), rat(BigInt(rng.int(-40, 40)), 8n)], label: rng.int(0, 3), line: i + 2 }));
      const r = certifyClasses(k, { dim: 2, samples }, { accelerators: ACCELERATORS });
      const f = toFloatNet({ inputDim: 2, layers: [...hidden, k.last] });
      samples.forEach((s, i) => {
        const y = Array.from(traceFloat(f, s.x.map((v) => v.valueOf())).at(-1)!);
        const sorted = [...y].sort((a, b) => b - a);
        if (sorted[0]! - sorted[1]! < 1e-6) return; // a near tie: float argmax is not evidence
        const argmax = y.indexOf(sorted[0]!);
        expect(r.decisions[i]!.verdict).toBe(argmax === s.label ? "correct" : "wrong");
        if (argmax !== s.label) expect(y[r.decisions[i]!.against!]! > y[s.label]!).toBe(true);
      });
      expect(r.verdict.proven).toBe(r.decisions.every((d) => d.verdict === "correct"));
    }
  });

  it("class CSV: labels must be class indices; errors name file, line and column", () => {
    expect(() => parseClassCsv("x,label\n1,0\n2,3\n", 3, "d.csv")).toThrowError(/d\.csv, line 3, column 2: label must be a class index 0\.\.2, got "3"/);
    expect(() => parseClassCsv("1,0\n2,x,1\n", 3, "d.csv")).toThrowError(/d\.csv, line 2: expected 2 columns, got 3/);
  });
});

describe("lnnet import --classes", () => {
  it("certifies (exit 0), a wrong label is not verified (exit 1) naming the sample, a bad label is exit 2", () => {
    const ok = runCli(["import", `${FIX}/trained-sectors3-op13.onnx`, "--classes", `${FIX}/trained-sectors3.csv`]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/c certified\s+60 of 60 samples in their class/);
    expect(ok.stdout).toMatch(/\ns VERIFIED\n$/);
    const csv = readFileSync(`${FIX}/trained-sectors3.csv`, "utf8").split("\n");
    const label = Number(csv[1]!.split(",")[2]);
    csv[1] = csv[1]!.replace(/,\d$/, `,${(label + 1) % 3}`);
    const dir = tempFiles({ "wrong.csv": csv.join("\n"), "bad.csv": "x1,x2,label\n0,0,5\n" });
    const wrong = runCli(["import", `${FIX}/trained-sectors3-op13.onnx`, "--classes", join(dir, "wrong.csv")]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/c sample 0 \(line 2, class \d\): wrong against class \d/);
    expect(wrong.stdout).toMatch(/s NOT VERIFIED wrong/);
    const bad = runCli(["import", `${FIX}/trained-sectors3-op13.onnx`, "--classes", join(dir, "bad.csv")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv, line 2, column 3: label must be a class index 0\.\.2/);
  });
});
