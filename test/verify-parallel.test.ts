/**
 * Sample-parallel verification gives the same decisions as the single-threaded kernel run, and a worker
 * that drops, duplicates or invents a result makes it fail with an internal error, never a verdict.
 * Needs `npm run build` (workers load dist/).
 */
import { afterEach, describe, expect, it } from "vitest";
import { verifyDatasetParallel } from "../src/parallel/verify-parallel.js";
import { verifyDataset } from "../src/trusted/verify/verify-dataset.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { parseNet } from "../src/workshop/read.js";
import { rat } from "../src/trusted/numbers/rational.js";
import { MergeError } from "../src/trusted/verify/merge.js";
import { readFileSync } from "node:fs";

const net = parseNet(readFileSync("examples/line-threshold.json", "utf8"));
const line = (m: number) => {
  const xs = Array.from({ length: m }, (_, i) => [rat(i - m / 2, 7)]);
  return makeDataset(xs, xs.map((_, i) => (i - m / 2 > 0 ? 1 : 0)));
};

describe("verifyDatasetParallel", () => {
  afterEach(() => {
    delete process.env.LNNET_TAMPER;
  });

  it("splits 600 samples over 2 workers and agrees with verifyDataset sample by sample", async () => {
    const data = line(600);
    const one = verifyDataset(net, data);
    const two = await verifyDatasetParallel(net, data, { workers: 2 });
    expect(two.decisions.map((d) => d.verdict)).toEqual(one.decisions.map((d) => d.verdict));
    expect(two.decisions.map((d) => d.exact?.toString())).toEqual(one.decisions.map((d) => d.exact?.toString()));
    expect(two.summary.correct).toBe(one.summary.correct);
    expect(one.decisions[300]?.verdict).toBe("undecided"); // x = 0 gives y = 0 exactly (through irrational values): never correct
  });

  const tamper = new URL("./helpers/tamper-verify-worker.mjs", import.meta.url);
  for (const mode of ["drop", "duplicate", "extra"]) {
    it(`a worker that answers with a ${mode === "extra" ? "extra" : mode === "drop" ? "dropped" : "duplicated"} result is an internal error`, async () => {
      process.env.LNNET_TAMPER = mode;
      await expect(verifyDatasetParallel(net, line(40), { workers: 2, workerScript: tamper, minSamplesPerWorker: 10 })).rejects.toThrow(MergeError);
    });
  }

  it("the untampered test worker passes (the hook itself is sound)", async () => {
    const r = await verifyDatasetParallel(net, line(40), { workers: 2, workerScript: tamper, minSamplesPerWorker: 10 });
    expect(r.decisions).toHaveLength(40);
    expect(r.summary.correct).toBe(39);
  });
});
