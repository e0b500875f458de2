/**
 * ONNX graph -> lnnet/v1 net, exactly. The graph is run symbolically, node by node: every tensor is
 * either an exact affine map of the current stage's input (the net's input, or the last LayerNorm's
 * output), a constant, a vector of small integers (shape arithmetic), or one step of a LayerNorm being
 * assembled from its decomposed form (ReduceMean, Sub, Pow, ReduceMean, Add eps, Sqrt, Div). A
 * normalisation closes the stage: the pending affine map becomes a linear layer and the LayerNorm a
 * layer. Affine maps compose exactly, so Gemm / MatMul+Add, consecutive linear layers and a LayerNorm's
 * scale and bias (which act after the normalisation) fold into the next linear layer with no rounding:
 * every float parameter is read as the dyadic rational it is. Anything else is rejected naming the node.
 */
import { InputError } from "../trusted/errors.js";
import { netFromJson } from "../trusted/net/format.js";
import { within } from "../trusted/net/json-fields.js";
import type { Layer, LinearLayer, Net } from "../trusted/net/model.js";
import { netToJson, type NetJson } from "../workshop/write.js";
import { rat, sign, type Rational } from "../trusted/numbers/rational.js";
import { floatToRational } from "./floats.js";
import { DTYPE, dtypeName, readOnnx, type AttributeValue, type OnnxModel, type OnnxNode, type Tensor } from "./onnx-model.js";

/** An exact affine map of the stage input: rows = prod(shape) features (batch axis excluded). */
interface Affine {
  readonly kind: "affine";
  readonly stage: number;
  readonly shape: readonly number[];
  /** rows x (stage width), or "identity" (the stage input itself; kept symbolic to avoid n^2 fractions). */
  readonly W: readonly (readonly Rational[])[] | "identity";
  readonly b: readonly Rational[];
}
/** A constant float tensor. */
interface Floats {
  readonly kind: "floats";
  readonly dims: readonly number[];
  readonly values: readonly number[];
}
/** An integer tensor of rank <= 1 (shape arithmetic); null stands for the batch size. */
interface Ints {
  readonly kind: "ints";
  readonly dims: readonly number[];
  readonly values: readonly (number | null)[];
}
/** One step of a decomposed LayerNorm of `of` over `groups` contiguous groups. */
interface NormStep {
  readonly kind: "mean" | "centered" | "square" | "variance" | "std";
  readonly of: Affine;
  readonly groups: number;
  readonly eps: Rational;
}
type Sym = Affine | Floats | Ints | NormStep;

/** The imported graph: hidden layers, then a last linear layer with one row per output. */
export interface ImportResult {
  readonly inputDim: number;
  readonly hidden: readonly Layer[];
  readonly last: LinearLayer;
  /** What was folded or reinterpreted, for the user. */
  readonly notes: string[];
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);
const ACTIVATIONS = new Set(["Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu", "Sigmoid", "HardSigmoid", "Tanh", "Softplus", "Softsign", "Mish", "HardSwish", "Softmax", "LogSoftmax", "Erf", "Clip", "Max", "Min", "Abs"]);
const PASS_THROUGH = new Set(["Identity", "Dropout"]);

class Importer {
  private readonly values = new Map<string, Sym>();
  private readonly rationals = new Map<readonly number[], Rational[]>();
  readonly layers: Layer[] = [];
  readonly notes: string[] = [];
  private stage = 0;
  private stageWidth: number;
  private node!: OnnxNode;

  constructor(private readonly model: OnnxModel, readonly inputDim: number, inputName: string) {
    this.stageWidth = inputDim;
    this.values.set(inputName, this.identity([inputDim]));
    for (const [name, t] of model.initializers) this.values.set(name, this.constant(t));
  }

  private fail(reason: string): never {
    const n = this.node;
    throw new InputError("bad-format", `${n.opType} "${n.name}": ${reason}`, { field: `graph.node[${n.index}]` });
  }

  private identity(shape: readonly number[]): Affine {
    return { kind: "affine", stage: this.stage, shape, W: "identity", b: Array.from({ length: product(shape) }, () => rat(0n)) };
  }

