/** `npm run bench`: every benchmark, medians of several runs, with the machine noted. */
import { existsSync } from "node:fs";
import { machine } from "./stats.js";
import { benchKernel } from "./kernel.js";

type Bench = { name: string; run: () => Promise<object> };

const BENCHES: Bench[] = [{ name: "kernel", run: benchKernel }];

/** Benchmarks of modules that may not exist yet; a module that exists but fails to load is an error. */
async function loadOptional(name: string, path: string, fn: string): Promise<Bench | undefined> {
  if (!existsSync(new URL(path, import.meta.url))) return undefined;
  const mod = (await import(path)) as Record<string, () => Promise<object>>;
  const f = mod[fn];
  return f ? { name, run: f } : undefined;
}

async function main(): Promise<void> {
  // Bench names; options (--name value or --name=value) are read by the benches themselves.
  const args = process.argv.slice(2);
  const only = args.filter((a, i) => !a.startsWith("--") && !(args[i - 1]?.startsWith("--") && !args[i - 1]?.includes("=")));
  const extra = await Promise.all([
    loadOptional("construct", "./construct.js", "benchConstruct"),
    loadOptional("float64", "./float64.js", "benchFloat64"),
    loadOptional("nonlinearity", "./nonlinearity.js", "benchNonlinearity"),
    loadOptional("vc", "./vc.js", "benchVc"),
  ]);
  const all = [...BENCHES, ...extra.filter((b): b is Bench => b !== undefined)].filter((b) => only.length === 0 || only.includes(b.name));
  console.log(`machine: ${machine()}`);
  for (const b of all) {
    console.log(`\n== ${b.name}`);
    console.log(JSON.stringify(await b.run(), null, 2));
  }
}

void main();
