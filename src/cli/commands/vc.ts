/** `lnnet vc ...`: certified shattering (C2). A thin shell over src/vc. */
import { rmSync } from "node:fs";
import { InputError } from "../../trusted/errors.js";
import { DEFAULT_CHECK_MAX_BITS } from "../../trusted/verify/certificate.js";
import { allVerdicts, notVerified, renderVerdict, shatterVerdict } from "../../trusted/verdict.js";
import { parseRational, sign, type Rational } from "../../trusted/numbers/rational.js";
import { checkShatterFile } from "../../vc/check-parallel.js";
import { serializeShatter, type ShatterCertificateJson } from "../../vc/format.js";
import { mergeShatter } from "../../vc/merge.js";
import { search, searchPoints } from "../../vc/search.js";
import { shatter } from "../../vc/shatter.js";
import { formatVcTable, renderVcPlot, vcRow, vcTable } from "../../vc/table.js";
import { intOption, parseCommandArgs, requirePositionals, stringOption } from "../args.js";
import { EXIT, readTextFile, writeTextFile, type CliIo } from "../io.js";
import { loadJson } from "../load.js";
import { progressBar } from "../progress.js";
import type { Command } from "./index.js";

const USAGE = `lnnet vc shatter --depth L [--points FILE] [-o CERT.json] [--workers N] [--shard i/N] [--eps E] [--resume] [--max-bits N]
lnnet vc check CERT.json [--partial] [--json] [--workers N] [--reference] [--max-bits N]
lnnet vc merge A.json B.json ... -o OUT.json
lnnet vc table --depths 1,2,3 [--workers N] [--svg PLOT.svg]
lnnet vc search --depth L --points n [--seed S] [--restarts R] [--steps K] [-o CERT.json] [--json]`;

/** Points file: one point per line, coordinates separated by commas; blank and # lines skipped. */
export function parsePointsFile(text: string, file: string): Rational[][] {
  const points: Rational[][] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const x = t.split(",").map((c, j) => parseRational(c, { file, line: idx + 1, column: j + 1 }));
    if (points.length && x.length !== (points[0] as Rational[]).length) throw new InputError("dimension-mismatch", `expected ${(points[0] as Rational[]).length} coordinates, got ${x.length}`, { file, line: idx + 1 });
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

function epsOption(v: string | boolean | undefined): Rational | undefined {
  if (v === undefined) return undefined;
  const e = parseRational(String(v), { field: "--eps" });
  if (sign(e) < 0) throw new InputError("bad-argument", "--eps must be >= 0", { field: "--eps" });
  return e;
}

async function shatterCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      depth: { type: "string" },
      points: { type: "string" },
      output: { type: "string", short: "o" },
      workers: { type: "string" },
      shard: { type: "string" },
      eps: { type: "string" },
      resume: { type: "boolean" },
      "max-bits": { type: "string" },
    },
    USAGE,
  );
  requirePositionals(positionals, [], USAGE);
  if (values.depth === undefined) throw new InputError("bad-argument", `--depth is required\nusage: ${USAGE}`);
  const depth = intOption(values.depth, "--depth", 1, 1, 14);
  const pointsPath = stringOption(values.points);
  const points = pointsPath ? parsePointsFile(readTextFile(pointsPath), pointsPath) : undefined;
  const out = stringOption(values.output);
  if (values.resume && !out) throw new InputError("bad-argument", "--resume needs -o (the journal is OUT.journal)");
  const shard = shardOption(values.shard);
  const bar = progressBar(io, "shatter", io.isTTY);
  const run = await shatter({
    depth,
    points,
    eps: epsOption(values.eps),
    shard,
    workers: intOption(values.workers, "--workers", 1, 1, 256),
    maxBits: intOption(values["max-bits"], "--max-bits", 4096, 53, 1 << 16),
    journal: out ? `${out}.journal` : undefined,
    resume: Boolean(values.resume),
    onProgress: bar.update,
  });
  bar.finish();
  const row = vcRow(depth, run);
  const cert: ShatterCertificateJson = {
    ...run.certificate,
    summary: { table: [row], seconds: run.seconds, workers: run.workersUsed, representatives: run.representatives, labelings: run.labelings, resumed: run.resumed, failed: run.failed.length },
  };
  if (out) {
    writeTextFile(out, serializeShatter(cert));
    if (run.complete) rmSync(`${out}.journal`, { force: true }); // kept otherwise, for --resume
  }
  for (const f of run.failed.slice(0, 10)) io.out(`c no certified net for labeling ${f}\n`);
  const m = run.certificate.points.x.length;
  io.out(`c ${m} points, ${run.labelings} labelings, ${run.representatives} nets${shard ? ` (shard ${shard.index}/${shard.count})` : ""} via symmetries [${run.certificate.symmetries.join(", ")}]\n`);
  if (run.resumed) io.out(`c ${run.resumed} nets taken from the journal and re-verified by the kernel\n`);
  io.out(formatVcTable([row]).replace(/^/gm, "c ").replace(/c $/, ""));
  // the producer's run: every net certified by the kernel as it was made (re-check: lnnet vc check)
  // (a shard proves only its representatives' labelings: partial)
  const covered = shard ? run.certificate.entries.length : run.labelings;
  const verdict = run.complete ? shatterVerdict(run.certificate, { ok: true, failures: [], covered }, Boolean(shard)) : notVerified("not-certified");
  io.out(renderVerdict(verdict));
  return verdict.proven ? EXIT.ok : EXIT.fails;
}

