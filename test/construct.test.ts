/** Claim C1: every constructed net is certified by the kernel, within the depth bound. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { appendFileSync } from "node:fs";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { type Label } from "../src/trusted/net/dataset.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { serializeNet } from "../src/workshop/write.js";
import { depthOf, widthOf } from "../src/trusted/net/model.js";
import { bestArcPlan, constructAndVerify, constructNet, worstCaseBound } from "../src/constructions/index.js";
import { makeRng } from "../src/workshop/rng.js";

function certify(points: Rational[][], labels: Label[], eps = "0", seed = 1) {
  const data = makeDataset(points, labels);
  const { construction: c, report } = constructAndVerify(data, { eps, seed, maxBits: 4096 });
  return { c, report, data };
}

describe("deletion plan", () => {
  it("needs at most floor(n/2) - 1 deletions for every circular word up to length 12", () => {
    for (let n = 2; n <= 12; n++) {
      for (let mask = 1; mask < (1 << n) - 1; mask++) {
        const word = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) as Label);
        expect(bestArcPlan(word).deletions.length).toBeLessThanOrEqual(Math.floor(n / 2) - 1);
      }
    }
  });
});

describe("constructNet on a line: every labeling", () => {
  for (let m = 1; m <= 10; m++) {
    it(`m = ${m}: all ${2 ** m} labelings certified within max(1, floor(m/2)) layers`, () => {
      const points = Array.from({ length: m }, (_, i) => [rat(i * i + 3 * i, 7)]);
      for (let mask = 0; mask < 2 ** m; mask++) {
        const labels = points.map((_, i) => ((mask >> i) & 1) as Label);
        const { c, report } = certify(points, labels);
        expect(report.summary.allCorrect, `m=${m} mask=${mask}`).toBe(true);
        expect(c.depth).toBeLessThanOrEqual(worstCaseBound(m));
        expect(depthOf(c.net)).toBe(c.depth);
        expect(widthOf(c.net)).toBe(3);
      }
    }, 120_000);
  }
});

describe("eps = 1e-5 (PyTorch default)", () => {
  for (let m = 2; m <= 7; m++) {
    it(`m = ${m}: every labeling certified under the eps the net declares`, () => {
      const points = Array.from({ length: m }, (_, i) => [rat(2 * i - m, 3)]);
      for (let mask = 0; mask < 2 ** m; mask++) {
        const labels = points.map((_, i) => ((mask >> i) & 1) as Label);
        const { c, report } = certify(points, labels, "1e-5");
        expect(report.summary.allCorrect, `m=${m} mask=${mask}`).toBe(true);
        expect(c.depth).toBeLessThanOrEqual(worstCaseBound(m));
        for (const l of c.net.layers) if (l.type === "layernorm") expect(l.eps.toFraction()).toBe("1/100000");
      }
    }, 60_000);
  }
});

describe("data-adaptive depth and determinism", () => {
  it("two separated clusters in R^3 need depth 1", () => {
    const pts: Rational[][] = [];
    const labels: Label[] = [];
    for (let i = 0; i < 20; i++) {
      const side = i % 2;
      pts.push([rat(side * 100 + i), rat(side * 50 - i), rat(i % 3)]);
      labels.push(side as Label);
    }
    const { c, report } = certify(pts, labels);
    expect(report.summary.allCorrect).toBe(true);
    expect(c.depth).toBe(1);
  });

  it("one class gives a certified depth-1 net; same-label duplicates are fine", () => {
    const { c, report } = certify([[rat(1)], [rat(1)], [rat(2)]], [1, 1, 1]);
    expect(c.depth).toBe(1);
    expect(report.summary.allCorrect).toBe(true);
    const dup = certify([[rat(1)], [rat(1)], [rat(2)], [rat(3)]], [1, 1, 0, 1]);
    expect(dup.report.summary.allCorrect).toBe(true);
  });

  it("the same seed gives the same net byte for byte", () => {
    const pts = Array.from({ length: 15 }, (_, i) => [rat((i * 37) % 11), rat(i)]);
    const labels = pts.map((_, i) => ((i * 7) % 3 === 0 ? 1 : 0) as Label);
    const data = makeDataset(pts, labels);
    expect(serializeNet(constructNet(data, { seed: 5 }).net)).toBe(serializeNet(constructNet(data, { seed: 5 }).net));
  });
});

describe("property: random datasets are certified within the bound", () => {
  // The spec: m up to 40, d in 1..5, rational coordinates whose magnitudes are mixed
  // within one dataset (each coordinate an integer times one of 1e-30 .. 1e30, or 0), and
  // near-duplicates at relative distance 1e-6 and 1e-12 carrying their own labels.
  const scale = fc.constantFrom(rat(1n, 10n ** 30n), rat(1n, 10n ** 12n), rat(1, 1000), rat(1, 7), rat(1), rat(10n ** 12n), rat(10n ** 30n));
  // Nested scales (three magnitudes crowding one place) defeat the float planner, not the
  // default scale-free builder (test/construct-scale-free.test.ts). LNNET_ONE_SCALE=1 restricts
  // the property to one magnitude per dataset.
  const MIXED = process.env.LNNET_ONE_SCALE !== "1";
  const coordOf = (fixed: Rational) => fc.tuple(fc.integer({ min: -1000, max: 1000 }), MIXED ? scale : fc.constant(fixed)).map(([n, s]) => rat(n).mul(s));
  const dataset = fc
    .record({ d: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 40 }), seed: fc.integer({ min: 0, max: 1000 }), fixed: scale })
    .chain(({ d, m, seed, fixed }) =>
      fc.record({
        points: fc.array(fc.array(coordOf(fixed), { minLength: d, maxLength: d }), { minLength: m, maxLength: m }),
        labels: fc.array(fc.constantFrom<Label>(0, 1), { minLength: m, maxLength: m }),
        fixed: fc.constant(fixed),
        nearDups: fc.array(fc.tuple(fc.nat(), fc.constantFrom(10n ** 6n, 10n ** 12n), fc.constantFrom<Label>(0, 1)), { maxLength: MIXED ? 3 : 1 }),
        seed: fc.constant(seed),
      }),
    );
  // LNNET_PROPERTY_RUNS=N scales the runs up for a long campaign (e.g. 5000; ~0.1 s per run).
  const runScale = Number(process.env.LNNET_PROPERTY_RUNS ?? 100) / 100;
  const variants = [
    { eps: "0", runs: Math.round(100 * runScale) },
    { eps: "1e-5", runs: Math.round(40 * runScale) },
  ];
  for (const { eps, runs } of variants) {
    it(`construct -> kernel certifies every sample; depth <= max(1, floor(m/2)) (eps = ${eps})`, () => {
      fc.assert(
        fc.property(dataset, ({ points: given, labels: givenLabels, nearDups, seed, fixed }) => {
          // copies: fast-check replays and shrinks the generated values, so they must not be mutated
          const points = given.map((p) => [...p]);
          const labels = [...givenLabels];
          // a copy of a point moved by 1e-6 or 1e-12 of its size in every coordinate
          for (const [i, rel, label] of nearDups) {
            const p = points[i % points.length]!;
            // relative to the point's size (its largest coordinate; the dataset's scale for the origin)
            const size = p.reduce((mx, v) => (v.abs().compare(mx) > 0 ? v.abs() : mx), rat(0));
            points.push(p.map((v) => v.add((size.n === 0n ? (MIXED ? rat(1) : fixed) : size).div(rat(rel)))));
            labels.push(label);
          }
          const { pts, lbs } = dropConflicts(points, labels);
          const t = performance.now();
          if (process.env.PROBE) appendFileSync(process.env.PROBE, "CASE " + JSON.stringify({ pts: pts.map((p) => p.map((v) => v.toFraction())), lbs, seed }) + "\n");
          const { c, report } = certify(pts, lbs, eps, seed);
          if (process.env.PROBE) appendFileSync(process.env.PROBE, `DONE ${((performance.now() - t) / 1000).toFixed(2)} ${c.depth} ${report.summary.maxBits} ${c.stats.seconds.toFixed(2)} ${report.summary.allCorrect} ${JSON.stringify(report.decisions.map((d) => d.verdict))}\n`);
          expect(report.summary.allCorrect).toBe(true);
          expect(c.depth).toBeLessThanOrEqual(worstCaseBound(pts.length));
        }),
        { seed: 20240607, numRuns: runs },
      );
    }, 120_000 * Math.max(1, runScale));
  }
});

/** Conflicting exact duplicates are input errors (tested in the CLI tests): drop them here. */
function dropConflicts(points: Rational[][], labels: Label[]): { pts: Rational[][]; lbs: Label[] } {
  const seen = new Map<string, Label>();
  const keep = points.map((p, i) => {
    const key = p.map((v) => v.toFraction()).join(",");
    const prev = seen.get(key);
    if (prev !== undefined && prev !== labels[i]) return false;
    seen.set(key, labels[i]!);
    return true;
  });
  return { pts: points.filter((_, i) => keep[i]), lbs: labels.filter((_, i) => keep[i]) };
}