  private constant(t: Tensor): Floats | Ints {
    if (t.dataType === DTYPE.float || t.dataType === DTYPE.double) return { kind: "floats", dims: t.dims, values: t.values };
    return { kind: "ints", dims: t.dims, values: t.values };
  }

  private exact(values: readonly number[]): Rational[] {
    let r = this.rationals.get(values);
    if (!r) {
      r = values.map((v) => floatToRational(v) ?? this.fail(`constant ${v} is not a finite number`));
      this.rationals.set(values, r);
    }
    return r;
  }

  run(): Sym {
    for (const node of this.model.nodes) {
      this.node = node;
      if (node.domain && node.domain !== "ai.onnx") this.fail(`operator domain "${node.domain}" is not supported (only the default ONNX domain)`);
      const ins = node.inputs.map((name) => (name === "" ? undefined : (this.values.get(name) ?? this.fail(`input "${name}" is not computed by any earlier node this importer understands`))));
      const out = this.step(node, ins);
      if (node.outputs[0] !== undefined) this.values.set(node.outputs[0], out);
    }
    const output = this.model.outputs[0];
    if (this.model.outputs.length !== 1 || !output) throw new InputError("bad-format", `the graph must have exactly one output, it has ${this.model.outputs.length}`, { field: "graph.output" });
    return this.values.get(output.name) ?? (() => {
      throw new InputError("bad-format", `the graph output "${output.name}" is not computed by any node`, { field: "graph.output" });
    })();
  }

  /** The output map as the last linear layer (one row per output). */
  finish(out: Sym): LinearLayer {
    const where = { field: "graph.output" };
    if (out.kind !== "affine") throw new InputError("bad-format", `the graph output is ${describe(out)}, not a layer output`, where);
    if (out.stage !== this.stage) throw new InputError("bad-format", "the graph output is computed before the last normalisation (a skip connection is not an LN-Net layer)", where);
    return { type: "linear", weight: this.rowsOf(out), bias: out.b };
  }

  private attr(name: string): AttributeValue | undefined {
    return this.node.attributes.get(name);
  }
  private intAttr(name: string, fallback: number): number {
    const a = this.attr(name);
    if (a === undefined) return fallback;
    return typeof a === "number" ? a : this.fail(`attribute ${name} must be an integer`);
  }
  /** A float attribute, exact (float32 attributes are doubles holding a float32). */
  private floatAttr(name: string, fallback: number): Rational {
    const a = this.attr(name) ?? fallback;
    return typeof a === "number" ? this.exact([a])[0]! : this.fail(`attribute ${name} must be a float`);
  }

  private affine(s: Sym | undefined, what: string): Affine {
    if (s?.kind !== "affine") this.fail(`${what} must be a value computed from the network input, got ${s ? describe(s) : "nothing"}`);
    if (s.stage !== this.stage) this.fail(`${what} was computed before the last normalisation (a skip connection is not an LN-Net layer)`);
    return s;
  }
  private floats(s: Sym | undefined, what: string): Floats {
    if (s?.kind === "floats") return s;
    if (s?.kind === "ints" && s.values.every((v) => v !== null)) return { kind: "floats", dims: s.dims, values: s.values as number[] };
    return this.fail(`${what} must be a constant tensor, got ${s ? describe(s) : "nothing"}`);
  }
  private ints(s: Sym | undefined, what: string): Ints {
    if (s?.kind !== "ints") this.fail(`${what} must be a constant integer tensor, got ${s ? describe(s) : "nothing"}`);
    return s;
  }
  /** Axes for a node: the attribute (older opsets) or the given input (opset >= 13 / 18), normalised for `rank`. */
  private axes(input: Sym | undefined, rank: number): number[] | undefined {
    const raw = this.rawAxes(input);
    return raw?.map((v) => (v < -rank || v >= rank ? this.fail(`axis ${v} is out of range for rank ${rank}`) : v < 0 ? v + rank : v));
  }
  private rawAxes(input: Sym | undefined): number[] | undefined {
    const a = this.attr("axes");
    const raw = input !== undefined ? this.ints(input, "axes").values : Array.isArray(a) ? (a as number[]) : undefined;
    return raw?.map((v) => v ?? this.fail("unknown axis"));
  }

