import { EXIT, writeTextFile, type CliIo } from "../io.js";
import { intOption, parseCommandArgs, stringOption } from "../args.js";
import { loadJson } from "../load.js";
import { progressBar } from "../progress.js";
import { InputError } from "../../trusted/errors.js";
import { BUILTIN_NAMES, builtinSpecJson } from "../../search/conjectures.js";
import { refutationVerdict, renderVerdict, searchVerdict } from "../../trusted/verdict.js";
import { parseInstance, replayCommand, withReplay } from "../../search/replay.js";
import { runSearch, type SearchResult } from "../../search/run.js";
import { parseSpec, type ConjectureSpec } from "../../search/spec.js";
import type { Command } from "./index.js";

const USAGE =
  "lnnet search SPEC.json | --conjecture NAME [--seed S] [--budget B] [--depth D] [--replay POINTS:LABELS] [--json] [--out RESULT.json]\n" +
  "       lnnet search --check REFUTATION.json      lnnet search --list";

export const searchCommand: Command = {
  summary: "search a conjecture: a certificate, a shrunk replayable counterexample, or a refutation proof",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        conjecture: { type: "string" },
        seed: { type: "string" },
        budget: { type: "string" },
        depth: { type: "string" },
        replay: { type: "string" },
        json: { type: "boolean" },
        out: { type: "string" },
        check: { type: "string" },
        list: { type: "boolean" },
      },
      USAGE,
    );
    if (values.list) {
      io.out(BUILTIN_NAMES.join("\n") + "\n");
      return EXIT.ok;
    }
    const checkPath = stringOption(values.check);
    if (checkPath) return checkFile(checkPath, io);
    const name = stringOption(values.conjecture);
    if ((name === undefined) === (positionals.length !== 1) || positionals.length > 1) {
      throw new InputError("bad-argument", `give exactly one of SPEC.json or --conjecture NAME\nusage: ${USAGE}`);
    }
    const specPath = positionals[0];
    const raw = name !== undefined ? builtinSpecJson(name) : specOf(loadJson(specPath as string));
    let spec: ConjectureSpec;
    try {
      spec = parseSpec(raw);
    } catch (e) {
      throw e instanceof InputError && specPath ? e.within({ file: specPath }) : e;
    }
    const baseDepth = spec.class.depth; // replays name --depth only when it differs from the spec's own
    spec = overrides(spec, values);
    const replayText = stringOption(values.replay);
    if (replayText) spec = withReplay(spec, parseInstance(replayText, spec.class.inputDim));

    const bar = progressBar(io, "search", io.isTTY && !values.json);
    const result = runSearch(spec, { onProgress: bar.update });
    bar.finish();
    const source = name !== undefined ? { conjecture: name } : { specPath: specPath as string };
    const inst = result.instance ?? (result.outcome === "not-found" ? result.unresolved : undefined);
    const replay = inst ? replayCommand(source, spec.seed, inst, baseDepth) : undefined;
    const full = { ...result, ...(replay ? { replay } : {}) };
    const outPath = stringOption(values.out);
    if (outPath) writeTextFile(outPath, JSON.stringify(full, null, 1) + "\n");
    const verdict = searchVerdict(result);
    if (values.json) io.out(JSON.stringify({ ...full, verdict: verdict.line, proven: verdict.statement }) + "\n");
    else io.out(describe(full, spec) + renderVerdict(verdict));
    const undecided = result.outcome === "not-found" && result.stats.unresolved > 0;
    const rejected = result.outcome === "certified" && !verdict.proven;
    return result.outcome === "refuted" || result.outcome === "counterexample" || undecided || rejected ? EXIT.fails : EXIT.ok;
  },
};

/** A spec file, or a pinned regression / saved result that embeds its spec under "spec". */
function specOf(json: unknown): unknown {
  return json && typeof json === "object" && !Array.isArray(json) && "spec" in json ? (json as { spec: unknown }).spec : json;
}

function overrides(spec: ConjectureSpec, values: Record<string, string | boolean | undefined>): ConjectureSpec {
  const seed = intOption(values.seed, "--seed", spec.seed, 0, 2 ** 32 - 1);
  const budget = intOption(values.budget, "--budget", spec.budget, 1, 1_000_000);
  const depth = intOption(values.depth, "--depth", spec.class.depth, 1, 64);
  return { ...spec, seed, budget, class: { ...spec.class, depth } };
}

/**
 * `--check FILE`: only the statement the trusted tree derives from the certificate's kind and data is
 * printed; a `claim` field that differs from the kind's claim is rejected (claim-mismatch).
 */
function checkFile(path: string, io: CliIo): number {
  const json = loadJson(path) as Record<string, unknown>;
  const cert = json && typeof json === "object" && "refutation" in json ? json.refutation : json;
  const v = refutationVerdict(cert);
  if (!v.proven) io.out(`c refutation rejected: ${v.message ?? ""}\n`);
  io.out(renderVerdict(v));
  return v.proven ? EXIT.ok : EXIT.fails;
}

function describe(r: SearchResult & { replay?: string }, spec: ConjectureSpec): string {
  const s = r.stats;
  const lines = [
    `conjecture  ${r.conjecture}${spec.description ? ` (${spec.description}; the spec's wording, not checked)` : ""}`,
    `class       ${r.class}`,
    `property    ${r.property}`,
    `seed        ${r.seed}    budget ${r.budget} sets`,
    `searched    ${s.sets} sets, ${s.labelings} labelings: ${s.certified} certified, ${s.refuted} refuted, ${s.unresolved} unresolved (${s.seconds} s)`,
  ];
  const inst = r.instance;
  if (inst) {
    lines.push(`${r.outcome === "refuted" ? "refuted on" : "counterexample"} (${inst.points.length} points, shrunk from ${r.shrunkFrom}${inst.depth !== undefined ? `, depth ${inst.depth}` : ""}):`);
    inst.points.forEach((p, i) => lines.push(`  (${p.join(", ")}) -> ${inst.labels[i]}`));
  }
  if (r.reason) lines.push(`reason      ${r.reason}`);
  if (r.refutation) {
    const ok = refutationVerdict(r.refutation).proven;
    lines.push(`proof       ${r.refutation.kind} certificate${r.refutation.lambda ? `, lambda = [${r.refutation.lambda.join(", ")}]` : ""}; checked exactly: ${ok ? "ok" : "FAILED"}`);
  }
  if (r.certificates) lines.push(`certified   ${r.certificates.length} nets, one per labeling, checked by ${r.certificates[0]?.checkedBy ?? "-"} (use --out to save them)`);
  if (r.unresolved) lines.push(`unresolved  ${r.unresolved.labels.join("")} on ${r.unresolved.points.length} points: no producer found a certified net (this proves nothing)`);
  for (const n of r.notes) lines.push(`note        ${n}`);
  if (r.replay) lines.push(`replay      ${r.replay}`);
  return lines.join("\n") + "\n";
}

