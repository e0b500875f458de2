import { checkCertificate, DEFAULT_CHECK_MAX_BITS } from "../../trusted/verify/certificate.js";
import { acceleratorsFor } from "../../trusted/fast/index.js";
import { certificateVerdict, renderVerdict } from "../../trusted/verdict.js";
import { intOption, parseCommandArgs, requirePositionals } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadJson } from "../load.js";
import { InputError } from "../../trusted/errors.js";
import type { Command } from "./index.js";

const USAGE = "lnnet check CERT.json [--partial] [--json] [--reference] [--max-bits N]";

export const checkCommand: Command = {
  summary: "re-check a certificate with the trusted kernel alone",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { partial: { type: "boolean" }, json: { type: "boolean" }, reference: { type: "boolean" }, "max-bits": { type: "string" } }, USAGE);
    const [path] = requirePositionals(positionals, ["CERT.json"], USAGE) as [string];
    const json = loadJson(path);
    // the checker's own precision cap; the certificate's maxBits is only a hint
    const maxBits = intOption(values["max-bits"], "--max-bits", DEFAULT_CHECK_MAX_BITS, 8, 1 << 16);
    let result;
    try {
      result = checkCertificate(json, { requireAllCorrect: !values.partial, accelerators: acceleratorsFor(values), maxBits });
    } catch (e) {
      if (e instanceof InputError) throw e.within({ file: path });
      throw e;
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
