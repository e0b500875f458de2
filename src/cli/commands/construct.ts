/** `lnnet construct`: build a width-3 LN-Net for a dataset, certify it with the kernel, save it. */
import { buildCertificate, serializeNet } from "../../workshop/write.js";
import { InputError } from "../../trusted/errors.js";
import { datasetVerdict, notVerified, renderVerdict } from "../../trusted/verdict.js";
import { constructAndVerifyAsync, minimalBits } from "../../constructions/index.js";
import { defaultWorkers } from "../../parallel/verify-parallel.js";
import { COMMON, epsOption, intOption, oneStdout, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, STDOUT, writeTextFile, type CliIo } from "../io.js";
import { loadCsv } from "../load.js";
import { progressFor } from "../progress.js";
import { parseRational } from "../../trusted/numbers/rational.js";
import type { Command } from "./index.js";
import { ConstructionFailed } from "../../workshop/errors.js";
import { lowerBoundText } from "../../workshop/decimal.js";
import { float64Safety } from "../../trusted/fast/float64-rounding.js";

const VIEWS = ["auto", "line", "angular"] as const;
const MAX_BITS = 1 << 14;

export const CONSTRUCT: CommandSpec = {
  name: "construct",
  args: "DATA.csv -o NET.json",
  summary:
    "Build a width-3 LN-Net (linear layers and LayerNorm, exact rational parameters) that classifies every sample of a labeled dataset, with at most max(1, floor(m/2)) LayerNorm layers for m samples (claim C1, docs/construction.md), then certify every sample with the kernel. With --robust the net has at most 2m - 4 layers and is right in ordinary float64 too.",
  options: {
    out: { type: "string", short: "o", arg: "NET.json", help: "where the net goes (required; - for stdout, the report then goes to stderr)" },
    cert: { type: "string", arg: "CERT.json", help: "also write an lnnet-cert/v1 certificate (`lnnet check` re-checks it)" },
    eps: { type: "string", arg: "E", default: "0", help: "LayerNorm eps of every layer, an exact number >= 0 (e.g. 1e-5)" },
    seed: { type: "string", arg: "S", default: "1", help: "seed of the first-layer direction search (same seed, same net)" },
    view: { type: "string", arg: "VIEW", default: "auto", help: "first-layer view: line, angular (d >= 2), or auto (angular when it saves a layer)" },
    workers: { type: "string", arg: "N", default: "the number of cores", help: "kernel worker threads" },
    robust: { type: "boolean", help: "build a net that is also right in ordinary float64 (PyTorch, ONNX, numpy): the end-fold builder, at most 2m - 4 layers instead of floor(m/2); line views only (docs/construction.md 3.8)" },
    "least-bits": { type: "boolean", help: "also find the least precision that certifies every sample (a bisection, often longer than the run)" },
    "float64-proof": { type: "boolean", help: "also prove, sample by sample, that the net evaluated in float64 (lnnet's order or any other summation order, FMA or not) gives the label's sign" },
    json: COMMON.json,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet construct examples/xor.csv -o xor-net.json --cert xor-cert.json"],
  notes: "precision: `rung used` is the ladder rung (64, 128, ... bits) at which the kernel certified every sample; `least sufficient` (--least-bits) is the smallest precision that would also do.",
};

export const constructCommand: Command = {
  summary: "build a width-3 LN-Net that classifies a dataset, and certify it with the kernel",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, CONSTRUCT);
    const [dataPath] = requirePositionals(positionals, ["DATA.csv"], usageLine(CONSTRUCT)) as [string];
    const outPath = stringOption(values.out);
    if (!outPath) throw new InputError("bad-argument", `-o NET.json is required (- for stdout)\nusage: ${usageLine(CONSTRUCT)}`, { field: "-o" });
    const certPath = stringOption(values.cert);
    oneStdout(values, [outPath, certPath]);
    const seed = intOption(values.seed, "--seed", 1, 0, 2 ** 31 - 1);
    // Kernel worker threads (sample-parallel; the kernel is unchanged in each).
    const workers = intOption(values.workers, "--workers", defaultWorkers(), 1, 64);
    const eps = epsOption(values.eps) ?? parseRational("0");
    const epsText = stringOption(values.eps) ?? "0";
    // First-layer view (docs/construction.md): auto picks the angular view when it saves a layer.
    const view = stringOption(values.view) ?? "auto";
    if (!(VIEWS as readonly string[]).includes(view)) throw new InputError("bad-argument", `--view must be one of ${VIEWS.join(", ")}, got "${view}"`, { field: "--view" });
    const robust = values.robust === true;
    if (robust && view === "angular") throw new InputError("bad-argument", "--robust uses line views only (its letters must lie on one arc); drop --view angular", { field: "--view" });
    // the report goes to stderr when the net goes to stdout
    const report = outPath === STDOUT || certPath === STDOUT ? io.err : io.out;
    const progress = progressFor(io, "construct", values);
    const data = loadCsv(dataPath);
    const t0 = performance.now();
    let bar = progress("build");
    let built;
    try {
      built = await constructAndVerifyAsync(data, {
        eps,
        seed,
        view: view as (typeof VIEWS)[number],
        ...(robust ? { builder: "end-folds" as const } : {}),
        maxBits: MAX_BITS,
        onProgress: (d, t) => bar.update(d, t),
        onVerify: () => {
          bar.finish();
          bar = progress("verify");
        },
        workers,
      });
    } catch (e) {
      bar.finish();
      if (e instanceof InputError) throw e.within({ file: dataPath });
      // Data outside the builder's reach is "no certified net", exit 1; any other error is a bug
      // (a broken invariant) and becomes an internal error (exit 3).
      if (!(e instanceof ConstructionFailed)) throw e;
      const failed = notVerified("construction-failed");
      if (values.json) io.out(JSON.stringify({ verdict: failed.line, proven: [], message: e.message }) + "\n");
      else report(`c could not build a net for ${dataPath}: ${e.message}\n${renderVerdict(failed)}`);
      return EXIT.fails;
    }
    bar.finish();
    const { construction: c, report: kernel } = built;
    const s = kernel.summary;
    const verdict = datasetVerdict(c.net, data, kernel.decisions);
    // The least precision that certifies is a bisection over the kernel (often longer than the run
    // itself): computed only on request.
    let bits: number | undefined;
    if (values["least-bits"] && s.allCorrect) {
      const least = progress("least sufficient precision");
      bits = minimalBits(c.net, data, kernel);
      least.finish();
    }
    // The float64 rounding enclosure (src/trusted/fast/float64-rounding.ts): on request, ~m x depth work.
    let float64Proven: number | "out of scope" | undefined;
    let proofSeconds = 0;
    if (values["float64-proof"]) {
      const proof = progress("float64 proof");
      const p0 = performance.now();
      const safe = float64Safety(c.net, data, (d, t) => proof.update(d, t));
      proofSeconds = (performance.now() - p0) / 1000;
      proof.finish();
      float64Proven = safe ? safe.filter(Boolean).length : "out of scope";
    }
    const seconds = (performance.now() - t0) / 1000;
    writeTextFile(outPath, serializeNet(c.net), io);
    if (certPath) writeTextFile(certPath, JSON.stringify(buildCertificate(c.net, data, kernel, MAX_BITS)) + "\n", io);
    const summary = {
      samples: data.samples.length,
      dim: data.dim,
      depth: c.depth,
      worstCaseBound: c.worstCaseBound,
      letters: c.stats.letters,
      circularRuns: c.stats.circularRuns,
      view: c.view,
      builder: c.stats.builder,
      zooms: c.stats.zooms ?? null,
      ...(c.plane ? { plane: c.plane } : {}),
      lineDeletions: c.stats.lineDeletions ?? null,
      angularDeletions: c.stats.angularDeletions ?? null,
      eps: epsText,
      seed,
      workers,
      certified: s.correct,
      allCorrect: s.allCorrect,
      ladderBits: s.maxBits,
      leastBits: bits ?? null,
      bitsPerLayer: bits !== undefined && c.depth > 0 ? bits / c.depth : null,
      constructSeconds: c.stats.seconds,
      verifySeconds: s.seconds,
      seconds,
      // Ordinary float64 in PyTorch's order (untrusted estimate) beside the kernel's proven bound.
      float64Mislabels: built.float64.mislabels,
      float64MinSignedOutput: Number.isFinite(built.float64.minSignedOutput) ? built.float64.minSignedOutput : null,
      float64ProvenSafe: float64Proven ?? null,
      certifiedMinAbsOutput: lowerBoundText(s.minAbsY),
    };
    if (values.json) io.out(JSON.stringify({ ...summary, verdict: verdict.line, proven: verdict.statement }, null, 1) + "\n");
    else {
      const oneClass = c.stats.builder === "one-class";
      report(
        [
          `c samples     ${summary.samples} in dimension ${summary.dim} (${plural(summary.letters, "distinct position")} in the first-layer view, ${plural(summary.circularRuns, "run")} of equal labels around the circle)`,
          `c view        ${viewLine(c)}`,
          c.stats.builder === "end-folds"
            ? `c net         width 3, ${layers(c.depth)} (${plural(summary.letters - (c.stats.core ?? 0), "letter")} moved, ${plural(c.stats.zooms ?? 0, "zoom layer")}; --robust); its bound max(2, 2m - 4) = ${c.worstCaseBound}`
            : `c net         width 3, ${layers(c.depth)}${oneClass ? " (one class only: constant output)" : ""}; the theorem's bound max(1, floor(m/2)) = ${c.worstCaseBound}`,
          `c certified   ${s.correct}/${s.samples}${s.allCorrect ? "" : ` (wrong ${s.wrong + s.zero}, undefined ${s.undefined}, undecided ${s.undecided})`}`,
          bits !== undefined
            ? `c precision   least sufficient ${bits} bits (${(bits / Math.max(1, c.depth)).toFixed(2)} per layer); rung used ${s.maxBits} bits`
            : `c precision   rung used ${s.maxBits} bits (--least-bits finds the least sufficient precision)`,
          `c float64     ${built.float64.mislabels}/${s.samples} samples mislabelled in float64 (PyTorch order; an estimate, not proven), smallest label-signed output ${built.float64.minSignedOutput.toPrecision(3)}; certified smallest |y| >= ${lowerBoundText(s.minAbsY) ?? "-"}${built.float64.mislabels > 0 && c.stats.builder !== "end-folds" ? "; --robust builds a net that is right in float64" : ""}`,
          ...(float64Proven === undefined
            ? []
            : typeof float64Proven === "number"
              ? [`c float64     proven right for ${float64Proven}/${s.samples} samples in every float64 evaluation (any summation order, FMA or not; the others are not proven either way; docs/construction.md)`]
              : ["c float64     no proof: the net is outside the rounding enclosure's scope (a linear layer, then width-3 LayerNorms)"]),
          `c eps         ${epsText}   seed ${seed}`,
          `c time        ${seconds.toFixed(3)} s (build ${c.stats.seconds.toFixed(3)} s, kernel ${s.seconds.toFixed(3)} s${bits !== undefined ? ", least precision search included" : ""}${float64Proven !== undefined ? `, float64 proof ${proofSeconds.toFixed(3)} s` : ""})`,
          `c wrote       net ${outPath === STDOUT ? "to stdout" : outPath}${certPath ? `, certificate ${certPath === STDOUT ? "to stdout" : certPath}` : ""}`,
        ].join("\n") + "\n" + renderVerdict(verdict),
      );
    }
    return verdict.proven ? EXIT.ok : EXIT.fails;
  },
};

/** The first-layer view in one line: which one, and what each would have needed. */
function viewLine(c: { view: string; plane?: { projection: readonly (readonly string[])[]; point: readonly string[] }; stats: { lineDeletions?: number; angularDeletions?: number } }): string {
  const where = c.plane ? ` (P = [${c.plane.projection.map((r) => `[${r.join(", ")}]`).join(", ")}], p = (${c.plane.point.join(", ")}))` : "";
  const cost = [c.stats.lineDeletions !== undefined ? `line ${c.stats.lineDeletions}` : "", c.stats.angularDeletions !== undefined ? `angular ${c.stats.angularDeletions}` : ""].filter(Boolean).join(", ");
  return `${c.view}${where}${cost ? `; deletions needed: ${cost}` : ""}`;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
const layers = (n: number): string => plural(n, "LayerNorm layer");
