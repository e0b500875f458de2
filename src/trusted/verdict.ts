/**
 * The one vocabulary of verdict lines. Every line that says something was proven (`s VERIFIED`,
 * `s CERTIFIED`, `s REFUTED`) is built here, from a result a trusted checker produced, together with
 * the statement of what was proven. The statement is derived from the certificate's kind and checked
 * data (net shape, number of points, labelings, class), never copied from a free-text field of the
 * input (`claim`, `summary`, `notes`, `description`, ...). Non-proven outcomes share the grammar:
 * `s NOT VERIFIED <code>`, `s NOT FOUND`, `s COUNTEREXAMPLE`, `s NOT ALL CLAIMS HOLD: <ids>`, `s COMPUTED <what>`
 * (values printed, nothing claimed), `s NOT COMPUTED <code>`, `s ERROR <code>` (bad input or internal error);
 * the lines no trusted checker needs are built from `unproven` in src/cli/verdict-lines.ts.
 *
 * Printed form (`renderVerdict`): one `c proven: <statement>` line per statement, then the verdict line.
 */
import type { Dataset, Label } from "./net/dataset.js";
import { depthOf, widthOf, type Net } from "./net/model.js";
import { toRationalString } from "./numbers/rational.js";
import { checkRefutationJson, REFUTED_CLASS, type RefutationKind } from "./checkers/refutation.js";
import { certifyRmsNet, rmsNetFromJson } from "./checkers/rms.js";
import { rationals } from "./net/json-fields.js";
import { shatterHeaderFromJson, type ShatterCheckResult } from "./checkers/shatter.js";
import { checkCertificate, type CheckResult } from "./verify/certificate.js";
import type { SampleDecision } from "./verify/decide.js";

export interface Verdict {
  readonly proven: boolean;
  /** What was proven (empty when nothing was). */
  readonly statement: readonly string[];
  /** The `s ...` line. */
  readonly line: string;
  /** Why not (unproven outcomes only). */
  readonly message?: string;
}

const proven = (line: string, ...statement: string[]): Verdict => ({ proven: true, statement, line });
export const unproven = (line: string): Verdict => ({ proven: false, statement: [], line });
export const notVerified = (code: string, message?: string): Verdict => ({ ...unproven(`s NOT VERIFIED ${code}`), message });
export const NOT_FOUND = unproven("s NOT FOUND");
export const COUNTEREXAMPLE = unproven("s COUNTEREXAMPLE");

export const renderVerdict = (v: Verdict): string => v.statement.map((s) => `c proven: ${s}\n`).join("") + v.line + "\n";

/** Several verdicts as one: the first unproven one, else every statement under the first line. */
export const allVerdicts = (vs: readonly Verdict[]): Verdict =>
  vs.find((v) => !v.proven) ?? (vs.length ? proven(vs[0]!.line, ...vs.flatMap((v) => v.statement)) : notVerified("nothing-certified"));

const netShape = (net: Net): string => `the net (input dimension ${net.inputDim}, hidden width ${widthOf(net)}, ${depthOf(net)} LayerNorm layer${depthOf(net) === 1 ? "" : "s"})`;

/** `lnnet verify` / `lnnet construct`: every sample decided correct by the kernel (from the decisions, not a summary). */
export function datasetVerdict(net: Net, data: Dataset, decisions: readonly SampleDecision[]): Verdict {
  const bad = decisions.find((d) => d.verdict !== "correct");
  if (decisions.length !== data.samples.length) return notVerified("missing-decisions");
  if (bad) return notVerified(bad.verdict);
  return proven("s VERIFIED", `${netShape(net)} classifies all ${data.samples.length} samples correctly (each output's sign proven by the kernel)`);
}

/** `lnnet check`: a checked lnnet-cert/v1 certificate. Nothing proven is never VERIFIED. */
export function certificateVerdict(r: CheckResult, requireAllCorrect: boolean): Verdict {
  if (!r.ok) return notVerified(r.failures[0]?.code ?? "not-verified");
  if (r.provenClaims === 0) return notVerified("nothing-certified");
  const m = r.samples;
  if (requireAllCorrect) return proven("s VERIFIED", `${netShape(r.net)} classifies all ${m} samples of the certificate correctly (each output's sign proven by the kernel)`);
  return proven(
    "s VERIFIED",
    `the kernel reproduced the claimed verdict of ${r.provenClaims} of ${m} samples (${r.provenCorrect} correct) for ${netShape(r.net)}; the other ${m - r.provenClaims} claims are "undecided" and assert nothing`,
  );
}