describe("deep nets (fixed-point producer)", () => {
  // m = 100 random labels in R^10 stopped with "no valid fold found" for seeds 1 and 5 while the
  // producer simulated in float64 with 50-bit parameters (fold distance s ~ 2^-44 < 2^-50 / gap).
  for (const seed of [1, 5]) {
    it(`m = 100 random labels in R^10 (seed ${seed}) build and certify`, () => {
      const rng = makeRng(100);
      const pts = Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => rat(Math.floor(rng.next() * 2_000_001) - 1_000_000, 1000)));
      const labels = pts.map(() => (rng.next() < 0.5 ? 1 : 0) as Label);
      const { c, report } = certify(pts, labels, "0", seed);
      expect(report.summary.allCorrect).toBe(true);
      expect(c.depth).toBeLessThanOrEqual(worstCaseBound(100));
      expect(Math.max(...c.stats.precisions)).toBeGreaterThan(53);
    }, 30_000);
  }
});

describe("multi-scale data (pinned regressions)", () => {
  // Found by the issue-spec property (fast-check seed 20240607): the default view put 0 and 1e-12
  // 1e-42 rad apart when 1e30 is in the same dataset; the first layer now zooms (zoom.ts).
  it("0, 1e-12 and 1e30 on a line (labels 0, 1, 0) are certified", () => {
    const { report, c } = certify([[rat(0)], [rat(10n ** 30n)], [rat(1n, 10n ** 12n)]], [0, 0, 1]);
    expect(report.summary.allCorrect).toBe(true);
    expect(c.depth).toBe(1);
  });
  // Found by the spec property (shrunk): the label-1 arc is ~1e-6 rad wide; the float chord was
  // right but its 50-bit rounding was not. The producer now checks the rounded output layer.
  it("0 (x8), 1e30, 1e-30, 1e-12 with label 0 and 1e-6 with label 1 are certified", () => {
    const pts = [...Array.from({ length: 8 }, () => [rat(0)]), [rat(10n ** 30n)], [rat(1n, 10n ** 30n)], [rat(1, 1000000)], [rat(1n, 10n ** 12n)]];
    const labels: Label[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    const { report, c } = certify(pts, labels, "0", 0);
    expect(report.summary.allCorrect).toBe(true);
    expect(c.depth).toBe(1);
  });
  for (const rel of [10n ** 6n, 10n ** 12n]) {
    it(`near-duplicates at relative distance 1/${rel} with the other label`, () => {
      const rng = makeRng(2);
      const pts = Array.from({ length: 30 }, () => [rat(Math.floor(rng.next() * 2001) - 1000)]);
      const labels = pts.map(() => (rng.next() < 0.5 ? 1 : 0) as Label);
      const p0 = pts[0]![0]!;
      pts.push([p0.add(p0.abs().add(rat(1)).div(rat(rel)))]);
      labels.push((1 - labels[0]!) as Label);
      const { report, c } = certify(pts, labels);
      expect(report.summary.allCorrect).toBe(true);
      expect(c.depth).toBeLessThanOrEqual(worstCaseBound(31));
    });
  }
});
