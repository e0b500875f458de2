/**
 * The trusted tree (src/trusted) is the only code whose correctness a verdict rests on. Two rules,
 * checked over every file in it:
 *  1. nothing in src/trusted imports from outside it (besides node builtins and fraction.js);
 *  2. the reference path (src/trusted without its accelerators in src/trusted/fast and without the
 *     input-format parsers) stays readable in one sitting: at most 1,500 lines of code (the reference
 *     path as issue 15 lists it: number types, rigorous intervals, interval evaluator, precision ladder,
 *     checkers and verdicts). The parsers of the lnnet/v1 and CSV formats are trusted too and are counted
 *     under their own budget of 150 lines, so nothing in the trusted tree goes uncounted. Comment and
 *     blank lines are not counted, so proofs in comments cost nothing; neither limit is ever raised.
 * And the reference path does not import the accelerators: they are plugged in from outside
 * (src/trusted/fast/index.ts), so `--reference` runs contain no fast code at all.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const TRUSTED = "src/trusted";
const FAST = "src/trusted/fast";
const EXTERNAL_OK = new Set(["fraction.js"]);
const REFERENCE_LIMIT = 1500;
/** The input-format parsers (trusted, outside the reference path's count, with their own budget). */
const FORMATS = ["src/trusted/net/csv.ts", "src/trusted/net/format.ts", "src/trusted/net/json-fields.ts"];
const FORMATS_LIMIT = 150;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module a file imports: relative ones resolved to src paths, bare ones as package names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/gm)].map((m) => {
    const spec = (m[1] ?? m[2]) as string;
    return spec.startsWith(".") ? normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts") : spec;
  });
}

const under = (p: string, root: string): boolean => p === root || p.startsWith(root + "/");

/** Lines that are neither blank nor comment-only (line comments, block-comment lines). */
export function codeLines(text: string): number {
  return text.split("\n").filter((l) => !/^\s*$|^\s*(\/\/|\/\*|\*)/.test(l)).length;
}

describe("trusted tree", () => {
  const trusted = files(TRUSTED);
  const reference = trusted.filter((f) => !under(f, FAST) && !FORMATS.includes(f));

  it("imports nothing from outside src/trusted (node builtins and fraction.js aside)", () => {
    const offenders = trusted.flatMap((f) =>
      importsOf(f)
        .filter((i) => !(i.startsWith("src/") ? under(i, TRUSTED) : i.startsWith("node:") || EXTERNAL_OK.has(i)))
        .map((i) => `${f} -> ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the reference path does not import the accelerators", () => {
    const offenders = trusted.filter((f) => !under(f, FAST)).flatMap((f) => importsOf(f).filter((i) => under(i, FAST)).map((i) => `${f} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it(`the reference path is at most ${REFERENCE_LIMIT} lines of code`, () => {
    const counts = reference.map((f) => [f, codeLines(readFileSync(f, "utf8"))] as const);
    const total = counts.reduce((n, [, c]) => n + c, 0);
    expect(total, counts.map(([f, c]) => `${c} ${f}`).join("\n")).toBeLessThanOrEqual(REFERENCE_LIMIT);
  });

  it(`the input-format parsers are at most ${FORMATS_LIMIT} lines of code`, () => {
    for (const f of FORMATS) expect(trusted).toContain(f);
    const total = FORMATS.reduce((n, f) => n + codeLines(readFileSync(f, "utf8")), 0);
    expect(total).toBeLessThanOrEqual(FORMATS_LIMIT);
  });

  it("the line counter counts code, not comments", () => {
    expect(codeLines("/**\n * a\n */\nconst a = 1; // x\n\n// y\nlet b;\n")).toBe(2);
  });

  it("proven verdict words are printed only from text the trusted tree produced", () => {
    // Producers and the CLI may print VERIFIED/CERTIFIED/REFUTED only through trusted/verdict.ts.
    const offenders = files("src")
      .filter((f) => !under(f, TRUSTED))
      .filter((f) => /["'`]s (VERIFIED|CERTIFIED|REFUTED)\b/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
