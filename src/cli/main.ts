/** The CLI entry: dispatch to a command; the only place where errors become exit codes. */
import { InputError } from "../trusted/errors.js";
import { HelpRequested } from "./args.js";
import { EXIT, processIo, type CliIo } from "./io.js";
import { COMMANDS } from "./commands/index.js";

const HELP = `lnnet: certified LN-Nets (Ni et al., "On the Nonlinearity of Layer Normalization", ICML 2024)

usage: lnnet <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]: [string, { summary: string }]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join("\n")}

exit codes: 0 holds, 1 does not hold or undecided, 2 bad input, 3 internal error
`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`lnnet: unknown command "${name}"\n\n${HELP}`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.out(`usage: ${e.usage}\n`);
      return EXIT.ok;
    }
    if (e instanceof InputError) {
      io.err(`lnnet ${name}: error [${e.code}]: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.err(`lnnet ${name}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}
