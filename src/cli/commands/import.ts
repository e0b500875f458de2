import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { importOnnxFile, onnxToNet } from "../../interop/import.js";
import { certifyClasses, parseClassCsv, type Classifier } from "../../interop/classes.js";
import { depthOf, widthOf, type Net } from "../../trusted/net/model.js";
import { toRationalString } from "../../trusted/numbers/rational.js";
import { InputError } from "../../trusted/errors.js";
import { acceleratorsFor } from "../../trusted/fast/index.js";
import { renderVerdict } from "../../trusted/verdict.js";
import { computed } from "../verdict-lines.js";
import { datasetToCsv, serializeNet } from "../../workshop/write.js";
import { COMMON, intOption, oneStdout, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, readTextFile, STDOUT, writeTextFile, type CliIo } from "../io.js";
import { readBinaryFile } from "./onnx-files.js";
import type { Command } from "./index.js";

export const IMPORT: CommandSpec = {
  name: "import",
  args: "MODEL.onnx",
  summary:
    "Read an LN-Net or LN-G-Net from ONNX (as PyTorch exports it: Gemm/MatMul+Add, LayerNormalization, GroupNorm, reshape-then-normalise, the decomposed opset-13 LayerNorm) into an exact lnnet/v1 net: every float weight read as the dyadic rational it is, LayerNorm scale and bias folded into the next linear layer, two logits imported as logit 1 - logit 0. Any other operator is bad input naming the node. With --classes, certify a C-output classifier's predicted class on every sample instead (each margin y_c - y_j proven positive by the kernel).",
  options: {
    out: { type: "string", short: "o", arg: "NET.json", help: "write the imported net here (- for stdout)" },
    classes: { type: "string", arg: "DATA.csv", help: "certify the predicted class on this data (labels 0..C-1) instead of writing a net" },
    margins: { type: "string", arg: "DIR", help: "with --classes: write each margin net and class CSV here (lnnet verify re-checks them)" },
    "max-bits": { type: "string", arg: "N", default: "4096", help: "with --classes: the kernel's last precision rung" },
    json: COMMON.json,
    reference: COMMON.reference,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet import test/fixtures/onnx/trained-ring-op13.onnx -o ring.json && lnnet verify ring.json test/fixtures/onnx/trained-ring.csv", "lnnet import test/fixtures/onnx/trained-sectors3-op13.onnx --classes test/fixtures/onnx/trained-sectors3.csv"],
  notes: "docs/interop.md: what an imported net is, the supported operators, folding and margins.",
};
const USAGE = usageLine(IMPORT);

/** One line about the net's shape: what `lnnet verify` will be asked about. */
export function netSummary(net: Net): string {
  const norms = net.layers.filter((l) => l.type === "layernorm");
  // One value when every LayerNorm has it (constructed nets have thousands of layers).
  const distinctGroups = [...new Set(norms.map((l) => l.groups))];
  const groups = distinctGroups.length === 1 ? `${distinctGroups[0]} in every layer` : norms.map((l) => l.groups).join(", ");
  const eps = [...new Set(norms.map((l) => toRationalString(l.eps)))];
  const approx = eps.some((e) => e !== "0") ? " ~ " + [...new Set(norms.map((l) => l.eps.valueOf().toPrecision(4)))].join(", ") : "";
  return `input dimension ${net.inputDim}, hidden width ${widthOf(net)}, ${depthOf(net)} LayerNorm layers${norms.length ? ` (groups ${groups}; eps ${eps.join(", ")}${approx})` : ""}`;
}

const parameterCount = (net: Net): number => net.layers.reduce((n, l) => n + (l.type === "linear" ? l.weight.length * (l.weight[0]?.length ?? 0) + l.bias.length : 0), 0);

export const importCommand: Command = {
  summary: "read an LN-Net or LN-G-Net from ONNX (PyTorch export) into lnnet/v1, every weight exact; or certify a classifier's predicted classes",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, IMPORT);
    const [modelPath] = requirePositionals(positionals, ["MODEL.onnx"], USAGE) as [string];
    const outPath = stringOption(values.out);
    const classesPath = stringOption(values.classes);
    if (!outPath && !classesPath) throw new InputError("bad-argument", `-o NET.json or --classes DATA.csv is required\nusage: ${USAGE}`, { field: "-o" });
    oneStdout(values, [outPath]);
    if (classesPath) return certifyClassifier(modelPath, classesPath, values, io);
    const { net, notes, model } = onnxToNet(readBinaryFile(modelPath), modelPath);
    writeTextFile(outPath!, serializeNet(net), io);
    const source = `${model.producer || "unknown producer"}, opset ${model.opset}, ${model.nodes.length} nodes`;
    const verdict = computed("an exact lnnet/v1 net from the ONNX graph");
    if (values.json) {
      io.out(JSON.stringify({ model: modelPath, source, net: outPath, inputDim: net.inputDim, width: widthOf(net), depth: depthOf(net), parameters: parameterCount(net), notes, verdict: verdict.line }) + "\n");
      return EXIT.ok;
    }
    // with -o - the net is stdout, so the report goes to stderr
    (outPath === STDOUT ? io.err : io.out)(
      [
        `c model       ${modelPath} (${source})`,
        `c net         ${netSummary(net)}`,
        `c parameters  ${parameterCount(net)}, exact: each float read as the dyadic rational it is`,
        ...notes.map((n) => `c note        ${n}`),
        `c wrote       ${outPath === STDOUT ? "the net to stdout" : outPath} (lnnet/v1; certify it on data with: lnnet verify NET.json DATA.csv)`,
      ].join("\n") + "\n" + renderVerdict(verdict),
    );
    return EXIT.ok;
  },
};

