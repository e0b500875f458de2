/**
 * Typed errors. Library code throws them; only the CLI turns them into exit codes
 * (0 holds, 1 does not hold / undecided, 2 bad input, 3 internal error).
 */

/** Where in the user's input a problem sits. Every field is optional; fill what is known. */
export interface InputLocation {
  file?: string;
  line?: number;
  column?: number;
  /** JSON path such as `layers[2].weight[0][1]`. */
  field?: string;
  layer?: number;
}

export type InputErrorCode =
  // malformed numbers, files and shapes
  | "bad-number" | "bad-json" | "bad-format" | "bad-shape" | "bad-csv" | "bad-label" | "bad-certificate" | "bad-spec"
  // data that parses but does not fit
  | "conflicting-duplicates" | "empty-data" | "dimension-mismatch"
  // the command line
  | "bad-argument" | "file-not-found";

/** Bad user input: the message names the file, line, column, layer or field involved. */
export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly location: InputLocation;
  constructor(code: InputErrorCode, message: string, location: InputLocation = {}) {
    super(formatLocation(location) + message);
    this.name = "InputError";
    this.code = code;
    this.location = location;
  }
  /** The same error seen from an enclosing context (e.g. add the file name). */
  within(outer: InputLocation): InputError {
    const merged: InputLocation = { ...outer, ...this.location };
    if (outer.field && this.location.field) merged.field = `${outer.field}.${this.location.field}`;
    return new InputError(this.code, this.bareMessage(), merged);
  }
  bareMessage(): string {
    return this.message.slice(formatLocation(this.location).length);
  }
}

/** "file, line 3, column 2, layer 1, field x: " with the parts that are known, in this order. */
function formatLocation(loc: InputLocation): string {
  const parts = (["file", "line", "column", "layer", "field"] as const).filter((k) => loc[k] !== undefined).map((k) => (k === "file" ? loc.file : `${k} ${loc[k]}`));
  return parts.length ? parts.join(", ") + ": " : "";
}
