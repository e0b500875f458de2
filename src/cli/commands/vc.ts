/** `lnnet vc ...`: certified shattering (C2). A thin shell over src/vc. */
import { rmSync } from "node:fs";
import { InputError } from "../../trusted/errors.js";
import { DEFAULT_CHECK_MAX_BITS } from "../../trusted/verify/certificate.js";
import { allVerdicts, notVerified, renderVerdict, shatterVerdict } from "../../trusted/verdict.js";
import { computed } from "../verdict-lines.js";
import { parseRational, type Rational } from "../../trusted/numbers/rational.js";
import { checkShatterFile } from "../../vc/check-parallel.js";
import { openShatterStream } from "../../vc/stream.js";
import { serializeShatter, type ShatterCertificateJson } from "../../vc/format.js";
import { mergeShatter, mergeShatterFiles } from "../../vc/merge.js";
import { search, searchPoints } from "../../vc/search.js";
import { shatter, type ShatterRun } from "../../vc/shatter.js";
import { defaultPointSet } from "../../vc/point-sets.js";
import { formatVcTable, renderVcPlot, vcRow, vcTable } from "../../vc/table.js";
import { COMMON, epsOption, HelpRequested, intOption, oneStdout, parseCommand, requirePositionals, stringOption, usageLine, type CommandSpec } from "../args.js";
import { EXIT, readTextFile, STDOUT, writeTextFile, type CliIo } from "../io.js";
import { loadJson } from "../load.js";
import { progressFor } from "../progress.js";
import type { Command } from "./index.js";

const WORKERS = { type: "string", arg: "N", default: "1", help: "worker threads" } as const;
const MAX_BITS = { type: "string", arg: "N", default: String(DEFAULT_CHECK_MAX_BITS), help: "the kernel's precision cap (bits)" } as const;

const SHATTER: CommandSpec = {
  name: "vc shatter",
  args: "--depth L",
  summary: "Certify that 2L+1 points on the line (or the points of --points) are shattered by width-3 LN-Nets with L LayerNorm layers: one kernel-certified net per labeling, up to the symmetries of the point set (claim C2, docs/vc.md).",
  options: {
    depth: { type: "string", arg: "L", help: "LayerNorm layers, 1..14 (required)" },
    points: { type: "string", arg: "FILE", default: "2L+1 points on the line", help: "points file: one point per line, coordinates separated by commas" },
    dim: { type: "string", arg: "D", default: "1", help: "without --points: the default set in R^D (D = 2: 2L+3 rational points on the unit circle; with --seed or D > 2: 3L+3 random integer points)" },
    size: { type: "string", arg: "m", help: "without --points: the number of default points (on the line, m > 2L+1: the sign runs of a net with m - 1 sign changes, docs/vc.md)" },
    seed: { type: "string", arg: "S", help: "without --points: m random points of {0..1023}^D from seed S" },
    output: { type: "string", short: "o", arg: "CERT.json", help: "write the lnnet-shatter/v1 certificate (- for stdout; a journal OUT.journal is kept for --resume)" },
    workers: WORKERS,
    shard: { type: "string", arg: "i/N", help: "only shard i of N of the labelings (merge shards with vc merge)" },
    eps: { type: "string", arg: "E", default: "0", help: "LayerNorm eps, an exact number >= 0" },
    resume: { type: "boolean", help: "continue from OUT.journal (nets there are re-verified)" },
    "max-bits": MAX_BITS,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet vc shatter --depth 3 -o vc3.json --workers 2 && lnnet vc check vc3.json"],
};
const VC_CHECK: CommandSpec = {
  name: "vc check",
  args: "CERT.json",
  summary: "Re-check an lnnet-shatter/v1 certificate with the kernel alone: every net is certified on every point, and the labelings (with the symmetries) cover all 2^m.",
  options: { partial: { type: "boolean", help: "do not require every labeling to be covered" }, json: COMMON.json, workers: WORKERS, reference: COMMON.reference, "max-bits": MAX_BITS, quiet: COMMON.quiet },
  examples: ["lnnet vc check vc3.json --workers 2"],
};
const MERGE: CommandSpec = {
  name: "vc merge",
  args: "A.json B.json ... -o OUT.json",
  summary: "Merge shard certificates of one point set into one certificate (nothing is re-checked here: run vc check on the result).",
  options: { output: { type: "string", short: "o", arg: "OUT.json", help: "the merged certificate (required; - for stdout)" }, quiet: COMMON.quiet },
  examples: ["lnnet vc merge s0.json s1.json -o vc8.json && lnnet vc check vc8.json"],
};
const TABLE: CommandSpec = {
  name: "vc table",
  args: "",
  summary: "Shatter 2L+1 points for each depth L and print the table (points, labelings, nets, time).",
  options: { depths: { type: "string", arg: "LIST", default: "1,2,3,4", help: "depths, comma-separated" }, workers: WORKERS, svg: { type: "string", arg: "PLOT.svg", help: "also plot the table" }, quiet: COMMON.quiet },
  examples: ["lnnet vc table --depths 1,2,3 --svg vc.svg"],
};
const VC_SEARCH: CommandSpec = {
  name: "vc search",
  args: "--depth L --points n",
  summary: "Look for a shattered set of n points at depth L by training (untrusted) and certify each net found with the kernel.",
  options: {
    depth: { type: "string", arg: "L", help: "LayerNorm layers (required)" },
    points: { type: "string", arg: "n", help: "number of points, 1..20 (required)" },
    seed: { type: "string", arg: "S", default: "1", help: "training seed" },
    restarts: { type: "string", arg: "R", default: "20", help: "training restarts per labeling" },
    steps: { type: "string", arg: "K", default: "400", help: "optimizer steps per restart" },
    output: { type: "string", short: "o", arg: "CERT.json", help: "write the certificate when every labeling is found (- for stdout)" },
    json: COMMON.json,
    quiet: COMMON.quiet,
  },
  examples: ["lnnet vc search --depth 1 --points 3 -o s.json"],
};
const SUBS = [SHATTER, VC_CHECK, MERGE, TABLE, VC_SEARCH];
const USAGE = SUBS.map(usageLine).join("\n");

/** Points file: one point per line, coordinates separated by commas; blank and # lines skipped. */
export function parsePointsFile(text: string, file: string): Rational[][] {
  const points: Rational[][] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const x = t.split(",").map((c, j) => parseRational(c, { file, line: idx + 1, column: j + 1 }));
    const first = points[0];
    if (first && x.length !== first.length) throw new InputError("dimension-mismatch", `expected ${first.length} coordinates, got ${x.length}`, { file, line: idx + 1 });
    points.push(x);
  });
  if (points.length === 0) throw new InputError("empty-data", "no points", { file });
  return points;
}

