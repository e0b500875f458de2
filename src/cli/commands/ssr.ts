import { InputError } from "../../trusted/errors.js";
import { certifiedToDisplay, certifiedToStrings } from "../../workshop/write.js";
import { lssrOfDataset, lssrToString } from "../../trusted/checkers/lssr.js";
import { lssrThroughNet } from "../../nonlinearity/through-net.js";
import { intOption, parseCommandArgs, requirePositionals, stringOption } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadCsv, loadNet } from "../load.js";
import type { Command } from "./index.js";

const USAGE = "lnnet ssr DATA.csv [--net NET.json] [--json] [--bits N]";

export const ssrCommand: Command = {
  summary: "LSSR of labeled data exactly, and certified after every LayerNorm layer of a net",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { net: { type: "string" }, json: { type: "boolean" }, bits: { type: "string" } }, USAGE);
    const [dataPath] = requirePositionals(positionals, ["DATA.csv"], USAGE) as [string];
    const bits = intOption(values.bits, "--bits", 192, 32, 1 << 16);
    const data = loadCsv(dataPath);
    const netPath = stringOption(values.net);
    if (!netPath) {
      const v = lssrOfDataset(data);
      if (values.json) io.out(JSON.stringify({ lssr: lssrToString(v) }) + "\n");
      else io.out(`lssr  ${lssrToString(v)}${v === "inf" ? "  (class means coincide)" : `  (~${v.valueOf().toPrecision(6)})`}\n`);
      return EXIT.ok;
    }
    const net = loadNet(netPath);
    if (net.inputDim !== data.dim) {
      throw new InputError("dimension-mismatch", `the net takes ${net.inputDim} inputs but the data has ${data.dim} columns`, { file: dataPath });
    }
    const r = lssrThroughNet(net, data, bits);
    const layers = r.layers.map((l) =>
      "result" in l
        ? { layer: l.layer, groups: l.groups, kind: l.result.kind, ...certifiedToStrings(l.result), display: certifiedToDisplay(l.result) }
        : { layer: l.layer, groups: l.groups, kind: "undefined", sample: l.undefinedAt, reason: l.reason },
    );
    const ok = r.layers.every((l) => "result" in l);
    if (values.json) {
      io.out(JSON.stringify({ lssr: lssrToString(r.data), layers }, null, 1) + "\n");
    } else {
      io.out(`data               lssr ${lssrToString(r.data)}${r.data === "inf" ? "" : ` (~${r.data.valueOf().toPrecision(6)})`}\n`);
      for (const l of layers) {
        const what = "display" in l ? `${l.kind === "exact" ? "lssr" : "lssr in"} ${l.display}` : `undefined at sample ${l.sample}: ${l.reason}`;
        io.out(`after layer ${String(l.layer).padEnd(3)} (LN, g=${l.groups})  ${what}\n`);
      }
    }
    return ok ? EXIT.ok : EXIT.fails;
  },
};
