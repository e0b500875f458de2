/** `lnnet verify` and `lnnet check` as a subprocess: verdicts, exit codes, error messages. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempFiles } from "./helpers/cli.js";

const NET = readFileSync("examples/line-threshold.json", "utf8");
const CSV = readFileSync("examples/line-threshold.csv", "utf8");

describe("lnnet verify", () => {
  it("certifies a correct net (exit 0) and prints the summary", () => {
    const r = runCli(["verify", "examples/line-threshold.json", "examples/line-threshold.csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/samples\s+6/);
    expect(r.stdout).toMatch(/certified\s+6/);
    expect(r.stdout).toMatch(/s VERIFIED/);
  });

  it("refuses a wrong net (exit 1) and names the failing samples", () => {
    const dir = tempFiles({ "net.json": NET.replace('[["1","0","-1"]]', '[["-1","0","1"]]'), "d.csv": CSV });
    const r = runCli(["verify", join(dir, "net.json"), join(dir, "d.csv")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/wrong\s+6/);
    expect(r.stdout).toMatch(/sample 0 \(line 2, label 0\): wrong/);
    expect(r.stdout).toMatch(/s NOT VERIFIED/);
  });

  it("reports undecided (exit 1) when the output is exactly 0 through irrational values", () => {
    const dir = tempFiles({ "net.json": NET.replace('[["1","0","-1"]]', '[["1","1","1"]]'), "d.csv": CSV });
    const r = runCli(["verify", join(dir, "net.json"), join(dir, "d.csv"), "--max-bits", "256", "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.summary.undecided).toBe(6);
    expect(j.samples[0].verdict).toBe("undecided");
  });

  it("--json gives per-sample verdicts", () => {
    const r = runCli(["verify", "examples/line-threshold.json", "examples/line-threshold.csv", "--json"]);
    const j = JSON.parse(r.stdout);
    expect(j.samples).toHaveLength(6);
    expect(j.samples.every((s: { verdict: string }) => s.verdict === "correct")).toBe(true);
    expect(j.samples[3].line).toBe(5);
  });

  it("writes a certificate that check accepts, and check rejects a tampered one", () => {
    const dir = tempFiles({});
    const cert = join(dir, "cert.json");
    expect(runCli(["verify", "examples/line-threshold.json", "examples/line-threshold.csv", "--cert", cert]).code).toBe(0);
    const ok = runCli(["check", cert]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/s VERIFIED/);
    const c = JSON.parse(readFileSync(cert, "utf8"));
    c.data.samples[0].label = 1;
    const bad = tempFiles({ "t.json": JSON.stringify(c) });
    const r = runCli(["check", join(bad, "t.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/s NOT VERIFIED claim-not-proven/);
  });
});

describe("bad input gets a clear error and exit code 2", () => {
  const net = (layers: string) => `{"format":"lnnet/v1","inputDim":1,"layers":[${layers}]}`;
  const L1 = '{"type":"linear","weight":[["1"],["0"],["-1"]],"bias":["0","1","0"]}';
  const LN = '{"type":"layernorm","groups":1,"eps":"0"}';
  const OUT = '{"type":"linear","weight":[["1","0","-1"]],"bias":["0"]}';
  const cases: { name: string; net?: string; csv?: string; message: RegExp }[] = [
    { name: "NaN in the CSV", csv: "x,label\n1,1\nNaN,0\n", message: /d\.csv, line 3, column 1: "NaN" is not an exact number/ },
    { name: "Infinity in the CSV", csv: "1,1\nInfinity,0\n", message: /line 2, column 1/ },
    { name: "an empty cell", csv: "1,1\n,0\n", message: /line 2, column 1: empty string/ },
    { name: "1/0 in the CSV", csv: "1/0,1\n", message: /line 1, column 1: "1\/0": zero denominator/ },
    { name: "a label other than 0/1", csv: "1,2\n", message: /line 1, column 2: label must be 0 or 1/ },
    { name: "mixed dimensions", csv: "1,1\n1,2,0\n", message: /line 2: row has 2 coordinates but line 1 has 1/ },
    { name: "an empty data file", csv: "", message: /d\.csv: no samples/ },
    { name: "data of the wrong dimension", csv: "1,2,1\n", message: /the net \S*n\.json takes inputs of dimension 1 but the data \S*d\.csv has dimension 2/ },
    { name: "bad JSON", net: "{", message: /n\.json: not valid JSON/ },
    { name: "a wrong format tag", net: '{"format":"x","inputDim":1,"layers":[]}', message: /field format/ },
    { name: "NaN in a weight", net: net(`${L1.replace('"-1"', '"NaN"')},${LN},${OUT}`), message: /layer 0, field layers\[0\]\.weight\[2\]\[0\]: "NaN"/ },
    { name: "1/0 in a bias", net: net(`${L1},${LN},${OUT.replace('["0"]', '["1/0"]')}`), message: /layer 2, field layers\[2\]\.bias\[0\]: "1\/0": zero denominator/ },
    { name: "a row of the wrong width", net: net(`${L1},${LN},{"type":"linear","weight":[["1","0"]],"bias":["0"]}`), message: /layer 2, field layers\[2\]\.weight\[0\]: row 0 must have 3 entries/ },
    { name: "two linear layers in a row", net: net(`${L1},${OUT}`), message: /layers\[1\]\.type: expected a layernorm layer/ },
    { name: "groups not dividing the width", net: net(`${L1},{"type":"layernorm","groups":2,"eps":"0"},${OUT}`), message: /groups = 2 does not divide the width 3/ },
    { name: "a negative eps", net: net(`${L1},{"type":"layernorm","groups":1,"eps":"-1/2"},${OUT}`), message: /eps must be >= 0/ },
    { name: "a last layer with two rows", net: net(`${L1},${LN},{"type":"linear","weight":[["1","0","-1"],["1","0","0"]],"bias":["0","0"]}`), message: /exactly one output row/ },
  ];
  it.each(cases)("$name", (c) => {
    const dir = tempFiles({ "n.json": c.net ?? NET, "d.csv": c.csv ?? CSV });
    const r = runCli(["verify", join(dir, "n.json"), join(dir, "d.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(c.message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("a missing file", () => {
    const r = runCli(["verify", "nope.json", "examples/line-threshold.csv"]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/nope\.json: no such file/)]);
  });
  it("bad flags and arguments", () => {
    expect(runCli(["verify", "examples/line-threshold.json"]).code).toBe(2);
    expect(runCli(["verify", "examples/line-threshold.json", "examples/line-threshold.csv", "--max-bits", "zero"]).stderr).toMatch(/--max-bits must be an integer/);
    expect(runCli(["verify", "--frobnicate"]).code).toBe(2);
    expect(runCli(["frobnicate"]).code).toBe(2);
  });
});

describe("help", () => {
  it.each(["verify", "check", "eval", "reproduce", "construct", "ssr", "search", "vc"])("lnnet %s --help prints usage and exits 0", (cmd) => {
    const r = runCli([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage:/);
  });
});
