/** The claims lnnet reproduces, in order. Adding a claim is adding its module here. */
import type { Claim } from "./claim.js";
import { c1 } from "./c1.js";
import { c2 } from "./c2.js";
import { c3, c4, c5 } from "./nonlinearity-claims.js";

export const CLAIMS: readonly Claim[] = [c1, c2, c3, c4, c5];
