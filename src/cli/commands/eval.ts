/**
 * `lnnet eval`: a net's output per sample. The default is the kernel's own answer: exact when the
 * output is rational, else the enclosure at the first rung of the precision ladder (53, 128, 256, ...
 * bits, as `lnnet verify`) that decides the output's sign.
 */
import { evaluateExact } from "../../trusted/net/evaluate-exact.js";
import { evaluateFloat, toFloatNet } from "../../workshop/evaluate-float.js";
import { toNumber, toRationalString, sign } from "../../workshop/rational.js";
import { IntervalDomainError } from "../../trusted/numbers/interval.js";
import { dyadicToDecimal } from "../../workshop/decimal.js";
import { dyadicArith, evaluateIntervalFrom, prepareNet } from "../../trusted/verify/evaluate-interval.js";
import { decideSample, PreparedNets } from "../../trusted/verify/decide.js";
import { acceleratorsFor } from "../../trusted/fast/index.js";
import { renderVerdict } from "../../trusted/verdict.js";
import { computed, notComputed } from "../verdict-lines.js";
import { InputError } from "../../trusted/errors.js";
import { COMMON, intOption, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, type CliIo } from "../io.js";
import { checkNetFitsData, loadCsv, loadNet } from "../load.js";
import { progressFor } from "../progress.js";
import type { Command } from "./index.js";

const MODES = ["interval", "exact", "float"] as const;
type Mode = (typeof MODES)[number];

