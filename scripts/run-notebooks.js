#!/usr/bin/env node
// Execute every notebook in notebooks/ headlessly (Jupyter nbconvert + the Deno TypeScript kernel);
// exit non-zero if any cell of any notebook fails. Needs `npm run build` first (notebooks import dist/).
// `--inplace` writes the executed notebooks (with their outputs) back into notebooks/.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const JUPYTER_HELP = "install Jupyter's nbconvert and kernel client, e.g. on Debian/Ubuntu: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel";

/** Run a command; its status, or the reason it could not start (e.g. ENOENT). */
const run = (cmd, args, quiet = false) => {
  const r = spawnSync(cmd, args, { stdio: quiet ? "ignore" : "inherit" });
  return { status: r.status ?? 1, error: r.error };
};

const nb = run("jupyter", ["nbconvert", "--version"], true);
if (nb.error || nb.status !== 0) {
  console.error(`npm run notebooks: Jupyter nbconvert is not available (${nb.error ? nb.error.code : `jupyter nbconvert exited ${nb.status}`}).\n${JUPYTER_HELP}`);
  process.exit(2);
}
const deno = join("node_modules", ".bin", "deno");
const kernel = run(deno, ["jupyter", "--install", "--force"]);
if (kernel.error || kernel.status !== 0) {
  console.error(`npm run notebooks: could not install the Deno Jupyter kernel (${kernel.error ? `${deno}: ${kernel.error.code}; run npm ci` : `exit ${kernel.status}`}).\n${JUPYTER_HELP}`);
  process.exit(2);
}
const inplace = process.argv.includes("--inplace");
const out = inplace ? "notebooks" : mkdtempSync(join(tmpdir(), "lnnet-notebooks-"));
const books = readdirSync("notebooks").filter((f) => f.endsWith(".ipynb")).sort();
let failed = 0;
for (const book of books) {
  console.log(`== ${book}`);
  const t0 = Date.now();
  const r = run("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=900", "--output-dir", out, ...(inplace ? ["--inplace"] : []), join("notebooks", book)]);
  console.log(`${book}: ${r.status === 0 ? "ok" : "FAILED"} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) failed++;
}
console.log(`${books.length - failed}/${books.length} notebooks ran without error; executed copies in ${out}`);
process.exit(failed ? 1 : 0);
