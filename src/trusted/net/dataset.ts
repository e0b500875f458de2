/** Labeled datasets (the CSV codec is in csv.ts). */
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
