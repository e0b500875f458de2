/**
 * `constructNet`: a width-3 LN-Net classifying a labeled dataset (claim C1; docs/construction.md).
 *
 *   1. distinct points (conflicting duplicates are an input error), a data-adaptive first-layer
 *      view: a direction a (letters = distinct values of a.x on a half circle), or for d >= 2 an
 *      angular view (letters = rays from a point p of a 2-D projection, on the full circle;
 *      angular.ts) when it needs at least one deletion fewer;
 *   2. the deletion plan (word.ts): the arc A kept for label 1 and the letters to delete;
 *   3. one fold layer per deleted letter, each built from the simulated positions of the rounded
 *      net so far by the scale-free builder (exact-folds.ts: integer geometry, proven steps);
 *   4. the output half-plane.
 * Depth = 1 + deletions <= max(1, floor(m/2)). Untrusted: the result must go through the kernel
 * (`constructAndVerify`), which is the only thing that may call it correct.
 */
import { InputError } from "../trusted/errors.js";
import { parseRational, type Rational } from "../trusted/numbers/rational.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { constantOutput, lnLayer } from "./layers.js";
import { distinctPoints, sampleWhere, type DistinctPoint } from "./points.js";
import { angularView, chooseAngular, describeAngular, type AngularView } from "./angular.js";
import { alternativeViews, chooseProjection } from "./projection.js";
import { makeRng } from "../workshop/rng.js";
import { lineView, type FirstView, type ViewKind } from "./view.js";
import { bestArcPlan, circularRuns, minDeletions } from "./word.js";
import { buildExactFolds, newWorkBudget, type WorkBudget } from "./exact-folds.js";
import { ARC_WIDTHS, buildEndFolds, endFoldsBound } from "./end-folds.js";
import { ConstructionFailed } from "../workshop/errors.js";

export interface ConstructOptions {
  /** LayerNorm eps of every LN layer (default 0). */
  readonly eps?: Rational | string;
  readonly seed?: number;
  /**
   * First-layer view: "auto" (default) takes the angular view (d >= 2) when its word needs at
   * least one deletion fewer than the best line projection's; "line" and "angular" force one.
   */
  readonly view?: ViewKind | "auto";
  /** A given angular view (P, 2 x d, and p), checked exactly; implies view "angular". */
  readonly plane?: { readonly projection: readonly (readonly Rational[])[]; readonly point: readonly Rational[] };
  /**
   * "scale-free" (default): depth <= floor(m/2), exact only (its nets mislabel in float64 from
   * m ~ 100). "end-folds": depth <= 2m - 4, right in float64 too (end-folds.ts); line views only.
   */
  readonly builder?: "scale-free" | "end-folds";
}

export interface ConstructStats {
  readonly samples: number;
  readonly dim: number;
  readonly distinctPoints: number;
  readonly letters: number;
  readonly circularRuns: number;
  readonly deletions: number;
  /** Fixed-point simulation precision (bits) of each linear layer but the last. */
  readonly precisions: readonly number[];
  readonly seconds: number;
  /** Settled points the builder had to replay exactly (exact-folds.ts, `Sim.promote`). */
  readonly promoted?: number;
  /** Which builder finished the net: scale-free (exact-folds.ts), end-folds (end-folds.ts), or none (one class). */
  readonly builder: "scale-free" | "end-folds" | "one-class";
  /** End-fold builder: zoom layers it added before folds, and letters of the core it never moved. */
  readonly zooms?: number;
  readonly core?: number;
  /** Deletions the best line view and the best angular view need (undefined: not computed). */
  readonly lineDeletions?: number;
  readonly angularDeletions?: number;
}

export interface Construction {
  readonly net: Net;
  readonly depth: number;
  /** The builder's depth bound: max(1, floor(m / 2)) (scale-free), max(2, 2m - 4) (end-folds); m = number of samples. */
  readonly worstCaseBound: number;
  /** The line view's direction a (empty for an angular view or one class). */
  readonly direction: readonly string[];
  /** Which first-layer view the net uses. */
  readonly view: ViewKind;
  /** For an angular view: the projection P (2 x d) and the point p, exactly. */
  readonly plane?: { readonly projection: readonly (readonly string[])[]; readonly point: readonly string[] };
  readonly stats: ConstructStats;
}

/** Seed offset of the angular view's candidate stream. */
const ANGULAR_STREAM = 0x2d2d2d2d;

