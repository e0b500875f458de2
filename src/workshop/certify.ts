/**
 * Produce, then certify: the loop every producer of nets for a labeled point set runs (vc shattering
 * and search, the conjecture search). Candidates come lazily (a construction, fitted restarts, ...);
 * the first one its checker certifies wins. Nothing here decides: the checker passed in does.
 */
import type { Label } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";
import type { Rational } from "../trusted/numbers/rational.js";
import { decideSample, PreparedNets, type Verdict } from "../trusted/verify/decide.js";
import { ACCELERATORS } from "../trusted/fast/index.js";

export interface NetCertification {
  readonly ok: boolean;
  /** Per sample: the precision at which the kernel decided (0 = exactly). */
  readonly bits: readonly number[];
  /** First sample not certified correct, with the kernel's verdict. */
  readonly failure?: { readonly sample: number; readonly verdict: Verdict };
}

/** The kernel on every point (stopping at the first one not certified correct). */
export function certifyOnPoints(net: Net, points: readonly (readonly Rational[])[], labels: readonly Label[], maxBits: number): NetCertification {
  const nets = new PreparedNets(net, ACCELERATORS);
  const bits: number[] = [];
  if (labels.length !== points.length) throw new Error(`certifyOnPoints: ${points.length} points but ${labels.length} labels`);
  for (const [i, x] of points.entries()) {
    const d = decideSample(nets, x, labels[i]!, { startBits: 53, maxBits }); // one label per point (checked above)
    if (d.verdict !== "correct") return { ok: false, bits, failure: { sample: i, verdict: d.verdict } };
    bits.push(d.bits);
  }
  return { ok: true, bits };
}

/** The first candidate that `certify` accepts (returns a value for), with that value; later candidates are never produced. */
export function firstCertified<C, R>(candidates: Iterable<C>, certify: (c: C) => R | undefined): { readonly candidate: C; readonly certification: R } | undefined {
  for (const candidate of candidates) {
    const certification = certify(candidate);
    if (certification !== undefined) return { candidate, certification };
  }
  return undefined;
}