  /** The feature vector of a constant broadcast against [batch, ...shape] (numpy rules). */
  private broadcast(c: Floats, shape: readonly number[]): Rational[] {
    const full = [1, ...shape];
    const off = full.length - c.dims.length;
    if (off < 0) this.fail(`constant of shape [${c.dims.join(", ")}] has more axes than the value [N, ${shape.join(", ")}]`);
    c.dims.forEach((d, i) => {
      const t = full[off + i]!;
      if (off + i === 0 && d !== 1) this.fail("a constant that varies along the batch axis is not a layer");
      if (d !== 1 && d !== t) this.fail(`constant of shape [${c.dims.join(", ")}] does not broadcast to [N, ${shape.join(", ")}]`);
    });
    const vals = this.exact(c.values);
    const cStrides = c.dims.map((_, i) => product(c.dims.slice(i + 1)));
    const out: Rational[] = [];
    const n = product(shape);
    for (let f = 0; f < n; f++) {
      let rest = f;
      let idx = 0;
      for (let j = shape.length - 1; j >= 0; j--) {
        const m = rest % shape[j]!;
        rest = Math.floor(rest / shape[j]!);
        const ci = j + 1 - off;
        if (ci >= 0 && c.dims[ci] !== 1) idx += m * cStrides[ci]!;
      }
      out.push(vals[idx]!);
    }
    return out;
  }

  private rowsOf(a: Affine): readonly (readonly Rational[])[] {
    if (a.W !== "identity") return a.W;
    if (this.stageWidth > 4096) this.fail(`an identity map of width ${this.stageWidth} as a matrix is too large (${this.stageWidth}^2 entries)`);
    return Array.from({ length: this.stageWidth }, (_, i) => Array.from({ length: this.stageWidth }, (_, j) => rat(i === j ? 1n : 0n)));
  }

  /** x -> diag(scale) x + shift, with scale and shift per feature. */
  private scaleShift(a: Affine, scale: readonly Rational[] | undefined, shift: readonly Rational[] | undefined): Affine {
    const rows = scale ? this.rowsOf(a).map((row, i) => row.map((w) => w.mul(scale[i]!))) : a.W;
    const b = a.b.map((v, i) => (scale ? v.mul(scale[i]!) : v).add(shift ? shift[i]! : rat(0n)));
    return { ...a, W: rows, b };
  }

  /** y = M x + c with M given as rows (n x k) acting on the k features of a flat affine value. */
  private linear(a: Affine, M: readonly (readonly Rational[])[], c: readonly Rational[]): Affine {
    if (a.shape.length !== 1) this.fail(`expects a flat feature vector, got shape [N, ${a.shape.join(", ")}]`);
    const W = a.W === "identity" ? M : M.map((m) => (a.W as Rational[][])[0]!.map((_, j) => m.reduce((s, mi, i) => s.add(mi.mul((a.W as Rational[][])[i]![j]!)), rat(0n))));
    const b = M.map((m, r) => m.reduce((s, mi, i) => s.add(mi.mul(a.b[i]!)), c[r]!));
    return { kind: "affine", stage: this.stage, shape: [M.length], W, b };
  }

  /** Close the stage: the pending affine map becomes a linear layer, then a LayerNorm. */
  private normalize(a: Affine, groups: number, eps: Rational): Affine {
    this.layers.push({ type: "linear", weight: this.rowsOf(a), bias: a.b }, { type: "layernorm", groups, eps });
    this.stage += 1;
    this.stageWidth = product(a.shape);
    return this.identity(a.shape);
  }

  /** Groups when normalising a value of feature shape `shape` over the trailing full-tensor axes `axes`. */
  private groupsOver(shape: readonly number[], axes: readonly number[] | undefined): number {
    const rank = shape.length + 1;
    const sorted = [...(axes ?? Array.from({ length: rank }, (_, i) => i))].sort((x, y) => x - y);
    const from = sorted[0]!;
    if (from < 1 || sorted.some((v, i) => v !== from + i) || sorted.at(-1) !== rank - 1) {
      this.fail(`reduces over axes [${sorted.join(", ")}] of a rank-${rank} tensor: only trailing feature axes (a LayerNorm over groups of consecutive features) are supported`);
    }
    return product(shape.slice(0, from - 1));
  }

