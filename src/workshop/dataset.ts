/** Building a dataset from points and labels (producers' helper; the CSV and JSON parsers build their own). */
import { InputError } from "../trusted/errors.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";
import type { Rational } from "../trusted/numbers/rational.js";

export function makeDataset(points: readonly (readonly Rational[])[], labels: readonly Label[]): Dataset {
  const first = points[0];
  if (first === undefined) throw new InputError("empty-data", "no samples");
  if (points.length !== labels.length) throw new RangeError("points and labels differ in length");
  return { dim: first.length, samples: points.map((x, i) => ({ x, label: labels[i]! })) }; // i < points.length = labels.length
}
