/** How a claim's verdict reads in tables and reports. */
import type { ClaimResult } from "../claims/claim.js";

export const verdictWord = (r: ClaimResult): string => (r.holds ? "holds" : "DOES NOT HOLD");
