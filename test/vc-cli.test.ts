/** `lnnet vc` as a subprocess: verdicts, exit codes, shards + merge, workers, resume, bad input. */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempFiles } from "./helpers/cli.js";
import { shatter } from "../src/vc/shatter.js";
import { compiledWorker } from "../src/workshop/pool.js";

const body = (path: string): unknown => {
  const { summary: _s, ...rest } = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  return rest;
};

describe("lnnet vc", () => {
  const dir = tempFiles({});

  it("shatter writes a certificate that check accepts (exit 0), and prints the table", () => {
    const out = join(dir, "c3.json");
    const r = runCli(["vc", "shatter", "--depth", "3", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/c 3\s+7\s+7\s+128/);
    expect(r.stdout).toMatch(/linear in depth \(paper, Sec\. 4\); formula not reproduced here/);
    expect(r.stdout).toMatch(/s VERIFIED/);
    expect(existsSync(`${out}.journal`)).toBe(false);
    const c = runCli(["vc", "check", out]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/128\/128 labelings/);
  });

  it("check refuses a tampered certificate (exit 1) with the failure code", () => {
    const cert = JSON.parse(readFileSync(join(dir, "c3.json"), "utf8")) as { entries: unknown[] };
    cert.entries.pop();
    writeFileSync(join(dir, "bad.json"), JSON.stringify(cert));
    const r = runCli(["vc", "check", join(dir, "bad.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/s NOT VERIFIED missing-labeling/);
    expect(runCli(["vc", "check", join(dir, "bad.json"), "--partial"]).code).toBe(0);
    const par = runCli(["vc", "check", join(dir, "bad.json"), "--workers", "2"]);
    expect(par.code).toBe(1);
    expect(par.stdout).toMatch(/s NOT VERIFIED missing-labeling/);
    expect(runCli(["vc", "check", join(dir, "c3.json"), "--workers", "2"]).stdout).toMatch(/128\/128 labelings[^]*s VERIFIED/);
  });

  it("shards (one with 2 workers) merged equal the unsharded run", () => {
    const parts = [0, 1].map((i) => join(dir, `s${i}.json`));
    expect(runCli(["vc", "shatter", "--depth", "3", "--shard", "0/2", "-o", parts[0]!]).code).toBe(0);
    expect(runCli(["vc", "shatter", "--depth", "3", "--shard", "1/2", "--workers", "2", "-o", parts[1]!]).code).toBe(0);
    const merged = join(dir, "merged.json");
    expect(runCli(["vc", "merge", ...parts, "-o", merged]).code).toBe(0);
    expect(body(merged)).toEqual(body(join(dir, "c3.json")));
    expect(runCli(["vc", "check", merged]).code).toBe(0);
  });

  it("resumes from an interrupted journal, re-verifying what it holds", async () => {
    const out = join(dir, "r.json");
    await shatter({ depth: 3, journal: `${out}.journal` });
    const lines = readFileSync(`${out}.journal`, "utf8").split("\n");
    writeFileSync(`${out}.journal`, lines.slice(0, 20).join("\n") + "\n" + lines[20]!.slice(0, 50)); // killed mid-write
    const r = runCli(["vc", "shatter", "--depth", "3", "-o", out, "--resume"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/19 nets taken from the journal and re-verified/);
    expect(body(out)).toEqual(body(join(dir, "c3.json")));
  });

  it("uses worker threads when the compiled worker exists", async () => {
    expect(compiledWorker("vc/worker.js")).toBeDefined();
    const run = await shatter({ depth: 3, workers: 2 });
    expect(run.workersUsed).toBe(2);
    expect(run.certificate).toEqual((await shatter({ depth: 3 })).certificate);
  });

  it("search reports per labeling and exits 1 when some labeling is not found", () => {
    const r = runCli(["vc", "search", "--depth", "1", "--points", "4", "--seed", "5", "--restarts", "3", "--steps", "100"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/c 1010 not found \(seed \d+, 3 restart\(s\)\)/);
    expect(r.stdout).toMatch(/c seed 5/);
  });

  it("bad input exits 2 with a message naming the problem", () => {
    const cases: [string[], RegExp][] = [
      [["vc", "shatter"], /--depth is required/],
      [["vc", "shatter", "--depth", "0"], /--depth must be an integer/],
      [["vc", "shatter", "--depth", "2", "--shard", "3/2"], /--shard must be i\/N/],
      [["vc", "shatter", "--depth", "2", "--eps", "-1"], /--eps/],
      [["vc", "shatter", "--depth", "2", "--resume"], /--resume needs -o/],
      [["vc", "check", join(dir, "nope.json")], /no such file/],
      [["vc", "frobnicate"], /unknown vc subcommand/],
      [["vc", "merge", join(dir, "s0.json"), "-o", join(dir, "m.json")], /missing shard/],
    ];
    writeFileSync(join(dir, "pts.csv"), "0\n1\nx\n");
    cases.push([["vc", "shatter", "--depth", "2", "--points", join(dir, "pts.csv")], /line 3, column 1/]);
    writeFileSync(join(dir, "junk.json"), '{"format":"lnnet-shatter/v1","points":{"inputDim":1,"x":[["0"]]}}');
    cases.push([["vc", "check", join(dir, "junk.json")], /bad-certificate.*width/]);
    for (const [args, re] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(re);
    }
  });
});
