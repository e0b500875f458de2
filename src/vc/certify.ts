/** The kernel's verdict on one candidate net for one labeling: every sample must be certified correct. */
import type { Label } from "../trusted/net/dataset.js";
import { depthOf, widthOf, type Net } from "../trusted/net/model.js";
import { decideSample, PreparedNets, type Verdict } from "../trusted/verify/decide.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import type { Points } from "./labelings.js";
import type { Producer } from "./producer.js";

export interface NetCertification {
  readonly ok: boolean;
  /** Per sample: the precision at which the kernel decided (0 = exactly). */
  readonly bits: readonly number[];
  /** First sample not certified correct, with the kernel's verdict. */
  readonly failure?: { readonly sample: number; readonly verdict: Verdict };
}

export function certifyNet(net: Net, points: Points, labels: readonly Label[], maxBits: number): NetCertification {
  const nets = new PreparedNets(net, ACCELERATORS);
  const bits: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const d = decideSample(nets, points[i]!, labels[i]!, { startBits: 53, maxBits });
    if (d.verdict !== "correct") return { ok: false, bits, failure: { sample: i, verdict: d.verdict } };
    bits.push(d.bits);
  }
  return { ok: true, bits };
}

export interface ProducedNet {
  readonly net: Net;
  readonly bits: readonly number[];
  /** Producer attempts used (1 = first try). */
  readonly attempts: number;
}

/**
 * Ask the producers in turn (each up to `attempts` times) for a net within the class (width <= 3,
 * depth <= `depth`) that the kernel certifies on every sample. Undefined when none succeeds.
 */
export function produceCertified(
  producers: readonly Producer[],
  points: Points,
  labels: readonly Label[],
  depth: number,
  opts: { maxBits: number; attempts?: number; width?: number },
): ProducedNet | undefined {
  const attempts = opts.attempts ?? 3;
  for (const produce of producers) {
    for (let a = 0; a < attempts; a++) {
      const net = produce(points, labels, depth, a);
      if (!net) continue; // e.g. too few bits for the design: the next attempt spends more
      if (depthOf(net) > depth || widthOf(net) > (opts.width ?? 3)) break;
      const c = certifyNet(net, points, labels, opts.maxBits);
      if (c.ok) return { net, bits: c.bits, attempts: a + 1 };
    }
  }
  return undefined;
}
