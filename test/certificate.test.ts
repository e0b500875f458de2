/**
 * Certificates: a genuine one is accepted; every tampering is rejected with its code
 * (GUARANTEES.md, "How this is tested"), and an accept-everything checker would fail this suite.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseCsv } from "../src/trusted/net/csv.js";
import { parseNet } from "../src/workshop/read.js";
import { lowerBoundText } from "../src/workshop/decimal.js";
import { checkCertificate } from "../src/trusted/verify/certificate.js";
import { buildCertificate, type CertificateJson } from "../src/workshop/write.js";
import { verifyDataset } from "../src/trusted/verify/verify-dataset.js";
import { InputError } from "../src/trusted/errors.js";

const net = parseNet(readFileSync("examples/line-threshold.json", "utf8"));
const data = parseCsv(readFileSync("examples/line-threshold.csv", "utf8"));
const genuine = (): CertificateJson => JSON.parse(JSON.stringify(buildCertificate(net, data, verifyDataset(net, data), 4096)));

type Tamper = { name: string; apply: (c: CertificateJson) => void; expect: string };
const TAMPERS: Tamper[] = [
  { name: "a label flipped", apply: (c) => (c.data.samples[2]!.label = 1), expect: "claim-not-proven" },
  { name: "a coordinate moved across the threshold", apply: (c) => (c.data.samples[3]!.x[0] = "-1/1000"), expect: "claim-not-proven" },
  { name: "the output layer negated", apply: (c) => (c.net.layers[2] = { type: "linear", weight: [["-1", "0", "1"]], bias: ["0"] }), expect: "claim-not-proven" },
  { name: "a bias shifted", apply: (c) => ((c.net.layers[2] as { bias: string[] }).bias[0] = "10"), expect: "claim-not-proven" },
  { name: "a claim dropped", apply: (c) => c.claims.pop(), expect: "claim-count" },
  { name: "a claim turned to undecided (not all correct)", apply: (c) => (c.claims[0]!.verdict = "undecided"), expect: "not-all-correct" },
  { name: "a claim turned to wrong", apply: (c) => (c.claims[1]!.verdict = "wrong"), expect: "claim-not-proven" },
];

describe("certificates", () => {
  it("a genuine certificate is accepted", () => {
    const r = checkCertificate(genuine(), { requireAllCorrect: true });
    expect(r.ok).toBe(true);
    expect(r.provenCorrect).toBe(data.samples.length);
  });

  it.each(TAMPERS)("rejects a certificate with $name", (t) => {
    const c = genuine();
    t.apply(c);
    const r = checkCertificate(c, { requireAllCorrect: true });
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.code)).toContain(t.expect);
  });

  it("rejects malformed certificates as bad input naming the field", () => {
    const c = genuine() as unknown as Record<string, unknown>;
    c.format = "nope";
    expect(() => checkCertificate(c)).toThrow(/field format/);
    const d = genuine();
    (d.net.layers[0] as { weight: string[][] }).weight[1]![0] = "NaN";
    expect(() => checkCertificate(d)).toThrow(InputError);
    expect(() => checkCertificate(d)).toThrow(/net\.layers\[0\]\.weight\[1\]\[0\]/);
  });

  it("an accept-everything checker would fail this suite (the tamper corpus is not vacuous)", () => {
    const acceptAll = () => ({ ok: true });
    const caught = TAMPERS.filter((t) => {
      const c = genuine();
      t.apply(c);
      return acceptAll().ok !== checkCertificate(c, { requireAllCorrect: true }).ok;
    });
    expect(caught.length).toBe(TAMPERS.length);
  });
});

describe("summary", () => {
  it("min |y| >= bound is proven: no certified sample has an enclosure reaching below it", async () => {
    const { parseRational } = await import("../src/trusted/numbers/rational.js");
    const { dyadicToRational } = await import("../src/trusted/numbers/dyadic-convert.js");
    const { rat } = await import("../src/trusted/numbers/rational.js");
    const r = verifyDataset(net, data);
    const bound = parseRational(lowerBoundText(r.summary.minAbsY) as string);
    for (const d of r.decisions) {
      const e = d.enclosure!;
      const near = e.lo.m > 0n ? dyadicToRational(e.lo, rat) : dyadicToRational(e.hi, rat).neg();
      expect(bound.compare(near)).toBeLessThanOrEqual(0);
    }
  });
});
