/** The construction's fixed layers: the LayerNorm after every linear layer, and the one-class output. */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { LayerNormLayer, LinearLayer } from "../trusted/net/model.js";

export const lnLayer = (eps: Rational): LayerNormLayer => ({ type: "layernorm", groups: 1, eps });

/** A constant output (one class): y = +1 or -1 whatever the input. */
export function constantOutput(label: 0 | 1): LinearLayer {
  return { type: "linear", weight: [[rat(0), rat(0), rat(0)]], bias: [rat(label === 1 ? 1 : -1)] };
}
