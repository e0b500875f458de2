/**
 * The `lnnet/v1` interchange format (FORMAT.md): load and validate (the writer, `netToJson`, is
 * src/workshop/write.ts: a checker re-parses whatever a writer wrote, so writers are not trusted).
 * Every number is an exact rational string; validation names the layer and field of any problem.
 */
import { InputError } from "../errors.js";
import { rationalFromJson, sign, toRationalString } from "../numbers/rational.js";
import { bad, isInt, isObject, within } from "./json-fields.js";
import type { Layer, LayerNormLayer, LinearLayer, Net } from "./model.js";

export const NET_FORMAT = "lnnet/v1";

function fail(message: string, field: string, layer?: number, code: "bad-format" | "bad-shape" = "bad-format"): never {
  bad(message, field, code, layer);
}

/** Validate parsed JSON as an lnnet/v1 net. Throws InputError naming layer and field. */
export function netFromJson(json: unknown): Net {
  if (!isObject(json)) fail("a net must be a JSON object", "$");
  if (json.format !== NET_FORMAT) fail(`expected "format": "${NET_FORMAT}", got ${JSON.stringify(json.format)}`, "format");
  const inputDim = json.inputDim;
  if (!isInt(inputDim, 1, Number.MAX_SAFE_INTEGER)) fail(`inputDim must be a positive integer, got ${JSON.stringify(inputDim)}`, "inputDim");
  if (!Array.isArray(json.layers) || json.layers.length === 0) fail("layers must be a non-empty array", "layers");
  const raw = json.layers as unknown[];
  const layers: Layer[] = [];
  let width = inputDim;
  raw.forEach((l, i) => {
    const field = `layers[${i}]`;
    if (!isObject(l)) fail("a layer must be an object", field, i);
    const expected = i % 2 === 0 ? "linear" : "layernorm";
    if (l.type !== expected) {
      fail(`expected a ${expected} layer (linear and layernorm alternate, starting with linear), got type ${JSON.stringify(l.type)}`, `${field}.type`, i);
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
  if (last.type !== "linear") fail("the last layer must be linear", `layers[${layers.length - 1}]`, layers.length - 1);
  if (last.weight.length !== 1) {
    fail(`the last linear layer must have exactly one output row, got ${last.weight.length}`, `layers[${layers.length - 1}].weight`, layers.length - 1, "bad-shape");
  }
  return { inputDim, layers };
}

function linearFromJson(l: Record<string, unknown>, field: string, i: number, inWidth: number): LinearLayer {
  if (!Array.isArray(l.weight) || l.weight.length === 0) fail("weight must be a non-empty array of rows", `${field}.weight`, i, "bad-shape");
  if (!Array.isArray(l.bias)) fail("bias must be an array", `${field}.bias`, i, "bad-shape");
  const rows = l.weight as unknown[];
  const weight = rows.map((row, r) => {
    if (!Array.isArray(row) || row.length !== inWidth) {
      fail(`row ${r} must have ${inWidth} entries (the previous layer's width), got ${Array.isArray(row) ? row.length : JSON.stringify(row)}`, `${field}.weight[${r}]`, i, "bad-shape");
    }
    return (row as unknown[]).map((v, c) => within({ layer: i }, () => rationalFromJson(v, `${field}.weight[${r}][${c}]`)));
  });
  const biasRaw = l.bias as unknown[];
  if (biasRaw.length !== weight.length) fail(`bias must have ${weight.length} entries (one per row), got ${biasRaw.length}`, `${field}.bias`, i, "bad-shape");
  const bias = biasRaw.map((v, r) => within({ layer: i }, () => rationalFromJson(v, `${field}.bias[${r}]`)));
  return { type: "linear", weight, bias };
}

function layerNormFromJson(l: Record<string, unknown>, field: string, i: number, width: number): LayerNormLayer {
  const groups = l.groups ?? 1;
  if (!isInt(groups, 1, Number.MAX_SAFE_INTEGER)) fail(`groups must be a positive integer, got ${JSON.stringify(groups)}`, `${field}.groups`, i);
  if (width % groups !== 0) fail(`groups = ${groups} does not divide the width ${width}`, `${field}.groups`, i, "bad-shape");
  const eps = within({ layer: i }, () => rationalFromJson(l.eps ?? "0", `${field}.eps`));
  if (sign(eps) < 0) fail(`eps must be >= 0, got ${toRationalString(eps)}`, `${field}.eps`, i);
  return { type: "layernorm", groups, eps };
}

/** Parse the text of an lnnet/v1 file; `file` is used in error messages. */
export function parseNet(text: string, file?: string): Net {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError("bad-json", `not valid JSON: ${(e as Error).message}`, { file });
  }
  return within({ file }, () => netFromJson(json));
}
