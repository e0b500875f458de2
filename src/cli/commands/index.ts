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
  construct: { summary: "build a width-3 LN-Net for a dataset (C1) and certify it", run: async (argv, io) => (await import("./construct.js")).constructCommand.run(argv, io) },
  vc: { summary: "VC dimension (C2): certified shattering, check, merge, table, search", run: async (argv, io) => (await import("./vc.js")).vcCommand.run(argv, io) },
  search: { summary: "search a conjecture: certificate, shrunk counterexample or refutation proof", run: async (argv, io) => (await import("./search.js")).searchCommand.run(argv, io) },
  import: { summary: "read an LN-Net or LN-G-Net from ONNX (PyTorch export) into lnnet/v1, every weight exact", run: async (argv, io) => (await import("./import.js")).importCommand.run(argv, io) },
  export: { summary: "write a net as an ONNX model (opset 13, float64 or float32) for onnxruntime and other runtimes", run: async (argv, io) => (await import("./export.js")).exportCommand.run(argv, io) },
};
