/**
 * Refutation certificates: exact, self-contained proofs that a labeled point set is realised by NO
 * net of a class. Each kind names the theorem it rests on (proved in docs/search.md) and is checked
 * with exact rational arithmetic only (imports: numbers/, the JSON field readers and farkas.ts).
 *
 * - "farkas": class = LN-Nets of width 2, one group, any eps >= 0, any depth. Theorem W2: such a
 *   net classifies a set correctly only if the labeling is strictly linearly separable. The
 *   certificate is a Gordan/Farkas multiplier vector (farkas-check.ts).
 * - "line-runs": class = depth-1 nets (one LayerNorm group, or RMS), any width, any eps >= 0, input dim 1.
 *   Theorem L1: the positive set is an interval or its complement, so labels sorted by x change at
 *   most twice. The certificate is the point set itself; the checker sorts and counts exactly.
 */
import { cmp, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import { rationals } from "../net/json-fields.js";
import { checkFarkas } from "./farkas.js";

export const REFUTATION_FORMAT = "lnnet-refutation/v1";

export type RefutationKind = "farkas" | "line-runs";

export interface Refutation {
  readonly kind: RefutationKind;
  readonly points: readonly (readonly Rational[])[];
  readonly labels: readonly Label[];
  /** Farkas multipliers (kind "farkas" only). */
  readonly lambda?: readonly Rational[];
}

export const REFUTED_CLASS: Record<RefutationKind, string> = {
  farkas: "LN-Nets of width 2, one LayerNorm group, any eps >= 0, any depth, any input dimension",
  "line-runs": "depth-1 nets with one LayerNorm group or RMS normalization, any width, any eps >= 0, input dimension 1",
};

/** The only `claim` text a refutation of this kind may carry (the field is optional; any other text is rejected). */
export const refutationClaim = (kind: RefutationKind): string => `no net in the class (${REFUTED_CLASS[kind]}) classifies these labeled points`;

export type RefutationCheck = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Check a refutation from its JSON form; never throws on bad input. A `claim` field other than
 * `refutationClaim(kind)` is rejected ("claim-mismatch"): a file may not state more than it proves.
 */
export function checkRefutationJson(json: unknown): RefutationCheck {
  const bad = (code: string, message: string): RefutationCheck => ({ ok: false, code, message });
  if (typeof json !== "object" || json === null) return bad("bad-shape", "not an object");
  const o = json as Record<string, unknown>;
  if (o.format !== REFUTATION_FORMAT) return bad("bad-format", `format must be "${REFUTATION_FORMAT}"`);
  let points: Rational[][];
  let lambda: Rational[] | undefined;
  try {
    if (!Array.isArray(o.points) || !Array.isArray(o.labels)) return bad("bad-shape", "points and labels must be arrays");
    points = o.points.map((p: unknown, i: number) => rationals(p, `points[${i}]`));
    if (o.lambda !== undefined) lambda = rationals(o.lambda, "lambda");
  } catch (e) {
    return bad("bad-shape", (e as Error).message);
  }
  if (o.kind !== "farkas" && o.kind !== "line-runs") return bad("bad-kind", `unknown kind ${JSON.stringify(o.kind)}`);
  if (o.claim !== undefined && o.claim !== refutationClaim(o.kind)) {
    return bad("claim-mismatch", `claim ${JSON.stringify(o.claim)} is not what a ${o.kind} certificate proves: ${JSON.stringify(refutationClaim(o.kind))}`);
  }
  const labels = o.labels as unknown[];
  if (labels.length !== points.length || labels.some((l) => l !== 0 && l !== 1)) return bad("bad-shape", "one label (0 or 1) per point");
  if (o.kind === "farkas") {
    if (!lambda) return bad("bad-shape", "farkas certificate needs lambda");
    return checkFarkas(points, labels as Label[], lambda);
  }
  return checkLineRuns(points, labels as Label[]);
}

/** Points on the line whose labels, sorted by x, change at least 3 times (or a point with both labels). */
export function checkLineRuns(points: readonly (readonly Rational[])[], labels: readonly Label[]): RefutationCheck {
  const xs = points.map((p) => p[0]);
  if (xs.length === 0 || points.some((p) => p.length !== 1) || !xs.every((x) => x !== undefined)) return { ok: false, code: "bad-shape", message: "points must be 1-dimensional" };
  const sorted = xs.map((x, i) => ({ x, label: labels[i] })).sort((a, b) => cmp(a.x, b.x));
  let changes = 0;
  for (const [k, q] of sorted.entries()) {
    const p = sorted[k - 1];
    if (p === undefined || p.label === q.label) continue;
    if (cmp(p.x, q.x) === 0) return { ok: true }; // one x, two labels
    changes++;
  }
  return changes >= 3 ? { ok: true } : { ok: false, code: "too-few-changes", message: `labels change ${changes} time(s) in sorted order; 3 needed` };
}
