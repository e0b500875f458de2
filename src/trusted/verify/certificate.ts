/**
 * Sample certificates (`lnnet-cert/v1`): a net, its data and the claimed verdict per sample.
 * The checker re-verifies every claim from scratch with the kernel; stored precisions are hints
 * (where to start), never trusted facts.
 *
 *   {"format":"lnnet-cert/v1",
 *    "net": <lnnet/v1>,
 *    "data": {"inputDim": d, "samples": [{"x": ["p/q", ...], "label": 0|1}, ...]},
 *    "maxBits": 4096,
 *    "claims": [{"verdict": "correct"|"wrong"|"zero"|"undefined", "bits": 128}, ...]}
 *
 * A claim of "undecided" asserts nothing and is not checked. (The writer, buildCertificate, is in
 * src/workshop/write.ts: whatever it writes is checked here before it is believed.)
 */
import { rationalFromJson } from "../numbers/rational.js";
import type { Dataset, Sample } from "../net/dataset.js";
import { netFromJson } from "../net/format.js";
import { bad, int, isObject, within } from "../net/json-fields.js";
import type { Net } from "../net/model.js";
import type { Accelerator } from "./accelerator.js";
import { decideSample, PreparedNets, VERDICTS, type Verdict } from "./decide.js";
import { checkDimensions } from "./verify-dataset.js";

export const CERT_FORMAT = "lnnet-cert/v1";

export interface SampleClaim {
  verdict: Verdict;
  bits: number;
}

export type CheckErrorCode =
  | "claim-not-proven" // the kernel does not reach the claimed verdict
  | "claim-count" // claims and samples differ in number
  | "not-all-correct"; // (only when requireAllCorrect) some sample is not claimed correct

export interface CheckFailure {
  readonly code: CheckErrorCode;
  readonly sample?: number;
  readonly claimed?: Verdict;
  readonly got?: Verdict;
  /** The precision the kernel reached (at most the checker's cap). */
  readonly bits?: number;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly failures: readonly CheckFailure[];
  readonly samples: number;
  /** Samples whose claim "correct" the kernel proved. */
  readonly provenCorrect: number;
  /** Claims other than "undecided" that the kernel reproduced. */
  readonly provenClaims: number;
  readonly net: Net;
  readonly data: Dataset;
}

/** Validate the shape of a certificate (net and data are validated by their own parsers). */
export function certificateFromJson(json: unknown): { net: Net; data: Dataset; claims: SampleClaim[]; maxBits: number } {
  if (!isObject(json)) bad("a certificate must be a JSON object", "$");
  if (json.format !== CERT_FORMAT) bad(`expected "format": "${CERT_FORMAT}", got ${JSON.stringify(json.format)}`, "format");
  const net = within({ field: "net" }, () => netFromJson(json.net));
  const data = dataFromJson(json.data, net.inputDim);
  const maxBits = int(json.maxBits, "maxBits", 8, 1 << 16); // validated only: the checker's own cap bounds its work
  if (!Array.isArray(json.claims)) bad("claims must be an array", "claims");
  const claims = (json.claims as unknown[]).map((c, i): SampleClaim => {
    if (!isObject(c) || !VERDICTS.includes(c.verdict as Verdict)) bad(`claim must have a verdict in ${VERDICTS.join("/")}`, `claims[${i}].verdict`);
    return { verdict: c.verdict as Verdict, bits: int(c.bits, `claims[${i}].bits`, 0, maxBits) };
  });
  return { net, data, claims, maxBits };
}

export function dataFromJson(json: unknown, inputDim: number, field = "data"): Dataset {
  if (!isObject(json)) bad("data must be an object", field);
  if (json.inputDim !== inputDim) bad(`data.inputDim must equal the net's inputDim ${inputDim}`, `${field}.inputDim`);
  if (!Array.isArray(json.samples) || json.samples.length === 0) bad("samples must be a non-empty array", `${field}.samples`);
  const samples = (json.samples as unknown[]).map((s, i): Sample => {
    const f = `${field}.samples[${i}]`;
    if (!isObject(s) || !Array.isArray(s.x) || s.x.length !== inputDim) bad(`x must be an array of ${inputDim} numbers`, `${f}.x`);
    if (s.label !== 0 && s.label !== 1) bad("label must be 0 or 1", `${f}.label`);
    return { x: (s.x as unknown[]).map((v, j) => rationalFromJson(v, `${f}.x[${j}]`)), label: s.label };
  });
  return { dim: inputDim, samples };
}

/** The checker's own precision cap when none is given; a certificate's `maxBits` never raises it. */
export const DEFAULT_CHECK_MAX_BITS = 4096;

/**
 * Re-check every claim with the kernel. A claim holds when the kernel, starting at the claimed
 * precision (a hint) and going up to the checker's cap `opts.maxBits` (default 4096; the
 * certificate's own `maxBits` is only validated, it sets no work), reaches exactly that verdict.
 */
export function checkCertificate(json: unknown, opts: { requireAllCorrect?: boolean; accelerators?: readonly Accelerator[]; maxBits?: number; onProgress?: (done: number, total: number) => void } = {}): CheckResult {
  const { net, data, claims } = certificateFromJson(json);
  const maxBits = opts.maxBits ?? DEFAULT_CHECK_MAX_BITS;
  checkDimensions(net, data);
  const failures: CheckFailure[] = [];
  if (claims.length !== data.samples.length) failures.push({ code: "claim-count" });
  const nets = new PreparedNets(net, opts.accelerators);
  let provenCorrect = 0;
  let provenClaims = 0;
  claims.forEach((claim, i) => {
    const s = data.samples[i];
    if (!s) return;
    if (opts.requireAllCorrect && claim.verdict !== "correct") failures.push({ code: "not-all-correct", sample: i, claimed: claim.verdict });
    if (claim.verdict === "undecided") return;
    const startBits = Math.max(8, Math.min(claim.bits || 64, maxBits));
    const d = decideSample(nets, s.x, s.label, { startBits, maxBits });
    if (d.verdict !== claim.verdict) failures.push({ code: "claim-not-proven", sample: i, claimed: claim.verdict, got: d.verdict, bits: d.bits });
    else {
      provenClaims++;
      if (d.verdict === "correct") provenCorrect++;
    }
    opts.onProgress?.(i + 1, claims.length);
  });
  return { ok: failures.length === 0, failures, samples: data.samples.length, provenCorrect, provenClaims, net, data };
}
