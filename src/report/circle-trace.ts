/**
 * "Watch a construction": for a width-3 net, the LayerNorm outputs of every sample, layer by layer,
 * drawn on the circle S = {sum y = 0, |y|^2 = 3} (docs/construction.md, section 1), one small panel per layer.
 * float64 positions: a picture, not a proof.
 */
import type { Dataset } from "../trusted/net/dataset.js";
import { toFloatNet, traceFloat } from "../workshop/evaluate-float.js";
import type { Net } from "../trusted/net/model.js";
import { toNumber } from "../workshop/rational.js";
import { escapeXml } from "./svg.js";

/** Orthonormal basis of the plane sum y = 0. */
const E1 = [1 / Math.SQRT2, -1 / Math.SQRT2, 0];
const E2 = [1 / Math.sqrt(6), 1 / Math.sqrt(6), -2 / Math.sqrt(6)];
// 3-vectors: E1, E2 and the outputs of a width-3 LayerNorm
const dot = (a: ArrayLike<number>, b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

/** Plane coordinates of every sample after every LayerNorm (one array per LN layer). */
export function circleTrace(net: Net, data: Dataset): { x: number; y: number; label: 0 | 1 }[][] {
  const f = toFloatNet(net);
  const lnIndices = net.layers.map((l, i) => (l.type === "layernorm" ? i : -1)).filter((i) => i >= 0);
  const traces = data.samples.map((s) => ({ label: s.label, t: traceFloat(f, s.x.map(toNumber)) }));
  return lnIndices.map((li) => traces.map(({ label, t }) => {
    const y = t[li + 1]!; // a trace holds the input and then one vector per layer, so layer li's output
    return { x: dot(y, E1), y: dot(y, E2), label };
  }));
}

export function renderCircleTrace(net: Net, data: Dataset, opts: { columns?: number; panel?: number; title?: string } = {}): string {
  const panels = circleTrace(net, data);
  const cols = Math.min(opts.columns ?? 5, Math.max(1, panels.length));
  const size = opts.panel ?? 150;
  const rows = Math.ceil(panels.length / cols);
  const top = 30;
  const caption = 22; // room under each circle for its caption
  const W = cols * size;
  const H = rows * (size + caption) + top;
  const r = size * 0.38;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(opts.title ?? "LayerNorm outputs on the circle, layer by layer (blue: label 1, red: label 0)")}</text>`,
  ];
  panels.forEach((pts, i) => {
    const cx = (i % cols) * size + size / 2;
    const cy = top + Math.floor(i / cols) * (size + caption) + size / 2;
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#bbb"/>`);
    parts.push(`<text x="${cx}" y="${cy + r + 16}" text-anchor="middle" font-size="11">LN layer ${i + 1}</text>`);
    for (const p of pts) {
      const px = cx + (p.x / Math.sqrt(3)) * r;
      const py = cy - (p.y / Math.sqrt(3)) * r;
      if (Number.isFinite(px) && Number.isFinite(py)) parts.push(`<circle cx="${px.toFixed(2)}" cy="${py.toFixed(2)}" r="3" fill="${p.label ? "#1f77b4" : "#d62728"}" fill-opacity="0.7"/>`);
    }
  });
  parts.push("</svg>");
  return parts.join("\n");
}
