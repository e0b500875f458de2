/** Certified shattering of 2L+1 points at depth L, and the checker (C2). */
import { describe, expect, it } from "vitest";
import { rat } from "../src/trusted/numbers/rational.js";
import { checkShatter, type ShatterFailure } from "../src/trusted/checkers/shatter.js";
import type { ShatterCertificateJson } from "../src/vc/format.js";
import { labelsOf, representatives, symmetryGroup, mirrorPermutation, orbit } from "../src/vc/labelings.js";
import { mergeShatter } from "../src/vc/merge.js";
import { planRelocations } from "../src/vc/plan.js";
import { shatter } from "../src/vc/shatter.js";
import { canonicalPoints } from "../src/vc/task.js";
import type { Label } from "../src/trusted/net/dataset.js";

const clone = (c: ShatterCertificateJson): ShatterCertificateJson => JSON.parse(JSON.stringify(c)) as ShatterCertificateJson;
const codes = (fs: readonly ShatterFailure[]): string[] => [...new Set(fs.map((f) => f.code))];

describe("labelings and symmetries", () => {
  it("orbit representatives cover every labeling exactly once per orbit", () => {
    for (const L of [1, 2, 3]) {
      const pts = canonicalPoints(L);
      const m = pts.length;
      const g = symmetryGroup(["complement", "mirror"], m, mirrorPermutation(pts));
      const covered = new Set(representatives(m, g).flatMap((r) => orbit(r, g)));
      expect(covered.size).toBe(2 ** m);
    }
  });

  it("the relocation plan needs at most floor(m/2) - 1 moves (exhaustive, m <= 11)", () => {
    for (let m = 1; m <= 11; m++) {
      let worst = 0;
      for (let mask = 0; mask < 2 ** m; mask++) worst = Math.max(worst, planRelocations(labelsOf(mask, m) as Label[]).moves.length);
      expect(worst).toBe(Math.max(0, Math.floor(m / 2) - 1));
    }
  });
});

const certs = new Map<number, ShatterCertificateJson>();
async function certFor(L: number): Promise<ShatterCertificateJson> {
  let c = certs.get(L);
  if (!c) {
    const run = await shatter({ depth: L });
    expect(run.complete).toBe(true);
    c = run.certificate;
    certs.set(L, c);
  }
  return c;
}

describe("shattering 2L+1 points at depth L", () => {
  for (const L of [1, 2, 3, 4]) {
    it(`L = ${L}: every labeling of ${2 * L + 1} points certified, and the checker accepts`, async () => {
      const c = await certFor(L);
      const r = checkShatter(c);
      expect(r.failures).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.covered).toBe(2 ** (2 * L + 1));
      expect(c.entries.every((e) => e.net.layers.filter((l) => l.type === "layernorm").length <= L)).toBe(true);
    });
  }

  it("works with eps = 1e-5 (PyTorch's default) and for points off the canonical set", async () => {
    const run = await shatter({ depth: 2, eps: rat(1, 100000), points: [[rat(0)], [rat(1, 3)], [rat(2)], [rat(7, 2)], [rat(10)]] });
    expect(run.complete).toBe(true);
    expect(run.certificate.symmetries).toEqual(["complement"]);
    expect(checkShatter(run.certificate).ok).toBe(true);
  });

  it("shatters 5 points in the plane at depth 2 (projection onto a line)", async () => {
    const pts = [[0, 0], [1, 2], [2, -1], [-1, 1], [3, 3]].map((p) => p.map((v) => rat(v)));
    const run = await shatter({ depth: 2, points: pts });
    expect(run.complete).toBe(true);
    expect(checkShatter(run.certificate).ok).toBe(true);
  });
});

describe("the checker rejects", () => {
  it("a missing labeling", async () => {
    const c = clone(await certFor(2));
    c.entries.splice(3, 1);
    const r = checkShatter(c);
    expect(r.ok).toBe(false);
    expect(codes(r.failures)).toEqual(["missing-labeling"]);
  });

  it("a net deeper than declared", async () => {
    const c = clone(await certFor(2));
    const e = c.entries.find((x) => x.net.layers.length === 5) as ShatterCertificateJson["entries"][number];
    const id = { type: "linear" as const, weight: [["1", "0", "0"], ["0", "1", "0"], ["0", "0", "1"]], bias: ["0", "0", "0"] };
    e.net.layers.splice(4, 0, id, { type: "layernorm", groups: 1, eps: "0" });
    expect(codes(checkShatter(c).failures)).toContain("bad-depth");
  });

  it("a net wider than declared", async () => {
    const c = clone(await certFor(2));
    const e = c.entries.find((x) => x.net.layers.length === 3) as ShatterCertificateJson["entries"][number];
    const [first, , last] = e.net.layers as [{ weight: string[][]; bias: string[] }, unknown, { weight: string[][]; bias: string[] }];
    first.weight.push(["0"]);
    first.bias.push("1");
    last.weight[0]!.push("0");
    expect(codes(checkShatter(c).failures)).toContain("bad-width");
  });

  it("a wrong net (and its symmetric images are re-verified, not trusted)", async () => {
    const c = clone(await certFor(2));
    const e = c.entries[5]!;
    const flip = e.labeling[0] === "1" ? "0" : "1";
    e.labeling = flip + e.labeling.slice(1);
    const r = checkShatter(c);
    expect(codes(r.failures)).toEqual(expect.arrayContaining(["not-certified"]));
    expect(r.failures.filter((f) => f.code === "not-certified").length).toBeGreaterThanOrEqual(2);
  });

  it("an undeclared symmetry (orbits are not expanded) and an unknown or invalid one", async () => {
    const c = clone(await certFor(2));
    c.symmetries = ["complement"];
    expect(codes(checkShatter(c).failures)).toEqual(["missing-labeling"]);
    c.symmetries = ["complement", "mirror", "rotation"];
    expect(codes(checkShatter(c).failures)).toEqual(["unknown-symmetry"]);
    c.symmetries = ["complement", "mirror"];
    c.points.x = c.points.x.map(([v]) => [String(Number(v) + 1)]);
    expect(codes(checkShatter(c).failures)).toContain("mirror-not-closed");
  });

  it("a LayerNorm with another eps or groups", async () => {
    const c = clone(await certFor(1));
    c.eps = "1/100000";
    expect(codes(checkShatter(c).failures)).toContain("bad-layernorm");
  });

  it("malformed certificates with an InputError naming the field", () => {
    expect(() => checkShatter({ format: "lnnet-shatter/v1" })).toThrow(/points/);
    expect(() => checkShatter({ format: "nope" })).toThrow(/format/);
  });
});

describe("sharding", () => {
  it("shards merged equal the unsharded run", async () => {
    const whole = await shatter({ depth: 3 });
    const parts = await Promise.all([0, 1, 2].map((index) => shatter({ depth: 3, shard: { index, count: 3 } })));
    expect(parts.every((p) => p.certificate.shard?.count === 3)).toBe(true);
    const merged = mergeShatter(parts.map((p) => p.certificate));
    const { summary: _s, ...rest } = merged;
    expect(rest).toEqual(whole.certificate);
    expect(checkShatter(merged).ok).toBe(true);
    expect(() => mergeShatter([parts[0]!.certificate, parts[1]!.certificate])).toThrow(/missing shard/);
    expect(() => mergeShatter([parts[0]!.certificate, parts[0]!.certificate, parts[2]!.certificate])).toThrow(/twice/);
  });
});
