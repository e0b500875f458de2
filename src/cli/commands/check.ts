import { checkCertificate, DEFAULT_CHECK_MAX_BITS } from "../../trusted/verify/certificate.js";
import { acceleratorsFor } from "../../trusted/fast/index.js";
import { certificateVerdict, renderVerdict } from "../../trusted/verdict.js";
import { COMMON, intOption, parseCommand, requirePositionals, usageLine, type CommandSpec } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadJson } from "../load.js";
import { progressFor } from "../progress.js";
import { InputError } from "../../trusted/errors.js";
import type { Command } from "./index.js";

export const CHECK: CommandSpec = {
  name: "check",
  args: "CERT.json",
  summary: "Re-check an lnnet-cert/v1 certificate (written by verify --cert or construct --cert) with the trusted kernel alone: every claimed verdict is recomputed from the net and the data inside the certificate.",
  options: {
    partial: { type: "boolean", help: "accept a certificate whose claims are not all `correct` (each claim is still re-proven)" },
    "max-bits": { type: "string", arg: "N", default: String(DEFAULT_CHECK_MAX_BITS), help: "the checker's own precision cap (the certificate's maxBits is only a hint)" },
    json: COMMON.json,
    reference: COMMON.reference,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet verify examples/line-threshold.json examples/line-threshold.csv --cert cert.json && lnnet check cert.json"],
};

export const checkCommand: Command = {
  summary: "re-check a certificate with the trusted kernel alone",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, CHECK);
    const [path] = requirePositionals(positionals, ["CERT.json"], usageLine(CHECK)) as [string];
    // the checker's own precision cap; the certificate's maxBits is only a hint
    const maxBits = intOption(values["max-bits"], "--max-bits", DEFAULT_CHECK_MAX_BITS, 8, 1 << 16);
    const json = loadJson(path);
    const bar = progressFor(io, "check", values)();
    let result;
    try {
      result = checkCertificate(json, { requireAllCorrect: !values.partial, accelerators: acceleratorsFor(values), maxBits, onProgress: bar.update });
    } catch (e) {
      if (e instanceof InputError) throw e.within({ file: path });
      throw e;
    } finally {
      bar.finish();
    }
    const verdict = certificateVerdict(result, !values.partial);
    if (values.json) {
      io.out(JSON.stringify({ ok: verdict.proven, verdict: verdict.line, proven: verdict.statement, samples: result.samples, provenCorrect: result.provenCorrect, failures: result.failures }) + "\n");
    } else {
      for (const f of result.failures.slice(0, 20)) {
        io.out(`c ${f.code}${f.sample !== undefined ? ` sample ${f.sample}` : ""}${f.claimed ? ` claimed ${f.claimed}` : ""}${f.got ? ` kernel says ${f.got}` : ""}\n`);
      }
      if (result.failures.length > 20) io.out(`c ... and ${result.failures.length - 20} more\n`);
      io.out(`c ${result.provenCorrect}/${result.samples} samples certified correct\n`);
      io.out(renderVerdict(verdict));
    }
    return verdict.proven ? EXIT.ok : EXIT.fails;
  },
};
