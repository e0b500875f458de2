import { netToOnnx, OPSET } from "../../interop/export.js";
import { InputError } from "../../trusted/errors.js";
import { parseCommandArgs, requirePositionals, stringOption } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadNet } from "../load.js";
import { writeBinaryFile } from "./onnx-files.js";
import { netSummary } from "./import.js";
import type { Command } from "./index.js";

const USAGE = "lnnet export NET.json --onnx OUT.onnx [--float32] [--json]";

export const exportCommand: Command = {
  summary: "write a net as an ONNX model (opset 13, float64 or float32) for onnxruntime, PyTorch tools and others",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { onnx: { type: "string" }, float32: { type: "boolean" }, json: { type: "boolean" } }, USAGE);
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
    if (values.json) {
      io.out(JSON.stringify({ net: netPath, onnx: outPath, opset: OPSET, dtype: r.dtype, parameters: r.parameters, rounded: r.rounded, maxRelativeError: r.maxRelativeError }) + "\n");
      return EXIT.ok;
    }
    io.out(
      [
        `c net         ${netPath}: ${netSummary(net)}`,
        `c onnx        ${outPath}: opset ${OPSET}, ${r.dtype}, input "x" [N, ${net.inputDim}], output "y" [N, 1]; Gemm, LayerNorm as ReduceMean/Sub/Mul/ReduceMean/Add/Sqrt/Div`,
        `c parameters  ${r.parameters}, ${r.rounded ? `${r.rounded} rounded to nearest ${r.dtype} (largest relative error ${r.maxRelativeError.toPrecision(3)})` : `all exact in ${r.dtype}`}`,
        `c note        the ONNX model computes in floating point: the certified net is ${netPath} (lnnet verify), not the model`,
      ].join("\n") + "\n",
    );
    return EXIT.ok;
  },
};
