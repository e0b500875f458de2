#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli and is compiled to dist/ (`npm run build`; `npm pack` builds
// it too). In a fresh clone without dist/, the first call builds it once.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath, URL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  if (!existsSync(tsc) || !existsSync(fileURLToPath(new URL("../tsconfig.build.json", import.meta.url)))) {
    process.stderr.write("lnnet: dist/ is missing and cannot be built here: run `npm ci && npm run build` in the lnnet clone\n");
    process.exit(3);
  }
  process.stderr.write("lnnet: first use, building dist/ (npm run build) ...\n");
  // tsc reports type errors but still emits; only a missing entry afterwards is fatal
  spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (!existsSync(fileURLToPath(entry))) {
    process.stderr.write("lnnet: the build did not produce dist/cli/main.js: run `npm run build` and read its errors\n");
    process.exit(3);
  }
}
const { main } = await import(entry.href);

// A closed pipe (e.g. `lnnet ... | head`) ends output quietly instead of crashing.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
