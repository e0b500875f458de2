/**
 * Worker-thread entry (compiled to dist/vc/worker.js). Receives {ctx} once via workerData, says
 * {ready: true}, then takes batches of tasks; posts one TaskResult per task and {done: true} after each batch.
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareContext, runTask, type Task, type TaskContext } from "./task.js";

const port = parentPort;
if (port) {
  const prepared = prepareContext((workerData as { ctx: TaskContext }).ctx);
  port.on("message", (batch: Task[]) => {
    for (const t of batch) port.postMessage(runTask(t, prepared));
    port.postMessage({ done: true });
  });
  port.postMessage({ ready: true });
}