async function checkCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { partial: { type: "boolean" }, json: { type: "boolean" }, workers: { type: "string" }, reference: { type: "boolean" }, "max-bits": { type: "string" } }, USAGE);
  const [path] = requirePositionals(positionals, ["CERT.json"], USAGE) as [string];
  const json = loadJson(path);
  const bar = progressBar(io, "check", io.isTTY && !values.json);
  let r;
  try {
    r = await checkShatterFile(path, json, { workers: intOption(values.workers, "--workers", 1, 1, 256), partial: Boolean(values.partial), reference: Boolean(values.reference), maxBits: intOption(values["max-bits"], "--max-bits", DEFAULT_CHECK_MAX_BITS, 8, 1 << 16), onProgress: bar.update });
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
  const { values, positionals } = parseCommandArgs(argv, { output: { type: "string", short: "o" } }, USAGE);
  const out = stringOption(values.output);
  if (!out || positionals.length === 0) throw new InputError("bad-argument", `expected shard certificates and -o OUT.json\nusage: ${USAGE}`);
  const merged = mergeShatter(positionals.map((p) => loadJson(p) as ShatterCertificateJson), positionals);
  writeTextFile(out, serializeShatter(merged));
  io.out(`c merged ${positionals.length} certificate(s): ${merged.entries.length} nets -> ${out}\nc run \`lnnet vc check ${out}\` to verify\n`);
  return EXIT.ok;
}

async function tableCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { depths: { type: "string" }, workers: { type: "string" }, svg: { type: "string" } }, USAGE);
  requirePositionals(positionals, [], USAGE);
  const text = stringOption(values.depths) ?? "1,2,3,4";
  if (!/^\d+(,\d+)*$/.test(text)) throw new InputError("bad-argument", `--depths must be a list like 1,2,3, got "${text}"`, { field: "--depths" });
  const depths = text.split(",").map(Number);
  if (depths.some((d) => d < 1 || d > 14)) throw new InputError("bad-argument", "--depths must lie in [1, 14]", { field: "--depths" });
  const t = await vcTable(depths, { workers: intOption(values.workers, "--workers", 1, 1, 256) });
  const svg = stringOption(values.svg);
  if (svg) writeTextFile(svg, renderVcPlot(t.rows));
  io.out(t.text);
  const verdicts = t.runs.map((run) => (run.complete ? shatterVerdict(run.certificate, { ok: true, failures: [], covered: run.labelings }) : notVerified("not-certified")));
  const verdict = allVerdicts(verdicts);
  io.out(renderVerdict(verdict));
  return verdict.proven ? EXIT.ok : EXIT.fails;
}

async function searchCmd(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { depth: { type: "string" }, points: { type: "string" }, seed: { type: "string" }, restarts: { type: "string" }, steps: { type: "string" }, output: { type: "string", short: "o" }, json: { type: "boolean" } },
    USAGE,
  );
  requirePositionals(positionals, [], USAGE);
  if (values.depth === undefined || values.points === undefined) throw new InputError("bad-argument", `--depth and --points are required\nusage:\n${USAGE}`);
  const depth = intOption(values.depth, "--depth", 1, 1, 14);
  const n = intOption(values.points, "--points", 1, 1, 20);
  const seed = intOption(values.seed, "--seed", 1, 0, 2 ** 31);
  const bar = progressBar(io, "search", io.isTTY && !values.json);
  const r = search({ depth, n, seed, restarts: intOption(values.restarts, "--restarts", 20, 1, 1e6), steps: intOption(values.steps, "--steps", 400, 1, 1e7), onProgress: bar.update });
  bar.finish();
  const out = stringOption(values.output);
  if (out && r.certificate) writeTextFile(out, serializeShatter({ ...r.certificate, summary: { search: { depth, n, seed, seconds: r.seconds } } }));
  if (values.json) io.out(JSON.stringify({ depth, n, seed, allFound: r.allFound, seconds: r.seconds, results: r.results }) + "\n");
  else {
    io.out(`c seed ${seed}: depth ${depth}, ${n} points ${r.certificate?.points.x.map((x) => x.join(",")).join(" ") ?? searchPoints(n).map((x) => x.join(",")).join(" ")}\n`);
    for (const x of r.results) {
      io.out(`c ${x.labeling} ${x.found ? `found by ${x.how}` : "not found"}${x.how === "construction" ? "" : ` (seed ${x.seed}, ${x.restarts} restart(s))`}\n`);
    }
    const found = r.results.filter((x) => x.found).length;
    io.out(`c ${found}/${r.results.length} orbit representatives found (${r.seconds.toFixed(1)} s)\n`);
    if (r.allFound) io.out(`c every labeling certified: VC >= ${n} for width 3, depth ${depth}${out ? `; certificate ${out} (lnnet vc check ${out})` : ""}\n`);
  }
  const verdict = r.allFound && r.certificate ? shatterVerdict(r.certificate, { ok: true, failures: [], covered: 2 ** n }) : notVerified("not-found");
  io.out(renderVerdict(verdict));
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
      if (sub === "--help" || sub === "-h" || sub === "help") {
        io.out(`usage:\n${USAGE}\n`);
        return EXIT.ok;
      }
      throw new InputError("bad-argument", `unknown vc subcommand ${JSON.stringify(sub ?? "")}\nusage:\n${USAGE}`);
    }
    return f(rest, io);
  },
};
