/**
 * Accelerators never contradict the reference path. On a corpus of constructed nets (C1), shattering
 * nets (C2) and adversarial random nets, every sample is decided three ways: the reference path alone,
 * each accelerator alone, and all of them. A proven sign may differ from the reference only where the
 * reference is undecided; where both prove a sign, the signs agree.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseRational, rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Label } from "../src/trusted/net/dataset.js";
import type { Net } from "../src/trusted/net/model.js";
import { netFromJson } from "../src/trusted/net/format.js";
import { REFERENCE_ONLY, type Accelerator } from "../src/trusted/verify/accelerator.js";
import { decideSample, PreparedNets, type PrecisionSchedule, type Verdict } from "../src/trusted/verify/decide.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { constructNet } from "../src/constructions/construct.js";
import { randomLabels, alternatingLine, twoClusters } from "../src/claims/datasets.js";
import { shatter } from "../src/vc/shatter.js";
import { netArb, smallRationalArb } from "./helpers/arbitraries.js";
import { runCli, tempFiles } from "./helpers/cli.js";
import { join } from "node:path";
import { datasetToCsv, serializeNet } from "../src/workshop/write.js";

/** Each accelerator alone, then all of them in the ladder's order. */
const MODES: readonly (readonly [string, readonly Accelerator[]])[] = [...ACCELERATORS.map((a) => [a.name, [a]] as const), ["all", ACCELERATORS]];

const proven = (v: Verdict): boolean => v === "correct" || v === "wrong";

/** Decide every sample with the reference and with each accelerator set; return the comparison counts. */
function compare(net: Net, samples: readonly { x: readonly Rational[]; label: Label }[], schedule: PrecisionSchedule) {
  const reference = new PreparedNets(net, REFERENCE_ONLY);
  const fast = MODES.map(([name, accs]) => [name, new PreparedNets(net, accs)] as const);
  let decidedByFast = 0;
  let decidedByBoth = 0;
  for (const s of samples) {
    const r = decideSample(reference, s.x, s.label, schedule);
    for (const [name, nets] of fast) {
      const f = decideSample(nets, s.x, s.label, schedule);
      if (!proven(f.verdict) || !proven(r.verdict)) {
        // Exact verdicts (zero, undefined) come from the same exact evaluation in every mode.
        if (!proven(f.verdict) && !proven(r.verdict) && f.verdict !== "undecided" && r.verdict !== "undecided") expect(f.verdict, name).toBe(r.verdict);
        continue;
      }
      expect(f.verdict, `${name} vs reference`).toBe(r.verdict);
      decidedByBoth++;
      if (f.by) decidedByFast++;
    }
  }
  return { decidedByFast, decidedByBoth };
}

describe("accelerators never contradict the reference path", () => {
  it("constructed nets (C1): random labels in R^10, alternating labels on the line, two clusters, eps 0 and 1e-5", () => {
    const corpus = [randomLabels(60, 10, 7), alternatingLine(10), twoClusters(30, 5, 3)];
    let fastDecided = 0;
    for (const data of corpus) {
      for (const eps of [rat(0), rat(1, 100000)]) {
        const { net } = constructNet(data, { seed: 1, eps });
        const c = compare(net, data.samples, { startBits: 53, maxBits: 1024 });
        expect(c.decidedByBoth).toBeGreaterThan(0);
        fastDecided += c.decidedByFast;
      }
    }
    expect(fastDecided).toBeGreaterThan(0); // the accelerators really ran and decided
  });

  it("shattering nets (C2): every labeling of 5 points at depth 2", async () => {
    const run = await shatter({ depth: 2, workers: 1 });
    expect(run.complete).toBe(true);
    const points = run.certificate.points.x.map((p) => p.map((v) => parseRational(v)));
    let both = 0;
    for (const e of run.certificate.entries) {
      const net = netFromJson(e.net);
      const labels = [...e.labeling].map((c) => (c === "1" ? 1 : 0) as Label);
      both += compare(net, points.map((x, i) => ({ x, label: labels[i]! })), { startBits: 53, maxBits: 1024 }).decidedByBoth;
    }
    expect(both).toBeGreaterThan(0);
  });

  it("adversarial random nets: widths 2-6, groups, eps 0 / 1e-5 / 1/3, low precision caps", () => {
    fc.assert(
      fc.property(
        netArb({ maxDepth: 5 }).chain((net) => fc.tuple(fc.constant(net), fc.array(smallRationalArb, { minLength: net.inputDim, maxLength: net.inputDim }))),
        fc.constantFrom<Label>(0, 1),
        fc.constantFrom(53, 64, 128, 300),
        ([net, x], label, maxBits) => {
          compare(net, [{ x, label }], { startBits: 53, maxBits });
        },
      ),
      { seed: 2026, numRuns: 300 },
    );
  });
});

describe("--reference on the command line", () => {
  it("verify and check give the same verdicts with every accelerator off", () => {
    const data = randomLabels(40, 10, 11);
    const { net } = constructNet(data, { seed: 1 });
    const dir = tempFiles({ "d.csv": datasetToCsv(data), "net.json": serializeNet(net) });
    const run = (extra: string[]) => {
      const r = runCli(["verify", join(dir, "net.json"), join(dir, "d.csv"), "--json", "--workers", "1", "--cert", join(dir, `cert${extra.length}.json`), ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { samples: { verdict: string }[] }).samples.map((s) => s.verdict);
    };
    const fast = run([]);
    const reference = run(["--reference"]);
    expect(reference).toEqual(fast);
    expect(fast.every((v) => v === "correct")).toBe(true);
    for (const extra of [[], ["--reference"]]) expect(runCli(["check", join(dir, "cert0.json"), ...extra]).code).toBe(0);
  });
});

describe("a broken accelerator", () => {
  it("an empty interval (lo > hi) from an accelerator is an internal error, never a verdict", () => {
    const broken: Accelerator = {
      name: "first-order",
      prepare: () => () => ({ lo: { m: 9n, e: 0 }, hi: { m: -11n, e: 0 } }),
    };
    const data = randomLabels(8, 3, 5);
    const { net } = constructNet(data, { seed: 1 });
    const s = data.samples[0]!;
    expect(() => decideSample(new PreparedNets(net, [broken]), s.x, s.label, { startBits: 128, maxBits: 256 })).toThrow(/internal: accelerator/);
  });
});
