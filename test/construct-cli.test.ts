/** `lnnet construct` as a subprocess: success, and bad input naming file and line (exit 2). */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempFiles } from "./helpers/cli.js";
import { parseNet } from "../src/workshop/read.js";
import { parseCsv } from "../src/trusted/net/csv.js";
import { float64Safety } from "../src/trusted/fast/float64-rounding.js";

describe("lnnet construct", () => {
  it("builds, certifies and writes net and certificate (exit 0); check accepts the certificate", () => {
    const dir = tempFiles({ "d.csv": "x1,x2,label\n0,0,0\n1,0,1\n2,1,0\n3,1,1\n4,2,0\n" });
    const r = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--cert", join(dir, "c.json"), "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.allCorrect).toBe(true);
    expect(j.depth).toBeLessThanOrEqual(j.worstCaseBound);
    expect(JSON.parse(readFileSync(join(dir, "n.json"), "utf8")).format).toBe("lnnet/v1");
    expect(runCli(["verify", join(dir, "n.json"), join(dir, "d.csv")]).code).toBe(0);
    expect(runCli(["check", join(dir, "c.json")]).code).toBe(0);
  });

  it("--robust: the end-fold builder's net is certified, within 2m - 4 layers, right in float64; with --view angular it is a usage error", () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${(i * 37) % 101},${(i * 53) % 97},${(i * 29) % 89},${(i * 13 + (i >> 2)) % 2}`);
    const dir = tempFiles({ "d.csv": "x1,x2,x3,label\n" + [...new Set(rows)].join("\n") + "\n" });
    const r = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--robust", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.builder).toBe("end-folds");
    expect(j.allCorrect).toBe(true);
    expect(j.worstCaseBound).toBe(2 * j.samples - 4);
    expect(j.depth).toBeLessThanOrEqual(j.worstCaseBound);
    expect(j.float64Mislabels).toBe(0);
    const text = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--robust"]).stdout;
    expect(text).toMatch(/c net {9}width 3, \d+ LayerNorm layers \(\d+ letters moved, \d+ zoom layers; --robust\); its bound max\(2, 2m - 4\) = 116/);
    const bad = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--robust", "--view", "angular"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--robust uses line views only/);
  });

  it("the least sufficient precision is searched only with --least-bits, and lies at or below the rung used", () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${(i * 5) % 3 === 0 ? 1 : 0}`);
    const dir = tempFiles({ "d.csv": "x1,x2,label\n" + [...new Set(rows)].join("\n") + "\n" });
    const plain = JSON.parse(runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--json"]).stdout);
    expect(plain.leastBits).toBeNull();
    const least = JSON.parse(runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--json", "--least-bits"]).stdout);
    expect(least.allCorrect).toBe(true);
    expect(least.leastBits).toBeGreaterThan(0);
    expect(least.leastBits).toBeLessThanOrEqual(least.ladderBits);
    // and the kernel certifies every sample at exactly that precision
    expect(runCli(["verify", join(dir, "n.json"), join(dir, "d.csv"), "--max-bits", String(least.leastBits)]).code).toBe(0);
  });

  it("--float64-proof counts the samples proven right in float64, as the library does on the written net; without it nothing is claimed", () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${(i * 5) % 3 === 0 ? 1 : 0}`);
    const dir = tempFiles({ "d.csv": "x1,x2,label\n" + [...new Set(rows)].join("\n") + "\n" });
    const plain = JSON.parse(runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--json"]).stdout);
    expect(plain.float64ProvenSafe).toBeNull();
    const proof = JSON.parse(runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--json", "--float64-proof"]).stdout);
    const net = parseNet(readFileSync(join(dir, "n.json"), "utf8"), "n.json");
    const data = parseCsv(readFileSync(join(dir, "d.csv"), "utf8"), "d.csv");
    const safe = float64Safety(net, data)!;
    expect(proof.float64ProvenSafe).toBe(safe.filter(Boolean).length);
    expect(proof.float64ProvenSafe).toBeGreaterThan(0);
    const text = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--float64-proof"]).stdout;
    expect(text).toContain(`c float64     proven right for ${proof.float64ProvenSafe}/${proof.samples} samples`);
  });

  it("--workers N runs the kernel on N worker threads; --workers 0 is a usage error", () => {
    const rows = Array.from({ length: 450 }, (_, i) => `${i},${(i * 7) % 11},${i < 200 ? 1 : 0}`);
    const dir = tempFiles({ "d.csv": "x1,x2,label\n" + [...new Set(rows)].join("\n") + "\n" });
    const r = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--workers", "2", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).workers).toBe(2);
    expect(JSON.parse(r.stdout).allCorrect).toBe(true);
    const bad = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--workers", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers/);
  }, 60_000);

  it("--view angular builds from the 2-D angular view and reports it; default output names the view", () => {
    // label 1 in the wedge 0 < angle < pi/2 around the origin, label 0 elsewhere
    const rows = ["2,1,1", "1,2,1", "3,2,1", "-1,2,0", "-2,-1,0", "1,-2,0", "-2,1,0", "2,-1,0", "-1,-3,0", "2,3,1"];
    const dir = tempFiles({ "w.csv": "x1,x2,label\n" + rows.join("\n") + "\n" });
    const r = runCli(["construct", join(dir, "w.csv"), "-o", join(dir, "n.json"), "--view", "angular", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.view).toBe("angular");
    expect(j.plane.projection).toHaveLength(2);
    expect(j.plane.point).toHaveLength(2);
    expect(j.allCorrect).toBe(true);
    expect(runCli(["verify", join(dir, "n.json"), join(dir, "w.csv")]).code).toBe(0);
    const text = runCli(["construct", join(dir, "w.csv"), "-o", join(dir, "n2.json")]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^c view {8}(line|angular).*deletions needed: line \d+, angular \d+$/m);
  });

  it("--view: unknown values and the angular view on 1-D data are usage errors (exit 2)", () => {
    const dir = tempFiles({ "d.csv": "x1,x2,label\n0,0,0\n1,0,1\n", "l.csv": "x,label\n0,0\n1,1\n" });
    const bad = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "n.json"), "--view", "polar"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--view must be one of auto, line, angular/);
    const oneD = runCli(["construct", join(dir, "l.csv"), "-o", join(dir, "n.json"), "--view", "angular"]);
    expect(oneD.code).toBe(2);
    expect(oneD.stderr).toMatch(/d >= 2/);
  });

  it("nested scales: the scale-free builder certifies and is reported; --builder is not an option", () => {
    const dir = tempFiles({ "n.csv": "x,label\n0,0\n1e-30,1\n1e-12,0\n1e-6,1\n1e30,0\n", "d.csv": "x,label\n0,0\n1,1\n2,0\n3,1\n" });
    const r = runCli(["construct", join(dir, "n.csv"), "-o", join(dir, "n.json"), "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.builder).toBe("scale-free");
    expect(j.allCorrect).toBe(true);
    expect(j.depth).toBe(2);
    expect(runCli(["verify", join(dir, "n.json"), join(dir, "n.csv")]).code).toBe(0);
    const text = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "d.json")]);
    expect(text.code).toBe(0);
    // the text names no builder or source file (JSON keeps `builder`)
    expect(text.stdout).toMatch(/^c net {9}width 3, \d+ LayerNorm layers?; the theorem's bound/m);
    expect(text.stdout).not.toMatch(/scale-free|\.ts\b/);
    // the float planner is retired: --builder is no longer an option
    const badBuilder = runCli(["construct", join(dir, "d.csv"), "-o", join(dir, "d.json"), "--builder", "planner"]);
    expect(badBuilder.code).toBe(2);
  });

  const bad: [string, string, RegExp][] = [
    ["empty file", "", /no samples/],
    ["conflicting duplicates", "x,label\n1,0\n2,1\n1,1\n", /line 2.*line 4|line 4.*line 2/],
    ["mixed dimensions", "x1,x2,label\n1,2,0\n3,1\n", /line 3/],
    ["labels other than 0/1", "x,label\n1,0\n2,2\n", /line 3.*label must be 0 or 1/],
  ];
  for (const [name, text, msg] of bad) {
    it(`${name}: exit 2 and the message names the file and line`, () => {
      const dir = tempFiles({ "bad.csv": text });
      const r = runCli(["construct", join(dir, "bad.csv"), "-o", join(dir, "n.json")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("bad.csv");
      expect(r.stderr).toMatch(msg);
    });
  }
});

describe("lnnet construct on extreme magnitudes", () => {
  it("1e300, -1e300, 1e-300 and 0 in one dataset: certified, no crash", () => {
    const dir = tempFiles({ "h.csv": "x,label\n1e300,1\n-1e300,0\n1e-300,1\n0,0\n" });
    const r = runCli(["construct", join(dir, "h.csv"), "-o", join(dir, "n.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/s VERIFIED/);
  });
  it("magnitudes beyond the producer's reach end with exit 1 and a clear message, never a stack trace", () => {
    const dir = tempFiles({ "e.csv": "x,label\n1e5000,1\n-1e5000,0\n1e-5000,1\n0,0\n3,1\n" });
    const r = runCli(["construct", join(dir, "e.csv"), "-o", join(dir, "n.json")]);
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    if (r.code === 1) expect(r.stdout).toMatch(/s NOT VERIFIED construction-failed/);
  });
});
