/**
 * An ONNX file as plain data: the graph's nodes, attributes and constant tensors, decoded with the
 * ONNX protobuf schema (npm `onnx-proto`). Tensor values are JS numbers read from their bits (float32,
 * float64 and integer types; every float32 and float64 is exact as a double), never from decimal text.
 */
import onnxProto from "onnx-proto";
import { InputError } from "../trusted/errors.js";

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType codes used here. */
export const DTYPE = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float16: 10, double: 11 } as const;
const DTYPE_NAMES: Record<number, string> = { 1: "float32", 2: "uint8", 3: "int8", 6: "int32", 7: "int64", 9: "bool", 10: "float16", 11: "float64", 16: "bfloat16" };
export const dtypeName = (t: number): string => DTYPE_NAMES[t] ?? `data type ${t}`;

export interface Tensor {
  readonly dims: readonly number[];
  readonly dataType: number;
  readonly values: readonly number[];
}

export type AttributeValue = number | string | readonly number[] | Tensor;

export interface OnnxNode {
  readonly index: number;
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, AttributeValue>;
}

export interface ValueInfo {
  readonly name: string;
  readonly elemType: number;
  /** Each dimension's size, or its symbolic name (a dynamic axis such as the batch). */
  readonly shape: readonly (number | string)[] | undefined;
}

export interface OnnxModel {
  /** The default-domain opset. */
  readonly opset: number;
  readonly producer: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: ReadonlyMap<string, Tensor>;
  /** Graph inputs that are not initializers. */
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
}

type IntLike = number | { toNumber(): number };
const toInt = (v: IntLike | null | undefined): number => (v === null || v === undefined ? 0 : typeof v === "number" ? v : v.toNumber());

const BYTES: Record<number, number> = { [DTYPE.float]: 4, [DTYPE.double]: 8, [DTYPE.int64]: 8, [DTYPE.int32]: 4, [DTYPE.int8]: 1, [DTYPE.uint8]: 1, [DTYPE.bool]: 1 };

function readRaw(raw: Uint8Array, dataType: number, count: number, where: string): number[] {
  const size = BYTES[dataType];
  if (size === undefined) throw new InputError("bad-format", `${dtypeName(dataType)} tensors are not supported (float32, float64 and integer types are)`, { field: where });
  if (raw.length !== size * count) throw new InputError("bad-format", `raw_data holds ${raw.length} bytes, expected ${size * count} for ${count} ${dtypeName(dataType)} values`, { field: where });
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * size;
    if (dataType === DTYPE.float) out.push(v.getFloat32(o, true));
    else if (dataType === DTYPE.double) out.push(v.getFloat64(o, true));
    else if (dataType === DTYPE.int64) out.push(Number(v.getBigInt64(o, true)));
    else if (dataType === DTYPE.int32) out.push(v.getInt32(o, true));
    else if (dataType === DTYPE.int8) out.push(v.getInt8(o));
    else out.push(v.getUint8(o));
  }
  return out;
}

function tensorOf(t: InstanceType<typeof onnx.TensorProto> | null | undefined, where: string): Tensor {
  if (!t) throw new InputError("bad-format", "a tensor attribute without a tensor", { field: where });
  const dims = (t.dims ?? []).map(toInt);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new InputError("bad-format", `bad tensor dims [${dims.join(", ")}]`, { field: where });
  const dataType = t.dataType ?? 0;
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) throw new InputError("bad-format", "tensors stored in external files are not supported", { field: where });
  let values: number[];
  if (t.rawData && t.rawData.length > 0) values = readRaw(t.rawData, dataType, count, where);
  else if (dataType === DTYPE.float) values = [...(t.floatData ?? [])];
  else if (dataType === DTYPE.double) values = [...(t.doubleData ?? [])];
  else if (dataType === DTYPE.int64) values = (t.int64Data ?? []).map(toInt);
  else if (dataType === DTYPE.int32 || dataType === DTYPE.int8 || dataType === DTYPE.uint8 || dataType === DTYPE.bool) values = [...(t.int32Data ?? [])];
  else throw new InputError("bad-format", `${dtypeName(dataType)} tensors are not supported (float32, float64 and integer types are)`, { field: where });
  if (values.length !== count) throw new InputError("bad-format", `tensor has ${values.length} values, its dims [${dims.join(", ")}] need ${count}`, { field: where });
  return { dims, dataType, values };
}

function attributeValue(a: InstanceType<typeof onnx.AttributeProto>, where: string): AttributeValue {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.type) {
    case T.FLOAT: return a.f ?? 0;
    case T.INT: return toInt(a.i);
    case T.STRING: return new TextDecoder().decode(a.s ?? new Uint8Array());
    case T.TENSOR: return tensorOf(a.t as InstanceType<typeof onnx.TensorProto>, where);
    case T.FLOATS: return [...(a.floats ?? [])];
    case T.INTS: return (a.ints ?? []).map(toInt);
    default: return `<attribute type ${a.type}>`;
  }
}

function valueInfo(v: InstanceType<typeof onnx.ValueInfoProto>): ValueInfo {
  const tt = v.type?.tensorType;
  const dims = tt?.shape?.dim;
  return {
    name: v.name ?? "",
    elemType: tt?.elemType ?? 0,
    shape: dims ? dims.map((d) => (d.dimParam ? d.dimParam : d.dimValue !== null && d.dimValue !== undefined ? toInt(d.dimValue) : "?")) : undefined,
  };
}

/** Decode an ONNX model; `file` names the file in errors. */
export function readOnnx(bytes: Uint8Array, file?: string): OnnxModel {
  let m: InstanceType<typeof onnx.ModelProto>;
  try {
    m = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new InputError("bad-format", `not an ONNX model (protobuf: ${(e as Error).message})`, { file });
  }
  const g = m.graph;
  const opset = toInt((m.opsetImport ?? []).find((o) => !o.domain || o.domain === "ai.onnx")?.version);
  // protobuf decodes many byte strings without complaint: insist on what every ONNX writer sets
  if (!g || toInt(m.irVersion) < 1 || opset < 1) throw new InputError("bad-format", "not an ONNX model (no graph, ir_version or default-domain opset_import)", { file });
  const initializers = new Map<string, Tensor>();
  try {
    (g.initializer ?? []).forEach((t, i) => initializers.set(t.name ?? "", tensorOf(t as InstanceType<typeof onnx.TensorProto>, `graph.initializer[${i}] "${t.name}"`)));
    const nodes = (g.node ?? []).map((n, index): OnnxNode => {
      const where = `graph.node[${index}] ${n.opType} "${n.name ?? ""}"`;
      return {
        index,
        name: n.name ?? "",
        opType: n.opType ?? "",
        domain: n.domain ?? "",
        inputs: [...(n.input ?? [])],
        outputs: [...(n.output ?? [])],
        attributes: new Map((n.attribute ?? []).map((a) => [a.name ?? "", attributeValue(a as InstanceType<typeof onnx.AttributeProto>, `${where}.${a.name}`)])),
      };
    });
    const inputs = (g.input ?? []).map((v) => valueInfo(v as InstanceType<typeof onnx.ValueInfoProto>)).filter((v) => !initializers.has(v.name));
    const outputs = (g.output ?? []).map((v) => valueInfo(v as InstanceType<typeof onnx.ValueInfoProto>));
    return { opset, producer: `${m.producerName ?? ""} ${m.producerVersion ?? ""}`.trim(), nodes, initializers, inputs, outputs };
  } catch (e) {
    if (e instanceof InputError) throw e.within({ file });
    throw e;
  }
}
