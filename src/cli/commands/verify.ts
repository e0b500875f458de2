import { buildCertificate } from "../../workshop/write.js";
import { absLowerBound } from "../../trusted/verify/verify-dataset.js";
import { datasetVerdict, renderVerdict } from "../../trusted/verdict.js";
import { defaultWorkers, verifyDatasetParallel } from "../../parallel/verify-parallel.js";
import { acceleratorsFor } from "../../trusted/fast/index.js";
import { dyadicToNumber } from "../../workshop/dyadic.js";
import { toRationalString } from "../../trusted/numbers/rational.js";
import { intOption, stringOption, parseCommandArgs, requirePositionals } from "../args.js";
import { EXIT, writeTextFile, type CliIo } from "../io.js";
import { loadCsv, loadNet } from "../load.js";
import { progressBar } from "../progress.js";
import type { Command } from "./index.js";

const USAGE = "lnnet verify NET.json DATA.csv [--json] [--max-bits N] [--cert OUT.json] [--workers N] [--reference]";

export const verifyCommand: Command = {
  summary: "prove, sample by sample, the sign of a net's output on labeled data",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      { json: { type: "boolean" }, "max-bits": { type: "string" }, cert: { type: "string" }, workers: { type: "string" }, reference: { type: "boolean" } },
      USAGE,
    );
    const [netPath, dataPath] = requirePositionals(positionals, ["NET.json", "DATA.csv"], USAGE) as [string, string];
    const maxBits = intOption(values["max-bits"], "--max-bits", 4096, 8, 1 << 16);
    const net = loadNet(netPath);
    const data = loadCsv(dataPath);
    const bar = progressBar(io, "verify", io.isTTY && !values.json);
    const workers = intOption(values.workers, "--workers", defaultWorkers(), 1, 64);
    const report = await verifyDatasetParallel(net, data, { schedule: { startBits: Math.min(53, maxBits), maxBits }, onProgress: bar.update, workers, accelerators: acceleratorsFor(values) });
    bar.finish();
    const s = report.summary;
    const verdict = datasetVerdict(net, data, report.decisions);
    const certPath = stringOption(values.cert);
    if (certPath) writeTextFile(certPath, JSON.stringify(buildCertificate(net, data, report, maxBits)) + "\n");
    if (values.json) {
      const samples = report.decisions.map((d, i) => ({
        index: i,
        line: data.samples[i]?.line,
        label: data.samples[i]?.label,
        verdict: d.verdict,
        bits: d.bits,
        absYLowerBound: absLowerBound(d)?.text ?? null,
        y: d.exact ? toRationalString(d.exact) : d.enclosure ? [dyadicToNumber(d.enclosure.lo), dyadicToNumber(d.enclosure.hi)] : null,
      }));
      io.out(JSON.stringify({ summary: s, verdict: verdict.line, proven: verdict.statement, samples }, null, 1) + "\n");
    } else {
      report.decisions.forEach((d, i) => {
        if (d.verdict !== "correct") io.out(`sample ${i} (line ${data.samples[i]?.line ?? "?"}, label ${data.samples[i]?.label}): ${d.verdict}${d.layer !== undefined ? ` at layer ${d.layer}` : ""}\n`);
      });
      io.out(
        [
          `samples     ${s.samples}`,
          `certified   ${s.correct}`,
          `wrong       ${s.wrong + s.zero}${s.zero ? ` (${s.zero} with output exactly 0)` : ""}`,
          `undefined   ${s.undefined}`,
          `undecided   ${s.undecided}${s.undecided ? ` (precision cap ${maxBits} bits)` : ""}`,
          `min |y| >=  ${s.minAbsYLowerBound ?? "-"}`,
          `precision   ${s.maxBits} bits`,
          `time        ${s.seconds.toFixed(3)} s`,
        ].join("\n") + "\n" + renderVerdict(verdict),
      );
    }
    return verdict.proven ? EXIT.ok : EXIT.fails;
  },
};
