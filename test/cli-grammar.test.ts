/**
 * The output grammar (README, "Output grammar") pinned over commands x outcomes: detail lines `c ...`,
 * then exactly one verdict line `s ...` last; one exit code per verdict word everywhere; `--json`
 * valid JSON on stdout, errors included; `-o -` writes to stdout; option errors blame the option.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { runCli, tempFiles, type CliRun } from "./helpers/cli.js";

const NET = "examples/line-threshold.json";
const CSV = "examples/line-threshold.csv";
const net = readFileSync(NET, "utf8");
const dir = tempFiles({
  "wrong.json": net.replace('[["1","0","-1"]]', '[["-1","0","1"]]'),
  "huge.json": net.replace('"-1"]]', '"1e400"]]'),
  "two.csv": "x1,x2,label\n0,0,0\n1,1,1\n",
});
const cert = join(dir, "cert.json");
runCli(["verify", NET, CSV, "--cert", cert, "--quiet"]);
const tampered = join(dir, "tampered.json");
const c = JSON.parse(readFileSync(cert, "utf8"));
c.data.samples[0].label = 1;
writeFileSync(tampered, JSON.stringify(c));

/** Every stdout line but the last is `c ...`; the last is the one `s ...` line; it returns the verdict. */
function verdictOf(r: CliRun, where = r.stdout): string {
  const lines = where.trimEnd().split("\n");
  const last = lines[lines.length - 1] ?? "";
  expect(last, where).toMatch(/^s [A-Z]/);
  for (const l of lines.slice(0, -1)) expect(l, where).toMatch(/^c( |$)/);
  return last;
}

// [command line, expected verdict line (regex), expected exit code]
const CASES: [string[], RegExp, number][] = [
  [["verify", NET, CSV], /^s VERIFIED$/, 0],
  [["verify", join(dir, "wrong.json"), CSV], /^s NOT VERIFIED wrong$/, 1],
  [["check", cert], /^s VERIFIED$/, 0],
  [["check", tampered], /^s NOT VERIFIED claim-not-proven$/, 1],
  [["eval", NET, CSV], /^s COMPUTED 6 exact or sign-deciding enclosures$/, 0],
  [["eval", NET, CSV, "--mode", "exact"], /^s NOT COMPUTED irrational$/, 1],
  [["eval", join(dir, "huge.json"), CSV], /^s COMPUTED /, 0],
  [["eval", join(dir, "huge.json"), CSV, "--mode", "float"], /^s NOT COMPUTED float-overflow$/, 1],
  [["ssr", "examples/xor.csv"], /^s COMPUTED /, 0],
  [["ssr", CSV, "--net", NET], /^s COMPUTED /, 0],
  [["construct", "examples/xor.csv", "-o", join(dir, "x.json")], /^s VERIFIED$/, 0],
  [["search", "--conjecture", "width2-xor"], /^s REFUTED$/, 1],
  [["search", "--conjecture", "depth-1-shatters-3"], /^s CERTIFIED$/, 0],
  [["search", "--conjecture", "construction-within-bound"], /^s NOT FOUND$/, 0],
  [["search", "--list"], /^s COMPUTED /, 0],
  [["vc", "search", "--depth", "1", "--points", "4", "--seed", "5", "--restarts", "3", "--steps", "100"], /^s NOT VERIFIED not-found$/, 1],
  [["vc", "shatter", "--depth", "1"], /^s VERIFIED$/, 0],
  [["reproduce", "--quick", "--only", "C3"], /^s ALL 1 CLAIMS HOLD$/, 0],
  [["import", "test/fixtures/onnx/ln-affine-op17.onnx", "-o", join(dir, "imported.json")], /^s COMPUTED /, 0],
  [["import", "test/fixtures/onnx/trained-sectors3-op13.onnx", "--classes", "test/fixtures/onnx/trained-sectors3.csv"], /^s VERIFIED$/, 0],
  [["export", NET, "--onnx", join(dir, "line.onnx")], /^s COMPUTED /, 0],
  // bad input: exit 2 and `s ERROR <code>`, for every command
  [["verify", NET, join(dir, "two.csv")], /^s ERROR dimension-mismatch$/, 2],
  [["eval", NET, join(dir, "two.csv")], /^s ERROR dimension-mismatch$/, 2],
  [["ssr", join(dir, "two.csv"), "--net", NET], /^s ERROR dimension-mismatch$/, 2],
  [["check", join(dir, "nope.json")], /^s ERROR file-not-found$/, 2],
  [["construct", CSV, "-o", join(dir, "n.json"), "--eps=-1e-5"], /^s ERROR bad-argument$/, 2],
  [["search", "--conjecture", "no-such-thing"], /^s ERROR /, 2],
  [["vc", "shatter", "--depth", "99"], /^s ERROR bad-argument$/, 2],
  [["reproduce", "--only", "C9"], /^s ERROR bad-argument$/, 2],
  [["import", "test/fixtures/onnx/relu-op13.onnx", "-o", join(dir, "relu.json")], /^s ERROR bad-format$/, 2],
  [["nonsense"], /^s ERROR bad-argument$/, 2],
];

