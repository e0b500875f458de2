/** The CLI entry: dispatch to a command; the only place where errors become exit codes. */
import { readFileSync } from "node:fs";
import { InputError } from "../trusted/errors.js";
import { errorVerdict } from "./verdict-lines.js";
import { HelpRequested } from "./args.js";
import { EXIT, processIo, type CliIo } from "./io.js";
import { COMMANDS } from "./commands/index.js";

const HELP = `lnnet: certified LN-Nets (Ni et al., "On the Nonlinearity of Layer Normalization", ICML 2024)

usage: lnnet <command> [options]
       lnnet help <command>      (the same as lnnet <command> --help: every option, its default, an example)
       lnnet --version

commands:
${Object.entries(COMMANDS)
  .map(([name, c]: [string, { summary: string }]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join("\n")}

output: detail lines "c ...", then one verdict line "s ..." (README, "Output grammar")
exit codes: 0 holds, 1 does not hold or undecided, 2 bad input, 3 internal error
`;

/** The package version (package.json sits two levels above dist/cli/ and src/cli/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv[0] === "help" && argv.length > 1) argv = [...argv.slice(1), "--help"];
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V" || name === "version") {
    io.out(`lnnet ${version()}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const json = rest.includes("--json");
  const command = COMMANDS[name];
  try {
    if (!command) throw new InputError("bad-argument", `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")}; lnnet --help)`);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.out(`${e.text}\n`);
      return EXIT.ok;
    }
    const bad = e instanceof InputError;
    const code = bad ? e.code : "internal";
    const exit = bad ? EXIT.badInput : EXIT.internal;
    const message = bad ? e.bareMessage() : (e as Error).message ?? String(e);
    const where = bad ? e.location : {};
    // stderr: the message (an internal error with its stack: it is a bug to report)
    io.err(bad ? `lnnet ${name}: error [${code}]: ${e.message}\n` : `lnnet ${name}: internal error (a bug, please report): ${(e as Error).stack ?? String(e)}\n`);
    if (json) io.out(JSON.stringify({ error: { code, message, ...where }, exit }) + "\n");
    else io.out(errorVerdict(code).line + "\n");
    return exit;
  }
}
