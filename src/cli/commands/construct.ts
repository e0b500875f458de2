/** `lnnet construct`: build a width-3 LN-Net for a dataset, certify it with the kernel, save it. */
import { buildCertificate, serializeNet } from "../../workshop/write.js";
import { InputError } from "../../trusted/errors.js";
import { datasetVerdict, notVerified, renderVerdict } from "../../trusted/verdict.js";
import { constructAndVerifyAsync, minimalBits } from "../../constructions/index.js";
import { defaultWorkers } from "../../parallel/verify-parallel.js";
import { intOption, parseCommandArgs, requirePositionals, stringOption } from "../args.js";
import { EXIT, writeTextFile, type CliIo } from "../io.js";
import { loadCsv } from "../load.js";
import { progressBar } from "../progress.js";
import type { Command } from "./index.js";
import { ConstructionFailed } from "../../workshop/errors.js";

const USAGE = "lnnet construct DATA.csv -o NET.json [--eps E] [--cert CERT.json] [--seed S] [--view auto|line|angular] [--workers N] [--least-bits] [--json]";
const VIEWS = ["auto", "line", "angular"] as const;
const MAX_BITS = 1 << 14;
const BUILDER_NAMES = { "scale-free": "scale-free (exact integer folds, exact-folds.ts)", "one-class": "none (one class: constant output)" } as const;

export const constructCommand: Command = {
  summary: "build a width-3 LN-Net that classifies a dataset, and certify it with the kernel",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      { out: { type: "string", short: "o" }, eps: { type: "string" }, cert: { type: "string" }, seed: { type: "string" }, workers: { type: "string" }, view: { type: "string" }, "least-bits": { type: "boolean" }, json: { type: "boolean" } },
      USAGE,
    );
    const [dataPath] = requirePositionals(positionals, ["DATA.csv"], USAGE) as [string];
    const outPath = stringOption(values.out);
    if (!outPath) throw new InputError("bad-argument", `-o NET.json is required\nusage: ${USAGE}`, { field: "-o" });
    const seed = intOption(values.seed, "--seed", 1, 0, 2 ** 31 - 1);
    // Kernel worker threads (sample-parallel; the kernel is unchanged in each).
    const workers = intOption(values.workers, "--workers", defaultWorkers(), 1, 64);
    const eps = stringOption(values.eps) ?? "0";
    // First-layer view (docs/construction.md): auto picks the angular view when it saves a layer.
    const view = stringOption(values.view) ?? "auto";
    if (!(VIEWS as readonly string[]).includes(view)) throw new InputError("bad-argument", `--view must be one of ${VIEWS.join(", ")}, got "${view}"`, { field: "--view" });
    const data = loadCsv(dataPath);
    const t0 = performance.now();
    const bar = progressBar(io, "verify", io.isTTY && !values.json);
    let built;
    try {
      built = await constructAndVerifyAsync(data, { eps, seed, view: view as (typeof VIEWS)[number], maxBits: MAX_BITS, onProgress: bar.update, workers });
    } catch (e) {
      if (e instanceof InputError) throw e.within({ file: dataPath });
      // Data outside the builder's reach is "no certified net", exit 1; any other error is a bug
      // (a broken invariant) and becomes an internal error (exit 3).
      if (!(e instanceof ConstructionFailed)) throw e;
      bar.finish();
      io.err(`lnnet construct: could not build a net for ${dataPath}: ${(e as Error).message}\n`);
      io.out(renderVerdict(notVerified("construction-failed")));
      return EXIT.fails;
    }
    bar.finish();
    const { construction: c, report } = built;
    const s = report.summary;
    const verdict = datasetVerdict(c.net, data, report.decisions);
    // The least precision that certifies is a bisection over the kernel (often longer than the run
    // itself): computed only on request.
    const bits = values["least-bits"] && s.allCorrect ? minimalBits(c.net, data, report) : undefined;
    const seconds = (performance.now() - t0) / 1000;
    writeTextFile(outPath, serializeNet(c.net));
    const certPath = stringOption(values.cert);
    if (certPath) writeTextFile(certPath, JSON.stringify(buildCertificate(c.net, data, report, MAX_BITS)) + "\n");
    const summary = {
      samples: data.samples.length,
      dim: data.dim,
      depth: c.depth,
      worstCaseBound: c.worstCaseBound,
      letters: c.stats.letters,
      circularRuns: c.stats.circularRuns,
      view: c.view,
      builder: c.stats.builder,
      ...(c.plane ? { plane: c.plane } : {}),
      lineDeletions: c.stats.lineDeletions ?? null,
      angularDeletions: c.stats.angularDeletions ?? null,
      eps,
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
    };
    if (values.json) io.out(JSON.stringify({ ...summary, verdict: verdict.line, proven: verdict.statement }, null, 1) + "\n");
    else {
      io.out(
        [
          `samples     ${summary.samples} (d = ${summary.dim}, ${summary.letters} distinct positions, ${summary.circularRuns} circular label runs)`,
          `view        ${viewLine(c)}`,
          `builder     ${BUILDER_NAMES[c.stats.builder]}`,
          `depth       ${c.depth} LN layers (worst-case bound max(1, floor(m/2)) = ${c.worstCaseBound})`,
          `certified   ${s.correct}/${s.samples}${s.allCorrect ? "" : ` (wrong ${s.wrong + s.zero}, undefined ${s.undefined}, undecided ${s.undecided})`}`,
          bits !== undefined
            ? `precision   least sufficient ${bits} bits (${(bits / Math.max(1, c.depth)).toFixed(2)} per layer); rung used ${s.maxBits} bits`
            : `precision   rung used ${s.maxBits} bits (--least-bits finds the least sufficient precision)`,
          `eps         ${eps}   seed ${seed}`,
          `time        ${seconds.toFixed(3)} s (construct ${c.stats.seconds.toFixed(3)} s, verify ${s.seconds.toFixed(3)} s)`,
          `net         ${outPath}${certPath ? `   certificate ${certPath}` : ""}`,
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
