/** The claims lnnet reproduces, in order. Adding a claim is adding its module here. */
import type { Claim } from "./claim.js";

export const CLAIMS: readonly Claim[] = [];
