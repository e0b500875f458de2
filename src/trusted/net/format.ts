/**
 * The `lnnet/v1` interchange format (FORMAT.md): load and validate (the writer, `netToJson`, is
 * src/workshop/write.ts: a checker re-parses whatever a writer wrote, so writers are not trusted).
 * Every number is an exact rational string; validation names the layer and field of any problem.
 */
import { rationalFromJson, sign, toRationalString } from "../numbers/rational.js";
import { bad, isInt, isObject, within } from "./json-fields.js";
import type { Layer, LayerNormLayer, LinearLayer, Net } from "./model.js";

export const NET_FORMAT = "lnnet/v1";

/** Validate parsed JSON as an lnnet/v1 net. Throws InputError naming layer and field. */
export function netFromJson(json: unknown): Net {
  if (!isObject(json)) bad("a net must be a JSON object", "$", "bad-format");
  if (json.format !== NET_FORMAT) bad(`expected "format": "${NET_FORMAT}", got ${JSON.stringify(json.format)}`, "format", "bad-format");
  const inputDim = json.inputDim;
  if (!isInt(inputDim, 1, Number.MAX_SAFE_INTEGER)) bad(`inputDim must be a positive integer, got ${JSON.stringify(inputDim)}`, "inputDim", "bad-format");
  if (!Array.isArray(json.layers) || json.layers.length === 0) bad("layers must be a non-empty array", "layers", "bad-format");
  const raw = json.layers as unknown[];
  const layers: Layer[] = [];
  let width = inputDim;
  raw.forEach((l, i) => {
    const field = `layers[${i}]`;
    if (!isObject(l)) bad("a layer must be an object", field, "bad-format", i);
    const expected = i % 2 === 0 ? "linear" : "layernorm";
    if (l.type !== expected) {
      bad(`expected a ${expected} layer (linear and layernorm alternate, starting with linear), got type ${JSON.stringify(l.type)}`, `${field}.type`, "bad-format", i);
    }
    if (l.type === "linear") {
      const layer = linearFromJson(l, field, i, width);
      width = layer.weight.length;
      layers.push(layer);
    } else {
      layers.push(layerNormFromJson(l, field, i, width));
    }
  });
  const last = layers[layers.length - 1]!; // json.layers is non-empty, and each of its entries became a layer
  if (last.type !== "linear") bad("the last layer must be linear", `layers[${layers.length - 1}]`, "bad-format", layers.length - 1);
  if (last.weight.length !== 1) {
    bad(`the last linear layer must have exactly one output row, got ${last.weight.length}`, `layers[${layers.length - 1}].weight`, "bad-shape", layers.length - 1);
  }
  return { inputDim, layers };
}

/** A linear layer reading `inWidth` inputs (also the linear layers of RMS nets, checkers/rms.ts). */
export function linearFromJson(l: Record<string, unknown>, field: string, i: number, inWidth: number): LinearLayer {
  if (!Array.isArray(l.weight) || l.weight.length === 0) bad("weight must be a non-empty array of rows", `${field}.weight`, "bad-shape", i);
  if (!Array.isArray(l.bias)) bad("bias must be an array", `${field}.bias`, "bad-shape", i);
  const rows = l.weight as unknown[];
  const weight = rows.map((row, r) => {
    if (!Array.isArray(row) || row.length !== inWidth) {
      bad(`row ${r} must have ${inWidth} entries (the previous layer's width), got ${Array.isArray(row) ? row.length : JSON.stringify(row)}`, `${field}.weight[${r}]`, "bad-shape", i);
    }
    return (row as unknown[]).map((v, c) => within({ layer: i }, () => rationalFromJson(v, `${field}.weight[${r}][${c}]`)));
  });
  const biasRaw = l.bias as unknown[];
  if (biasRaw.length !== weight.length) bad(`bias must have ${weight.length} entries (one per row), got ${biasRaw.length}`, `${field}.bias`, "bad-shape", i);
  const bias = biasRaw.map((v, r) => within({ layer: i }, () => rationalFromJson(v, `${field}.bias[${r}]`)));
  return { type: "linear", weight, bias };
}

function layerNormFromJson(l: Record<string, unknown>, field: string, i: number, width: number): LayerNormLayer {
  const groups = l.groups ?? 1;
  if (!isInt(groups, 1, Number.MAX_SAFE_INTEGER)) bad(`groups must be a positive integer, got ${JSON.stringify(groups)}`, `${field}.groups`, "bad-format", i);
  if (width % groups !== 0) bad(`groups = ${groups} does not divide the width ${width}`, `${field}.groups`, "bad-shape", i);
  const eps = within({ layer: i }, () => rationalFromJson(l.eps ?? "0", `${field}.eps`));
  if (sign(eps) < 0) bad(`eps must be >= 0, got ${toRationalString(eps)}`, `${field}.eps`, "bad-format", i);
  return { type: "layernorm", groups, eps };
}

