import { checkCertificate } from "../../trusted/verify/certificate.js";
import { parseCommandArgs, requirePositionals } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadJson } from "../load.js";
import { InputError } from "../../trusted/errors.js";
import type { Command } from "./index.js";

const USAGE = "lnnet check CERT.json [--partial] [--json]";

export const checkCommand: Command = {
  summary: "re-check a certificate with the trusted kernel alone",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { partial: { type: "boolean" }, json: { type: "boolean" } }, USAGE);
    const [path] = requirePositionals(positionals, ["CERT.json"], USAGE) as [string];
    const json = loadJson(path);
    let result;
    try {
      result = checkCertificate(json, { requireAllCorrect: !values.partial });
    } catch (e) {
      if (e instanceof InputError) throw e.within({ file: path });
      throw e;
    }
    const first = result.failures[0];
    const code = first?.code;
    if (values.json) {
      io.out(JSON.stringify({ ok: result.ok, samples: result.samples, provenCorrect: result.provenCorrect, failures: result.failures }) + "\n");
    } else {
      for (const f of result.failures.slice(0, 20)) {
        io.out(`c ${f.code}${f.sample !== undefined ? ` sample ${f.sample}` : ""}${f.claimed ? ` claimed ${f.claimed}` : ""}${f.got ? ` kernel says ${f.got}` : ""}\n`);
      }
      if (result.failures.length > 20) io.out(`c ... and ${result.failures.length - 20} more\n`);
      io.out(`c ${result.provenCorrect}/${result.samples} samples certified correct\n`);
      io.out(result.ok ? "s VERIFIED\n" : `s NOT VERIFIED ${code}\n`);
    }
    return result.ok ? EXIT.ok : EXIT.fails;
  },
};
