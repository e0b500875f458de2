/** `lnnet reproduce`: every claim holds on the quick defaults; a sabotaged claim flips verdict and exit code. */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { runCli, tempFiles } from "./helpers/cli.js";
import { wellFormed } from "./helpers/xml.js";

describe("lnnet reproduce", () => {
  it("--quick --json: every claim holds, JSON only on stdout, report with well-formed plots", () => {
    const dir = tempFiles({});
    const r = runCli(["reproduce", "--quick", "--json", "--report", dir], { timeoutMs: 300_000 });
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
