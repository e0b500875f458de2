import { evaluateExact } from "../../trusted/net/evaluate-exact.js";
import { evaluateFloat, toFloatNet } from "../../workshop/evaluate-float.js";
import { toNumber, toRationalString, type Rational } from "../../trusted/numbers/rational.js";
import { dyadicToDecimal, IntervalDomainError, type Interval } from "../../trusted/numbers/interval.js";
import { FloatRangeError, toDyadicInterval } from "../../trusted/fast/float-interval.js";
import { dyadicArith, evaluateIntervalFrom, prepareNet, type PreparedNet } from "../../trusted/verify/evaluate-interval.js";
import { floatArith } from "../../trusted/fast/float64-box.js";
import { checkDimensions } from "../../trusted/verify/verify-dataset.js";
import { InputError } from "../../trusted/errors.js";
import { intOption, parseCommandArgs, requirePositionals, stringOption } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { loadCsv, loadNet } from "../load.js";
import type { Command } from "./index.js";

const USAGE = "lnnet eval NET.json DATA.csv [--mode float|interval|exact] [--bits N] [--json]";
const MODES = ["float", "interval", "exact"] as const;
type Mode = (typeof MODES)[number];

/** One sample's output in the chosen mode, as printable fields. */
type Row = { index: number; label: number; mode: Mode; y?: string; lo?: string; hi?: string; note?: string };

export const evalCommand: Command = {
  summary: "print a net's output per sample: float64 (non-rigorous), interval (rigorous) or exact",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { mode: { type: "string" }, bits: { type: "string" }, json: { type: "boolean" } }, USAGE);
    const [netPath, dataPath] = requirePositionals(positionals, ["NET.json", "DATA.csv"], USAGE) as [string, string];
    const mode = (stringOption(values.mode) ?? "interval") as Mode;
    if (!MODES.includes(mode)) throw new InputError("bad-argument", `--mode must be one of ${MODES.join(", ")}, got "${mode}"`, { field: "--mode" });
    const bits = intOption(values.bits, "--bits", 53, 8, 1 << 20);
    const net = loadNet(netPath);
    const data = loadCsv(dataPath);
    checkDimensions(net, data);
    const fnet = toFloatNet(net);
    const asFloat = bits === 53 ? prepareNet(net, floatArith) : undefined;
    const asDyadic = bits === 53 ? undefined : prepareNet(net, dyadicArith(bits));
    const enclose = (x: readonly Rational[]): Interval =>
      asFloat ? toDyadicInterval(evaluateIntervalFrom(asFloat, 0, x)) : evaluateIntervalFrom(asDyadic as PreparedNet<Interval>, 0, x);
    const rows: Row[] = data.samples.map((s, index) => {
      const base = { index, label: s.label, mode };
      if (mode === "float") return { ...base, y: String(evaluateFloat(fnet, s.x.map(toNumber))), note: "float64, not rigorous" };
      if (mode === "exact") {
        const r = evaluateExact(net, s.x);
        if (r.kind === "exact") return { ...base, y: toRationalString(r.y) };
        return { ...base, note: r.kind === "undefined" ? `undefined: zero variance at layer ${r.layer}` : `irrational from layer ${r.layer} on (use --mode interval)` };
      }
      try {
        const d = enclose(s.x);
        // outward: the printed decimal interval still contains the output
        return { ...base, lo: dyadicToDecimal(d.lo, "floor", 17), hi: dyadicToDecimal(d.hi, "ceil", 17), note: "enclosure (endpoints rounded outward to 17 digits)" };
      } catch (e) {
        if (e instanceof IntervalDomainError || e instanceof FloatRangeError) return { ...base, note: `no enclosure at ${bits} bits: ${e.message}` };
        throw e;
      }
    });
    if (values.json) io.out(JSON.stringify({ mode, bits, samples: rows }, null, 1) + "\n");
    else for (const r of rows) io.out(`${r.index}\tlabel ${r.label}\t${r.y ?? (r.lo !== undefined ? `[${r.lo}, ${r.hi}]` : "-")}${r.note ? `\t(${r.note})` : ""}\n`);
    return EXIT.ok;
  },
};
