/** Argument parsing on top of node:util parseArgs, turning its errors into InputErrors. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../trusted/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  /** Flags by long name: string for `type: "string"`, true for booleans, undefined when absent. */
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Thrown when a command is asked for --help; main prints the usage and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super("help requested");
    this.name = "HelpRequested";
  }
}

export function parseCommandArgs(argv: string[], options: Options, usage: string): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(usage);
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as ParsedArgs["values"], positionals: r.positionals };
  } catch (e) {
    throw new InputError("bad-argument", `${(e as Error).message}\nusage: ${usage}`);
  }
}

export function requirePositionals(positionals: string[], names: string[], usage: string): string[] {
  if (positionals.length !== names.length) {
    throw new InputError("bad-argument", `expected ${names.join(" ")}, got ${positionals.length} argument(s)\nusage: ${usage}`);
  }
  return positionals;
}

/** A positive integer option, with a clear error naming the flag. */
/** A string flag's value (undefined when absent). */
export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function intOption(value: string | boolean | undefined, flag: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new InputError("bad-argument", `${flag} needs a value`, { field: flag });
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError("bad-argument", `${flag} must be an integer in [${min}, ${max}], got "${value}"`, { field: flag });
  }
  return Number(value);
}
