/**
 * `constructNet`: a width-3 LN-Net classifying a labeled dataset (claim C1; docs/construction.md).
 *
 *   1. distinct points (conflicting duplicates are an input error), a data-adaptive first-layer
 *      view: a direction a (letters = distinct values of a.x on a half circle), or for d >= 2 an
 *      angular view (letters = rays from a point p of a 2-D projection, on the full circle;
 *      angular.ts) when it needs at least one deletion fewer;
 *   2. the deletion plan (word.ts): the arc A kept for label 1 and the letters to delete;
 *   3. one fold layer per deleted letter, each built from the simulated positions of the rounded
 *      net so far: by the scale-free builder (exact-folds.ts: integer geometry, proven steps) or,
 *      when it cannot finish or on request, the float planner (planner.ts, layers.ts);
 *   4. the output half-plane.
 * Depth = 1 + deletions <= max(1, floor(m/2)). Untrusted: the result must go through the kernel
 * (`constructAndVerify`), which is the only thing that may call it correct.
 */
import { InputError } from "../trusted/errors.js";
import { parseRational, type Rational } from "../trusted/numbers/rational.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { applySpread, evaluate, foldOffset, viewOfVectors, type Letters } from "./circle-map.js";
import { fromFloat, toFloat } from "./fixed.js";
import { fromPlane, toPlane, type Vec2 } from "./frame.js";
import { constantOutput, firstLayer, hiddenLayer, lnLayer, outputLayer, outputSignsOk, type FoldPoint, type Simulated } from "./layers.js";
import { excess, FINAL_SPREADS, blockCenter, blockMiddle, gapMidpoint, lowerEnvelope, moveBlock, planFold, spreadFor, type PlanCounters, type PreState } from "./planner.js";
import { distinctPoints, type DistinctPoint } from "./points.js";
import { angularView, chooseAngular, describeAngular, type AngularView } from "./angular.js";
import { alternativeViews, chooseProjection } from "./projection.js";
import { makeRng } from "../workshop/rng.js";
import { lineView, type FirstView, type ViewKind } from "./view.js";
import { bestArcPlan, circularRuns, minDeletions } from "./word.js";
import { buildExactFolds, newWorkBudget, type WorkBudget } from "./exact-folds.js";
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
  /**
   * Which builder: "auto" (default) tries AUTO_BUILDERS in order, the next one when the first
   * cannot finish any view; "planner" (planner.ts, float ranking) or "scale-free" (exact-folds.ts,
   * integer geometry) runs only that one.
   */
  readonly builder?: "auto" | "planner" | "scale-free";
  /** A given angular view (P, 2 x d, and p), checked exactly; implies view "angular". */
  readonly plane?: { readonly projection: readonly (readonly Rational[])[]; readonly point: readonly Rational[] };
}

export interface ConstructStats {
  readonly samples: number;
  readonly dim: number;
  readonly distinctPoints: number;
  readonly letters: number;
  readonly circularRuns: number;
  readonly deletions: number;
  /** Predicted bits beyond the interval overhead (the planner's potential) after each layer. */
  readonly potentials: readonly number[];
  /** log2 of the smallest gap between letters (radians) after each fold. */
  readonly minGaps: readonly number[];
  /** Fixed-point simulation precision (bits) of each linear layer but the last. */
  readonly precisions: readonly number[];
  /** Folds for which no focused candidate survived and the wide search ran (slow). */
  readonly wideSearches: number;
  /** Candidate folds screened on a few letters, and scored on all points (planner.ts). */
  readonly screenedFolds: number;
  readonly scoredFolds: number;
  readonly seconds: number;
  /** Which builder finished the net: scale-free (exact-folds.ts), the float planner (planner.ts), or none (one class). */
  readonly builder: "planner" | "scale-free" | "one-class";
  /** Deletions the best line view and the best angular view need (undefined: not computed). */
  readonly lineDeletions?: number;
  readonly angularDeletions?: number;
}

