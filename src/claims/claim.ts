/**
 * A paper claim as lnnet checks it: the paper's wording, what lnnet certifies, defaults, and a run
 * that returns measured evidence and a verdict. Adding a claim is adding one module (cN.ts) to the
 * registry; its tables and plots are drawn by src/report.
 */

export interface Plot {
  /** File name stem, e.g. "c1-depth-vs-m". */
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

export interface Artifact {
  /** File name, e.g. "c2-shatter-L3.json". */
  readonly name: string;
  readonly text: string;
}

export interface ClaimEvidence {
  readonly holds: boolean;
  /** One line for the table: what lnnet measured. */
  readonly summary: string;
  /** Structured figures (for --json and the report). */
  readonly measured: Record<string, unknown>;
  /** Markdown body for the report (tables, notes on what is out of reach). */
  readonly details?: string;
  readonly plots?: readonly Plot[];
  /** Certificates and data produced along the way. */
  readonly artifacts?: readonly Artifact[];
}

export interface ClaimRunOptions {
  /** The CI-sized run (the whole reproduce --quick under a minute). */
  readonly quick: boolean;
  /** The larger runs that do not fit the default's minute on 2 cores (`reproduce --full`). */
  readonly full?: boolean;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number, what: string) => void;
  /**
   * Test hook: make the claim's check consume a deliberately wrong artifact (e.g. a net with its
   * output negated), to show that a failing check flips the verdict. Never set in normal runs.
   */
  readonly sabotage?: boolean;
}

export interface Claim {
  readonly id: string;
  readonly title: string;
  /** The paper's claim (abstract wording). */
  readonly paper: string;
  /** What lnnet certifies for it. */
  readonly statement: string;
  run(opts: ClaimRunOptions): Promise<ClaimEvidence>;
}

export interface ClaimResult {
  readonly id: string;
  readonly title: string;
  readonly paper: string;
  readonly statement: string;
  readonly holds: boolean;
  readonly summary: string;
  readonly measured: Record<string, unknown>;
  readonly seconds: number;
  readonly evidence: ClaimEvidence;
  /** Set when the run itself failed (an exception): the claim does not hold. */
  readonly error?: string;
}

/**
 * A claim's computation as a library call (C3-C5, for notebooks and tests): the measured evidence, a
 * boolean verdict with the rule that decides it in words, and the plots as SVG text by file name.
 */
export interface ClaimRun<E> {
  readonly id: string;
  readonly verdict: boolean;
  /** How the verdict is decided, in words. */
  readonly rule: string;
  readonly evidence: E;
  readonly svgs: Record<string, string>;
  readonly seconds: number;
}
