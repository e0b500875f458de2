#!/usr/bin/env node
// Execute every notebook in notebooks/ headlessly (Jupyter nbconvert + the Deno TypeScript kernel);
// exit non-zero if any cell of any notebook fails. Needs `npm run build` first (notebooks import dist/).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status ?? 1;

const deno = join("node_modules", ".bin", "deno");
if (run(deno, ["jupyter", "--install", "--force"]) !== 0) {
  console.error("could not install the Deno Jupyter kernel (is jupyter installed? apt-get install jupyter-nbconvert python3-nbclient)");
  process.exit(1);
}
const out = mkdtempSync(join(tmpdir(), "lnnet-notebooks-"));
const books = readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).sort();
let failed = 0;
for (const nb of books) {
  console.log(`== ${nb}`);
  const t0 = Date.now();
  const code = run("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=900", "--output-dir", out, join("notebooks", nb)]);
  console.log(`${nb}: ${code === 0 ? "ok" : "FAILED"} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (code !== 0) failed++;
}
console.log(`${books.length - failed}/${books.length} notebooks ran without error; executed copies in ${out}`);
process.exit(failed ? 1 : 0);
