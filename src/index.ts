/** The library API: exports listed by hand (DESIGN.md). */
export { InputError, type InputLocation, type InputErrorCode } from "./errors.js";
export { parseRational, rat, toRationalString, type Rational } from "./numbers/rational.js";
export * as interval from "./numbers/interval.js";
export type { Net, Layer, LinearLayer, LayerNormLayer } from "./net/model.js";
export { depthOf, widthOf, negateOutput } from "./net/model.js";
export { parseNet, serializeNet, netToJson, netFromJson, NET_FORMAT } from "./net/format.js";
export { parseCsv, datasetToCsv, makeDataset, type Dataset, type Sample, type Label } from "./net/dataset.js";
export { evaluateExact } from "./net/evaluate-exact.js";
export { toFloatNet, evaluateFloat, traceFloat } from "./net/evaluate-float.js";
export { verifyDataset, type VerifyReport, type VerifySummary } from "./verify/verify-dataset.js";
export { decideSample, PreparedNets, type Verdict, type SampleDecision, type PrecisionSchedule } from "./verify/decide.js";
export { buildCertificate, checkCertificate, CERT_FORMAT, type CertificateJson } from "./verify/certificate.js";
