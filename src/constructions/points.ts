/**
 * Distinct input points: same-label duplicates are one point (they can never be separated and
 * never need to be); a point carrying both labels is an input error naming both rows.
 */
import { InputError } from "../trusted/errors.js";
import { toRationalString, type Rational } from "../trusted/numbers/rational.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";

export interface DistinctPoint {
  readonly x: readonly Rational[];
  readonly label: Label;
  /** Indices of the samples at this point. */
  readonly samples: readonly number[];
}

/** Where sample i came from: its line in the source file, or its row. */
export const sampleWhere = (data: Dataset, i: number): string => {
  const line = data.samples[i]?.line;
  return line !== undefined ? `line ${line}` : `row ${i + 1}`;
};

export function distinctPoints(data: Dataset): DistinctPoint[] {
  if (data.samples.length === 0) throw new InputError("empty-data", "no samples");
  const byKey = new Map<string, { x: readonly Rational[]; label: Label; samples: number[] }>();
  data.samples.forEach((s, i) => {
    if (s.x.length !== data.dim) {
      throw new InputError("dimension-mismatch", `sample has ${s.x.length} coordinates, expected ${data.dim}`, { line: s.line });
    }
    const key = s.x.map(toRationalString).join(",");
    const p = byKey.get(key);
    if (!p) {
      byKey.set(key, { x: s.x, label: s.label, samples: [i] });
    } else if (p.label !== s.label) {
      const first = p.samples[0]!; // created with one sample
      throw new InputError(
        "conflicting-duplicates",
        `the same point (${key}) has label ${p.label} at ${sampleWhere(data, first)} and label ${s.label} at ${sampleWhere(data, i)}: no classifier can fit both`,
        { line: s.line },
      );
    } else {
      p.samples.push(i);
    }
  });
  return [...byKey.values()];
}