export function shardOption(v: string | boolean | undefined): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === "string" ? /^(\d+)\/(\d+)$/.exec(v) : null;
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new InputError("bad-argument", `--shard must be i/N with 0 <= i < N, got ${JSON.stringify(v)}`, { field: "--shard" });
  return { index, count };
}

async function shatterCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, SHATTER);
  requirePositionals(positionals, [], USAGE);
  if (values.depth === undefined) throw new InputError("bad-argument", `--depth is required\nusage: ${USAGE}`);
  const depth = intOption(values.depth, "--depth", 1, 1, 14);
  const pointsPath = stringOption(values.points);
  if (pointsPath && (values.dim !== undefined || values.size !== undefined || values.seed !== undefined)) throw new InputError("bad-argument", "--points FILE excludes --dim, --size and --seed");
  const size = values.size === undefined ? undefined : intOption(values.size, "--size", 1, 1, 30);
  const seed = values.seed === undefined ? undefined : intOption(values.seed, "--seed", 1, 0, 2 ** 31);
  const points = pointsPath ? parsePointsFile(readTextFile(pointsPath), pointsPath) : defaultPointSet(depth, intOption(values.dim, "--dim", 1, 1, 64), size, seed);
  const out = stringOption(values.output);
  if (values.resume && (!out || out === STDOUT)) throw new InputError("bad-argument", "--resume needs -o FILE (the journal is FILE.journal)", { field: "--resume" });
  const shard = shardOption(values.shard);
  const bar = progressFor(io, "vc shatter", values)();
  const summarize = (r: ShatterRun): Record<string, unknown> => ({ table: [vcRow(depth, r)], seconds: r.seconds, workers: r.workersUsed, representatives: r.representatives, labelings: r.labelings, resumed: r.resumed, failed: r.failed.length });
  const run = await shatter({
    depth,
    points,
    eps: epsOption(values.eps),
    shard,
    workers: intOption(values.workers, "--workers", 1, 1, 256),
    maxBits: intOption(values["max-bits"], "--max-bits", 4096, 53, 1 << 16),
    journal: out && out !== STDOUT ? `${out}.journal` : undefined,
    resume: Boolean(values.resume),
    output: out && out !== STDOUT ? out : undefined, // streamed: the nets are never all in memory
    summarize,
    onProgress: bar.update,
  });
  bar.finish();
  const row = vcRow(depth, run);
  if (out === STDOUT) writeTextFile(out, serializeShatter({ ...run.certificate, summary: summarize(run) }), io);
  if (out && out !== STDOUT && run.complete) rmSync(`${out}.journal`, { force: true }); // kept otherwise, for --resume
  const say = out === STDOUT ? io.err : io.out;
  for (const f of run.failed.slice(0, 10)) say(`c no certified net for labeling ${f}\n`);
  const m = run.certificate.points.x.length;
  say(`c ${m} points, ${run.labelings} labelings, ${run.representatives} nets${shard ? ` (shard ${shard.index}/${shard.count})` : ""} via symmetries [${run.certificate.symmetries.join(", ")}]\n`);
  if (run.resumed) say(`c ${run.resumed} nets taken from the journal and re-verified by the kernel\n`);
  say(formatVcTable([row]).replace(/^/gm, "c ").replace(/c $/, ""));
  // the producer's run: every net certified by the kernel as it was made (re-check: lnnet vc check)
  // (a shard proves only its representatives' labelings: partial)
  const covered = shard ? run.entryCount : run.labelings;
  const verdict = run.complete ? shatterVerdict(run.certificate, { ok: true, failures: [], covered }, Boolean(shard)) : notVerified("not-certified");
  say(renderVerdict(verdict));
  return verdict.proven ? EXIT.ok : EXIT.fails;
}

