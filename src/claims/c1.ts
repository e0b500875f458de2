/**
 * Claim C1: for every labeled dataset, an explicit width-3 LN-Net with exact rational parameters,
 * certified by the kernel, of depth <= max(1, floor(m/2)), and lower where the data allows.
 */
import { constructNet, minimalBits, worstCaseBound } from "../constructions/index.js";
import type { Dataset } from "../trusted/net/dataset.js";
import { depthOf, negateOutput, widthOf, type Net } from "../trusted/net/model.js";
import { rat, type Rational } from "../trusted/numbers/rational.js";
import { c1Details, c1Plots } from "../report/c1.js";
import { buildCertificate } from "../workshop/write.js";
import { verifyDataset } from "../trusted/verify/verify-dataset.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import type { Claim, ClaimEvidence, ClaimRunOptions } from "./claim.js";
import { alternatingLine, nestedScales, randomLabels, twoClusters } from "./datasets.js";

interface Case {
  readonly name: string;
  readonly kind: "alternating" | "random" | "clusters" | "nested";
  readonly data: Dataset;
  readonly eps: Rational;
}

export interface C1Row {
  readonly name: string;
  readonly kind: Case["kind"];
  readonly m: number;
  readonly d: number;
  readonly eps: string;
  readonly depth: number;
  readonly bound: number;
  readonly width: number;
  readonly certified: number;
  readonly bits: number;
  /** Least precision (to within 4 bits) at which the kernel certifies every sample (bisection). */
  readonly minimalBits: number;
  readonly seconds: number;
  readonly ok: boolean;
}

function cases(quick: boolean, seed: number): Case[] {
  const eps0 = rat(0);
  const alt = (quick ? [2, 4, 6, 8, 10] : [2, 4, 6, 8, 10, 12, 14, 16, 20, 24]).map((m) => ({ name: `alternating line m=${m}`, kind: "alternating" as const, data: alternatingLine(m), eps: eps0 }));
  const rnd = (quick ? [[12, 2], [60, 2]] : [[12, 2], [20, 2], [30, 3], [40, 3], [60, 2], [100, 10], [300, 10]]).map(([m, d]) => ({ name: `random labels m=${m} d=${d}`, kind: "random" as const, data: randomLabels(m as number, d as number, seed + (m as number)), eps: eps0 }));
  return [
    ...alt,
    ...rnd,
    { name: "two clusters m=60 d=5", kind: "clusters", data: twoClusters(60, 5, seed), eps: eps0 },
    { name: "alternating line m=8, eps=1e-5", kind: "alternating", data: alternatingLine(8), eps: rat(1, 100000) },
    // Nested scales: the float planner cannot resolve them; the scale-free builder does.
    { name: "nested scales m=8 (0, 1e-60 .. 1e30)", kind: "nested", data: nestedScales(), eps: eps0 },
  ];
}

function runCase(c: Case, sabotage: boolean): { row: C1Row; net: Net } {
  const t0 = performance.now();
  const built = constructNet(c.data, { eps: c.eps, seed: 1 });
  // Test hook: a deliberately wrong net (output negated) must make the kernel refuse.
  const net = sabotage ? negateOutput(built.net) : built.net;
  const report = verifyDataset(net, c.data, { accelerators: ACCELERATORS });
  const m = c.data.samples.length;
  const depth = depthOf(net);
  const bound = worstCaseBound(m);
  const row: C1Row = {
    name: c.name,
    kind: c.kind,
    m,
    d: c.data.dim,
    eps: c.eps.toString(),
    depth,
    bound,
    width: widthOf(net),
    certified: report.summary.correct,
    bits: report.summary.maxBits,
    minimalBits: report.summary.allCorrect ? minimalBits(net, c.data, report) : report.summary.maxBits,
    seconds: (performance.now() - t0) / 1000,
    ok: report.summary.allCorrect && depth <= bound && widthOf(net) <= 3,
  };
  return { row, net };
}

export const c1: Claim = {
  id: "C1",
  title: "width-3 LN-Nets classify any labeled data",
  paper: "m samples with any binary labels: an LN-Net with 3 neurons per layer and O(m) LN layers classifies them",
  statement: "an explicit width-3 net with exact rational parameters, every sample certified by the kernel, depth <= max(1, floor(m/2)) (and lower where the data allows)",
  async run({ quick, seed, sabotage, onProgress }: ClaimRunOptions): Promise<ClaimEvidence> {
    const all = cases(quick, seed);
    const rows: C1Row[] = [];
    const artifacts = [];
    for (const [i, c] of all.entries()) {
      const { row, net } = runCase(c, Boolean(sabotage));
      rows.push(row);
      if (c.name === "alternating line m=8") {
        const report = verifyDataset(net, c.data, { accelerators: ACCELERATORS });
        artifacts.push({ name: "c1-alternating-m8.cert.json", text: JSON.stringify(buildCertificate(net, c.data, report, 4096)) + "\n" });
      }
      onProgress?.(i + 1, all.length, c.name);
    }
    const holds = rows.every((r) => r.ok);
    const walk = alternatingLine(10);
    const walkNet = constructNet(walk, { eps: rat(0), seed: 1 }).net;
    const deepest = rows.reduce((a, r) => (r.depth > a.depth ? r : a)); // rows is non-empty (throws otherwise)
    return {
      holds,
      summary: `${rows.filter((r) => r.ok).length}/${rows.length} datasets certified within the bound (deepest: depth ${deepest.depth}, ${deepest.bits} bits; two clusters: depth ${rows.find((r) => r.kind === "clusters")?.depth})`,
      measured: { rows },
      details: c1Details(rows),
      plots: c1Plots(rows, { net: walkNet, data: walk }),
      artifacts,
    };
  },
};
