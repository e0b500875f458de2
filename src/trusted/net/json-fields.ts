/**
 * The checks every JSON reader of the trusted tree shares (nets, certificates, shattering
 * certificates). Each failure is an InputError naming the field, so a rejected input says where.
 */
import { InputError, type InputErrorCode, type InputLocation } from "../errors.js";
import { rationalFromJson, type Rational } from "../numbers/rational.js";

/** A JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A safe integer in [min, max]. */
export function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max;
}

/** Reject the input at `field` (a certificate error unless `code` says otherwise). */
export function bad(message: string, field: string, code: InputErrorCode = "bad-certificate", layer?: number): never {
  throw new InputError(code, message, layer === undefined ? { field } : { field, layer });
}

/** `v` when it is an integer in [min, max]; else a certificate error naming the field. */
export function int(v: unknown, field: string, min: number, max: number): number {
  if (!isInt(v, min, max)) bad(`must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`, field);
  return v;
}

/** An array of exact numbers (of `length` entries when given), each parsed by rationalFromJson; else an error naming the field. */
export function rationals(v: unknown, field: string, length?: number): Rational[] {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) bad(`must be an array of ${length ?? "exact"} numbers`, field);
  return v.map((x, j) => rationalFromJson(x, `${field}[${j}]`));
}

/** Run `read`; an InputError it throws is re-thrown seen from `outer` (the file, the enclosing field or layer). */
export function within<T>(outer: InputLocation, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError) throw e.within(outer);
    throw e;
  }
}
