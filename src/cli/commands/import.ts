import { onnxToNet } from "../../interop/import.js";
import { depthOf, widthOf, type Net } from "../../trusted/net/model.js";
import { toRationalString } from "../../trusted/numbers/rational.js";
import { InputError } from "../../trusted/errors.js";
import { serializeNet } from "../../workshop/write.js";
import { parseCommandArgs, requirePositionals, stringOption } from "../args.js";
import { EXIT, writeTextFile, type CliIo } from "../io.js";
import { readBinaryFile } from "./onnx-files.js";
import type { Command } from "./index.js";

const USAGE = "lnnet import MODEL.onnx -o NET.json [--json]";

/** One line about the net's shape: what `lnnet verify` will be asked about. */
export function netSummary(net: Net): string {
  const norms = net.layers.filter((l) => l.type === "layernorm");
  const groups = norms.map((l) => l.groups).join(", ");
  const eps = [...new Set(norms.map((l) => toRationalString(l.eps)))];
  return `input dimension ${net.inputDim}, hidden width ${widthOf(net)}, ${depthOf(net)} LayerNorm layers${norms.length ? ` (groups ${groups}; eps ${eps.join(", ")}${eps.some((e) => e !== "0") ? " ~ " + [...new Set(norms.map((l) => l.eps.valueOf().toPrecision(4)))].join(", ") : ""})` : ""}`;
}

export const importCommand: Command = {
  summary: "read an LN-Net or LN-G-Net from ONNX (PyTorch export) into lnnet/v1, every weight exact",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { out: { type: "string", short: "o" }, json: { type: "boolean" } }, USAGE);
    const [modelPath] = requirePositionals(positionals, ["MODEL.onnx"], USAGE) as [string];
    const outPath = stringOption(values.out);
    if (!outPath) throw new InputError("bad-argument", `-o NET.json is required\nusage: ${USAGE}`, { field: "-o" });
    const { net, notes, model } = onnxToNet(readBinaryFile(modelPath), modelPath);
    writeTextFile(outPath, serializeNet(net));
    const parameters = net.layers.reduce((n, l) => n + (l.type === "linear" ? l.weight.length * (l.weight[0]?.length ?? 0) + l.bias.length : 0), 0);
    const source = `${model.producer || "unknown producer"}, opset ${model.opset}, ${model.nodes.length} nodes`;
    if (values.json) {
      io.out(JSON.stringify({ model: modelPath, source, net: outPath, inputDim: net.inputDim, width: widthOf(net), depth: depthOf(net), parameters, notes }) + "\n");
      return EXIT.ok;
    }
    io.out(
      [
        `c model       ${modelPath} (${source})`,
        `c net         ${netSummary(net)}`,
        `c parameters  ${parameters}, exact: each float read as the dyadic rational it is`,
        ...notes.map((n) => `c note        ${n}`),
        `c wrote       ${outPath} (lnnet/v1; certify it on data with: lnnet verify ${outPath} DATA.csv)`,
      ].join("\n") + "\n",
    );
    return EXIT.ok;
  },
};