export const worstCaseBound = (m: number): number => Math.max(1, Math.floor(m / 2));


export function constructNet(data: Dataset, opts: ConstructOptions = {}): Construction {
  const t0 = performance.now();
  const eps = typeof opts.eps === "string" ? parseRational(opts.eps, { field: "eps" }) : (opts.eps ?? parseRational("0"));
  if (eps.s < 0n && eps.n !== 0n) throw new InputError("bad-argument", "eps must be >= 0", { field: "eps" });
  const rng = makeRng(opts.seed ?? 1);
  const points = distinctPoints(data);
  const m = data.samples.length;
  const base = { samples: m, dim: data.dim, distinctPoints: points.length };
  const labels = new Set(points.map((p) => p.label));
  const ln = lnLayer(eps);

  if (labels.size === 1) {
    // One class: any first layer with nonzero variance, then a constant output of that class.
    const z = (v: number) => parseRational(String(v));
    const first: Layer = { type: "linear", weight: [0, 1, 2].map(() => Array.from({ length: data.dim }, () => z(0))), bias: [z(1), z(0), z(-1)] };
    const net: Net = { inputDim: data.dim, layers: [first, ln, constantOutput(points[0]?.label ?? 0)] };
    const stats = { ...base, letters: 1, circularRuns: 1, deletions: 0, precisions: [], seconds: (performance.now() - t0) / 1000, builder: "one-class" as const };
    return { net, depth: 1, worstCaseBound: worstCaseBound(m), direction: [], view: "line", stats };
  }

  if (opts.builder === "end-folds") return buildEndFoldNet(points, { eps, data, base, ln, t0, rng, view: opts.view, plane: opts.plane });
  const mode = opts.plane ? "angular" : (opts.view ?? "auto");
  if (mode === "angular" && data.dim < 2) throw new InputError("bad-argument", "the angular view needs inputs of dimension d >= 2", { field: "view" });
  // The line projection first (it draws from the seeded stream first, so line nets are unchanged).
  const first = mode === "angular" ? undefined : chooseProjection(points, data.dim, rng);
  const lineDeletions = first ? bestArcPlan(first.letters.map((l) => l.label)).deletions.length : undefined;
  // Its own stream: the forced and the automatic angular view are the same view.
  const angular = mode === "line" || data.dim < 2 ? undefined : opts.plane ? givenAngular(points, opts.plane) : chooseAngular(points, data.dim, makeRng(((opts.seed ?? 1) ^ ANGULAR_STREAM) >>> 0), mode === "angular");
  const useAngular = angular !== undefined && (mode === "angular" || (lineDeletions !== undefined && angular.deletions <= lineDeletions - 1));
  // Multi-scale data: when the builder cannot finish a view, the same direction zoomed elsewhere
  // (zoom.ts) is tried next; an angular view that cannot be finished falls back to the line views
  // (unless forced). Deterministic, so the same seed still gives the same net.
  const views: FirstView[] = [];
  if (useAngular) views.push(angular.view);
  if (first && mode !== "angular") views.push(lineView(first), ...alternativeViews(first).map(lineView));
  const extra = { lineDeletions, angularDeletions: angular?.deletions };
  const ctx: BuildContext = { eps, data, base, ln, t0, extra, budget: newWorkBudget() };
  // The first view the builder finishes wins; the first view's failure speaks for all.
  let reason: string | undefined;
  for (const view of views) {
    try {
      return buildScaleFree(view, ctx);
    } catch (e) {
      if (!(e instanceof ConstructionFailed)) throw e; // a bug, not "this builder cannot"
      reason ??= e.reason;
    }
  }
  throw new ConstructionFailed(reason ?? "no first-layer view");
}

/** The same plan built by exact-folds.ts (integer geometry, precision doubled until it suffices). */
function buildScaleFree(view: FirstView, ctx: BuildContext): Construction {
  const { eps } = ctx;
  const word: Label[] = view.letters.map((l) => l.label);
  const plan = bestArcPlan(word);
  const built = buildExactFolds(view, eps, word, plan.deletions, ctx.budget);
  const specific = { precisions: built.linear.map(() => built.precision), builder: "scale-free" as const, promoted: built.promoted };
  return assemble(ctx, { view, linear: built.linear, output: built.output, word, deletions: plan.deletions.length }, specific);
}