export interface Construction {
  readonly net: Net;
  readonly depth: number;
  /** max(1, floor(m / 2)), m = number of samples. */
  readonly worstCaseBound: number;
  /** The line view's direction a (empty for an angular view or one class). */
  readonly direction: readonly string[];
  /** Which first-layer view the net uses. */
  readonly view: ViewKind;
  /** For an angular view: the projection P (2 x d) and the point p, exactly. */
  readonly plane?: { readonly projection: readonly (readonly string[])[]; readonly point: readonly string[] };
  readonly stats: ConstructStats;
}

/** The builders "auto" tries, in order (docs/construction.md, section 3). */
const AUTO_BUILDERS = ["scale-free", "planner"] as const;

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
    const stats = { ...base, letters: 1, circularRuns: 1, deletions: 0, potentials: [], minGaps: [], precisions: [], wideSearches: 0, screenedFolds: 0, scoredFolds: 0, seconds: (performance.now() - t0) / 1000, builder: "one-class" as const };
    return { net, depth: 1, worstCaseBound: worstCaseBound(m), direction: [], view: "line", stats };
  }

  const mode = opts.plane ? "angular" : (opts.view ?? "auto");
  if (mode === "angular" && data.dim < 2) throw new InputError("bad-argument", "the angular view needs inputs of dimension d >= 2", { field: "view" });
  // The line projection first (it draws from the seeded stream first, so line nets are unchanged).
  const first = mode === "angular" ? undefined : chooseProjection(points, data.dim, rng);
  const lineDeletions = first ? bestArcPlan(first.letters.map((l) => l.label)).deletions.length : undefined;
  // Its own stream: the forced and the automatic angular view are the same view.
  const angular = mode === "line" || data.dim < 2 ? undefined : opts.plane ? givenAngular(points, opts.plane) : chooseAngular(points, data.dim, makeRng(((opts.seed ?? 1) ^ ANGULAR_STREAM) >>> 0), mode === "angular");
  const useAngular = angular !== undefined && (mode === "angular" || (lineDeletions !== undefined && angular.deletions <= lineDeletions - 1));
  // Multi-scale data: when the planner cannot finish a view, the same direction zoomed elsewhere
  // (zoom.ts) is tried next; an angular view that cannot be finished falls back to the line views
  // (unless forced). Deterministic, so the same seed still gives the same net.
  const views: FirstView[] = [];
  if (useAngular) views.push(angular.view);
  if (first && mode !== "angular") views.push(lineView(first), ...alternativeViews(first).map(lineView));
  const extra = { lineDeletions, angularDeletions: angular?.deletions };
  const ctx: BuildContext = { eps, data, base, ln, t0, extra, budget: newWorkBudget() };
  // Builders in the order tried; each tries every view (the first view it finishes wins).
  const builders = opts.builder === "scale-free" || opts.builder === "planner" ? [opts.builder] : AUTO_BUILDERS;
  const reasons: string[] = [];
  for (const kind of builders) {
    let reason: string | undefined; // the first view's failure speaks for the builder
    for (const view of views) {
      try {
        return kind === "planner" ? buildFrom(view, ctx) : buildScaleFree(view, ctx);
      } catch (e) {
        if (!(e instanceof ConstructionFailed)) throw e; // a bug, not "this builder cannot"
        reason ??= e.reason;
      }
    }
    if (reason !== undefined) reasons.push(`${kind}: ${reason}`);
  }
  throw new ConstructionFailed(reasons.length > 0 ? reasons.join("; ") : "no first-layer view");
}

/** The same plan built by exact-folds.ts (integer geometry, precision doubled until it suffices). */
function buildScaleFree(view: FirstView, ctx: BuildContext): Construction {
  const { eps } = ctx;
  const word: Label[] = view.letters.map((l) => l.label);
  const plan = bestArcPlan(word);
  const built = buildExactFolds(view, eps, word, plan.deletions, ctx.budget);
  const specific = { potentials: [], minGaps: [], precisions: built.linear.map(() => built.precision), wideSearches: 0, screenedFolds: 0, scoredFolds: 0, builder: "scale-free" as const };
  return assemble(ctx, { view, linear: built.linear, output: built.output, word, deletions: plan.deletions.length }, specific);
}

