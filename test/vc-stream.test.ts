/** Streamed certificates (src/vc/stream.ts): shatter -o, vc check and vc merge never hold all nets. */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempFiles } from "./helpers/cli.js";
import { shatter } from "../src/vc/shatter.js";
import { checkShatterFile } from "../src/vc/check-parallel.js";
import { mergeShatterFiles } from "../src/vc/merge.js";
import { openShatterStream } from "../src/vc/stream.js";
import { serializeShatter } from "../src/vc/format.js";
import { circlePoints } from "../src/vc/point-sets.js";
import { InputError } from "../src/trusted/errors.js";
import fc from "fast-check";
import { LabelingBits } from "../src/vc/covered.js";
import { missingLabelings } from "../src/trusted/checkers/shatter.js";
import { labelingString } from "../src/vc/labelings.js";

const dir = tempFiles({});

describe("streamed certificates", () => {
  it("a streamed certificate is the in-memory one (same head and entries, in order), and vc check accepts it", async () => {
    for (const [name, opts] of [["line", { depth: 3 }], ["plane", { depth: 2, points: circlePoints(7) }]] as const) {
      const path = join(dir, `${name}.json`);
      const mem = await shatter(opts);
      const streamed = await shatter({ ...opts, output: path, summarize: (r) => ({ seconds: r.seconds }) });
      expect(streamed.certificate.entries).toEqual([]);
      expect(streamed.entryCount).toBe(mem.certificate.entries.length);
      const parsed = JSON.parse(readFileSync(path, "utf8")) as typeof mem.certificate;
      const { summary, ...rest } = parsed;
      expect(rest).toEqual(mem.certificate);
      expect(typeof summary?.seconds).toBe("number");
      const s = openShatterStream(path);
      expect([...s.entries()]).toEqual(mem.certificate.entries);
      const r = await checkShatterFile(path, { workers: 1 });
      expect(r.ok).toBe(true);
      expect(r.covered).toBe(r.labelings);
    }
  });

  it("other JSON layouts are read whole; a tail with more than the summary, or a truncated file, is bad input", async () => {
    const cert = (await shatter({ depth: 2 })).certificate;
    const pretty = join(dir, "pretty.json");
    writeFileSync(pretty, JSON.stringify(cert, null, 2));
    expect((await checkShatterFile(pretty, { workers: 1 })).ok).toBe(true);
    const text = serializeShatter(cert);
    const sneaky = join(dir, "sneaky.json");
    writeFileSync(sneaky, text.replace(/\]\}\n$/, `],"points":{"inputDim":1,"x":[["0"]]}}\n`));
    await expect(checkShatterFile(sneaky, { workers: 1 })).rejects.toThrow(InputError);
    const cut = join(dir, "cut.json");
    writeFileSync(cut, text.slice(0, text.lastIndexOf("\n  {")));
    await expect(checkShatterFile(cut, { workers: 1 })).rejects.toThrow(/not closed|not valid JSON/);
  });

  it("shards streamed to files and merged streaming equal the unsharded certificate (plane, 3 shards)", async () => {
    const points = circlePoints(7);
    const whole = join(dir, "whole.json");
    await shatter({ depth: 2, points, output: whole });
    const parts = [0, 1, 2].map((i) => join(dir, `part${i}.json`));
    for (const [i, p] of parts.entries()) await shatter({ depth: 2, points, shard: { index: i, count: 3 }, output: p });
    const merged = join(dir, "merged.json");
    expect(mergeShatterFiles(parts, merged)).toBe(64);
    expect([...openShatterStream(merged).entries()]).toEqual([...openShatterStream(whole).entries()]);
    expect(() => mergeShatterFiles(parts.slice(0, 2), join(dir, "m2.json"))).toThrow(/missing shard/);
    expect(() => mergeShatterFiles(parts, parts[0]!)).toThrow(/must not be one of/);
  });

  it("CLI: vc shatter --dim 2 in two shards, vc merge, vc check (exit 0)", () => {
    const a = join(dir, "s0.json");
    const b = join(dir, "s1.json");
    const all = join(dir, "all.json");
    expect(runCli(["vc", "shatter", "--depth", "1", "--dim", "2", "--shard", "0/2", "-o", a]).code).toBe(0);
    expect(runCli(["vc", "shatter", "--depth", "1", "--dim", "2", "--shard", "1/2", "-o", b]).code).toBe(0);
    expect(runCli(["vc", "merge", a, b, "-o", all]).code).toBe(0);
    const c = runCli(["vc", "check", all, "--workers", "2"]);
    expect(c.stdout).toMatch(/32\/32 labelings of 5 points[^]*s VERIFIED/);
    expect(c.code).toBe(0);
    expect(runCli(["vc", "shatter", "--depth", "1", "--points", a, "--dim", "2"]).code).toBe(2);
  });
});

describe("covered labelings as bits", () => {
  it("has exactly what was added (in either slice), and the checker's coverage test agrees with a set of strings", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.nat(), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 60 }), (m, xs, ys) => {
        const a = new LabelingBits(m);
        const b = new LabelingBits(m);
        const set = new Set<string>();
        const put = (into: LabelingBits, v: number): void => {
          set.add(labelingString(v % 2 ** m, m));
          into.add(labelingString(v % 2 ** m, m));
        };
        xs.forEach((x) => put(a, x));
        ys.forEach((y) => put(b, y));
        a.or(b.bits);
        for (let mask = 0; mask < 2 ** m; mask++) if (a.has(labelingString(mask, m)) !== set.has(labelingString(mask, m))) return false;
        return a.size === set.size && JSON.stringify(missingLabelings(m, a)) === JSON.stringify(missingLabelings(m, set)) && !a.has("2".repeat(m)) && !a.has("0".repeat(m + 1));
      }),
      { seed: 14, numRuns: 200 },
    );
  });
});