/**
 * The end-fold builder (end-folds.ts) on the line view and its zooms, each with the arc widths in
 * order; the first it finishes wins. Its letters must lie on one arc, so the angular view (the full circle) is not used.
 */
function buildEndFoldNet(points: readonly DistinctPoint[], c: { eps: Rational; data: Dataset; base: BuildContext["base"]; ln: Layer; t0: number; rng: ReturnType<typeof makeRng>; view?: ConstructOptions["view"]; plane?: ConstructOptions["plane"] }): Construction {
  if (c.view === "angular" || c.plane) throw new InputError("bad-argument", "the end-fold builder uses line views only (its letters must lie on one arc)", { field: "view" });
  const first = chooseProjection(points, c.data.dim, c.rng);
  const exactX = points.map((p) => p.x);
  const ctx: BuildContext = { eps: c.eps, data: c.data, base: c.base, ln: c.ln, t0: c.t0, extra: {}, budget: newWorkBudget() };
  let reason: string | undefined;
  const attempts = [lineView(first), ...alternativeViews(first).map(lineView)].flatMap((view) => ARC_WIDTHS.map((width) => ({ view, width })));
  for (const { view, width } of attempts) {
    try {
      const built = buildEndFolds(view, c.eps, exactX, width, (p) => sampleWhere(c.data, points[p]!.samples[0]!));
      const word = view.letters.map((l) => l.label);
      const construction = assemble(ctx, { view, linear: built.linear, output: built.output, word, deletions: built.moved }, { precisions: [], builder: "end-folds", zooms: built.zooms, core: built.core });
      return { ...construction, worstCaseBound: endFoldsBound(c.data.samples.length) };
    } catch (e) {
      if (!(e instanceof ConstructionFailed)) throw e;
      reason ??= e.reason;
    }
  }
  throw new ConstructionFailed(reason ?? "no first-layer view");
}

type Specific = Pick<ConstructStats, "precisions" | "builder" | "promoted" | "zooms" | "core">;

/** The net (linear layers each followed by LayerNorm, then the output) and its report. */
function assemble(
  ctx: BuildContext,
  p: { view: FirstView; linear: readonly Layer[]; output: Layer; word: readonly Label[]; deletions: number },
  specific: Specific,
): Construction {
  const layers: Layer[] = [];
  for (const l of p.linear) layers.push(l, ctx.ln);
  layers.push(p.output);
  const stats: ConstructStats = {
    ...ctx.base,
    letters: p.word.length,
    circularRuns: circularRuns(p.word),
    deletions: p.deletions,
    ...specific,
    seconds: (performance.now() - ctx.t0) / 1000,
    ...ctx.extra,
  };
  const direction = (p.view.direction ?? []).map((a) => a.toFraction());
  const plane = p.view.kind === "angular" ? describeAngular(p.view as AngularView) : undefined;
  const net: Net = { inputDim: ctx.data.dim, layers };
  return { net, depth: p.linear.length, worstCaseBound: worstCaseBound(ctx.data.samples.length), direction, view: p.view.kind, ...(plane ? { plane } : {}), stats };
}

/** What the builder needs besides the view: eps, the data, the LayerNorm layer, timing and the view report. */
interface BuildContext {
  readonly eps: Rational;
  readonly data: Dataset;
  readonly base: { samples: number; dim: number; distinctPoints: number };
  readonly ln: Layer;
  readonly t0: number;
  readonly extra: { lineDeletions?: number; angularDeletions?: number };
  /** The scale-free builder's work budget, shared by all views (a bound on the call's time). */
  readonly budget: WorkBudget;
}

/** The angular view the caller gave, or an input error saying why it is not valid. */
function givenAngular(points: readonly DistinctPoint[], plane: NonNullable<ConstructOptions["plane"]>): { view: AngularView; deletions: number } {
  const dim = points[0]?.x.length ?? 0;
  if (plane.projection.length !== 2 || plane.point.length !== 2 || plane.projection.some((row) => row.length !== dim)) {
    throw new InputError("bad-argument", `the angular view needs P of size 2 x ${dim} and p in the plane`, { field: "plane" });
  }
  const check = angularView(points, plane.projection, plane.point);
  if (!check.ok) throw new InputError("bad-argument", `the given angular view is not valid: ${check.reason}`, { field: "plane" });
  return { view: check.view, deletions: minDeletions(check.view.letters.map((l) => l.label)) };
}
