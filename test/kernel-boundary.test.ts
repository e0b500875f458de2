/**
 * The trusted kernel (src/verify with src/numbers, src/net, src/errors.ts) imports nothing from the
 * producers above it (DESIGN.md lesson 1), and stays small enough to read in one sitting. The other
 * exact checkers (VC certificates, Farkas refutations) import only the kernel and numbers.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const TRUSTED = ["src/verify", "src/numbers", "src/net", "src/errors.ts"];
const EXTERNAL_OK = new Set(["fraction.js"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module a file imports: relative ones resolved to src paths, bare ones as package names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => {
    const spec = m[1] as string;
    return spec.startsWith(".") ? normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts") : spec;
  });
}

const inTrusted = (p: string, roots: string[]) => roots.some((r) => p === r || p.startsWith(r + "/"));

/** The kernel: src/verify and everything it imports, transitively. */
function closure(start: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of importsOf(f)) if (i.startsWith("src/")) todo.push(i);
  }
  return [...seen].sort();
}

describe("kernel boundary", () => {
  const kernel = closure(files("src/verify"));

  it("kernel modules (src/verify and its imports) live in the trusted folders and import only node builtins and fraction.js besides", () => {
    expect(kernel.filter((f) => !inTrusted(f, TRUSTED))).toEqual([]);
    const offenders = kernel.flatMap((f) =>
      importsOf(f)
        .filter((i) => !(i.startsWith("src/") ? inTrusted(i, TRUSTED) : i.startsWith("node:") || EXTERNAL_OK.has(i)))
        .map((i) => `${f} -> ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the kernel is small enough to read in one sitting (< 1900 lines, comments included; the first-order evaluator is ~200 of them)", () => {
    const lines = kernel.reduce((n, f) => n + readFileSync(f, "utf8").split("\n").length, 0);
    expect(lines).toBeLessThan(1900);
  });

  it.each([
    ["src/vc/check.ts", [...TRUSTED]],
    ["src/search/farkas-check.ts", ["src/numbers", "src/errors.ts"]],
  ])("%s imports only trusted code", (file, roots) => {
    const offenders = importsOf(file).filter((i) => i.startsWith("src/") && !inTrusted(i, roots as string[]) && !i.startsWith(relative(".", dirname(file))));
    expect(offenders).toEqual([]);
  });
});
