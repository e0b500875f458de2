// A misbehaving shattering-check worker for test/vc-check-parallel.test.ts: the real slice check, then
// slice 0 forgets one checked entry (LNNET_TAMPER=drop) or reports slice 1's first entry too (duplicate).
import process from "node:process";
import { parentPort, workerData } from "node:worker_threads";
import { checkStreamSlice } from "../../dist/vc/check-parallel.js";
import { openShatterStream } from "../../dist/vc/stream.js";

const { path, index, count } = workerData;
const result = checkStreamSlice(openShatterStream(path), { slice: { index, count } });
if (index === 0) {
  const mode = process.env.LNNET_TAMPER;
  if (mode === "drop") result.checkedEntries.pop();
  if (mode === "duplicate") result.checkedEntries.push(1);
}
parentPort.postMessage({ result });
