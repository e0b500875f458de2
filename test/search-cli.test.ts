import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempFiles } from "./helpers/cli.js";
import { splitCommand } from "./search-helpers.js";

describe("lnnet search (subprocess)", () => {
  it("--conjecture width2-xor --json: refuted, exit 1, and the replay command reproduces the instance", () => {
    const r = runCli(["search", "--conjecture", "width2-xor", "--json"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ conjecture: "width2-xor", outcome: "refuted" });
    expect(out.refutation.kind).toBe("farkas");
    const argv = splitCommand(out.replay);
    expect(argv.slice(0, 2)).toEqual(["lnnet", "search"]);
    const again = runCli([...argv.slice(1), "--json"]);
    expect(again.code).toBe(1);
    const o2 = JSON.parse(again.stdout);
    expect(o2.instance).toEqual(out.instance);
    expect(o2.replay).toBe(out.replay);
  });

  it("text mode prints the shrunk instance, the proof, the replay line and one verdict line", () => {
    const r = runCli(["search", "--conjecture", "depth1-shatters-4-on-line", "--seed", "2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/proof {7}line-runs certificate; checked exactly: ok/);
    expect(r.stdout).toMatch(/replay {6}lnnet search --conjecture depth1-shatters-4-on-line --seed 2 --replay/);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("s REFUTED");
  });

  it("certified outcome exits 0 and --out saves kernel-checkable certificates", () => {
    const dir = tempFiles({});
    const out = join(dir, "result.json");
    const r = runCli(["search", "--conjecture", "depth-1-shatters-3", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().endsWith("s CERTIFIED")).toBe(true);
    const saved = JSON.parse(readFileSync(out, "utf8"));
    writeFileSync(join(dir, "cert.json"), JSON.stringify(saved.certificates[0].certificate));
    expect(runCli(["check", join(dir, "cert.json")]).code).toBe(0);
  });

  it("--check accepts a saved refutation and rejects a tampered one", () => {
    const dir = tempFiles({});
    const out = join(dir, "r.json");
    runCli(["search", "--conjecture", "width2-xor", "--out", out]);
    expect(runCli(["search", "--check", out]).code).toBe(0);
    const saved = JSON.parse(readFileSync(out, "utf8"));
    saved.refutation.lambda[0] = "1/3";
    writeFileSync(out, JSON.stringify(saved));
    const bad = runCli(["search", "--check", out]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/s NOT VERIFIED/);
  });

  it("a spec file runs; a bad spec exits 2 naming the field", () => {
    const spec = { name: "line3", inputDim: 1, class: { width: 3, depth: 1, norm: "ln" }, data: { generator: "fixed", fixed: [["0"], ["1"], ["2"], ["3"]] }, property: { kind: "all-labelings" }, budget: 1 };
    const dir = tempFiles({ "ok.json": JSON.stringify(spec), "bad.json": JSON.stringify({ ...spec, class: { ...spec.class, norm: "batchnorm" } }) });
    const ok = runCli(["search", join(dir, "ok.json"), "--json"]);
    expect(JSON.parse(ok.stdout).outcome).toBe("refuted");
    const bad = runCli(["search", join(dir, "bad.json")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-spec/);
    expect(bad.stderr).toMatch(/field class\.norm/);
    expect(runCli(["search", "--conjecture", "nope"]).code).toBe(2);
    expect(runCli(["search", "--conjecture", "width2-xor", "--replay", "1,2;3:10"]).code).toBe(2);
    expect(runCli(["search"]).code).toBe(2);
  });

  it("--list names the built-in conjectures", () => {
    const r = runCli(["search", "--list"]);
    expect(r.code).toBe(0);
    for (const n of ["width2-xor", "depth1-shatters-4-on-line", "construction-within-bound", "rms-width2-any-labeling", "rms-width3-any-labeling"]) expect(r.stdout).toContain(n);
  });
});
