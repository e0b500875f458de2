/**
 * The one place where the search reaches the C1 construction (src/constructions, issue 3).
 * Until that module exports its entry point, `construct` is undefined and the conjecture
 * `construction-within-bound` reports that it cannot run (never a silent pass).
 * Switch: replace the body below with a call to the construction's entry point.
 */
import type { Rational } from "../numbers/rational.js";
import type { Dataset } from "../net/dataset.js";
import type { Net } from "../net/model.js";

export interface Constructed {
  readonly net: Net;
  readonly depth: number;
}
export type Construct = (data: Dataset, opts: { eps: Rational; seed: number }) => Constructed;

export const construct: Construct | undefined = undefined;
