import { describe, expect, it } from "vitest";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { type Label } from "../src/trusted/net/dataset.js";
import { makeDataset } from "../src/workshop/dataset.js";
import type { Net } from "../src/trusted/net/model.js";
import { verifyDataset } from "../src/trusted/verify/verify-dataset.js";
import { decideExactly } from "../src/search/exact-decision.js";
import { checkRefutationJson } from "../src/trusted/checkers/refutation.js";
import { refutationToJson } from "../src/workshop/write.js";
import type { NetClass } from "../src/search/net-class.js";

const certified = (net: Net, pts: Rational[][], labels: Label[]): boolean =>
  verifyDataset(net, makeDataset(pts, labels), { schedule: { startBits: 53, maxBits: 2048 } }).summary.allCorrect;

const labelings = (n: number): Label[][] => Array.from({ length: 1 << n }, (_, m) => Array.from({ length: n }, (_, i) => ((m >> i) & 1) as Label));

describe("width 2, eps 0: realisable iff strictly linearly separable", () => {
  const cls = (depth: number): NetClass => ({ inputDim: 2, width: 2, depth, norm: { kind: "ln", groups: 1 }, eps: rat(0) });
  const square = [[0, 0], [1, 1], [0, 1], [1, 0]].map((p) => p.map((v) => rat(v)));
  it("every labeling of the square: a certified net or a checked refutation; exactly XOR and XNOR refuted", () => {
    const refuted: string[] = [];
    for (const depth of [1, 3]) {
      for (const L of labelings(4)) {
        const d = decideExactly(cls(depth), square, L);
        if (d.kind === "realisable") expect(certified(d.net, square, L)).toBe(true);
        else if (d.kind === "refuted") {
          expect(checkRefutationJson(JSON.parse(JSON.stringify(refutationToJson(d.refutation))))).toEqual({ ok: true });
          if (depth === 1) refuted.push(L.join(""));
        } else throw new Error("width 2 must be decided");
      }
    }
    expect(refuted.sort()).toEqual(["0011", "1100"]);
  });
});

describe("depth 1, width 3, eps 0 on the line: realisable iff at most 2 label changes", () => {
  const cls: NetClass = { inputDim: 1, width: 3, depth: 1, norm: { kind: "ln", groups: 1 }, eps: rat(0) };
  const xs = [rat(-3), rat(1, 3), rat(2), rat(7, 2), rat(5)].map((x) => [x]);
  it("all 32 labelings of 5 points decided, nets certified, refutations checked", () => {
    let refuted = 0;
    for (const L of labelings(5)) {
      const d = decideExactly(cls, xs, L);
      if (d.kind === "realisable") expect(certified(d.net, xs, L), L.join("")).toBe(true);
      else if (d.kind === "refuted") {
        refuted++;
        expect(checkRefutationJson(refutationToJson(d.refutation))).toEqual({ ok: true });
      } else throw new Error("must be decided");
    }
    // words of length 5 with >= 3 changes: 2 * (C(4,3) + C(4,4)) = 10
    expect(refuted).toBe(10);
  });
  it("+-+- on 4 points is refuted; a tampered certificate (2 changes) is rejected", () => {
    const pts = [[rat(0)], [rat(1)], [rat(2)], [rat(3)]];
    const d = decideExactly(cls, pts, [1, 0, 1, 0]);
    expect(d.kind).toBe("refuted");
    if (d.kind !== "refuted") return;
    const j = refutationToJson(d.refutation);
    expect(checkRefutationJson({ ...j, labels: [1, 0, 0, 0] })).toMatchObject({ ok: false, code: "too-few-changes" });
    expect(checkRefutationJson({ ...j, points: [["0"], ["2"], ["1"], ["3"]] })).toMatchObject({ ok: false });
    expect(checkRefutationJson({ ...j, format: "x" })).toMatchObject({ ok: false, code: "bad-format" });
  });
});