export const EVAL: CommandSpec = {
  name: "eval",
  args: "NET.json DATA.csv",
  summary:
    "Print the net's output on every sample. interval (rigorous): the exact rational when the output is rational, else an enclosure from the kernel's precision ladder (53, 128, 256, ... bits, as verify), at the first rung that decides the output's sign; endpoints printed rounded outward, so the printed interval contains the output. exact: the exact rational, or why not. float: float64 (not rigorous).",
  options: {
    mode: { type: "string", arg: "MODE", default: "interval", help: "interval | exact | float" },
    bits: { type: "string", arg: "N", help: "interval mode: one interval evaluation at N bits instead of the ladder (also where the output is rational)" },
    "max-bits": { type: "string", arg: "N", default: "4096", help: "interval mode: the ladder's last rung" },
    json: COMMON.json,
    reference: COMMON.reference,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet eval examples/line-threshold.json examples/line-threshold.csv", "lnnet eval net.json data.csv --mode exact --json"],
};

/** One sample's output, as printable fields. */
interface Row {
  index: number;
  line: number;
  label: number;
  /** exact rational, or float64 text */
  y?: string;
  lo?: string;
  hi?: string;
  bits?: number;
  /** "+", "-", "0", or undefined when not decided */
  sign?: string;
  what: string;
  /** set when this sample got no value that decides its sign */
  missing?: "undefined" | "undecided" | "irrational" | "float-overflow";
}

export const evalCommand: Command = {
  summary: "print a net's output per sample: exact or a sign-deciding enclosure (default), or float64",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, EVAL);
    const [netPath, dataPath] = requirePositionals(positionals, ["NET.json", "DATA.csv"], usageLine(EVAL)) as [string, string];
    const mode = (stringOption(values.mode) ?? "interval") as Mode;
    if (!MODES.includes(mode)) throw new InputError("bad-argument", `--mode must be one of ${MODES.join(", ")}, got "${mode}"`, { field: "--mode" });
    const fixed = values.bits === undefined ? undefined : intOption(values.bits, "--bits", 53, 8, 1 << 16);
    const maxBits = intOption(values["max-bits"], "--max-bits", 4096, 8, 1 << 16);
    const net = loadNet(netPath);
    const data = loadCsv(dataPath);
    checkNetFitsData(net, netPath, data, dataPath);
    const bar = progressFor(io, "eval", values)();
    const m = data.samples.length;
    // --json keeps every row for one JSON object; text prints each row as it is computed
    const rows: Row[] = [];
    const missingKinds = new Set<NonNullable<Row["missing"]>>();
    let n = 0;
    const emit = (r: Row): void => {
      if (r.missing) missingKinds.add(r.missing);
      else n++;
      if (values.json) rows.push(r);
      else io.out(`c ${r.index}\tline ${r.line}\tlabel ${r.label}\t${r.sign ? `sign ${r.sign}\t` : ""}${r.y ?? (r.lo !== undefined ? `[${r.lo}, ${r.hi}]` : "-")}\t(${r.what})\n`);
    };
    const at = (i: number) => ({ index: i, line: data.samples[i]?.line ?? 0, label: data.samples[i]?.label ?? 0 });
    if (mode === "float") {
      const fnet = toFloatNet(net); // a parameter beyond float64 becomes +-Infinity or 0: reported, not thrown
      data.samples.forEach((s, i) => {
        const y = evaluateFloat(fnet, s.x.map(toNumber));
        emit({ ...at(i), y: String(y), what: "float64, not rigorous", ...(Number.isFinite(y) ? {} : { missing: "float-overflow" as const }) });
        bar.update(i + 1, m);
      });
    } else if (mode === "exact") {
      data.samples.forEach((s, i) => {
        const r = evaluateExact(net, s.x);
        if (r.kind === "exact") emit({ ...at(i), y: toRationalString(r.y), sign: signText(sign(r.y)), what: "exact" });
        else if (r.kind === "undefined") emit({ ...at(i), what: `undefined: zero variance at layer ${r.layer}`, missing: "undefined" });
        else emit({ ...at(i), what: `irrational from layer ${r.layer} on (--mode interval encloses it)`, missing: "irrational" });
        bar.update(i + 1, m);
      });
    } else if (fixed !== undefined) {
      // one fixed precision: the reference interval evaluation at `fixed` bits, even where the output is rational
      const p = prepareNet(net, dyadicArith(fixed));
      data.samples.forEach((s, i) => {
        try {
          const e = evaluateIntervalFrom(p, 0, s.x);
          const sgn = e.lo.m > 0n ? "+" : e.hi.m < 0n ? "-" : undefined;
          emit({ ...at(i), lo: dyadicToDecimal(e.lo, "floor", 17), hi: dyadicToDecimal(e.hi, "ceil", 17), bits: fixed, sign: sgn, what: `enclosure at ${fixed} bits${sgn ? "" : ", sign undecided"}`, ...(sgn ? {} : { missing: "undecided" as const }) });
        } catch (e) {
          if (!(e instanceof IntervalDomainError)) throw e;
          emit({ ...at(i), what: `no enclosure at ${fixed} bits: ${e.message}`, missing: "undecided" });
        }
        bar.update(i + 1, m);
      });
    } else {
      const nets = new PreparedNets(net, acceleratorsFor(values));
      const schedule = { startBits: Math.min(53, maxBits), maxBits };
      data.samples.forEach((s, i) => {
        const d = decideSample(nets, s.x, s.label, schedule);
        const base = at(i);
        if (d.verdict === "undefined") emit({ ...base, what: `undefined: zero variance at layer ${d.layer}`, missing: "undefined" });
        else if (d.exact) emit({ ...base, y: toRationalString(d.exact), sign: signText(sign(d.exact)), what: "exact" });
        else {
          const e = d.enclosure;
          const decided = d.verdict !== "undecided";
          const lo = e ? dyadicToDecimal(e.lo, "floor", 17) : undefined;
          const hi = e ? dyadicToDecimal(e.hi, "ceil", 17) : undefined;
          const sgn = decided && e ? signText(e.lo.m > 0n ? 1 : -1) : undefined;
          emit({ ...base, lo, hi, bits: d.bits, sign: sgn, what: decided ? `enclosure at ${d.bits} bits` : `sign undecided up to ${d.bits} bits${e ? "" : " (no enclosure)"}`, ...(decided ? {} : { missing: "undecided" as const }) });
        }
        bar.update(i + 1, m);
      });
    }
    bar.finish();
    const missing = [...missingKinds][0];
    const what = { interval: "exact or sign-deciding enclosures", exact: "exact outputs", float: "float64 outputs, not rigorous" }[mode];
    const verdict = missing ? notComputed(missing) : computed(`${n} ${what}`);
    if (values.json) io.out(JSON.stringify({ mode, bits: fixed ?? null, maxBits: fixed === undefined ? maxBits : null, verdict: verdict.line, samples: rows }, null, 1) + "\n");
    else {
      io.out(`c ${n}/${m} samples with ${what}${missing ? `; ${m - n} without (${[...missingKinds].join(", ")})` : ""}\n`);
      io.out(renderVerdict(verdict));
    }
    return missing ? EXIT.fails : EXIT.ok;
  },
};

const signText = (s: number): string => (s > 0 ? "+" : s < 0 ? "-" : "0");
