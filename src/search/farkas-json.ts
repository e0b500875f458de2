/** The JSON entry point of the trusted Farkas checker (parsing only; the check is trusted/checkers/farkas.ts). */
import { checkFarkas, type FarkasCheck } from "../trusted/checkers/farkas.js";
import { rationalFromJson } from "../trusted/numbers/rational.js";

/** Check a certificate in its JSON form {points: string[][], labels: (0|1)[], lambda: string[]}. */
export function checkFarkasJson(json: { points: unknown; labels: unknown; lambda: unknown }): FarkasCheck {
  try {
    if (!Array.isArray(json.points) || !Array.isArray(json.labels) || !Array.isArray(json.lambda)) {
      return { ok: false, code: "bad-shape", message: "points, labels and lambda must be arrays" };
    }
    const points = json.points.map((p: unknown, i: number) => {
      if (!Array.isArray(p)) throw new TypeError(`points[${i}] is not an array`);
      return p.map((v: unknown, j: number) => rationalFromJson(v, `points[${i}][${j}]`));
    });
    const lambda = json.lambda.map((v: unknown, i: number) => rationalFromJson(v, `lambda[${i}]`));
    return checkFarkas(points, json.labels as number[], lambda);
  } catch (e) {
    return { ok: false, code: "bad-shape", message: (e as Error).message };
  }
}