/** `lnnet vc check` / `vc shatter` / `vc search`: the class and points come from the certificate's checked header. */
export function shatterVerdict(json: unknown, r: Pick<ShatterCheckResult, "ok" | "failures" | "covered">, partial = false): Verdict {
  if (!r.ok) return notVerified(r.failures[0]?.code ?? "not-certified");
  if (r.covered === 0) return notVerified("nothing-certified");
  const h = shatterHeaderFromJson(json);
  const m = h.points.length;
  const cls = `LN-Nets with hidden width <= ${h.width}, at most ${h.depth} LayerNorm layers, one group, eps = ${toRationalString(h.eps)}`;
  const pts = `${m} points in dimension ${(h.points[0] ?? []).length}`;
  if (partial) return proven("s VERIFIED", `${r.covered} of the ${2 ** m} labelings of these ${pts} are realised by kernel-certified ${cls} (partial check: coverage not required)`);
  return proven("s VERIFIED", `these ${pts} are shattered by ${cls}: their VC dimension is >= ${m}`);
}

/** `lnnet search --check` (`s VERIFIED`) and a refuted search (`s REFUTED`): the statement comes from the checked kind. */
export function refutationVerdict(json: unknown, line = "s VERIFIED"): Verdict {
  const r = checkRefutationJson(json);
  if (!r.ok) return notVerified(r.code, r.message);
  const o = json as { kind: RefutationKind; points: unknown[][]; labels: Label[] }; // shapes checked by checkRefutationJson
  const why = o.kind === "farkas" ? "Theorem W2: the Farkas multipliers prove the labeling is not strictly linearly separable" : "Theorem L1: sorted by x, the labels change at least 3 times";
  return proven(line, `no net in the class (${REFUTED_CLASS[o.kind]}) classifies these ${o.points.length} points in dimension ${o.points[0]?.length} with labels ${o.labels.join("")} (${why}; docs/search.md)`);
}

/** One certificate of a certified search: lnnet-cert/v1 (kernel) or an RMS net with its points and labels. */
function searchCertificateOk(cert: unknown, labels: readonly Label[]): "kernel" | "rms" | undefined {
  const same = (ls: readonly Label[] | undefined): boolean => ls?.join("") === labels.join("");
  try {
    const c = cert as { format?: unknown; net?: unknown; points?: unknown[]; labels?: Label[]; data?: { samples?: { label: Label }[] } };
    if (c.format !== undefined) return same(c.data?.samples?.map((s) => s.label)) && checkCertificate(cert, { requireAllCorrect: true }).ok ? "kernel" : undefined;
    const pts = (c.points ?? []).map((p, i) => rationals(p, `points[${i}]`));
    return same(c.labels) && certifyRmsNet(rmsNetFromJson(c.net), pts, labels) ? "rms" : undefined;
  } catch {
    return undefined;
  }
}

export interface SearchOutcome {
  readonly outcome: "refuted" | "counterexample" | "certified" | "not-found";
  readonly refutation?: unknown;
  readonly certificates?: readonly { readonly labels: readonly Label[]; readonly certificate: unknown }[];
  readonly stats?: { readonly unresolved: number };
}

/** `lnnet search`: a refutation and the certificates are re-checked here before their words are printed. */
export function searchVerdict(r: SearchOutcome): Verdict {
  if (r.outcome === "counterexample") return COUNTEREXAMPLE;
  // NOT FOUND (exit 0) only when every labeling searched was decided; otherwise undecided (exit 1)
  if (r.outcome === "not-found") return r.stats?.unresolved ? notVerified("unresolved") : NOT_FOUND;
  if (r.outcome === "refuted") return r.refutation === undefined ? notVerified("no-refutation") : refutationVerdict(r.refutation, "s REFUTED");
  const certs = r.certificates ?? [];
  const how = certs.map((c) => searchCertificateOk(c.certificate, c.labels));
  if (certs.length === 0 || how.includes(undefined)) return notVerified("certificate-rejected");
  const kernel = how.filter((h) => h === "kernel").length;
  const points = new Set(certs.map((c) => c.labels.length));
  return proven(
    "s CERTIFIED",
    `each of ${certs.length} labelings of the last searched set (${[...points].join("/")} points) is realised by a certified net (${kernel} checked by the kernel as lnnet-cert/v1, ${certs.length - kernel} by the RMS interval evaluator)`,
  );
}
