/** Ask the vc producers for a net of the class that the kernel certifies on one labeling (src/workshop/certify.ts). */
import type { Label } from "../trusted/net/dataset.js";
import { depthOf, widthOf, type Net } from "../trusted/net/model.js";
import { certifyOnPoints, firstCertified, type NetCertification } from "../workshop/certify.js";
import type { Points } from "./labelings.js";
import type { Producer } from "./producer.js";

export { certifyOnPoints as certifyNet, type NetCertification } from "../workshop/certify.js";

export interface ProducedNet {
  readonly net: Net;
  readonly bits: readonly number[];
  /** Producer attempts used (1 = first try). */
  readonly attempts: number;
}

/** Each producer's nets, `attempts` times; a net outside the class ends that producer's turn. */
function* candidates(producers: readonly Producer[], points: Points, labels: readonly Label[], depth: number, attempts: number, width: number): Generator<{ net: Net; attempt: number }> {
  for (const produce of producers) {
    for (let a = 0; a < attempts; a++) {
      const net = produce(points, labels, depth, a);
      if (!net) continue; // e.g. too few bits for the design: the next attempt spends more
      if (depthOf(net) > depth || widthOf(net) > width) break;
      yield { net, attempt: a };
    }
  }
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
  const found = firstCertified(candidates(producers, points, labels, depth, opts.attempts ?? 3, opts.width ?? 3), (c): NetCertification | undefined => {
    const r = certifyOnPoints(c.net, points, labels, opts.maxBits);
    return r.ok ? r : undefined;
  });
  return found && { net: found.candidate.net, bits: found.certification.bits, attempts: found.candidate.attempt + 1 };
}
