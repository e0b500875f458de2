/** `lnnet reproduce`: every claim holds on the quick defaults; a sabotaged claim flips verdict and exit code. */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { runCli, tempFiles, type CliRun } from "./helpers/cli.js";
import { delimiterRows, gfmTables } from "./helpers/gfm-tables.js";
import { wellFormed } from "./helpers/xml.js";

describe("lnnet reproduce", () => {
  /** One --quick run with a report directory, shared by the tests that read it. */
  let dir = "";
  let r: CliRun;
  beforeAll(() => {
    dir = tempFiles({});
    r = runCli(["reproduce", "--quick", "--json", "--report", dir], { timeoutMs: 300_000 });
  }, 300_000);

  it("--quick --json: every claim holds, JSON only on stdout, report with well-formed plots", () => {
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { claims: { id: string; holds: boolean; paper: string; measured: object; seconds: number }[] };
    expect(j.claims.map((c) => c.id)).toEqual(["C1", "C2", "C3", "C4", "C5"]);
    for (const c of j.claims) {
      expect(c.holds).toBe(true);
      expect(c.paper.length).toBeGreaterThan(10);
      expect(typeof c.seconds).toBe("number");
    }
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).toMatch(/\| C1 \|/);
    const svgs = readdirSync(join(dir, "plots"));
    expect(svgs).toEqual(expect.arrayContaining(["c1-depth-vs-m.svg", "c1-circle-trace.svg", "c2-vc-vs-depth.svg", "c3-lssr-before-after.svg", "c4-hessian-vs-g.svg", "c5-accuracy-vs-g.svg"]));
    for (const f of svgs) {
      const svg = readFileSync(join(dir, "plots", f), "utf8");
      expect(wellFormed(svg)).toBe(true);
      expect(svg).toMatch(/<(polyline|circle|path)/); // a plotted series, not an empty frame
      expect(md).toContain(`plots/${f}`);
    }
    // the certificate the report ships is accepted by the kernel-only checker
    const cert = join(dir, "artifacts", "c1-alternating-m8.cert.json");
    expect(runCli(["check", cert]).code).toBe(0);
    expect(runCli(["vc", "check", join(dir, "artifacts", "c2-shatter-L3.json")]).code).toBe(0);
  });

  it("report.md: a GFM parser sees every table, each row with as many cells as its header", () => {
    const md = readFileSync(join(dir, "report.md"), "utf8");
    const tables = gfmTables(md);
    expect(tables.length).toBe(delimiterRows(md)); // no table lost to a header split by a stray pipe
    expect(tables.length).toBeGreaterThanOrEqual(7); // summary, C1, C2, C3, C4 x 2 widths, C5
    for (const t of tables) {
      expect(t.rows.length, `table at line ${t.line}`).toBeGreaterThan(0);
      for (const row of t.rows) expect(row.cells, `report.md line ${row.line}`).toBe(t.headerCells);
    }
    expect(md).toContain("median \\|\\|H\\|\\|_F");
    expect(md).toMatch(/\| 2 \| 0\.000 \[0\.000, 0\.000\] \(size 2: LN is ±1, piecewise constant\) \|/);
  });

  it("report.json beside report.md: every claim's results, with the plots and artifacts written", () => {
    const j = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
      format: string;
      run: { quick: boolean; seed: number };
      holds: boolean;
      claims: { id: string; holds: boolean; measured: object; plots: string[]; artifacts: string[] }[];
    };
    expect(j.format).toBe("lnnet-report/v1");
    expect(j.run).toMatchObject({ quick: true, seed: 1 });
    expect(j.holds).toBe(true);
    const stdout = JSON.parse(r.stdout) as { claims: { id: string; measured: object }[] };
    expect(j.claims.map((c) => c.id)).toEqual(["C1", "C2", "C3", "C4", "C5"]);
    for (const [i, c] of j.claims.entries()) {
      expect(c.measured).toEqual(stdout.claims[i]?.measured);
      expect(c.plots.length).toBeGreaterThan(0);
      for (const f of [...c.plots, ...c.artifacts]) expect(existsSync(join(dir, f)), f).toBe(true);
    }
  });

  it("a claim whose check is sabotaged (wrong net injected) flips the verdict and the exit code", () => {
    const bin = new URL("../bin/lnnet.js", import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, "reproduce", "--quick", "--only", "C1", "--json"], { encoding: "utf8", env: { ...process.env, LNNET_TEST_SABOTAGE: "C1" } });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.claims[0].holds).toBe(false);
    expect(j.claims[0].measured.rows.every((row: { certified: number }) => row.certified === 0)).toBe(true);
  });

  it("a sabotaged VC certificate (one net's output negated) is rejected by the kernel-only checker", () => {
    const bin = new URL("../bin/lnnet.js", import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, "reproduce", "--quick", "--only", "C2", "--json"], { encoding: "utf8", env: { ...process.env, LNNET_TEST_SABOTAGE: "C2" } });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.claims[0].holds).toBe(false);
    expect(j.claims[0].measured.rows[0].checkerAccepts).toBe(false);
    expect(j.claims[0].measured.rows[1].checkerAccepts).toBe(true);
  });

  it("prints a table and the verdict line; rejects unknown claims with exit 2", () => {
    const r = runCli(["reproduce", "--quick", "--only", "C3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/claim\s+paper says\s+lnnet measured\s+verdict\s+time/);
    expect(r.stdout).toMatch(/s ALL 1 CLAIMS HOLD/);
    const bad = runCli(["reproduce", "--only", "C9"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown claim C9/);
  });
});
