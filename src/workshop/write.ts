/**
 * Writers: nets, datasets, certificates, refutations and certified LSSR results to JSON, CSV and text.
 * None of this is trusted, and none needs to be: every file written here is read back by a checker of
 * src/trusted (netFromJson, parseCsv, checkCertificate, checkRefutationJson, rmsNetFromJson) before
 * anything it says is believed, so a wrong writer can only produce a file that fails its check.
 */
import { rat, toRationalString } from "../trusted/numbers/rational.js";
import type { Dyadic } from "../trusted/numbers/interval.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";
import { NET_FORMAT } from "../trusted/net/format.js";
import type { Net } from "../trusted/net/model.js";
import { CERT_FORMAT, type SampleClaim } from "../trusted/verify/certificate.js";
import type { VerifyReport } from "../trusted/verify/verify-dataset.js";
import { REFUTATION_FORMAT, refutationClaim, type Refutation, type RefutationKind } from "../trusted/checkers/refutation.js";
import { RMS_FORMAT, type RmsNet } from "../trusted/checkers/rms.js";
import type { CertifiedLssr } from "../trusted/checkers/lssr-certified.js";
import { lssrToString } from "../nonlinearity/ssr.js";
import { dyadicToNumber, dyadicToRational } from "./dyadic.js";

export interface NetJson {
  format: typeof NET_FORMAT;
  inputDim: number;
  layers: LayerJson[];
}
export type LayerJson =
  | { type: "linear"; weight: string[][]; bias: string[] }
  | { type: "layernorm"; groups: number; eps: string };

export function netToJson(net: Net): NetJson {
  return {
    format: NET_FORMAT,
    inputDim: net.inputDim,
    layers: net.layers.map((l): LayerJson =>
      l.type === "linear"
        ? { type: "linear", weight: l.weight.map((row) => row.map(toRationalString)), bias: l.bias.map(toRationalString) }
        : { type: "layernorm", groups: l.groups, eps: toRationalString(l.eps) },
    ),
  };
}

/** Compact but readable: one layer per line. */
export function serializeNet(net: Net): string {
  const j = netToJson(net);
  const layers = j.layers.map((l) => "  " + JSON.stringify(l)).join(",\n");
  return `{"format":"${j.format}","inputDim":${j.inputDim},"layers":[\n${layers}\n]}\n`;
}

export function datasetToCsv(data: Dataset): string {
  const header = [...Array.from({ length: data.dim }, (_, i) => `x${i + 1}`), "label"].join(",");
  const rows = data.samples.map((s) => [...s.x.map(toRationalString), String(s.label)].join(","));
  return [header, ...rows].join("\n") + "\n";
}

export interface CertificateJson {
  format: typeof CERT_FORMAT;
  net: NetJson;
  data: { inputDim: number; samples: { x: string[]; label: Label }[] };
  maxBits: number;
  claims: SampleClaim[];
}

/** An lnnet-cert/v1 certificate of a verify report (checkCertificate re-decides every claim). */
export function buildCertificate(net: Net, data: Dataset, report: VerifyReport, maxBits: number): CertificateJson {
  return {
    format: CERT_FORMAT,
    net: netToJson(net),
    data: { inputDim: data.dim, samples: data.samples.map((s) => ({ x: s.x.map(toRationalString), label: s.label })) },
    maxBits,
    claims: report.decisions.map((d) => ({ verdict: d.verdict, bits: d.bits })),
  };
}

export interface RefutationJson {
  format: typeof REFUTATION_FORMAT;
  kind: RefutationKind;
  claim: string;
  points: string[][];
  labels: Label[];
  lambda?: string[];
}

export function refutationToJson(r: Refutation): RefutationJson {
  const j: RefutationJson = {
    format: REFUTATION_FORMAT,
    kind: r.kind,
    claim: refutationClaim(r.kind),
    points: r.points.map((p) => p.map(toRationalString)),
    labels: [...r.labels],
  };
  if (r.lambda) j.lambda = r.lambda.map(toRationalString);
  return j;
}

export function rmsNetToJson(net: RmsNet): Record<string, unknown> {
  return {
    format: RMS_FORMAT,
    inputDim: net.inputDim,
    layers: net.layers.map((l) =>
      l.type === "rms" ? { type: "rms", eps: toRationalString(l.eps) } : { type: "linear", weight: l.weight.map((r) => r.map(toRationalString)), bias: l.bias.map(toRationalString) },
    ),
  };
}

/** Exact rational strings of a certified LSSR result, for JSON ("inf" for an unbounded side). */
export function certifiedToStrings(c: CertifiedLssr): { lo: string; hi: string } {
  if (c.kind === "exact") return { lo: lssrToString(c.value), hi: lssrToString(c.value) };
  const s = (d: Dyadic): string => toRationalString(dyadicToRational(d, rat));
  return { lo: s(c.lo), hi: c.hi === "inf" ? "inf" : s(c.hi) };
}

/** Approximate decimal display of a certified LSSR result (display only). */
export function certifiedToDisplay(c: CertifiedLssr): string {
  if (c.kind === "exact") return c.value === "inf" ? "inf" : `${lssrToString(c.value)} (~${c.value.valueOf().toPrecision(6)})`;
  const hi = c.hi === "inf" ? "inf" : dyadicToNumber(c.hi).toPrecision(8);
  return `[${dyadicToNumber(c.lo).toPrecision(8)}, ${hi}]`;
}
