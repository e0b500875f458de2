/**
 * Claim C2: certified shattering. For width 3 and depth L on the real line, 2L+1 points and one
 * kernel-certified net per labeling (up to declared symmetries); every certificate is re-checked by
 * the kernel-only shattering checker.
 */
import { checkShatter } from "../trusted/checkers/shatter.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import { c2Details, c2Plots } from "../report/c2.js";
import { vcTable, type VcRow } from "../vc/table.js";
import { boundsTable, lineBeyond, planeShatter } from "../vc/bounds.js";
import type { ShatterCertificateJson } from "../vc/format.js";
import type { Artifact, Claim, ClaimEvidence, ClaimRunOptions } from "./claim.js";

export interface C2Row extends VcRow {
  /** The kernel-only checker accepts the certificate and it covers every labeling. */
  readonly checkerAccepts: boolean;
  readonly checkSeconds: number;
}

/** Test hook: negate the output layer of the first stored net, so its labeling is no longer realised. */
function sabotaged(cert: ShatterCertificateJson): ShatterCertificateJson {
  const c = JSON.parse(JSON.stringify(cert)) as ShatterCertificateJson;
  const entry = c.entries[0];
  if (entry) {
    const last = entry.net.layers[entry.net.layers.length - 1] as { weight: string[][]; bias: string[] };
    const flip = (s: string) => (s.startsWith("-") ? s.slice(1) : s === "0" ? s : `-${s}`);
    last.weight = last.weight.map((row) => row.map(flip));
    last.bias = last.bias.map(flip);
  }
  return c;
}

export const c2: Claim = {
  id: "C2",
  title: "a lower bound on the VC dimension",
  paper: "a lower bound on the VC dimension of LN-Nets",
  statement:
    "for width 3 and depth L on the line: 2L+1 points and a kernel-certified net for every one of the 2^(2L+1) labelings, re-checked by the kernel-only checker; 2L+2 points at L = 3 (the alternating net's runs); in the plane: 2L+3 points on a circle and 3L+3 random points (L <= 3), likewise",
  async run({ quick, sabotage, onProgress }: ClaimRunOptions): Promise<ClaimEvidence> {
    const depths = quick ? [1, 2, 3] : [1, 2, 3, 4, 5, 6];
    const { rows, runs } = await vcTable(depths, { workers: 1 });
    const checked: C2Row[] = [];
    const artifacts: Artifact[] = [];
    for (const [i, run] of runs.entries()) {
      const cert = sabotage && i === 0 ? sabotaged(run.certificate) : run.certificate;
      const t0 = performance.now();
      const check = checkShatter(cert, { accelerators: ACCELERATORS });
      const row = rows[i];
      if (!row) throw new Error(`C2: vcTable gave ${rows.length} rows for ${runs.length} runs`);
      checked.push({ ...row, checkerAccepts: check.ok && check.covered === check.labelings, checkSeconds: (performance.now() - t0) / 1000 });
      if (row.depth <= 3) artifacts.push({ name: `c2-shatter-L${row.depth}.json`, text: JSON.stringify(cert) + "\n" });
      onProgress?.(i + 1, runs.length, `L=${row.depth}`);
    }
    const plane = await planeShatter(quick ? [1, 2] : [1, 2, 3]);
    const beyond = await lineBeyond(quick ? [] : [3]);
    const line = new Map(checked.map((r) => [r.depth, r.checkerAccepts ? r.certified : null]));
    for (const b of beyond) if (b.certified) line.set(b.depth, Math.max(line.get(b.depth) ?? 0, b.points));
    const bounds = boundsTable(line, plane.rows);
    const holds = checked.every((r) => r.certified === r.ourBound && r.checkerAccepts) && plane.rows.every((r) => r.certified) && beyond.every((b) => b.certified);
    const ok = checked.filter((r) => r.checkerAccepts && r.certified === r.ourBound).map((r) => r.depth);
    const bad = checked.filter((r) => !(r.checkerAccepts && r.certified === r.ourBound)).map((r) => r.depth);
    return {
      holds,
      summary:
        `2L+1 points certified shattered and re-checked for L = ${ok.join(", ") || "none"} (${checked.reduce((a, r) => a + r.labelings, 0)} labelings, ${checked.reduce((a, r) => a + r.netsProduced, 0)} nets)` +
        (bad.length ? `; NOT certified for L = ${bad.join(", ")}` : "") +
        (beyond.length ? `; line beyond 2L+1: ${beyond.map((b) => `${b.points} at L = ${b.depth} ${b.certified ? "certified" : "NOT certified"}`).join(", ")}` : "") +
        `; plane: ${plane.rows.filter((r) => r.certified).map((r) => `${r.points} at L = ${r.depth}`).join(", ") || "none"} certified` +
        (plane.rows.some((r) => !r.certified) ? `, NOT ${plane.rows.filter((r) => !r.certified).map((r) => `${r.points} at L = ${r.depth}`).join(", ")}` : ""),
      measured: { rows: checked, plane: plane.rows, beyond, bounds },
      details: c2Details(checked, plane.rows, bounds, beyond),
      plots: c2Plots(checked, bounds),
      artifacts,
    };
  },
};
