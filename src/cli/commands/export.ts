import { netToOnnx, OPSET } from "../../interop/export.js";
import { InputError } from "../../trusted/errors.js";
import { renderVerdict } from "../../trusted/verdict.js";
import { computed } from "../verdict-lines.js";
import { COMMON, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadNet } from "../load.js";
import { writeBinaryFile } from "./onnx-files.js";
import { netSummary } from "./import.js";
import type { Command } from "./index.js";

export const EXPORT: CommandSpec = {
  name: "export",
  args: "NET.json",
  summary:
    "Write a net as an ONNX model that any ONNX runtime loads: opset 13, Gemm per linear layer, LayerNorm as ReduceMean/Sub/Mul/ReduceMean/Add/Sqrt/Div (inside Reshapes to [N, g, C/g] for g groups), float64 or float32. Each exact parameter is rounded once to the nearest float; the count and the largest relative error are printed. The model computes in floating point: the certified object stays NET.json.",
  options: {
    onnx: { type: "string", arg: "OUT.onnx", help: "where to write the model (required)" },
    float32: { type: "boolean", help: "float32 graph and parameters (default float64)" },
    json: COMMON.json,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet export examples/line-threshold.json --onnx line.onnx"],
  notes: "docs/interop.md, section 4.",
};
const USAGE = usageLine(EXPORT);

export const exportCommand: Command = {
  summary: "write a net as an ONNX model (opset 13, float64 or float32) for onnxruntime, PyTorch tools and others",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, EXPORT);
    const [netPath] = requirePositionals(positionals, ["NET.json"], USAGE) as [string];
    const outPath = stringOption(values.onnx);
    if (!outPath) throw new InputError("bad-argument", `--onnx OUT.onnx is required\nusage: ${USAGE}`, { field: "--onnx" });
    const net = loadNet(netPath);
    let r;
    try {
      r = netToOnnx(net, { float32: values.float32 === true });
    } catch (e) {
      if (e instanceof InputError) throw e.within({ file: netPath });
      throw e;
    }
    writeBinaryFile(outPath, r.bytes);
    const verdict = computed(`an ONNX model (${r.dtype}; ${r.rounded} of ${r.parameters} parameters rounded)`);
    if (values.json) {
      io.out(JSON.stringify({ net: netPath, onnx: outPath, opset: OPSET, dtype: r.dtype, parameters: r.parameters, rounded: r.rounded, maxRelativeError: r.maxRelativeError, verdict: verdict.line }) + "\n");
      return EXIT.ok;
    }
    io.out(
      [
        `c net         ${netPath}: ${netSummary(net)}`,
        `c onnx        ${outPath}: opset ${OPSET}, ${r.dtype}, input "x" [N, ${net.inputDim}], output "y" [N, 1]; Gemm, LayerNorm as ReduceMean/Sub/Mul/ReduceMean/Add/Sqrt/Div`,
        `c parameters  ${r.parameters}, ${r.rounded ? `${r.rounded} rounded to nearest ${r.dtype} (largest relative error ${r.maxRelativeError.toPrecision(3)})` : `all exact in ${r.dtype}`}`,
        `c note        the ONNX model computes in floating point: the certified net is ${netPath} (lnnet verify), not the model`,
      ].join("\n") + "\n" + renderVerdict(verdict),
    );
    return EXIT.ok;
  },
};
