/** The claims lnnet reproduces, in order. Adding a claim is adding its module here. */
import type { Claim } from "./claim.js";
import { c1 } from "./c1.js";
import { c2 } from "./c2.js";
import { c3 } from "./c3.js";
import { c4 } from "./c4.js";
import { c5 } from "./c5.js";

export const CLAIMS: readonly Claim[] = [c1, c2, c3, c4, c5];
