import { buildCertificate } from "../../workshop/write.js";
import { absLowerBound } from "../../trusted/verify/verify-dataset.js";
import { datasetVerdict, renderVerdict } from "../../trusted/verdict.js";
import { defaultWorkers, verifyDatasetParallel } from "../../parallel/verify-parallel.js";
import { acceleratorsFor } from "../../trusted/fast/index.js";
import { dyadicToNumber } from "../../workshop/dyadic.js";
import { lowerBoundText } from "../../workshop/decimal.js";
import { toRationalString } from "../../trusted/numbers/rational.js";
import { COMMON, intOption, oneStdout, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, writeTextFile, type CliIo } from "../io.js";
import { checkNetFitsData, loadCsv, loadNet } from "../load.js";
import { progressFor } from "../progress.js";
import type { Command } from "./index.js";

export const VERIFY: CommandSpec = {
  name: "verify",
  args: "NET.json DATA.csv",
  summary: "Prove, sample by sample, the sign of a net's output on labeled data: each sample is certified correct, certified wrong, undefined (zero variance in a LayerNorm) or undecided (precision cap reached). The kernel climbs a precision ladder (53, 128, 256, ... bits) per sample until the sign is decided.",
  options: {
    json: COMMON.json,
    "max-bits": { type: "string", arg: "N", default: "4096", help: "the ladder's last rung (bits); beyond it a sample is undecided" },
    cert: { type: "string", arg: "OUT.json", help: "write an lnnet-cert/v1 certificate (`lnnet check` re-checks it; - for stdout)" },
    workers: { type: "string", arg: "N", default: "the number of cores", help: "kernel worker threads (samples split between them)" },
    reference: COMMON.reference,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet verify examples/line-threshold.json examples/line-threshold.csv --cert cert.json"],
  notes: "precision: `rung used` is the highest ladder rung any sample needed (not the least sufficient precision, which `lnnet construct --least-bits` measures).",
};

export const verifyCommand: Command = {
  summary: "prove, sample by sample, the sign of a net's output on labeled data",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, VERIFY);
    const [netPath, dataPath] = requirePositionals(positionals, ["NET.json", "DATA.csv"], usageLine(VERIFY)) as [string, string];
    const maxBits = intOption(values["max-bits"], "--max-bits", 4096, 8, 1 << 16);
    const workers = intOption(values.workers, "--workers", defaultWorkers(), 1, 64);
    const certPath = stringOption(values.cert);
    oneStdout(values, [certPath]);
    const progress = progressFor(io, "verify", values);
    const net = loadNet(netPath);
    const read = progress("read data (bytes)");
    const data = loadCsv(dataPath, read.update);
    read.finish();
    checkNetFitsData(net, netPath, data, dataPath);
    const bar = progress("kernel");
    const report = await verifyDatasetParallel(net, data, { schedule: { startBits: Math.min(53, maxBits), maxBits }, onProgress: bar.update, workers, accelerators: acceleratorsFor(values) });
    bar.finish();
    const s = report.summary;
    const verdict = datasetVerdict(net, data, report.decisions);
    if (certPath) writeTextFile(certPath, JSON.stringify(buildCertificate(net, data, report, maxBits)) + "\n", io);
    if (values.json) {
      const samples = report.decisions.map((d, i) => ({
        index: i,
        line: data.samples[i]?.line,
        label: data.samples[i]?.label,
        verdict: d.verdict,
        bits: d.bits,
        absYLowerBound: lowerBoundText(absLowerBound(d)),
        y: d.exact ? toRationalString(d.exact) : d.enclosure ? [dyadicToNumber(d.enclosure.lo), dyadicToNumber(d.enclosure.hi)] : null,
      }));
      const { minAbsY, ...counts } = s;
      io.out(JSON.stringify({ summary: { ...counts, minAbsYLowerBound: lowerBoundText(minAbsY) }, verdict: verdict.line, proven: verdict.statement, samples }, null, 1) + "\n");
    } else {
      const bad = report.decisions.flatMap((d, i) => (d.verdict === "correct" ? [] : [`c sample ${i} (line ${data.samples[i]?.line ?? "?"}, label ${data.samples[i]?.label}): ${d.verdict}${d.layer !== undefined ? ` at layer ${d.layer}` : ""}`]));
      const lines = [
        ...bad.slice(0, 20),
        ...(bad.length > 20 ? [`c ... and ${bad.length - 20} more (--json lists every sample)`] : []),
        `c samples     ${s.samples}`,
        `c certified   ${s.correct}`,
        `c wrong       ${s.wrong + s.zero}${s.zero ? ` (${s.zero} with output exactly 0)` : ""}`,
        `c undefined   ${s.undefined}`,
        `c undecided   ${s.undecided}${s.undecided ? ` (precision cap ${maxBits} bits)` : ""}`,
        `c min |y| >=  ${lowerBoundText(s.minAbsY) ?? "-"}`,
        `c precision   rung used ${s.maxBits} bits (the highest rung any sample needed; cap ${maxBits})`,
        `c time        ${s.seconds.toFixed(3)} s`,
      ];
      (certPath === "-" ? io.err : io.out)(lines.join("\n") + "\n" + renderVerdict(verdict));
    }
    return verdict.proven ? EXIT.ok : EXIT.fails;
  },
};