  private step(node: OnnxNode, ins: (Sym | undefined)[]): Sym {
    const [x, y, z] = ins;
    const op = node.opType;
    if (ACTIVATIONS.has(op)) this.fail("not an LN-Net layer (an LN-Net has no activation function: its only nonlinearity is LayerNorm)");
    if (PASS_THROUGH.has(op)) return x ?? this.fail("missing input");
    switch (op) {
      case "Constant": return this.constantNode();
      case "Cast": {
        if (x?.kind === "affine" || x?.kind === "floats") {
          const to = this.intAttr("to", 0);
          if (to !== DTYPE.float && to !== DTYPE.double) this.fail(`a cast of real values to ${dtypeName(to)} is not exact`);
          return x;
        }
        return x ?? this.fail("missing input");
      }
      case "Gemm": {
        const a = this.affine(x, "input A");
        if (this.intAttr("transA", 0) !== 0) this.fail("transA = 1 is not supported");
        const B = this.floats(y, "input B");
        if (B.dims.length !== 2) this.fail("B must be a matrix");
        const [r, c] = B.dims as [number, number];
        const transB = this.intAttr("transB", 0) !== 0;
        const k = transB ? c : r;
        const n = transB ? r : c;
        if (a.shape.length !== 1 || a.shape[0] !== k) this.fail(`A has shape [N, ${a.shape.join(", ")}], B needs ${k} features`);
        const alpha = this.floatAttr("alpha", 1);
        const beta = this.floatAttr("beta", 1);
        const bv = this.exact(B.values);
        const M = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => bv[transB ? i * c + j : j * c + i]!.mul(alpha)));
        const C = z ? this.broadcast(this.floats(z, "input C"), [n]).map((v) => v.mul(beta)) : M.map(() => rat(0n));
        return this.linear(a, M, C);
      }
      case "MatMul": {
        const a = this.affine(x, "input A");
        const B = this.floats(y, "input B");
        if (B.dims.length !== 2) this.fail("B must be a constant matrix");
        const [k, n] = B.dims as [number, number];
        if (a.shape.length !== 1 || a.shape[0] !== k) this.fail(`A has shape [N, ${a.shape.join(", ")}], B needs ${k} features`);
        const bv = this.exact(B.values);
        return this.linear(a, Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => bv[j * n + i]!)), Array.from({ length: n }, () => rat(0n)));
      }
      case "Add":
      case "Sub": return this.addSub(op === "Sub", x, y);
      case "Mul": return this.mul(x, y);
      case "Div": return this.div(x, y);
      case "Pow": {
        if (x?.kind !== "centered") this.fail(`only (h - mean(h))^2 of a LayerNorm is supported, got the power of ${x ? describe(x) : "nothing"}`);
        const e = this.floats(y, "exponent");
        if (e.values.length !== 1 || e.values[0] !== 2) this.fail("only the exponent 2 (a variance) is supported");
        return { ...x, kind: "square" };
      }
      case "Sqrt": {
        if (x?.kind !== "variance") this.fail(`only the square root of a variance (a LayerNorm) is supported, got ${x ? describe(x) : "nothing"}`);
        return { ...x, kind: "std" };
      }
      case "ReduceMean": {
        if (this.intAttr("keepdims", 1) !== 1) this.fail("keepdims = 0 is not a LayerNorm step");
        if (x?.kind === "affine") {
          const a = this.affine(x, "input");
          return { kind: "mean", of: a, groups: this.groupsOver(a.shape, this.axes(y, a.shape.length + 1)), eps: rat(0n) };
        }
        if (x?.kind === "square") {
          const groups = this.groupsOver(x.of.shape, this.axes(y, x.of.shape.length + 1));
          if (groups !== x.groups) this.fail("the variance is taken over other axes than the mean");
          return { ...x, kind: "variance" };
        }
        return this.fail(`only the mean of a layer's output or of its squared deviations (a LayerNorm) is supported, got the mean of ${x ? describe(x) : "nothing"}`);
      }
      case "LayerNormalization": {
        const a = this.affine(x, "input X");
        const rank = a.shape.length + 1;
        let axis = this.intAttr("axis", -1);
        if (axis < -rank || axis >= rank) this.fail(`axis ${axis} is out of range for rank ${rank}`);
        if (axis < 0) axis += rank;
        const groups = this.groupsOver(a.shape, Array.from({ length: rank - axis }, (_, i) => axis + i));
        const n = this.normalize(a, groups, this.floatAttr("epsilon", Math.fround(1e-5)));
        return this.affineParams(n, y, z, (c) => this.broadcast(c, n.shape));
      }
      case "InstanceNormalization": {
        const a = this.affine(x, "input");
        if (a.shape.length < 2) this.fail(`needs a spatial axis, got shape [N, ${a.shape.join(", ")}]`);
        const channels = a.shape[0]!;
        const n = this.normalize(a, channels, this.floatAttr("epsilon", Math.fround(1e-5)));
        const perChannel = (c: Floats): Rational[] => this.broadcast({ ...c, dims: [channels, ...a.shape.slice(1).map(() => 1)] }, n.shape);
        return this.affineParams(n, y, z, perChannel);
      }
      case "GroupNormalization": {
        const a = this.affine(x, "input X");
        const groups = this.intAttr("num_groups", 0);
        const channels = a.shape[0]!;
        if (groups < 1 || channels % groups !== 0) this.fail(`num_groups = ${groups} does not divide the ${channels} channels`);
        const n = this.normalize(a, groups, this.floatAttr("epsilon", Math.fround(1e-5)));
        const spatial = product(a.shape.slice(1));
        // opset 18: one scale per group; opset 21: one per channel
        const perFeature = (c: Floats): Rational[] => {
          const v = this.exact(c.values);
          if (v.length !== groups && v.length !== channels) this.fail(`scale and bias need ${channels} (or ${groups}) values, got ${v.length}`);
          return Array.from({ length: channels * spatial }, (_, f) => {
            const ch = Math.floor(f / spatial);
            return v[v.length === channels ? ch : Math.floor(ch / (channels / groups))]!;
          });
        };
        return this.affineParams(n, y, z, perFeature);
      }
      case "Reshape": return this.reshape(x, y);
      case "Flatten": {
        const a = this.affine(x, "input");
        if (this.intAttr("axis", 1) !== 1) this.fail("only axis = 1 (keep the batch axis) is supported");
        return { ...a, shape: [product(a.shape)] };
      }
      case "Unsqueeze":
      case "Squeeze": return this.squeeze(op === "Unsqueeze", x, y);
      case "Shape": {
        if (x?.kind === "affine") return { kind: "ints", dims: [x.shape.length + 1], values: [null, ...x.shape].slice(this.intAttr("start", 0), this.attr("end") === undefined ? undefined : this.intAttr("end", 0)) };
        if (x?.kind === "floats" || x?.kind === "ints") return { kind: "ints", dims: [x.dims.length], values: [...x.dims] };
        return this.fail(`the shape of ${x ? describe(x) : "nothing"} is not supported`);
      }
      case "Gather": {
        const data = this.ints(x, "data");
        const idx = this.ints(y, "indices");
        if (this.intAttr("axis", 0) !== 0 || data.dims.length !== 1) this.fail("only gathering from an integer vector (shape arithmetic) is supported");
        const pick = idx.values.map((i) => (i === null ? this.fail("unknown index") : data.values[i < 0 ? i + data.values.length : i] ?? this.fail(`index ${i} out of range`)));
        return { kind: "ints", dims: idx.dims, values: pick };
      }
      case "Concat": {
        const parts = ins.map((s, i) => this.ints(s, `input ${i}`));
        return { kind: "ints", dims: [parts.reduce((n, p) => n + p.values.length, 0)], values: parts.flatMap((p) => p.values) };
      }
      default:
        return this.fail("not an LN-Net layer (supported: Gemm, MatMul, Add, Sub, Mul, Div, LayerNormalization, GroupNormalization, InstanceNormalization, the decomposed LayerNorm ReduceMean/Sub/Pow/Sqrt/Div, and shape operations)");
    }
  }

  private constantNode(): Sym {
    const [name, v] = [...this.node.attributes][0] ?? this.fail("a Constant without a value");
    if (typeof v === "object" && !Array.isArray(v)) return this.constant(v as Tensor);
    if (name === "value_float") return { kind: "floats", dims: [], values: [v as number] };
    if (name === "value_floats") return { kind: "floats", dims: [(v as number[]).length], values: v as number[] };
    if (name === "value_int") return { kind: "ints", dims: [], values: [v as number] };
    if (name === "value_ints") return { kind: "ints", dims: [(v as number[]).length], values: v as number[] };
    return this.fail(`a Constant with ${name} is not supported`);
  }

  /** Optional scale and bias of a normalisation node, folded into the affine map after it. */
  private affineParams(n: Affine, scale: Sym | undefined, bias: Sym | undefined, expand: (c: Floats) => Rational[]): Affine {
    if (scale || bias) this.notes.push(`${this.node.opType} "${this.node.name}": scale and bias folded into the next linear layer`);
    return this.scaleShift(n, scale ? expand(this.floats(scale, "scale")) : undefined, bias ? expand(this.floats(bias, "bias")) : undefined);
  }

  private addSub(subtract: boolean, x: Sym | undefined, y: Sym | undefined): Sym {
    const minus = (v: Rational): Rational => (subtract ? v.neg() : v);
    if (x?.kind === "ints" && y?.kind === "ints") return intArith(x, y, (a, b) => (subtract ? a - b : a + b));
    if (x?.kind === "affine" && (y?.kind === "floats" || y?.kind === "ints")) {
      const a = this.affine(x, "input A");
      return this.scaleShift(a, undefined, this.broadcast(this.floats(y, "input B"), a.shape).map(minus));
    }
    if ((x?.kind === "floats" || x?.kind === "ints") && y?.kind === "affine") {
      const a = this.affine(y, "input B");
      const shifted = this.scaleShift(a, subtract ? a.b.map(() => rat(-1n)) : undefined, undefined);
      return this.scaleShift(shifted, undefined, this.broadcast(this.floats(x, "input A"), a.shape));
    }
    if (x?.kind === "affine" && y?.kind === "affine") {
      const a = this.affine(x, "input A");
      const b = this.affine(y, "input B");
      if (a.shape.join() !== b.shape.join()) this.fail("adding values of different shapes");
      const ra = this.rowsOf(a);
      const rb = this.rowsOf(b);
      return { ...a, W: ra.map((row, i) => row.map((w, j) => w.add(minus(rb[i]![j]!)))), b: a.b.map((v, i) => v.add(minus(b.b[i]!))) };
    }
    if (subtract && x?.kind === "affine" && y?.kind === "mean" && y.of === x) return { ...y, kind: "centered" };
    if (!subtract && x?.kind === "variance" && (y?.kind === "floats" || y?.kind === "ints")) {
      const e = this.floats(y, "epsilon");
      if (new Set(e.values).size !== 1) this.fail("epsilon must be one number");
      const eps = this.exact(e.values)[0]!;
      if (sign(eps) < 0) this.fail("epsilon must be >= 0");
      return { ...x, eps: x.eps.add(eps) };
    }
    return this.fail(`${subtract ? "subtracting" : "adding"} ${y ? describe(y) : "nothing"} ${subtract ? "from" : "to"} ${x ? describe(x) : "nothing"} is not an LN-Net layer`);
  }

  private mul(x: Sym | undefined, y: Sym | undefined): Sym {
    if (x?.kind === "ints" && y?.kind === "ints") return intArith(x, y, (a, b) => a * b);
    const [a, c] = x?.kind === "affine" ? [x, y] : [y, x];
    if (a?.kind === "affine" && (c?.kind === "floats" || c?.kind === "ints")) {
      const v = this.affine(a, "input");
      return this.scaleShift(v, this.broadcast(this.floats(c, "factor"), v.shape), undefined);
    }
    if (x?.kind === "centered" && y === x) return { ...x, kind: "square" };
    return this.fail(`multiplying ${x ? describe(x) : "nothing"} by ${y ? describe(y) : "nothing"} is not an LN-Net layer`);
  }

  private div(x: Sym | undefined, y: Sym | undefined): Sym {
    if (x?.kind === "ints" && y?.kind === "ints") return intArith(x, y, (a, b) => (b === 0 ? this.fail("division by zero") : Math.trunc(a / b)));
    if (x?.kind === "affine" && (y?.kind === "floats" || y?.kind === "ints")) {
      const a = this.affine(x, "input A");
      const d = this.broadcast(this.floats(y, "divisor"), a.shape);
      return this.scaleShift(a, d.map((v) => (sign(v) === 0 ? this.fail("division by zero") : rat(1n).div(v))), undefined);
    }
    if (x?.kind === "centered" && y?.kind === "std" && y.of === x.of && y.groups === x.groups) return this.normalize(this.affine(x.of, "the normalised value"), x.groups, y.eps);
    return this.fail(`dividing ${x ? describe(x) : "nothing"} by ${y ? describe(y) : "nothing"} is not an LN-Net layer`);
  }

  private reshape(x: Sym | undefined, y: Sym | undefined): Sym {
    const a = this.affine(x, "data");
    const target = [...this.ints(y, "shape").values];
    const full: (number | null)[] = [null, ...a.shape];
    const allowZero = this.intAttr("allowzero", 0) === 1;
    const dims = target.map((v, i) => (v === 0 && !allowZero ? (full[i] === undefined ? this.fail("0 copies a dimension the input does not have") : full[i]!) : v));
    // the first axis must stay the batch axis: unknown (null), inferred (-1) or copied
    if (dims[0] !== null && dims[0] !== -1) this.fail(`reshape to [${target.join(", ")}] changes the batch axis`);
    const features = dims.slice(1);
    if (features.some((v) => v === null)) this.fail(`reshape to [${target.join(", ")}] moves the batch axis`);
    const known = features.filter((v) => v !== -1) as number[];
    const total = product(a.shape);
    if (features.length !== known.length) {
      if (dims[0] === -1 || features.length - known.length > 1 || total % product(known) !== 0) this.fail(`cannot infer the shape [${target.join(", ")}] from [N, ${a.shape.join(", ")}]`);
      return this.checkedShape(a, features.map((v) => (v === -1 ? total / product(known) : (v as number))), target);
    }
    return this.checkedShape(a, known, target);
  }

  private checkedShape(a: Affine, shape: number[], target: readonly (number | null)[]): Affine {
    if (shape.some((v) => !Number.isSafeInteger(v) || v < 1) || product(shape) !== product(a.shape)) {
      this.fail(`reshape of [N, ${a.shape.join(", ")}] to [${target.join(", ")}] does not keep each sample's features`);
    }
    return { ...a, shape };
  }

  private squeeze(unsqueeze: boolean, x: Sym | undefined, y: Sym | undefined): Sym {
    if (x?.kind === "ints") {
      if (unsqueeze && x.dims.length === 0) return { ...x, dims: [1] };
      if (!unsqueeze && x.dims.length === 1 && x.values.length === 1) return { ...x, dims: [] };
      return this.fail("only scalar <-> one-element vector (shape arithmetic) is supported");
    }
    const a = this.affine(x, "data");
    if (unsqueeze) {
      const norm = this.axes(y, a.shape.length + 1 + (this.rawAxes(y) ?? this.fail("axes are required")).length)!.sort((p, q) => p - q);
      if (norm.includes(0)) this.fail("inserting an axis before the batch axis is not supported");
      const shape = [...a.shape];
      for (const ax of norm) shape.splice(ax - 1, 0, 1);
      return { ...a, shape };
    }
    const drop = new Set(this.axes(y, a.shape.length + 1) ?? a.shape.map((d, i) => (d === 1 ? i + 1 : -1)).filter((i) => i > 0));
    if (drop.has(0)) this.fail("squeezing the batch axis is not supported");
    for (const ax of drop) if (a.shape[ax - 1] !== 1) this.fail(`axis ${ax} has size ${a.shape[ax - 1]}, not 1`);
    return { ...a, shape: a.shape.filter((_, i) => !drop.has(i + 1)) };
  }
}

