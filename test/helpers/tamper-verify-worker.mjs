// A misbehaving verify worker for test/verify-parallel.test.ts: the real slice verification, then the
// first slice's answer is tampered with as LNNET_TAMPER says (drop | duplicate | extra).
import process from "node:process";
import { parentPort, workerData } from "node:worker_threads";
import { verifySlice } from "../../dist/parallel/verify-slice.js";

const result = verifySlice(workerData);
if (workerData.first === 0) {
  const d = result.decisions;
  const mode = process.env.LNNET_TAMPER;
  if (mode === "drop") d.pop();
  if (mode === "duplicate") d.push(d[0]);
  if (mode === "extra") d.push([1e6, d[0][1]]);
}
parentPort.postMessage({ result });
