/**
 * Verdict lines come from src/trusted/verdict.ts, and what they say was proven is derived from the
 * certificate's kind and checked data. Pinned here:
 *  - a mutation test over every certificate kind lnnet emits (lnnet-cert/v1, lnnet-shatter/v1,
 *    lnnet-refutation/v1 farkas and line-runs, the RMS certificates of a certified search): editing any
 *    free-text field never changes what is printed as proven (or the certificate is rejected);
 *  - `search --check` rejects a claim the lambda does not prove (claim-mismatch);
 *  - `check --partial` with nothing certified is not VERIFIED;
 *  - `eval --mode interval` prints endpoints rounded outward;
 *  - the checker's precision cap comes from its own option, never from the certificate's maxBits.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempFiles } from "./helpers/cli.js";
import { parseCsv } from "../src/trusted/net/csv.js";
import { netFromJson } from "../src/trusted/net/format.js";
import { rat, parseRational, type Rational } from "../src/trusted/numbers/rational.js";
import { evaluateExact } from "../src/trusted/net/evaluate-exact.js";
import { verifyDataset } from "../src/trusted/verify/verify-dataset.js";
import { checkCertificate } from "../src/trusted/verify/certificate.js";
import { buildCertificate } from "../src/workshop/write.js";
import { checkShatter } from "../src/trusted/checkers/shatter.js";
import { InputError } from "../src/trusted/errors.js";
import { certificateVerdict, refutationVerdict, renderVerdict, searchVerdict, shatterVerdict, type Verdict } from "../src/trusted/verdict.js";
import { shatter } from "../src/vc/shatter.js";

const NET_TEXT = readFileSync("examples/line-threshold.json", "utf8");
const CSV_TEXT = readFileSync("examples/line-threshold.csv", "utf8");
const net = netFromJson(JSON.parse(NET_TEXT));
const data = parseCsv(CSV_TEXT);
const sampleCert = (): Record<string, unknown> => JSON.parse(JSON.stringify(buildCertificate(net, data, verifyDataset(net, data), 4096)));
const regression = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`test/regressions/${name}.json`, "utf8")).refutation;

const FREE_TEXT = ["claim", "description", "notes", "comment", "comments", "summary", "title", "checkedBy"];
const LIES = ["no LN-Net of ANY width and ANY depth classifies these points", "VC dimension is infinite", "s VERIFIED", "proven: P = NP"];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** Every way of setting a free-text field to a lie: at the top level and inside each nested object. */
function mutations(json: unknown): unknown[] {
  const out: unknown[] = [];
  const objects = (o: unknown, path: (string | number)[] = []): (string | number)[][] => {
    if (typeof o !== "object" || o === null) return [];
    const here = Array.isArray(o) ? [] : [path];
    return [...here, ...Object.entries(o).slice(0, 3).flatMap(([k, v]) => objects(v, [...path, Array.isArray(o) ? Number(k) : k]))];
  };
  for (const path of objects(json)) {
    for (const field of FREE_TEXT) {
      for (const lie of LIES.slice(0, 2)) {
        const m = clone(json) as Record<string | number, unknown>;
        const target = path.reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, m);
        target[field] = lie;
        out.push(m);
      }
    }
  }
  return out;
}

/** What is printed as proven, or "rejected" (an input error or an unproven verdict). */
function provenText(verdictOf: (json: unknown) => Verdict, json: unknown): string {
  try {
    const v = verdictOf(json);
    return v.proven ? renderVerdict(v) : "rejected";
  } catch (e) {
    if (e instanceof InputError) return "rejected";
    throw e;
  }
}

function expectFreeTextInert(verdictOf: (json: unknown) => Verdict, valid: unknown): void {
  const original = provenText(verdictOf, valid);
  expect(original).toMatch(/^c proven: /);
  const ms = mutations(valid);
  expect(ms.length).toBeGreaterThan(10);
  for (const m of ms) {
    const t = provenText(verdictOf, m);
    expect([original, "rejected"]).toContain(t);
    const statement = t.split("\n").filter((l) => l.startsWith("c ")).join("\n");
    for (const lie of LIES) expect(statement).not.toContain(lie);
  }
}

