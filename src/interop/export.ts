/**
 * lnnet/v1 net -> ONNX model (opset 13) that any ONNX runtime loads: Gemm for each linear layer and the
 * decomposed LayerNorm (ReduceMean, Sub, Mul, ReduceMean, Add eps, Sqrt, Div), wrapped in Reshapes to
 * [N, g, C/g] and back for g > 1 groups. The graph computes in float64 (default) or float32; each
 * exact parameter is rounded once to the nearest float of that format, so the model is a float
 * approximation of the net the kernel certifies, not the net itself.
 */
import onnxProto from "onnx-proto";
import { InputError } from "../trusted/errors.js";
import type { Net } from "../trusted/net/model.js";
import { toRationalString, type Rational } from "../trusted/numbers/rational.js";
import { FLOAT32, FLOAT64, floatToRational, rationalToFloat, type FloatFormat } from "./floats.js";
import { DTYPE } from "./onnx-model.js";

const { onnx } = onnxProto;

export interface ExportResult {
  readonly bytes: Uint8Array;
  readonly dtype: "float32" | "float64";
  readonly parameters: number;
  /** Parameters the format cannot hold exactly (rounded to nearest). */
  readonly rounded: number;
  /** The largest relative rounding error among them (0 when none). */
  readonly maxRelativeError: number;
}

export const OPSET = 13;
export const INPUT = "x";
export const OUTPUT = "y";

/** Build the ONNX model of a net; `float32` selects the element type (default float64). */
export function netToOnnx(net: Net, options: { float32?: boolean } = {}): ExportResult {
  const fmt: FloatFormat = options.float32 ? FLOAT32 : FLOAT64;
  const elem = options.float32 ? DTYPE.float : DTYPE.double;
  let parameters = 0;
  let rounded = 0;
  let maxRelativeError = 0;
  const toFloat = (r: Rational, field: string): number => {
    parameters += 1;
    const v = rationalToFloat(r, fmt);
    if (!Number.isFinite(v)) throw new InputError("bad-number", `${toRationalString(r).slice(0, 40)}... is beyond the ${fmt.name} range, so this net has no ${fmt.name} ONNX form`, { field });
    const error = floatToRational(v)!.sub(r);
    if (error.n !== 0n) {
      rounded += 1;
      maxRelativeError = Math.max(maxRelativeError, error.div(r).abs().valueOf());
    }
    return v;
  };
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const tensor = (name: string, dims: number[], values: number[], dataType: number = elem): void => {
    const bytes = new Uint8Array(values.length * (dataType === DTYPE.float ? 4 : 8));
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      if (dataType === DTYPE.float) view.setFloat32(i * 4, v, true);
      else if (dataType === DTYPE.double) view.setFloat64(i * 8, v, true);
      else view.setBigInt64(i * 8, BigInt(v), true);
    });
    initializers.push(onnx.TensorProto.create({ name, dims, dataType, rawData: bytes }));
  };
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const node = (opType: string, inputs: string[], output: string, attribute: InstanceType<typeof onnx.AttributeProto>[] = []): string => {
    nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute }));
    return output;
  };
  const ints = (name: string, v: number[]): InstanceType<typeof onnx.AttributeProto> => onnx.AttributeProto.create({ name, ints: v, type: onnx.AttributeProto.AttributeType.INTS });
  const int = (name: string, v: number): InstanceType<typeof onnx.AttributeProto> => onnx.AttributeProto.create({ name, i: v, type: onnx.AttributeProto.AttributeType.INT });

  let h = INPUT;
  let width = net.inputDim;
  net.layers.forEach((l, i) => {
    const p = `l${i}`;
    if (l.type === "linear") {
      tensor(`${p}.weight`, [l.weight.length, width], l.weight.flatMap((row, r) => row.map((w, c) => toFloat(w, `layers[${i}].weight[${r}][${c}]`))));
      tensor(`${p}.bias`, [l.bias.length], l.bias.map((b, r) => toFloat(b, `layers[${i}].bias[${r}]`)));
      h = node("Gemm", [h, `${p}.weight`, `${p}.bias`], `${p}.gemm`, [int("transB", 1)]);
      width = l.weight.length;
      return;
    }
    let u = h;
    if (l.groups > 1) {
      tensor(`${p}.grouped`, [3], [-1, l.groups, width / l.groups], DTYPE.int64);
      u = node("Reshape", [h, `${p}.grouped`], `${p}.reshape`);
    }
    const mean = node("ReduceMean", [u], `${p}.mean`, [ints("axes", [-1]), int("keepdims", 1)]);
    const d = node("Sub", [u, mean], `${p}.centered`);
    const sq = node("Mul", [d, d], `${p}.squared`);
    let v = node("ReduceMean", [sq], `${p}.variance`, [ints("axes", [-1]), int("keepdims", 1)]);
    if (l.eps.n !== 0n) {
      tensor(`${p}.eps`, [], [toFloat(l.eps, `layers[${i}].eps`)]);
      v = node("Add", [v, `${p}.eps`], `${p}.variance_eps`);
    }
    const s = node("Sqrt", [v], `${p}.std`);
    h = node("Div", [d, s], `${p}.normalized`);
    if (l.groups > 1) {
      tensor(`${p}.flat`, [2], [-1, width], DTYPE.int64);
      h = node("Reshape", [h, `${p}.flat`], `${p}.flatten`);
    }
  });
  nodes[nodes.length - 1]!.output = [OUTPUT];
  const io = (name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: elem, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
    });
  const graph = onnx.GraphProto.create({ name: "lnnet", node: nodes, initializer: initializers, input: [io(INPUT, ["N", net.inputDim])], output: [io(OUTPUT, ["N", 1])] });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: OPSET }], producerName: "lnnet", graph, docString: "An LN-Net exported by lnnet: parameters rounded to nearest; the certified net is the exact lnnet/v1 file." });
  return { bytes: onnx.ModelProto.encode(model).finish(), dtype: fmt.name, parameters, rounded, maxRelativeError };
}
