/**
 * The one place where the search reaches the C1 construction (src/constructions, issue 3).
 * If it is ever unwired (construct = undefined), the conjecture `construction-within-bound` reports
 * that it cannot run (never a silent pass).
 */
import { constructNet } from "../constructions/index.js";
import type { Rational } from "../trusted/numbers/rational.js";
import type { Dataset } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";

export interface Constructed {
  readonly net: Net;
  readonly depth: number;
}
export type Construct = (data: Dataset, opts: { eps: Rational; seed: number }) => Constructed;

export const construct: Construct | undefined = (data, opts) => {
  const c = constructNet(data, { eps: opts.eps, seed: opts.seed });
  return { net: c.net, depth: c.depth };
};
