/** ONNX in and out (docs/interop.md): exact import, multi-class certification by margins, export. */
export { onnxToNet, importOnnx, importOnnxFile, type ImportResult } from "./import.js";
export { readOnnx, type OnnxModel, type OnnxNode, type Tensor } from "./onnx-model.js";
export { netToOnnx, OPSET as ONNX_OPSET, type ExportResult } from "./export.js";
export { certifyClasses, marginNet, parseClassCsv, type Classifier, type ClassData, type ClassReport } from "./classes.js";
export { floatToRational, rationalToFloat, FLOAT32, FLOAT64 } from "./floats.js";