describe("one output grammar", () => {
  const seen = new Map<string, number>();
  it.each(CASES)("lnnet %j", (args, verdict, exit) => {
    const r = runCli([...args, "--quiet"].filter((a) => !(args[0] === "nonsense" && a === "--quiet")));
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // never a stack trace
    expect(r.code).toBe(exit);
    const line = verdictOf(r);
    expect(line).toMatch(verdict);
    // the same verdict word exits the same way in every command
    const word = line.replace(/^s ((NOT )?[A-Z]+( [A-Z]+)?).*$/, "$1").replace(/ (ALL|\d+).*$/, "");
    const before = seen.get(word);
    if (before !== undefined) expect(r.code, `${word} exited ${before} elsewhere`).toBe(before);
    seen.set(word, r.code);
  });

  it("--json: valid JSON on stdout with the verdict, and on bad input {error, exit: 2}", () => {
    const ok = runCli(["eval", NET, CSV, "--json"]);
    expect(JSON.parse(ok.stdout).verdict).toBe("s COMPUTED 6 exact or sign-deciding enclosures");
    for (const args of [["verify", NET, join(dir, "two.csv")], ["construct", CSV, "-o", join(dir, "n.json"), "--eps=-1e-5"], ["check", join(dir, "nope.json")], ["reproduce", "--bogus"]]) {
      const r = runCli([...args, "--json"]);
      expect(r.code).toBe(2);
      const j = JSON.parse(r.stdout);
      expect(j.exit).toBe(2);
      expect(typeof j.error.code).toBe("string");
      expect(typeof j.error.message).toBe("string");
    }
    const dim = JSON.parse(runCli(["verify", NET, join(dir, "two.csv"), "--json"]).stdout);
    expect(dim.error).toMatchObject({ code: "dimension-mismatch", file: join(dir, "two.csv") });
    expect(dim.error.message).toContain(NET); // both files named
    const eps = JSON.parse(runCli(["construct", CSV, "-o", join(dir, "n.json"), "--eps=-1e-5", "--json"]).stdout);
    expect(eps.error).toMatchObject({ code: "bad-argument", field: "--eps" });
    expect(eps.error.file).toBeUndefined(); // the option is blamed, not the data file
  });

  it("-o - writes the net to stdout (no file named -), the report to stderr", () => {
    const cwd = tempFiles({});
    const r = spawnSync(process.execPath, [join(process.cwd(), "bin/lnnet.js"), "construct", join(process.cwd(), "examples/xor.csv"), "-o", "-", "--quiet"], { cwd, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe("lnnet/v1");
    expect(existsSync(join(cwd, "-"))).toBe(false);
    expect(r.stderr).toMatch(/^s VERIFIED$/m);
    expect(runCli(["construct", "examples/xor.csv", "-o", "-", "--json"]).code).toBe(2); // two things for stdout
  });

  it("eval on a net with a weight beyond float64 (1e400): no crash in any mode, exact values where rational", () => {
    for (const mode of ["interval", "exact", "float"]) {
      const r = runCli(["eval", join(dir, "huge.json"), CSV, "--mode", mode, "--json"]);
      expect(r.code).not.toBe(3);
      expect(JSON.parse(r.stdout).samples).toHaveLength(6);
    }
    // interval mode: every enclosure decides the sign, and it agrees with verify's verdict per sample
    const e = JSON.parse(runCli(["eval", join(dir, "huge.json"), CSV, "--json"]).stdout);
    const v = JSON.parse(runCli(["verify", join(dir, "huge.json"), CSV, "--json", "--quiet"]).stdout);
    e.samples.forEach((s: { sign: string; label: number }, i: number) => {
      const sameAsLabel = v.samples[i].verdict === "correct";
      expect(s.sign).toBe((s.label === 1) === sameAsLabel ? "+" : "-");
    });
  });
});

describe("help that teaches", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8"));
  it("--version prints the package version", () => {
    const r = runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`lnnet ${pkg.version}`);
  });

  it.each([["verify"], ["eval"], ["check"], ["construct"], ["ssr"], ["search"], ["reproduce"], ["vc", "shatter"], ["vc", "check"], ["vc", "search"]])("lnnet help %s = lnnet %s --help: every option, defaults, an example", (...cmd) => {
    const a = runCli(["help", ...cmd]);
    const b = runCli([...cmd, "--help"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^usage: lnnet /);
    expect(a.stdout).toMatch(/\nexamples?:\n {2}lnnet /);
    expect(a.stdout).toMatch(/\(default: /);
  });
});