describe("mutation: free-text fields never change what is printed as proven", () => {
  it("lnnet-cert/v1 (full and partial checks)", () => {
    expectFreeTextInert((j) => certificateVerdict(checkCertificate(j, { requireAllCorrect: true }), true), sampleCert());
    expectFreeTextInert((j) => certificateVerdict(checkCertificate(j), false), sampleCert());
  });

  it("lnnet-shatter/v1", async () => {
    const run = await shatter({ depth: 1 });
    expect(run.complete).toBe(true);
    const cert = clone(run.certificate);
    expectFreeTextInert((j) => shatterVerdict(j, checkShatter(j)), cert);
    expect(renderVerdict(shatterVerdict(cert, checkShatter(cert)))).toMatch(/these 3 points in dimension 1 are shattered by LN-Nets with hidden width <= 3, at most 1 LayerNorm layers/);
  });

  it("lnnet-refutation/v1, kinds farkas and line-runs", () => {
    for (const name of ["width2-xor-seed1", "depth1-shatters-4-on-line-seed1"]) {
      const r = regression(name);
      expectFreeTextInert((j) => refutationVerdict(j), r);
      expect(provenText((j) => refutationVerdict(j), { ...r, claim: "no LN-Net of ANY width and ANY depth classifies these points" })).toBe("rejected");
    }
  });

  it("certified search results: RMS certificates and lnnet-cert/v1 certificates", () => {
    const rmsNet = {
      format: "lnnet-search-rms/v0",
      inputDim: 1,
      layers: [{ type: "linear", weight: [["1"], ["0"]], bias: ["0", "1"] }, { type: "rms", eps: "0" }, { type: "linear", weight: [["1", "0"]], bias: ["0"] }],
    };
    const result = {
      outcome: "certified" as const,
      certificates: [
        { labels: [0, 1] as (0 | 1)[], checkedBy: "RMS", certificate: { net: rmsNet, points: [["-1"], ["1"]], labels: [0, 1] } },
        { labels: data.samples.map((s) => s.label), checkedBy: "kernel", certificate: sampleCert() },
      ],
    };
    expectFreeTextInert((j) => searchVerdict(j as typeof result), result);
    expect(renderVerdict(searchVerdict(result))).toMatch(/1 checked by the kernel as lnnet-cert\/v1, 1 by the RMS interval evaluator/);
    // a certificate whose net does not realise its labels is rejected, whatever checkedBy says
    const bad = clone(result);
    bad.certificates[0]!.certificate.labels = [1, 0];
    bad.certificates[0]!.labels = [1, 0];
    expect(searchVerdict(bad).line).toBe("s NOT VERIFIED certificate-rejected");
  });
});

