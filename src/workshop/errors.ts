/**
 * "This builder cannot": the one failure a producer may answer with instead of a net (data beyond its
 * reach, precision or work budget exhausted). Only this error makes `constructNet` try the next builder
 * or view and makes the CLI say "construction-failed"; any other error is a bug (a broken invariant)
 * and propagates as an internal error.
 */
export class ConstructionFailed extends Error {
  constructor(message: string) {
    super(`construct: ${message}`);
    this.name = "ConstructionFailed";
  }
  /** The reason without the "construct: " prefix. */
  get reason(): string {
    return this.message.replace(/^construct: /, "");
  }
}

/** A producer's answer: the built value, or undefined when the builder cannot (any other error propagates). */
export function constructOrUndefined<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (e) {
    if (e instanceof ConstructionFailed) return undefined;
    throw e;
  }
}