type Specific = Pick<ConstructStats, "potentials" | "minGaps" | "precisions" | "wideSearches" | "screenedFolds" | "scoredFolds" | "builder">;

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

/** What both builders share: eps, the data, the LayerNorm layer, timing and the view report. */
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

function buildFrom(view: FirstView, ctx: BuildContext): Construction {
  const { eps } = ctx;
  const word: Label[] = view.letters.map((l) => l.label);
  const plan = bestArcPlan(word);
  const builder = new Builder(view, eps);
  const potentials: number[] = [];
  const minGaps: number[] = [];
  const settled = new Set(word.map((_, i) => i).filter((i) => !plan.deletions.includes(i)));
  const pending = new Set(plan.deletions);
  let wideSearches = 0;
  const counters: PlanCounters = { screened: 0, scored: 0 };
  while (pending.size > 0) {
    // The ideal maps rank the candidates; the simulated rounded net decides. When none of the
    // focused candidates survives rounding, the wide search (every letter, gap, spread) follows.
    const attempt = (wide: boolean) => {
      for (const c of planFold(builder.pre, builder.letters, pending, settled, (id) => word[id] as number, wide, wide ? 400 : 24, counters)) {
        if (builder.tryFold(c.kappa, c.block, c.after, c.s)) return true;
      }
      return false;
    };
    let done = attempt(false);
    if (!done) {
      wideSearches++;
      done = attempt(true);
    }
    if (!done) throw new ConstructionFailed(`no valid fold found with ${pending.size} deletions left (the data may need more than float64 resolution)`);
    for (const id of builder.lastBlock) {
      pending.delete(id);
      settled.add(id);
    }
    potentials.push(builder.potential);
    minGaps.push(builder.minGap);
  }
  const output = builder.finish((id) => word[id] as Label);
  potentials.push(builder.potential);
  const specific = { potentials, minGaps, precisions: builder.precisions, wideSearches, screenedFolds: counters.screened, scoredFolds: counters.scored, builder: "planner" as const };
  return assemble(ctx, { view, linear: builder.linear, output, word, deletions: plan.deletions.length }, specific);
}

/** The net under construction: finalized layers, the simulated state, and the pending view. */
class Builder {
  readonly linear: Simulated["layer"][] = [];
  /** Simulation precision of each finalized layer (bits). */
  readonly precisions: number[] = [];
  letters: Letters;
  pre: PreState;
  potential = 0;
  minGap = 0;
  lastBlock: readonly number[] = [];
  lastSpread = -1;
  private sim: Simulated | undefined;
  private pendingFold: FoldPoint | undefined; // undefined: the pending layer is the first one
  /** Smallest gap (radians) of the pending view: the margin its rounding must respect. */
  private pendingGap: number;
  private cache = new Map<string, Simulated>();

  constructor(
    private readonly view: FirstView,
    private readonly eps: Rational,
  ) {
    const n = view.wFloat.length;
    this.letters = { order: view.ccwOrder, members: view.letters.map((l) => l.points) };
    // Directions of w (for a line view w = (t', 1): t' / r, 1 / r and atan2(1, t') as before).
    const wx = new Float64Array(n);
    const wy = new Float64Array(n);
    const angles = new Float64Array(n);
    view.wFloat.forEach(([w0, w1], p) => {
      const r = Math.hypot(w0, w1);
      wx[p] = w0 / r;
      wy[p] = w1 / r;
      angles[p] = Math.atan2(w1, w0);
    });
    this.pre = { wx, wy, angles, D: new Float64Array(n), Dmin: new Float64Array(n), addDerivative: false, fullCircle: view.fullCircle };
    this.pendingGap = Math.max(Math.min(...evaluate(angles, this.pre.D, this.letters).gaps), 2 ** -1000);
  }