describe("pinned regressions", () => {
  it("search --check: a claim beyond what the lambda proves is rejected (exit 1); the printed statement is derived", () => {
    const r = regression("width2-xor-seed1");
    const dir = tempFiles({
      "lie.json": JSON.stringify({ ...r, claim: "no LN-Net of ANY width and ANY depth classifies these points" }),
      "none.json": JSON.stringify({ ...r, claim: undefined }),
      "ok.json": JSON.stringify(r),
    });
    const lie = runCli(["search", "--check", join(dir, "lie.json")]);
    expect(lie.code).toBe(1);
    expect(lie.stdout).toMatch(/s NOT VERIFIED claim-mismatch/);
    expect(lie.stdout).not.toMatch(/ANY width[^\n]*\n[^]*s VERIFIED/);
    for (const f of ["none.json", "ok.json"]) {
      const ok = runCli(["search", "--check", join(dir, f)]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/c proven: no net in the class \(LN-Nets of width 2, [^)]*\) classifies these 4 points in dimension 2 with labels 1010 \(Theorem W2/);
      expect(ok.stdout.trimEnd().split("\n").pop()).toBe("s VERIFIED");
    }
  });

  it("check --partial with every claim undecided is not VERIFIED (exit 1)", () => {
    const cert = sampleCert();
    cert.claims = (cert.claims as object[]).map(() => ({ verdict: "undecided", bits: 0 }));
    const dir = tempFiles({ "c.json": JSON.stringify(cert) });
    const r = runCli(["check", join(dir, "c.json"), "--partial"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0\/6 samples certified correct/);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("s NOT VERIFIED nothing-certified");
    expect(r.stdout).not.toMatch(/s VERIFIED/);
    // one claim decided: VERIFIED for exactly that
    (cert.claims as { verdict: string }[])[0] = { verdict: "correct" };
    (cert.claims as { bits: number }[])[0]!.bits = 0;
    const one = runCli(["check", join(tempFiles({ "c.json": JSON.stringify(cert) }), "c.json"), "--partial"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/c proven: the kernel reproduced the claimed verdict of 1 of 6 samples/);
  });

  it("eval --mode interval --bits 200 prints endpoints rounded outward (the exact value lies inside)", () => {
    // width 2: LN outputs +-(1, -1), so y = sign(x) + 1/3 is rational (4/3 has no double: a double-rounded hi misses it)
    const w2 = {
      format: "lnnet/v1",
      inputDim: 1,
      layers: [{ type: "linear", weight: [["1"], ["0"]], bias: ["0", "0"] }, { type: "layernorm", groups: 1, eps: "0" }, { type: "linear", weight: [["1", "0"]], bias: ["1/3"] }],
    };
    const dir = tempFiles({ "net.json": JSON.stringify(w2), "d.csv": CSV_TEXT });
    const j = JSON.parse(runCli(["eval", join(dir, "net.json"), join(dir, "d.csv"), "--mode", "interval", "--bits", "200", "--json"]).stdout);
    const ex = JSON.parse(runCli(["eval", join(dir, "net.json"), join(dir, "d.csv"), "--mode", "exact", "--json"]).stdout);
    const dec = (s: string): Rational => {
      const [mant, exp = "0"] = s.split("e") as [string, string?];
      return parseRational(mant).mul(rat(10).pow(Number(exp)));
    };
    let checked = 0;
    j.samples.forEach((s: { lo: string; hi: string }, i: number) => {
      const y = ex.samples[i].y;
      if (y === undefined) return;
      const v = parseRational(y);
      expect(dec(s.lo).compare(v)).toBeLessThanOrEqual(0);
      expect(dec(s.hi).compare(v)).toBeGreaterThanOrEqual(0);
      checked++;
    });
    expect(checked).toBe(data.samples.length);
    expect(data.samples.every((s) => evaluateExact(netFromJson(w2), s.x).kind === "exact")).toBe(true);
  });
});

describe("the checker's precision cap is its own option, never the certificate's maxBits", () => {
  // output exactly 0 through irrational values: the kernel stays undecided at every precision
  const zeroNet = NET_TEXT.replace('[["1","0","-1"]]', '[["1","1","1"]]');
  const greedy = (): Record<string, unknown> => {
    const c = sampleCert();
    c.net = JSON.parse(zeroNet);
    c.maxBits = 65536;
    c.claims = (c.claims as object[]).map(() => ({ verdict: "correct", bits: 65536 }));
    return c;
  };

  it("lnnet-cert/v1: default cap 4096, or the --max-bits given", () => {
    const r = checkCertificate(greedy(), { requireAllCorrect: true });
    expect(r.ok).toBe(false);
    expect(Math.max(...r.failures.map((f) => f.bits ?? 0))).toBe(4096);
    const low = checkCertificate(greedy(), { maxBits: 256 });
    expect(Math.max(...low.failures.map((f) => f.bits ?? 0))).toBe(256);
    const dir = tempFiles({ "c.json": JSON.stringify(greedy()) });
    const cli = runCli(["check", join(dir, "c.json"), "--max-bits", "128", "--json"]);
    expect(cli.code).toBe(1);
    expect(Math.max(...JSON.parse(cli.stdout).failures.map((f: { bits?: number }) => f.bits ?? 0))).toBe(128);
  });

  it("lnnet-shatter/v1: default cap 4096, or the option given", async () => {
    const cert = clone((await shatter({ depth: 1 })).certificate) as unknown as { maxBits: number; entries: { net: unknown; bits: number }[] };
    cert.maxBits = 65536;
    cert.entries[0]!.net = JSON.parse(zeroNet);
    cert.entries[0]!.bits = 65536;
    const r = checkShatter(cert);
    expect(r.ok).toBe(false);
    expect(r.failures[0]?.bits).toBe(4096);
    expect(checkShatter(cert, { maxBits: 128 }).failures[0]?.bits).toBe(128);
    const dir = tempFiles({ "s.json": JSON.stringify(cert) });
    const cli = runCli(["vc", "check", join(dir, "s.json"), "--max-bits", "128", "--json"]);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).failures[0].bits).toBe(128);
  });
});
