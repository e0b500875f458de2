/** Benchmark helpers: medians of repeated runs and a description of the machine. */
import { machineDescription } from "../src/util/machine.js";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

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