  /** Simulation precision for the pending layer when the next fold sits at distance s. */
  private precisionFor(s: number): number {
    const bitsOf = (x: number) => Math.ceil(-Math.log2(Math.min(1, Math.max(x, 2 ** -4000))));
    return 32 * Math.ceil((96 + bitsOf(s) + 2 * bitsOf(this.pendingGap)) / 32);
  }

  /** Finalize the pending layer with spreading map G(kappa), simulated at precision P. */
  private finalize(kappa: number, P: number): Simulated {
    const key = `${kappa}:${P}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const g = spreadFor(this.pre, kappa);
    const sim =
      this.pendingFold === undefined || this.sim === undefined
        ? firstLayer(g, this.view, this.eps, P)
        : hiddenLayer(g, this.pendingFold, this.sim, this.pendingGap, this.eps, P);
    this.cache.set(key, sim);
    return sim;
  }

  private dAfterSpread(kappa: number): Float64Array {
    return applySpread(this.pre.wx, this.pre.wy, this.pre.D, spreadFor(this.pre, kappa), this.pre.addDerivative).D;
  }

  tryFold(kappa: number, block: readonly number[], after: number, s: number): boolean {
    const P = this.precisionFor(s);
    const sim = this.finalize(kappa, P);
    const { ux, uy } = planeOf(sim.y);
    // The fold point in fixed point: q = c + s d, with c exactly the block's simulated position
    // when the block is one letter (its image direction is then exact).
    const c = blockCenter(ux, uy, this.letters, block, blockMiddle(ux, uy, this.letters, block).u);
    const off = foldOffset(gapMidpoint(ux, uy, this.letters, block, after), c, s);
    const j = (this.letters.members[block[0] as number] as readonly number[])[0] as number;
    const base = block.length === 1 ? sim.Y.slice(3 * j, 3 * j + 3) : fromPlane(c).map((v) => fromFloat(v, P));
    const yq = fromPlane(off).map((v, i) => (base[i] as bigint) + fromFloat(v, P));
    const n = ux.length;
    const vx = new Float64Array(n);
    const vy = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      const u = toPlane([0, 1, 2].map((i) => toFloat((sim.Y[3 * p + i] as bigint) - (yq[i] as bigint), P)));
      vx[p] = u[0];
      vy[p] = u[1];
    }
    const dOut = this.dAfterSpread(kappa);
    const floor = lowerEnvelope(this.pre.Dmin, dOut);
    const v = viewOfVectors(vx, vy, dOut);
    const merged = moveBlock(this.letters, block, after);
    const ev = evaluate(v.angles, excess(v.D, floor), merged);
    if (!ev.valid) return false;
    this.linear.push(sim.layer);
    this.precisions.push(P);
    this.sim = sim;
    this.pendingFold = { yq, P };
    this.pendingGap = Math.min(...ev.gaps);
    this.cache.clear();
    this.letters = merged;
    this.pre = { wx: v.wx, wy: v.wy, angles: v.angles, D: v.D, Dmin: floor, addDerivative: true };
    this.potential = ev.potential;
    this.minGap = Math.log2(this.pendingGap);
    this.lastBlock = block;
    this.lastSpread = kappa;
    return true;
  }

  /** Last spreading map (chosen for the widest final margin) and the output half-plane. */
  finish(labelOf: (id: number) => Label): Simulated["layer"] {
    const ranked: { kappa: number; pot: number }[] = [];
    for (const kappa of FINAL_SPREADS) {
      const sp = applySpread(this.pre.wx, this.pre.wy, this.pre.D, spreadFor(this.pre, kappa), this.pre.addDerivative);
      const pot = this.outputFor(sp.ux, sp.uy, excess(sp.D, lowerEnvelope(this.pre.Dmin, sp.D)), labelOf)?.potential;
      ranked.push({ kappa, pot: pot !== undefined && Number.isFinite(pot) ? pot : Infinity });
    }
    ranked.sort((x, y) => x.pot - y.pot);
    // The ideal map ranks; the rounded, simulated one decides (rounding can move crowded points).
    for (const { kappa } of ranked) {
      const sim = this.finalize(kappa, this.precisionFor(1));
      const { ux, uy } = planeOf(sim.y);
      const dOut = this.dAfterSpread(kappa);
      const out = this.outputFor(ux, uy, excess(dOut, lowerEnvelope(this.pre.Dmin, dOut)), labelOf);
      if (!out) continue;
      const layer = outputLayer(out.normal, out.p0);
      if (!outputSignsOk(layer, sim, this.wants(labelOf))) continue;
      this.linear.push(sim.layer);
      this.precisions.push(sim.P);
      this.potential = out.potential;
      return layer;
    }
    throw new ConstructionFailed("the final configuration is not two arcs (float64 resolution exhausted)");
  }

  /** +1 / -1 per distinct point: the sign its label asks of the output. */
  private wants(labelOf: (id: number) => Label): (1 | -1)[] {
    const out: (1 | -1)[] = new Array<1 | -1>(this.view.wFloat.length).fill(1);
    this.letters.order.forEach((id) => {
      for (const p of this.letters.members[id] as readonly number[]) out[p] = labelOf(id) === 1 ? 1 : -1;
    });
    return out;
  }

  /** The chord through the midpoints of the two label boundaries, and the potential it gives. */
  private outputFor(ux: Float64Array, uy: Float64Array, D: Float64Array, labelOf: (id: number) => Label) {
    const angles = new Float64Array(ux.length);
    for (let p = 0; p < ux.length; p++) angles[p] = Math.atan2(uy[p] as number, ux[p] as number);
    // Letter gaps locate the two label boundaries; correctness is the sign check below (and,
    // for real, the kernel), so a crowded but correctly ordered configuration is still usable.
    const ev = evaluate(angles, D, this.letters);
    const order = this.letters.order;
    const n = order.length;
    const mids: Vec2[] = [];
    let up = -1;
    for (let i = 0; i < n; i++) {
      const a = labelOf(order[i] as number);
      const b = labelOf(order[(i + 1) % n] as number);
      if (a === b) continue;
      const mid = (ev.ends[i] as number) + (ev.gaps[i] as number) / 2;
      if (a === 0) up = mids.length;
      mids.push([Math.cos(mid), Math.sin(mid)]);
    }
    if (mids.length !== 2 || up < 0) return undefined;
    // The chord from the 0 -> 1 boundary to the 1 -> 0 boundary; orient it so label 1 is positive.
    const p0 = mids[up] as Vec2;
    const p1 = mids[1 - up] as Vec2;
    let normal: Vec2 = [-(p1[1] - p0[1]), p1[0] - p0[0]];
    const oneId = order.find((id) => labelOf(id) === 1) as number;
    const po = (this.letters.members[oneId] as readonly number[])[0] as number;
    const side = normal[0] * ((ux[po] as number) - p0[0]) + normal[1] * ((uy[po] as number) - p0[1]);
    if (side < 0) normal = [-normal[0], -normal[1]];
    const len = Math.hypot(normal[0], normal[1]);
    normal = [normal[0] / len, normal[1] / len];
    let potential = -Infinity;
    for (const id of order) {
      const want = labelOf(id) === 1 ? 1 : -1;
      for (const p of this.letters.members[id] as readonly number[]) {
        const y = normal[0] * ((ux[p] as number) - p0[0]) + normal[1] * ((uy[p] as number) - p0[1]);
        if (!(y * want > 0)) return undefined;
        potential = Math.max(potential, (D[p] as number) - Math.log2(Math.abs(y)));
      }
    }
    return { normal, p0, potential };
  }
}

/** Plane coordinates of simulated LN outputs (3 floats per point). */
function planeOf(y: Float64Array): { ux: Float64Array; uy: Float64Array } {
  const n = y.length / 3;
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const u = toPlane(y.subarray(3 * p, 3 * p + 3));
    ux[p] = u[0];
    uy[p] = u[1];
  }
  return { ux, uy };
}