async function checkCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, VC_CHECK);
  const [path] = requirePositionals(positionals, ["CERT.json"], usageLine(VC_CHECK)) as [string];
  const json = openShatterStream(path).head; // the head alone: the entries are streamed to the checker
  const bar = progressFor(io, "vc check", values)();
  let r;
  try {
    r = await checkShatterFile(path, { workers: intOption(values.workers, "--workers", 1, 1, 256), partial: Boolean(values.partial), reference: Boolean(values.reference), maxBits: intOption(values["max-bits"], "--max-bits", DEFAULT_CHECK_MAX_BITS, 8, 1 << 16), onProgress: bar.update });
  } catch (e) {
    if (e instanceof InputError) throw e.within({ file: path });
    throw e;
  } finally {
    bar.finish();
  }
  const verdict = shatterVerdict(json, r, Boolean(values.partial));
  if (values.json) {
    io.out(JSON.stringify({ ...r, verdict: verdict.line, proven: verdict.statement }) + "\n");
  } else {
    for (const f of r.failures.slice(0, 20)) {
      const parts = [f.code, f.entry !== undefined ? `entry ${f.entry}` : "", f.labeling ? `labeling ${f.labeling}` : "", f.via?.length ? `via ${f.via.join("+")}` : "", f.sample !== undefined ? `sample ${f.sample}` : "", f.got ? `kernel says ${f.got}` : "", f.detail ?? ""];
      io.out(`c ${parts.filter(Boolean).join(" ")}\n`);
    }
    if (r.failures.length > 20) io.out(`c ... and ${r.failures.length - 20} more\n`);
    io.out(`c ${r.covered}/${r.labelings} labelings of ${r.points} points covered, ${r.netsCertified} nets certified by the kernel\n`);
    io.out(renderVerdict(verdict));
  }
  return verdict.proven ? EXIT.ok : EXIT.fails;
}

async function mergeCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, MERGE);
  const out = stringOption(values.output);
  if (!out || positionals.length === 0) throw new InputError("bad-argument", `expected shard certificates and -o OUT.json\nusage: ${usageLine(MERGE)}`);
  let nets: number;
  if (out === STDOUT) {
    const merged = mergeShatter(positionals.map((p) => loadJson(p) as ShatterCertificateJson), positionals);
    writeTextFile(out, serializeShatter(merged), io);
    nets = merged.entries.length;
  } else nets = mergeShatterFiles(positionals, out); // streamed: no shard is held in memory
  const say = out === STDOUT ? io.err : io.out;
  say(`c merged ${positionals.length} certificate(s): ${nets} nets -> ${out === STDOUT ? "stdout" : out}\nc nothing re-checked here: run \`lnnet vc check ${out === STDOUT ? "FILE" : out}\`\n`);
  say(renderVerdict(computed(`a merged certificate of ${nets} nets (unchecked)`)));
  return EXIT.ok;
}

