/**
 * Constructed nets in ordinary float64 (`npm run bench -- float64 [--svg PLOT.svg]`): for random
 * labels in R^10 at several m and data seeds, both builders' nets (default and end folds, i.e.
 * `lnnet construct` and `lnnet construct --robust`) evaluated in float64 in PyTorch's order
 * (src/constructions/float64-check.ts): samples wrong, and depth. The SVG plots the percentage
 * of samples wrong against m (median over the seeds, bars from the least to the most).
 * docs/construction-float64.svg is this plot.
 */
import { writeFileSync } from "node:fs";
import { constructNet, float64Check } from "../src/constructions/index.js";
import { renderPlot, type Point } from "../src/report/svg.js";
import { randomLabels } from "./construct.js";
import { median } from "./stats.js";

const SIZES = [30, 100, 300, 1000];
const SEEDS = [1, 2, 3];
const BUILDERS = [
  { builder: "scale-free", name: "default builder (lnnet construct)" },
  { builder: "end-folds", name: "end folds (lnnet construct --robust)" },
] as const;

type Row = { builder: string; m: number; seed: number; depth: number; wrong: number; seconds: number };

function option(name: string): string | undefined {
  const argv = process.argv;
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes("=") ? argv[i]!.slice(name.length + 1) : argv[i + 1];
}

export async function benchFloat64(): Promise<object> {
  const rows: Row[] = [];
  const failures: object[] = [];
  for (const m of SIZES) {
    for (const seed of SEEDS) {
      const data = randomLabels(m, 10, 1000 * m + seed);
      for (const { builder } of BUILDERS) {
        const t0 = performance.now();
        try {
          const c = constructNet(data, { seed: 1, builder });
          rows.push({ builder, m, seed: 1000 * m + seed, depth: c.depth, wrong: float64Check(c.net, data).mislabels, seconds: (performance.now() - t0) / 1000 });
        } catch (e) {
          failures.push({ builder, m, seed: 1000 * m + seed, error: (e as Error).message });
        }
        console.error(JSON.stringify(rows.at(-1))); // progress
      }
    }
  }
  const series = BUILDERS.map(({ builder, name }) => ({
    name,
    points: SIZES.flatMap((m): Point[] => {
      const pct = rows.filter((r) => r.builder === builder && r.m === m).map((r) => (100 * r.wrong) / m);
      return pct.length ? [{ x: m, y: median(pct), lo: Math.min(...pct), hi: Math.max(...pct) }] : [];
    }),
  }));
  const svgPath = option("--svg");
  if (svgPath) {
    const svg = renderPlot({ title: "Constructed nets evaluated in float64 (random labels in R^10)", xLabel: "samples m", yLabel: "% of samples wrong in float64", series, logX: true });
    writeFileSync(svgPath, svg);
  }
  return { float64: rows, failures, data: "random labels in R^10, coordinates k/1000, data seeds 1000 m + 1..3, construct seed 1; float64 in PyTorch's order", svg: svgPath ?? null };
}
