import { CLAIMS } from "../../claims/registry.js";
import { claimsJson } from "../../report/claims-json.js";
import { claimsTable } from "../../report/terminal-table.js";
import { writeReport } from "../../report/write-report.js";
import { runClaims } from "../../claims/run.js";
import { InputError } from "../../trusted/errors.js";
import { claimsVerdict, renderVerdict } from "../../trusted/verdict.js";
import { machineDescription } from "../../util/machine.js";
import { intOption, parseCommandArgs, stringOption } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { progressBar } from "../progress.js";
import type { Command } from "./index.js";

const USAGE = "lnnet reproduce [--quick] [--only C1,C2] [--json] [--report DIR] [--seed S]";

/** Test hook: LNNET_TEST_SABOTAGE=C1,C3 makes those claims check a deliberately wrong artifact. */
const sabotaged = (): Set<string> => new Set((process.env.LNNET_TEST_SABOTAGE ?? "").split(",").filter(Boolean));

export const reproduceCommand: Command = {
  summary: "run every paper claim on built-in defaults and say, claim by claim, what holds",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      { quick: { type: "boolean" }, only: { type: "string" }, json: { type: "boolean" }, report: { type: "string" }, seed: { type: "string" } },
      USAGE,
    );
    if (positionals.length) throw new InputError("bad-argument", `unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
    const quick = Boolean(values.quick);
    const seed = intOption(values.seed, "--seed", 1, 0, 2 ** 31);
    const only = stringOption(values.only);
    const ids = only ? only.split(",").map((s) => s.trim().toUpperCase()) : CLAIMS.map((c) => c.id);
    const unknown = ids.filter((id) => !CLAIMS.some((c) => c.id === id));
    if (unknown.length) throw new InputError("bad-argument", `unknown claim ${unknown.join(", ")} (known: ${CLAIMS.map((c) => c.id).join(", ")})`, { field: "--only" });
    const claims = CLAIMS.filter((c) => ids.includes(c.id));
    const sab = sabotaged();
    const json = Boolean(values.json);
    let bar = progressBar(io, "", false);
    const results = [];
    for (const claim of claims) {
      bar = progressBar(io, `${claim.id} ${claim.title.slice(0, 30)}`, io.isTTY && !json);
      const [r] = await runClaims([claim], { quick, seed, sabotage: sab.has(claim.id), onProgress: (d, t) => bar.update(d, t) });
      bar.finish();
      if (!json && !io.isTTY) io.err(`${claim.id}: ${r?.holds ? "holds" : "does not hold"} (${r?.seconds.toFixed(1)} s)\n`);
      if (r) results.push(r);
    }
    const failing = results.filter((r) => !r.holds).map((r) => r.id);
    const reportDir = stringOption(values.report);
    if (reportDir) {
      const path = writeReport(reportDir, results, { quick, seed, machine: machineDescription(), date: new Date().toISOString() });
      if (!json) io.out(`report written to ${path}\n`);
    }
    if (json) io.out(JSON.stringify(claimsJson(results), null, 1) + "\n");
    else {
      io.out(claimsTable(results));
      io.out(renderVerdict(claimsVerdict(failing, results.length)));
    }
    return failing.length ? EXIT.fails : EXIT.ok;
  },
};