async function tableCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, TABLE);
  requirePositionals(positionals, [], usageLine(TABLE));
  const text = stringOption(values.depths) ?? "1,2,3,4";
  if (!/^\d+(,\d+)*$/.test(text)) throw new InputError("bad-argument", `--depths must be a list like 1,2,3, got "${text}"`, { field: "--depths" });
  const depths = text.split(",").map(Number);
  if (depths.some((d) => d < 1 || d > 14)) throw new InputError("bad-argument", "--depths must lie in [1, 14]", { field: "--depths" });
  const bar = progressFor(io, "vc table", values)();
  const t = await vcTable(depths, { workers: intOption(values.workers, "--workers", 1, 1, 256) });
  bar.finish();
  const svg = stringOption(values.svg);
  if (svg) writeTextFile(svg, renderVcPlot(t.rows), io);
  io.out(t.text.replace(/^/gm, "c ").replace(/c $/, ""));
  const verdicts = t.runs.map((run) => (run.complete ? shatterVerdict(run.certificate, { ok: true, failures: [], covered: run.labelings }) : notVerified("not-certified")));
  const verdict = allVerdicts(verdicts);
  io.out(renderVerdict(verdict));
  return verdict.proven ? EXIT.ok : EXIT.fails;
}

async function searchCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, VC_SEARCH);
  requirePositionals(positionals, [], USAGE);
  if (values.depth === undefined || values.points === undefined) throw new InputError("bad-argument", `--depth and --points are required\nusage:\n${USAGE}`);
  const depth = intOption(values.depth, "--depth", 1, 1, 14);
  const n = intOption(values.points, "--points", 1, 1, 20);
  const seed = intOption(values.seed, "--seed", 1, 0, 2 ** 31);
  const out = stringOption(values.output);
  oneStdout(values, [out]);
  const bar = progressFor(io, "vc search", values)();
  const r = search({ depth, n, seed, restarts: intOption(values.restarts, "--restarts", 20, 1, 1e6), steps: intOption(values.steps, "--steps", 400, 1, 1e7), onProgress: bar.update });
  bar.finish();
  if (out && r.certificate) writeTextFile(out, serializeShatter({ ...r.certificate, summary: { search: { depth, n, seed, seconds: r.seconds } } }), io);
  const verdict = r.allFound && r.certificate ? shatterVerdict(r.certificate, { ok: true, failures: [], covered: 2 ** n }) : notVerified("not-found");
  const say = out === STDOUT ? io.err : io.out;
  if (values.json) io.out(JSON.stringify({ depth, n, seed, allFound: r.allFound, seconds: r.seconds, results: r.results, verdict: verdict.line, proven: verdict.statement }) + "\n");
  else {
    const io = { out: say };
    io.out(`c seed ${seed}: depth ${depth}, ${n} points ${r.certificate?.points.x.map((x) => x.join(",")).join(" ") ?? searchPoints(n).map((x) => x.join(",")).join(" ")}\n`);
    for (const x of r.results) {
      io.out(`c ${x.labeling} ${x.found ? `found by ${x.how}` : "not found"}${x.how === "construction" ? "" : ` (seed ${x.seed}, ${x.restarts} restart(s))`}\n`);
    }
    const found = r.results.filter((x) => x.found).length;
    io.out(`c ${found}/${r.results.length} orbit representatives found (${r.seconds.toFixed(1)} s)\n`);
    if (r.allFound) io.out(`c every labeling certified: VC >= ${n} for width 3, depth ${depth}${out && out !== STDOUT ? `; certificate ${out} (lnnet vc check ${out})` : ""}\n`);
    io.out(renderVerdict(verdict));
  }
  return verdict.proven ? EXIT.ok : EXIT.fails;
}

const SUB: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  shatter: shatterCmd,
  check: checkCmd,
  merge: mergeCmd,
  table: tableCmd,
  search: searchCmd,
};

export const vcCommand: Command = {
  summary: "VC dimension (C2): certified shattering certificates, check, merge, table, search",
  async run(argv: string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    const f = sub === undefined ? undefined : SUB[sub];
    if (!f) {
      if (sub === "--help" || sub === "-h" || sub === "help") throw new HelpRequested(`usage:\n${USAGE}\n\n${SUBS.map((c) => `  ${c.name.padEnd(11)} ${c.summary.split(". ")[0]!.replace(/\.$/, "")}`).join("\n")}\n\nlnnet help vc SUBCOMMAND: every option, its default, an example`);
      throw new InputError("bad-argument", `unknown vc subcommand ${JSON.stringify(sub ?? "")}\nusage:\n${USAGE}`);
    }
    return f(rest, io);
  },
};
