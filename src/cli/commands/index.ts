/** The command registry: adding a command is adding one line here. */
import type { CliIo } from "../io.js";
import { checkCommand } from "./check.js";
import { verifyCommand } from "./verify.js";
import { evalCommand } from "./eval.js";
import { reproduceCommand } from "./reproduce.js";
import { ssrCommand } from "./ssr.js";

export interface Command {
  readonly summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  reproduce: reproduceCommand,
  verify: verifyCommand,
  eval: evalCommand,
  check: checkCommand,
  ssr: ssrCommand,
  search: { summary: "search a conjecture: certificate, shrunk counterexample or refutation proof", run: async (argv, io) => (await import("./search.js")).searchCommand.run(argv, io) },
};
