#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli and is compiled to dist/ by `npm run build` (run by `npm ci`).
import { main } from "../dist/cli/main.js";

// A closed pipe (e.g. `lnnet ... | head`) ends output quietly instead of crashing.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
