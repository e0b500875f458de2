/** Benchmark helpers: medians of repeated runs and a description of the machine. */
import { machineDescription } from "../src/util/machine.js";
import { median } from "../src/nonlinearity/stats.js";

export { median };

/** Run f `runs` times; return the median wall time in seconds and the last result. */
export function timeMedian<T>(runs: number, f: () => T): { seconds: number; all: number[]; result: T } {
  const all: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    all.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(all), all, result: result as T };
}

export const machine = machineDescription;
