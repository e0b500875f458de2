/** The worker pool: a worker that dies or ends without answering rejects, never resolves with nothing. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { compiledWorker, runSlices, runWorker } from "../src/workshop/pool.js";

const silent = new URL("./helpers/silent-worker.mjs", import.meta.url);
const tamper = new URL("./helpers/tamper-verify-worker.mjs", import.meta.url);

describe("workshop pool", () => {
  it("a worker that exits without an answer rejects", async () => {
    await expect(runWorker(silent, {}, () => undefined)).rejects.toThrow(/exited \(code 0\) without an answer/);
    await expect(runSlices(silent, [{}, {}])).rejects.toThrow(/without an answer/);
  });

  it("an error thrown while handling a message rejects", async () => {
    const net = JSON.parse(readFileSync("examples/line-threshold.json", "utf8")) as unknown;
    const job = { net, first: 0, data: { inputDim: 1, samples: [{ x: ["1"], label: 1 }] }, schedule: { startBits: 53, maxBits: 64 } };
    await expect(runWorker(tamper, job, () => {
      throw new Error("handler failed");
    })).rejects.toThrow("handler failed");
  });

  it("finds compiled entries under dist/ (npm run build) and nothing for a missing one", () => {
    expect(compiledWorker("parallel/verify-worker.js")).toBeDefined();
    expect(compiledWorker("no/such-worker.js")).toBeUndefined();
  });
});
