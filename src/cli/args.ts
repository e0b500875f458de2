/**
 * Argument parsing on top of node:util parseArgs, turning its errors into InputErrors, and the
 * per-command help built from the same option table (every option, its default, one example).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../trusted/errors.js";
import { parseRational, sign, type Rational } from "../trusted/numbers/rational.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  /** Flags by long name: string for `type: "string"`, true for booleans, undefined when absent. */
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** One option of a command: how it parses and how help describes it. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The value's placeholder in help (`N`, `FILE`); string options only. */
  readonly arg?: string;
  /** The default, as help prints it (omit for flags and options without one). */
  readonly default?: string;
  readonly help: string;
}

/** A command (or `vc` subcommand) as help describes it. */
export interface CommandSpec {
  /** `verify`, `vc shatter`. */
  readonly name: string;
  /** The positional part of the usage line, e.g. `NET.json DATA.csv`. */
  readonly args: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
  /** Extra paragraphs (what the output means). */
  readonly notes?: string;
}

/** Options most commands share. */
export const COMMON = {
  json: { type: "boolean", help: "print one JSON object on stdout instead of text (errors too: {\"error\": ..., \"exit\": 2})" },
  quiet: { type: "boolean", help: "no progress on stderr (default: a bar on a TTY, else a line every ~10 s)" },
  reference: { type: "boolean", help: "run the kernel's reference path only (no accelerators): slower, the same verdicts" },
} as const satisfies Record<string, OptionSpec>;

/** Thrown when a command is asked for --help; main prints the text and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly text: string) {
    super("help requested");
    this.name = "HelpRequested";
  }
}

const flagOf = (name: string, o: OptionSpec): string => `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.arg ?? "VALUE"}` : ""}`;

export const usageLine = (spec: CommandSpec): string => `lnnet ${spec.name}${spec.args ? ` ${spec.args}` : ""}${Object.keys(spec.options).length ? " [options]" : ""}`;

/** `lnnet CMD --help`: usage, what it does, every option with its default, examples. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => [flagOf(name, o), o.help + (o.default !== undefined ? ` (default: ${o.default})` : "")] as const);
  const w = Math.min(30, Math.max(0, ...rows.map(([f]) => f.length)));
  const opts = rows.map(([f, h]) => `  ${f.padEnd(w)}  ${h}`).join("\n");
  return [
    `usage: ${usageLine(spec)}`,
    "",
    spec.summary,
    ...(rows.length ? ["", "options:", opts] : []),
    ...(spec.notes ? ["", spec.notes] : []),
    "",
    spec.examples.length > 1 ? "examples:" : "example:",
    ...spec.examples.map((e) => `  ${e}`),
    "",
    "output: detail lines `c ...`, then one verdict line `s ...` (README, \"Output grammar\"); exit 0 holds, 1 does not hold or undecided, 2 bad input, 3 internal error",
  ].join("\n");
}

/** Parse argv against a command's option table (`--help`/`-h` anywhere prints its help). */
export function parseCommand(argv: string[], spec: CommandSpec): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(helpText(spec));
  const options: Options = Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
  return parseWith(argv, options, usageLine(spec));
}

/** Older form: an option table without help texts, and a usage line. */
export function parseCommandArgs(argv: string[], options: Options, usage: string): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(`usage: ${usage}`);
  return parseWith(argv, options, usage);
}

function parseWith(argv: string[], options: Options, usage: string): ParsedArgs {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as ParsedArgs["values"], positionals: r.positionals };
  } catch (e) {
    throw new InputError("bad-argument", `${(e as Error).message}\nusage: ${usage}`);
  }
}

export function requirePositionals(positionals: string[], names: string[], usage: string): string[] {
  if (positionals.length !== names.length) {
    throw new InputError("bad-argument", `expected ${names.length ? names.join(" ") : "no arguments"}, got ${positionals.length} argument(s)${positionals.length ? ` (${positionals.join(" ")})` : ""}\nusage: ${usage}`);
  }
  return positionals;
}

/** A string flag's value (undefined when absent). */
export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** An integer option in [min, max], with a clear error naming the flag. */
export function intOption(value: string | boolean | undefined, flag: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new InputError("bad-argument", `${flag} needs a value`, { field: flag });
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError("bad-argument", `${flag} must be an integer in [${min}, ${max}], got "${value}"`, { field: flag });
  }
  return Number(value);
}

/** `--eps E`: an exact number >= 0 (the error blames the option, not a data file). */
export function epsOption(value: string | boolean | undefined, flag = "--eps"): Rational | undefined {
  if (value === undefined) return undefined;
  const e = parseRational(String(value), { field: flag });
  if (sign(e) < 0) throw new InputError("bad-argument", `${flag} must be >= 0, got "${String(value)}"`, { field: flag });
  return e;
}

/** Only one thing may go to stdout: `--json`, or one output path `-`. */
export function oneStdout(values: { json?: string | boolean | undefined }, paths: readonly (string | undefined)[]): void {
  const n = paths.filter((p) => p === "-").length + (values.json ? 1 : 0);
  if (n > 1) throw new InputError("bad-argument", "only one of --json and the outputs given as - can use stdout", { field: "-" });
}
