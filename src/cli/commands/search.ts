import { EXIT, STDOUT, writeTextFile, type CliIo } from "../io.js";
import { COMMON, intOption, oneStdout, parseCommand, stringOption, usageLine, type CommandSpec } from "../args.js";
import { loadJson } from "../load.js";
import { progressFor } from "../progress.js";
import { InputError } from "../../trusted/errors.js";
import { BUILTIN_NAMES, builtinSpecJson } from "../../search/conjectures.js";
import { NOT_FOUND, refutationVerdict, renderVerdict, searchVerdict } from "../../trusted/verdict.js";
import { computed } from "../verdict-lines.js";
import { parseInstance, replayCommand, withReplay } from "../../search/replay.js";
import { runSearch, type SearchResult } from "../../search/run.js";
import { parseSpec, type ConjectureSpec } from "../../search/spec.js";
import type { Command } from "./index.js";

export const SEARCH: CommandSpec = {
  name: "search",
  args: "SPEC.json | --conjecture NAME | --check REFUTATION.json | --list",
  summary:
    "Run a conjecture about a class of nets (a spec file or a built-in) under a seed and a budget. Ends in one outcome: certified (one certified net per labeling searched), counterexample (a shrunk instance with a replay command), refuted (an exactly checked refutation certificate), or not found (docs/search.md).",
  options: {
    conjecture: { type: "string", arg: "NAME", help: "a built-in conjecture instead of SPEC.json (--list names them)" },
    seed: { type: "string", arg: "S", default: "the spec's seed", help: "seed of the point-set generator" },
    budget: { type: "string", arg: "B", default: "the spec's budget", help: "point sets to generate" },
    depth: { type: "string", arg: "D", default: "the spec's depth", help: "override the class's depth" },
    replay: { type: "string", arg: "POINTS:LABELS", help: "run the property on exactly one instance, e.g. '0,0;1,1;0,1;1,0:1100'" },
    out: { type: "string", arg: "RESULT.json", help: "write the full result with its certificates (- for stdout)" },
    check: { type: "string", arg: "REFUTATION.json", help: "re-check a saved refutation exactly, nothing else" },
    list: { type: "boolean", help: "list the built-in conjectures" },
    json: COMMON.json,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet search --conjecture width2-xor", "lnnet search --conjecture depth-2-shatters-5 --out result.json && lnnet search --check result.json"],
  notes: "verdicts: s CERTIFIED (exit 0), s NOT FOUND (nothing found within the budget, every labeling decided; exit 0), s NOT VERIFIED unresolved (some labeling neither certified nor refuted; exit 1), s COUNTEREXAMPLE and s REFUTED (the conjecture does not hold; exit 1).",
};
const USAGE = usageLine(SEARCH);

export const searchCommand: Command = {
  summary: "search a conjecture: a certificate, a shrunk replayable counterexample, or a refutation proof",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommand(argv, SEARCH);
    if (values.list) {
      const listed = computed(`${BUILTIN_NAMES.length} built-in conjectures`);
      if (values.json) io.out(JSON.stringify({ conjectures: BUILTIN_NAMES, verdict: listed.line }) + "\n");
      else io.out(BUILTIN_NAMES.map((n) => `c ${n}`).join("\n") + "\n" + renderVerdict(listed));
      return EXIT.ok;
    }
    const checkPath = stringOption(values.check);
    if (checkPath) return checkFile(checkPath, io, Boolean(values.json));
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

    const outPath = stringOption(values.out);
    oneStdout(values, [outPath]);
    const bar = progressFor(io, "search", values)();
    const result = runSearch(spec, { onProgress: bar.update });
    bar.finish();
    const source = name !== undefined ? { conjecture: name } : { specPath: specPath as string };
    const inst = result.instance ?? (result.outcome === "not-found" ? result.unresolved : undefined);
    const replay = inst ? replayCommand(source, spec.seed, inst, baseDepth) : undefined;
    const full = { ...result, ...(replay ? { replay } : {}) };
    if (outPath) writeTextFile(outPath, JSON.stringify(full, null, 1) + "\n", io);
    const verdict = searchVerdict(result);
    if (values.json) io.out(JSON.stringify({ ...full, verdict: verdict.line, proven: verdict.statement }) + "\n");
    else (outPath === STDOUT ? io.err : io.out)(describe(full, spec) + renderVerdict(verdict));
    // one exit code per verdict line: CERTIFIED and NOT FOUND 0, everything else (REFUTED too) 1
    return (verdict.proven && result.outcome === "certified") || verdict === NOT_FOUND ? EXIT.ok : EXIT.fails;
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
function checkFile(path: string, io: CliIo, json: boolean): number {
  const file = loadJson(path) as Record<string, unknown>;
  const cert = file && typeof file === "object" && "refutation" in file ? file.refutation : file;
  const v = refutationVerdict(cert);
  if (json) io.out(JSON.stringify({ verdict: v.line, proven: v.statement, ...(v.message ? { message: v.message } : {}) }) + "\n");
  else io.out((v.proven ? "" : `c refutation rejected: ${v.message ?? ""}\n`) + renderVerdict(v));
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
  return lines.map((l) => `c ${l}`).join("\n") + "\n";
}