function intArith(x: Ints, y: Ints, f: (a: number, b: number) => number): Ints {
  const n = Math.max(x.values.length, y.values.length);
  const at = (s: Ints, i: number): number | null => s.values[s.values.length === 1 ? 0 : i] ?? null;
  const values = Array.from({ length: n }, (_, i) => {
    const a = at(x, i);
    const b = at(y, i);
    return a === null || b === null ? null : f(a, b);
  });
  return { kind: "ints", dims: x.values.length >= y.values.length ? x.dims : y.dims, values };
}

function describe(s: Sym): string {
  switch (s.kind) {
    case "affine": return `a layer output of shape [N, ${s.shape.join(", ")}]`;
    case "floats": return `a constant of shape [${s.dims.join(", ")}]`;
    case "ints": return "an integer (shape) tensor";
    case "mean": return "a mean (ReduceMean)";
    case "centered": return "a deviation from the mean (h - mean h)";
    case "square": return "a squared deviation";
    case "variance": return "a variance";
    case "std": return "a standard deviation";
  }
}

/** Convert a decoded ONNX model to the layers of an lnnet/v1 net (validated by the caller's netFromJson). */
export function importOnnx(model: OnnxModel): ImportResult {
  if (model.inputs.length !== 1) throw new InputError("bad-format", `the graph must have exactly one input, it has ${model.inputs.length}: ${model.inputs.map((i) => i.name).join(", ")}`, { field: "graph.input" });
  const input = model.inputs[0]!;
  if (input.elemType !== DTYPE.float && input.elemType !== DTYPE.double) throw new InputError("bad-format", `input "${input.name}" is ${dtypeName(input.elemType)}, not float32 or float64`, { field: "graph.input[0]" });
  const shape = input.shape ?? [];
  const d = shape[1];
  if (shape.length !== 2 || typeof d !== "number" || d < 1 || d > 1 << 20) {
    throw new InputError("bad-format", `input "${input.name}" must have shape [batch, d] with d known, got [${shape.join(", ")}]`, { field: "graph.input[0]" });
  }
  const im = new Importer(model, d, input.name);
  const last = im.finish(im.run());
  return { inputDim: d, hidden: im.layers, last, notes: im.notes };
}

