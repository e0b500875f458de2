/**
 * A tiny SVG plot writer: line/scatter series with optional error bars, linear, log or categorical axes, ticks,
 * axis labels, title and legend. Output is well-formed standalone XML (text is escaped).
 */
export interface Point {
  readonly x: number;
  readonly y: number;
  /** Error bar ends (optional). */
  readonly lo?: number;
  readonly hi?: number;
}

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
  /** Draw connecting lines (default true). */
  readonly line?: boolean;
  readonly color?: string;
  readonly dashed?: boolean;
  /** Draw a dot at every point (default true; false for a curve given densely). */
  readonly markers?: boolean;
}

export interface PlotSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** A categorical x axis: x = 1..n are these names (ticks at the categories only). */
  readonly xCategories?: readonly string[];
  readonly width?: number;
  readonly height?: number;
}

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"];

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const fmt = (v: number): string => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(1) : Number(v.toPrecision(3)).toString());

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) out.push(m * 10 ** e);
    const inRange = out.filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
    return inRange.length >= 2 ? inRange : [lo, hi];
  }
  const step0 = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(step0 || 1));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => (hi - lo) / s <= 6) ?? step0;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

export function renderPlot(spec: PlotSpec): string {
  const W = spec.width ?? 600;
  // The legend sits under the x axis, one row per series, so long names are never cut off.
  const legendH = 18 * spec.series.length + 6;
  const H = (spec.height ?? 380) + legendH;
  const m = { l: 70, r: 24, t: 40, b: 55 + legendH };
  const pts = spec.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const ys = pts.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]).filter((v) => Number.isFinite(v) && (!spec.logY || v > 0));
  const xs = pts.map((p) => p.x).filter((v) => !spec.logX || v > 0);
  const cats = spec.xCategories;
  let [x0, x1] = cats ? [0.5, cats.length + 0.5] : [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (!(x1 > x0)) [x0, x1] = spec.logX ? [x0 / 2, x0 * 2] : [x0 - 1, x0 + 1];
  if (!(y1 > y0)) [y0, y1] = spec.logY ? [y0 / 2, y0 * 2] : [y0 - 1, y0 + 1];
  // a margin so no point sits on the frame
  if (spec.logY) [y0, y1] = [y0 / (y1 / y0) ** 0.04, y1 * (y1 / y0) ** 0.04];
  else {
    const pad = 0.05 * (y1 - y0);
    [y0, y1] = [y0 - pad, y1 + pad];
  }
  const tx = (v: number): number => (spec.logX ? Math.log(v / x0) / Math.log(x1 / x0) : (v - x0) / (x1 - x0));
  const ty = (v: number): number => (spec.logY ? Math.log(v / y0) / Math.log(y1 / y0) : (v - y0) / (y1 - y0));
  const px = (v: number): number => m.l + tx(v) * (W - m.l - m.r);
  const py = (v: number): number => H - m.b - ty(v) * (H - m.t - m.b);
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(spec.title)}</text>`);
  out.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#333"/>`);
  const xTicks = cats ? cats.map((_, i) => i + 1) : ticks(x0, x1, spec.logX ?? false);
  for (const t of xTicks) {
    out.push(`<line x1="${px(t).toFixed(1)}" y1="${H - m.b}" x2="${px(t).toFixed(1)}" y2="${H - m.b + 5}" stroke="#333"/>`);
    out.push(`<text x="${px(t).toFixed(1)}" y="${H - m.b + 18}" text-anchor="middle">${escapeXml(cats ? (cats[t - 1] ?? "") : fmt(t))}</text>`);
  }
  for (const t of ticks(y0, y1, spec.logY ?? false)) {
    out.push(`<line x1="${m.l - 5}" y1="${py(t).toFixed(1)}" x2="${m.l}" y2="${py(t).toFixed(1)}" stroke="#333"/>`);
    out.push(`<line x1="${m.l}" y1="${py(t).toFixed(1)}" x2="${W - m.r}" y2="${py(t).toFixed(1)}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 8}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${escapeXml(fmt(t))}</text>`);
  }
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - legendH - 15}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text x="18" y="${(m.t + H - m.b) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(m.t + H - m.b) / 2})">${escapeXml(spec.yLabel)}</text>`);
  spec.series.forEach((s, si) => {
    const c = s.color ?? PALETTE[si % PALETTE.length];
    const ok = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!spec.logY || p.y > 0) && (!spec.logX || p.x > 0));
    if (s.line !== false && ok.length > 1) {
      const d = ok.map((p, i) => `${i ? "L" : "M"}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="1.5"${s.dashed ? ` stroke-dasharray="5,4"` : ""}/>`);
    }
    for (const p of ok) {
      if (p.lo !== undefined && p.hi !== undefined && Number.isFinite(p.lo) && Number.isFinite(p.hi) && (!spec.logY || p.lo > 0)) {
        const x = px(p.x).toFixed(1);
        out.push(`<line x1="${x}" y1="${py(p.lo).toFixed(1)}" x2="${x}" y2="${py(p.hi).toFixed(1)}" stroke="${c}"/>`);
        for (const v of [p.lo, p.hi]) out.push(`<line x1="${(px(p.x) - 4).toFixed(1)}" y1="${py(v).toFixed(1)}" x2="${(px(p.x) + 4).toFixed(1)}" y2="${py(v).toFixed(1)}" stroke="${c}"/>`);
      }
      if (s.markers !== false) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${c}"/>`);
    }
    const ly = H - legendH + 12 + si * 18;
    out.push(`<line x1="${m.l}" y1="${ly - 4}" x2="${m.l + 20}" y2="${ly - 4}" stroke="${c}" stroke-width="2"${s.dashed ? ` stroke-dasharray="5,4"` : ""}/>`);
    out.push(`<text x="${m.l + 26}" y="${ly}">${escapeXml(s.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
