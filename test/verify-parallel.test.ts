/** Sample-parallel verification gives the same decisions as the single-threaded kernel run. */
import { describe, expect, it } from "vitest";
import { verifyDatasetParallel } from "../src/parallel/verify-parallel.js";
import { verifyDataset } from "../src/trusted/verify/verify-dataset.js";
import { makeDataset } from "../src/trusted/net/dataset.js";
import { parseNet } from "../src/trusted/net/format.js";
import { rat } from "../src/trusted/numbers/rational.js";
import { readFileSync } from "node:fs";

describe("verifyDatasetParallel", () => {
  it("splits 600 samples over 2 workers and agrees with verifyDataset sample by sample", async () => {
    const net = parseNet(readFileSync("examples/line-threshold.json", "utf8"));
    const xs = Array.from({ length: 600 }, (_, i) => [rat(i - 300, 7)]);
    const data = makeDataset(xs, xs.map((_, i) => (i - 300 > 0 ? 1 : 0)));
    const one = verifyDataset(net, data);
    const two = await verifyDatasetParallel(net, data, { workers: 2 });
    expect(two.decisions.map((d) => d.verdict)).toEqual(one.decisions.map((d) => d.verdict));
    expect(two.decisions.map((d) => d.exact?.toString())).toEqual(one.decisions.map((d) => d.exact?.toString()));
    expect(two.summary.correct).toBe(one.summary.correct);
    expect(one.decisions[300]?.verdict).toBe("undecided"); // x = 0 gives y = 0 exactly (through irrational values): never correct
  });
});
