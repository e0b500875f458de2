/** Labeled datasets (the CSV codec is in csv.ts). */
import { InputError } from "../errors.js";
import type { Rational } from "../numbers/rational.js";

export type Label = 0 | 1;

export interface Sample {
  readonly x: readonly Rational[];
  readonly label: Label;
  /** 1-based line in the source file, when known (for error messages). */
  readonly line?: number;
}

export interface Dataset {
  readonly dim: number;
  readonly samples: readonly Sample[];
}

export function makeDataset(points: readonly (readonly Rational[])[], labels: readonly Label[]): Dataset {
  const first = points[0];
  if (first === undefined) throw new InputError("empty-data", "no samples");
  if (points.length !== labels.length) throw new RangeError("points and labels differ in length");
  return { dim: first.length, samples: points.map((x, i) => ({ x, label: labels[i]! })) }; // i < points.length = labels.length
}
