/** Claim C5 on real images in the report: accuracy vs g and vs epoch, and the certified-fit table. */
import type { RealImagesEvidence } from "../nonlinearity/real-images.js";
import { mean } from "../nonlinearity/stats.js";
import { markdownTable } from "./markdown-table.js";
import { renderPlot } from "./svg.js";

export const C5_IMAGES_PLOT_TITLES: Record<string, string> = {
  "c5-images-accuracy-vs-g.svg": "Fashion-MNIST random labels: accuracy vs g",
  "c5-images-accuracy-vs-epoch.svg": "Fashion-MNIST random labels: accuracy vs epoch",
};

const name = (model: "linear" | number): string => (model === "linear" ? "linear" : model === 1 ? "LN-Net (g = 1)" : `LN-G-Net g = ${model}`);

export function c5ImagesSvgs(e: RealImagesEvidence): Record<string, string> {
  if (e.skipped) return {};
  const c = e.config;
  const setting = `n ${c.n}, d ${(28 / c.pool) ** 2}, width ${c.width}, depth ${c.depth}`;
  const nets = e.rows.filter((r) => r.model !== "linear");
  const linear = e.rows.find((r) => r.model === "linear");
  const gs = nets.map((r) => r.model as number);
  const vsG = renderPlot({
    title: `Fashion-MNIST, random labels (${setting})`,
    xLabel: "groups g (log)",
    yLabel: "train accuracy (mean +- sd over seeds)",
    logX: true,
    series: [
      { name: "LN-G-Net, no activation", points: nets.map((r) => ({ x: r.model as number, y: r.mean, lo: r.mean - r.sd, hi: r.mean + r.sd })) },
      ...(linear ? [{ name: "linear model", dashed: true, markers: false, points: [Math.min(...gs), Math.max(...gs)].map((x) => ({ x, y: linear.mean })) }] : []),
    ],
  });
  const epochs = Math.max(...e.rows.flatMap((r) => r.runs.map((run) => run.curve.length)));
  const vsEpoch = renderPlot({
    title: `Fashion-MNIST, random labels (${setting})`,
    xLabel: "epoch",
    yLabel: "train accuracy (mean over seeds)",
    series: e.rows.map((r) => ({
      name: name(r.model),
      markers: false,
      // a run that reached 100% stops early: it stays at its last accuracy
      points: Array.from({ length: epochs }, (_, t) => ({ x: t, y: mean(r.runs.map((run) => run.curve[Math.min(t, run.curve.length - 1)] ?? 0)) })),
    })),
  });
  return { "c5-images-accuracy-vs-g.svg": vsG, "c5-images-accuracy-vs-epoch.svg": vsEpoch };
}

export function c5ImagesDetails(e: RealImagesEvidence): string {
  if (e.skipped) return `Real images (Fashion-MNIST): skipped, ${e.skipped}.`;
  const c = e.config;
  return [
    `Real images: the first ${c.n} Fashion-MNIST training images (Debian package dataset-fashion-mnist), average-pooled ${c.pool}x${c.pool} to ${(28 / c.pool) ** 2} features in [0, 1), random binary labels per seed (seeds ${c.seeds.join(", ")}), width ${c.width}, depth ${c.depth}, up to ${c.epochs} epochs of full-batch Adam (lr ${c.lr}, stop at 100%), eps = 1e-5, no activation functions; total ${e.seconds.toFixed(0)} s.`,
    `n = ${c.n} because random labels on n > 2d points are almost never linearly separable (Cover), so the linear model cannot memorise them, and because training and certifying ${e.rows.length * c.seeds.length} nets must fit in a few minutes on 2 shared cores; the paper uses all 60,000 MNIST / CIFAR-10 images with 10 classes.`,
    "Certified: the trained float64 parameters are dyadic rationals, so the trained net is an exact lnnet/v1 net; the kernel proves for each sample whether that net's output has the sign of the sample's random label. \"certified\" counts the random labels memorised, proven.",
    "",
    ...markdownTable(
      ["model", "group size", "train accuracy (mean ± sd)", ...c.seeds.map((s) => `seed ${s}: certified of ${c.n}`), "train s", "certify s"],
      e.rows.map((r) => [
        name(r.model),
        r.model === "linear" ? "-" : r.k,
        `${r.mean.toFixed(3)} ± ${r.sd.toFixed(3)}`,
        ...r.runs.map((run) => `${run.certified}${run.undecided ? ` (${run.undecided} undecided)` : ""}`),
        r.runs.reduce((s, run) => s + run.trainSeconds, 0).toFixed(1),
        r.runs.reduce((s, run) => s + run.certifySeconds, 0).toFixed(1),
      ]),
    ),
  ].join("\n");
}
