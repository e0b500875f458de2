/** Reading an lnnet/v1 net from JSON text: JSON syntax here, the format itself by the trusted parser. */
import { InputError } from "../trusted/errors.js";
import { netFromJson } from "../trusted/net/format.js";
import { within } from "../trusted/net/json-fields.js";
import type { Net } from "../trusted/net/model.js";

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
