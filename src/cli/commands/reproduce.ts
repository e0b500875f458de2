import { CLAIMS } from "../../claims/registry.js";
import { claimsJson } from "../../report/claims-json.js";
import { claimsTable } from "../../report/terminal-table.js";
import { writeReport } from "../../report/write-report.js";
import { runClaims } from "../../claims/run.js";
import { InputError } from "../../trusted/errors.js";
import { renderVerdict } from "../../trusted/verdict.js";
import { claimsVerdict } from "../verdict-lines.js";
import { machineDescription } from "../../util/machine.js";
import { COMMON, intOption, parseCommand, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { progressFor } from "../progress.js";
import type { Command } from "./index.js";

export const REPRODUCE: CommandSpec = {
  name: "reproduce",
  args: "",
  summary: "Run every claim of the paper (C1-C5) on built-in defaults and say, claim by claim, what holds: a table (claim, paper says, measured, verdict, time), then one verdict line.",
  options: {
    quick: { type: "boolean", help: "the CI-sized run (seconds)" },
    full: { type: "boolean", help: "the larger runs: C5 at width 24, depth 3, 500 epochs, and C5 on Fashion-MNIST images with certified fits (needs the Debian package dataset-fashion-mnist; about 2 minutes of CPU more)" },
    only: { type: "string", arg: "IDS", default: "C1,C2,C3,C4,C5", help: "claims to run, comma-separated" },
    seed: { type: "string", arg: "S", default: "1", help: "seed of the random datasets" },
    report: { type: "string", arg: "DIR", help: "also write DIR/report.md, report.json, SVG plots and the certificates produced" },
    json: COMMON.json,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet reproduce --quick --report out/"],
};
const USAGE = usageLine(REPRODUCE);

/** Test hook: LNNET_TEST_SABOTAGE=C1,C3 makes those claims check a deliberately wrong artifact. */
const sabotaged = (): Set<string> => new Set((process.env.LNNET_TEST_SABOTAGE ?? "").split(",").filter(Boolean));

export const reproduceCommand: Command = {
  summary: "run every paper claim on built-in defaults and say, claim by claim, what holds",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, REPRODUCE);
    if (positionals.length) throw new InputError("bad-argument", `unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
    const quick = Boolean(values.quick);
    const full = Boolean(values.full);
    if (quick && full) throw new InputError("bad-argument", "--quick and --full exclude each other", { field: "--full" });
    const seed = intOption(values.seed, "--seed", 1, 0, 2 ** 31);
    const only = stringOption(values.only);
    const ids = only ? only.split(",").map((s) => s.trim().toUpperCase()) : CLAIMS.map((c) => c.id);
    const unknown = ids.filter((id) => !CLAIMS.some((c) => c.id === id));
    if (unknown.length) throw new InputError("bad-argument", `unknown claim ${unknown.join(", ")} (known: ${CLAIMS.map((c) => c.id).join(", ")})`, { field: "--only" });
    const claims = CLAIMS.filter((c) => ids.includes(c.id));
    const sab = sabotaged();
    const json = Boolean(values.json);
    const progress = progressFor(io, "reproduce", values);
    const results = [];
    for (const claim of claims) {
      const bar = progress(`${claim.id} ${claim.title}`);
      const [r] = await runClaims([claim], { quick, full, seed, sabotage: sab.has(claim.id), onProgress: (d, t) => bar.update(d, t) });
      bar.finish();
      if (!values.quiet && !io.isTTY) io.err(`lnnet reproduce: ${claim.id} ${r?.holds ? "holds" : "does not hold"} (${r?.seconds.toFixed(1)} s)\n`);
      if (r) results.push(r);
    }
    const failing = results.filter((r) => !r.holds).map((r) => r.id);
    const reportDir = stringOption(values.report);
    if (reportDir) {
      const path = writeReport(reportDir, results, { quick, seed, machine: machineDescription(), date: new Date().toISOString() });
      if (!json) io.out(`c report written to ${path}\n`);
    }
    if (json) io.out(JSON.stringify(claimsJson(results), null, 1) + "\n");
    else {
      io.out(claimsTable(results).replace(/^/gm, "c ").replace(/c $/, ""));
      io.out(renderVerdict(claimsVerdict(failing, results.length)));
    }
    return failing.length ? EXIT.fails : EXIT.ok;
  },
};
