/**
 * `lnnet import` and `lnnet export` as a subprocess. End to end: a net trained and exported by PyTorch
 * (scripts/make-onnx-fixtures.py, committed with its training data) is imported and certified by the
 * kernel on every training sample; a constructed net exported to ONNX runs in onnxruntime with the
 * certified labels; a graph that is not an LN-Net is exit 2 naming the node.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { runCli, tempFiles } from "./helpers/cli.js";
import { parseCsv } from "../src/trusted/net/csv.js";

const FIX = "test/fixtures/onnx";

describe("lnnet import", () => {
  it("a torch-trained LN-Net is imported and certified on all its training samples", () => {
    const dir = tempFiles({});
    const net = join(dir, "net.json");
    const imp = runCli(["import", `${FIX}/trained-ring-op13.onnx`, "-o", net]);
    expect(imp.stderr).toBe("");
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/c net\s+input dimension 2, hidden width 8, 2 LayerNorm layers/);
    const ver = runCli(["verify", net, `${FIX}/trained-ring.csv`, "--json"]);
    const j = JSON.parse(ver.stdout);
    const samples = parseCsv(readFileSync(`${FIX}/trained-ring.csv`, "utf8")).samples.length;
    expect(j.summary.samples).toBe(samples);
    expect(j.summary.correct).toBe(samples);
    expect(j.verdict).toBe("s VERIFIED");
    expect(ver.code).toBe(0);
  });

  it("a ReLU net: exit 2, naming the node, its op type and why", () => {
    const r = runCli(["import", `${FIX}/relu-op13.onnx`, "-o", join(tempFiles({}), "n.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/relu-op13\.onnx, field graph\.node\[1\]: Relu "\/1\/Relu": not an LN-Net layer/);
    expect(r.stderr).not.toMatch(/ {4}at /);
  });

  it("a file that is not ONNX, and a missing file: exit 2 naming the file", () => {
    const bad = runCli(["import", `${FIX}/trained-ring.csv`, "-o", join(tempFiles({}), "n.json")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/trained-ring\.csv: not an ONNX model/);
    const missing = runCli(["import", `${FIX}/nope.onnx`, "-o", join(tempFiles({}), "n.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.onnx: no such file/);
  });
});

describe("lnnet export", () => {
  it("a constructed net runs in onnxruntime with its certified labels", async () => {
    const dir = tempFiles({});
    const net = join(dir, "xor.json");
    const onnx = join(dir, "xor.onnx");
    const c = runCli(["construct", "examples/xor.csv", "-o", net]);
    expect(c.code).toBe(0);
    const e = runCli(["export", net, "--onnx", onnx]);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/opset 13, float64/);
    const data = parseCsv(readFileSync("examples/xor.csv", "utf8"));
    const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1 });
    const x = Float64Array.from(data.samples.flatMap((s) => s.x.map((v) => v.valueOf())));
    const y = (await session.run({ x: new ort.Tensor("float64", x, [data.samples.length, data.dim]) })).y!.data as Float64Array;
    data.samples.forEach((s, i) => expect(y[i]! > 0 ? 1 : 0).toBe(s.label));
  });

  it("a parameter beyond the float range: exit 2 naming the layer and field", () => {
    const big = `{"format":"lnnet/v1","inputDim":1,"layers":[{"type":"linear","weight":[["1"],["0"],["-1"]],"bias":["0","1","0"]},{"type":"layernorm"},{"type":"linear","weight":[["1e400","0","-1"]],"bias":["0"]}]}`;
    const dir = tempFiles({ "big.json": big });
    const r = runCli(["export", join(dir, "big.json"), "--onnx", join(dir, "big.onnx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.json, field layers\[2\]\.weight\[0\]\[0\]: .*beyond the float64 range/);
  });
});