/** Decode and import, with errors naming the file. */
export function importOnnxFile(bytes: Uint8Array, file?: string): { result: ImportResult; model: OnnxModel } {
  const model = readOnnx(bytes, file);
  try {
    return { result: importOnnx(model), model };
  } catch (e) {
    if (e instanceof InputError) throw e.within({ file });
    throw e;
  }
}

/**
 * ONNX bytes -> a validated lnnet/v1 net (one output, or two logits imported as logit 1 - logit 0).
 * The layers are written with the ordinary writer and read back by the trusted parser, so the net
 * handed on is exactly what `lnnet verify` will read.
 */
export function onnxToNet(bytes: Uint8Array, file?: string): { net: Net; json: NetJson; notes: string[]; model: OnnxModel } {
  const { result, model } = importOnnxFile(bytes, file);
  const { weight, bias } = result.last;
  const notes = [...result.notes];
  let last: LinearLayer = result.last;
  if (weight.length === 2) {
    last = { type: "linear", weight: [weight[1]!.map((w, j) => w.sub(weight[0]![j]!))], bias: [bias[1]!.sub(bias[0]!)] };
    notes.push("two outputs (logits): imported as logit 1 - logit 0, so label 1 iff logit 1 > logit 0");
  } else if (weight.length > 2) {
    throw new InputError("bad-format", `the graph has ${weight.length} outputs (a classifier): an lnnet/v1 net has one output, or two logits; certify a classifier's predicted class with lnnet import MODEL.onnx --classes DATA.csv`, { file, field: "graph.output" });
  }
  const json = netToJson({ inputDim: result.inputDim, layers: [...result.hidden, last] });
  return { net: within({ file }, () => netFromJson(json)), json, notes, model };
}
