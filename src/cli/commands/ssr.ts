import { certifiedToDisplay, certifiedToStrings } from "../../workshop/write.js";
import { lssrOfDataset, lssrToString } from "../../nonlinearity/ssr.js";
import { lssrThroughNet } from "../../nonlinearity/through-net.js";
import { renderVerdict } from "../../trusted/verdict.js";
import { computed, notComputed } from "../verdict-lines.js";
import { COMMON, intOption, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { checkNetFitsData, loadCsv, loadNet } from "../load.js";
import type { Command } from "./index.js";

export const SSR: CommandSpec = {
  name: "ssr",
  args: "DATA.csv",
  summary:
    "The LSSR of labeled data (the least scatter-to-separation ratio inf_w SSR(w), docs/nonlinearity.md), exactly (a rational, or inf when the class means coincide); with --net, also after every LayerNorm layer of the net: exact when rational, else a certified interval.",
  options: {
    net: { type: "string", arg: "NET.json", help: "also the LSSR after every LayerNorm layer of this net" },
    bits: { type: "string", arg: "N", default: "192", help: "precision of the certified intervals after irrational layers" },
    json: COMMON.json,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet ssr examples/xor.csv", "lnnet ssr data.csv --net net.json --json"],
};

export const ssrCommand: Command = {
  summary: "LSSR of labeled data exactly, and certified after every LayerNorm layer of a net",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, SSR);
    const [dataPath] = requirePositionals(positionals, ["DATA.csv"], usageLine(SSR)) as [string];
    const bits = intOption(values.bits, "--bits", 192, 32, 1 << 16);
    const netPath = stringOption(values.net);
    const net = netPath ? loadNet(netPath) : undefined;
    const data = loadCsv(dataPath);
    if (!net || !netPath) {
      const v = lssrOfDataset(data);
      const verdict = computed("the exact LSSR of the data");
      if (values.json) io.out(JSON.stringify({ lssr: lssrToString(v), verdict: verdict.line }) + "\n");
      else io.out(`c lssr  ${lssrToString(v)}${v === "inf" ? "  (class means coincide)" : `  (~${v.valueOf().toPrecision(6)})`}\n` + renderVerdict(verdict));
      return EXIT.ok;
    }
    checkNetFitsData(net, netPath, data, dataPath);
    const r = lssrThroughNet(net, data, bits);
    const layers = r.layers.map((l) =>
      "result" in l
        ? { layer: l.layer, groups: l.groups, kind: l.result.kind, ...certifiedToStrings(l.result), display: certifiedToDisplay(l.result) }
        : { layer: l.layer, groups: l.groups, kind: "undefined", sample: l.undefinedAt, reason: l.reason },
    );
    const ok = r.layers.every((l) => "result" in l);
    const verdict = ok ? computed(`the LSSR of the data and after ${layers.length} LayerNorm layer(s), exact or certified`) : notComputed("undefined-layer");
    if (values.json) {
      io.out(JSON.stringify({ lssr: lssrToString(r.data), layers, verdict: verdict.line }, null, 1) + "\n");
    } else {
      io.out(`c data               lssr ${lssrToString(r.data)}${r.data === "inf" ? "" : ` (~${r.data.valueOf().toPrecision(6)})`}\n`);
      for (const l of layers) {
        const what = "display" in l ? `${l.kind === "exact" ? "lssr" : "lssr in"} ${l.display}` : `undefined at sample ${l.sample}: ${l.reason}`;
        io.out(`c after layer ${String(l.layer).padEnd(3)} (LN, g=${l.groups})  ${what}\n`);
      }
      io.out(renderVerdict(verdict));
    }
    return ok ? EXIT.ok : EXIT.fails;
  },
};