/** `--classes`: every sample's predicted class certified through its C - 1 margin nets (src/interop/classes.ts). */
function certifyClassifier(modelPath: string, dataPath: string, values: Record<string, string | boolean | undefined>, io: CliIo): number {
  const { result, model } = importOnnxFile(readBinaryFile(modelPath), modelPath);
  const classifier: Classifier = { inputDim: result.inputDim, hidden: result.hidden, last: result.last };
  const C = result.last.weight.length;
  if (C < 2) throw new InputError("bad-format", "the graph has one output: certify it with lnnet import -o NET.json and lnnet verify", { file: modelPath, field: "graph.output" });
  const data = parseClassCsv(readTextFile(dataPath), C, dataPath);
  const maxBits = intOption(values["max-bits"], "--max-bits", 4096, 8, 1 << 16);
  const t0 = performance.now();
  const report = certifyClasses(classifier, data, { accelerators: acceleratorsFor(values), maxBits });
  const seconds = (performance.now() - t0) / 1000;
  const marginsDir = stringOption(values.margins);
  if (marginsDir) {
    mkdirSync(marginsDir, { recursive: true });
    for (const m of report.margins) {
      writeTextFile(join(marginsDir, `margin-${m.c}-${m.j}.json`), serializeNet(m.net));
      if (m.j === (m.c === 0 ? 1 : 0)) writeTextFile(join(marginsDir, `class-${m.c}.csv`), datasetToCsv(m.data));
    }
  }
  const certified = report.decisions.filter((d) => d.verdict === "correct").length;
  if (values.json) {
    const samples = report.decisions.map((d, i) => ({ index: i, line: data.samples[i]!.line, label: data.samples[i]!.label, verdict: d.verdict, against: d.against ?? null, bits: d.bits }));
    io.out(JSON.stringify({ model: modelPath, classes: C, samples: data.samples.length, certified, seconds, verdict: report.verdict.line, proven: report.verdict.statement, margins: report.margins.map((m) => ({ c: m.c, j: m.j, verdict: m.verdict.line })), decisions: samples }, null, 1) + "\n");
    return report.verdict.proven ? EXIT.ok : EXIT.fails;
  }
  const lines = [
    `c model       ${modelPath} (${model.producer || "unknown producer"}, opset ${model.opset}): ${C} outputs (class scores); hidden layers ${netSummary({ inputDim: result.inputDim, layers: [...result.hidden, result.last] })}`,
    `c margins     ${report.margins.length} margin nets N(c,j) with output y_c - y_j, each certified by the kernel on the samples of class c; the proven lines below are in the order ${report.margins.map((m) => `(${m.c},${m.j})`).join(" ")}${marginsDir ? ` (written to ${marginsDir}: lnnet verify ${join(marginsDir, "margin-c-j.json")} ${join(marginsDir, "class-c.csv")} re-checks one)` : ""}`,
    ...Array.from({ length: C }, (_, c) => {
      const members = report.decisions.filter((_, i) => data.samples[i]!.label === c);
      return `c class ${String(c).padEnd(5)} ${members.length} samples, ${members.filter((d) => d.verdict === "correct").length} certified`;
    }),
    ...report.decisions.flatMap((d, i) =>
      d.verdict === "correct" ? [] : [`c sample ${i} (line ${data.samples[i]!.line}, class ${data.samples[i]!.label}): ${d.verdict} against class ${d.against}${d.verdict === "wrong" ? " (it scores higher)" : ""}`],
    ),
    `c certified   ${certified} of ${data.samples.length} samples in their class (time ${seconds.toFixed(3)} s)`,
  ];
  io.out(lines.join("\n") + "\n" + renderVerdict(report.verdict));
  return report.verdict.proven ? EXIT.ok : EXIT.fails;
}
