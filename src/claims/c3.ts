/**
 * Claim C3: LN is nonlinear. LSSR exact for rational data; affine maps never lower it (proof in
 * docs/nonlinearity.md, exact spot checks here); one LN layer lowers it on certified witnesses.
 */
import { affineSpotCheck } from "../nonlinearity/affine-check.js";
import { afterBounds } from "../nonlinearity/witness-bounds.js";
import { collapseWitness, gaussianWitness, xorWitness } from "../nonlinearity/witness.js";
import { c3Details, c3Svgs, C3_PLOT_TITLES } from "../report/c3.js";
import { lssrToString } from "../nonlinearity/ssr.js";
import type { Claim, ClaimEvidence, ClaimRun } from "./claim.js";
import { evidenceFromRun } from "./from-run.js";

export interface C3Evidence {
  readonly witnesses: { name: string; description: string; before: string; afterLo: string; afterHi: string; lowered: boolean }[];
  /** Random rational datasets x random rational affine maps checked exactly; violations found. */
  readonly affineChecks: number;
  readonly affineViolations: number;
}

const RULE =
  "every witness is certified lowered (upper bound after < exact value before) and no exact affine spot check lowers LSSR (the general statement is proven in docs/nonlinearity.md)";

/** The C3 computation (library entry point, also used by the notebooks). */
export function runC3(opts: { quick?: boolean; seed?: number } = {}): ClaimRun<C3Evidence> {
  const t0 = performance.now();
  const seed = opts.seed ?? 1;
  const ws = [collapseWitness(), xorWitness(seed, opts.quick ? 800 : 3000), gaussianWitness(7, opts.quick ? 24 : 40, opts.quick ? 600 : 2000)];
  const checks = opts.quick ? 200 : 1000;
  const violations = affineSpotCheck(checks, seed);
  const bounded = ws.map((w) => ({ w, b: afterBounds(w) }));
  const witnesses = bounded.map(({ w, b }) => ({ name: w.name, description: w.description, before: lssrToString(w.before), afterLo: b.lo, afterHi: b.hi, lowered: w.lowered }));
  const points = bounded.map(({ w, b }) => ({ name: w.name, before: w.before === "inf" ? null : w.before.valueOf(), afterLo: b.loNum, afterHi: b.hiNum }));
  return {
    id: "C3",
    verdict: ws.every((w) => w.lowered) && violations === 0,
    rule: RULE,
    evidence: { witnesses, affineChecks: checks, affineViolations: violations },
    svgs: c3Svgs(points),
    seconds: (performance.now() - t0) / 1000,
  };
}

export const c3: Claim = {
  id: "C3",
  title: "LN is nonlinear (SSR/LSSR)",
  paper: "LN-Nets break a bound that every linear map respects (SSR / LSSR)",
  statement: "LSSR exact for rational data; affine maps never lower it (proof + exact spot checks); one LN layer lowers it on certified witnesses, down to 0",
  async run({ quick, seed }): Promise<ClaimEvidence> {
    const r = runC3({ quick, seed });
    const e = r.evidence;
    return evidenceFromRun(r, C3_PLOT_TITLES, {
      summary: `${e.witnesses.filter((w) => w.lowered).length}/${e.witnesses.length} witnesses certified lowered (collapse to ${e.witnesses[0]?.afterHi}); ${e.affineViolations}/${e.affineChecks} affine violations`,
      measured: { witnesses: e.witnesses, affineChecks: e.affineChecks, affineViolations: e.affineViolations, rule: r.rule },
      details: c3Details(e, r.rule),
    });
  },
};
