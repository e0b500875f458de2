import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as I from "../src/trusted/numbers/interval.js";
import * as C from "../src/workshop/dyadic.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { CertifiedLssr } from "../src/trusted/checkers/lssr-certified.js";
import { certifiedLssr } from "../src/nonlinearity/lssr-hints.js";
import { lssr, lssrToString } from "../src/nonlinearity/ssr.js";
import { lssrThroughNet } from "../src/nonlinearity/through-net.js";
import { collapseWitness, gaussianWitness, xorWitness } from "../src/nonlinearity/witness.js";
import { datasetToCsv, netToJson } from "../src/workshop/write.js";
import type { Dataset } from "../src/trusted/net/dataset.js";
import type { Net } from "../src/trusted/net/model.js";

const D = Decimal.clone({ precision: 80 });
const dec = (r: Rational): Decimal => new D((r.s * r.n).toString()).div(r.d.toString());
const decOfDyadic = (d: I.Dyadic): Decimal => dec(C.dyadicToRational(d, rat));

/** Independent high-precision oracle: LN(W x + b) in decimal.js, then LSSR in the first 2 coordinates (width 3, g = 1). */
function oracleLssrAfterWidth3(net: Net, data: Dataset): Decimal {
  const lin = net.layers[0];
  if (lin?.type !== "linear") throw new Error("shape");
  const ys = data.samples.map((s) => {
    const h = lin.weight.map((row, i) => row.reduce((acc, w, j) => acc.plus(dec(w).times(dec(s.x[j]!))), dec(lin.bias[i]!)));
    const m = h.reduce((a, b) => a.plus(b), new D(0)).div(3);
    const c = h.map((v) => v.minus(m));
    const sd = c.reduce((a, b) => a.plus(b.times(b)), new D(0)).div(3).sqrt();
    return c.map((v) => v.div(sd)).slice(0, 2); // y3 = -y1 - y2: (y1, y2) is an invertible linear image of V
  });
  const cls = (l: 0 | 1) => ys.filter((_, i) => data.samples[i]?.label === l);
  const mean = (pts: Decimal[][]) => [0, 1].map((j) => pts.reduce((a, p) => a.plus(p[j]!), new D(0)).div(pts.length));
  const mx = mean(cls(1));
  const my = mean(cls(0));
  const S = [0, 1].map((i) => [0, 1].map((j) => [...cls(1).map((p) => [p, mx]), ...cls(0).map((p) => [p, my])].reduce((a, [p, m]) => a.plus((p as Decimal[])[i]!.minus((m as Decimal[])[i]!).times((p as Decimal[])[j]!.minus((m as Decimal[])[j]!))), new D(0))));
  const d = [0, 1].map((j) => mx[j]!.minus(my[j]!));
  const det = S[0]![0]!.times(S[1]![1]!).minus(S[0]![1]!.times(S[1]![0]!));
  const q = d[0]!.times(d[0]!).times(S[1]![1]!).minus(d[0]!.times(d[1]!).times(S[0]![1]!).times(2)).plus(d[1]!.times(d[1]!).times(S[0]![0]!)).div(det);
  return new D(1).div(q);
}

function contains(c: CertifiedLssr, v: Decimal): boolean {
  if (c.kind === "exact") return c.value !== "inf" && dec(c.value).minus(v).abs().lt(new D("1e-60"));
  return decOfDyadic(c.lo).lte(v) && (c.hi === "inf" || decOfDyadic(c.hi).gte(v));
}

describe("certified LSSR of irrational (LN) data", () => {
  it("enclosures contain a 80-digit oracle value on random width-3 layers and data (and are tight)", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 })), { minLength: 6, maxLength: 10 }),
        (W, b, pts) => {
          const net: Net = {
            inputDim: 2,
            layers: [
              { type: "linear", weight: W.map((r) => r.map((v) => rat(v))), bias: b.map((v) => rat(v)) },
              { type: "layernorm", groups: 1, eps: rat(0) },
              { type: "linear", weight: [[rat(1), rat(0), rat(0)]], bias: [rat(0)] },
            ],
          };
          const data: Dataset = { dim: 2, samples: pts.map(([x, y], i) => ({ x: [rat(x, 3), rat(y, 2)], label: (i % 2) as 0 | 1 })) };
          let rep;
          try {
            rep = lssrThroughNet(net, data, 160);
          } catch {
            return;
          }
          const l = rep.layers[0];
          if (!l || !("result" in l) || l.result.kind !== "enclosed") return; // LN undefined somewhere
          const oracle = oracleLssrAfterWidth3(net, data);
          if (!oracle.isFinite() || oracle.lte(0)) return;
          expect(contains(l.result, oracle)).toBe(true);
          checked++;
          if (l.result.hi !== "inf" && C.dyadicToNumber(l.result.lo) > 0) {
            expect(decOfDyadic(l.result.hi).minus(decOfDyadic(l.result.lo)).div(oracle).lt(new D("1e-20"))).toBe(true);
          }
        },
      ),
      { seed: 42, numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(20);
  });

  it("boxes around rational points (no subspace constraint) contain the exact LSSR of the centres' true points", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: -30, max: 30 })), { minLength: 6, maxLength: 12 }), fc.integer({ min: 24, max: 80 }), (pts, prec) => {
        const xs = pts.map(([a, d, c]) => [rat(a, d), rat(c, 7)]);
        const labels = xs.map((_, i) => (i % 2) as 0 | 1);
        const exact = lssr({ X: xs.filter((_, i) => labels[i] === 1), Y: xs.filter((_, i) => labels[i] === 0) });
        const c = certifiedLssr({ points: xs.map((p) => p.map((r) => I.fromRational(r, prec))), labels, groups: 0 }, prec);
        if (exact === "inf") return;
        expect(contains(c, dec(exact))).toBe(true);
      }),
      { seed: 11, numRuns: 100 },
    );
  });
});

describe("witnesses: one LN layer lowers LSSR (certified)", () => {
  it("collapse-to-zero: exactly 0 after LN on 2 neurons (the largest reduction)", () => {
    const w = collapseWitness();
    expect(w.before !== "inf" && w.before.compare(0) > 0).toBe(true);
    expect(w.after.kind === "exact" && lssrToString(w.after.value)).toBe("0");
    expect(w.lowered).toBe(true);
  });
  it("xor: inf before, a certified finite enclosure after", () => {
    const w = xorWitness(1, 800);
    expect(w.before).toBe("inf");
    expect(w.after.kind).toBe("enclosed");
    expect(w.lowered).toBe(true);
  });
  it("gaussian: certified strictly lower after a width-3 LN", () => {
    const w = gaussianWitness(7, 24, 600);
    expect(w.lowered).toBe(true);
    expect(w.ratio).toBeLessThan(1);
  });
});

// Runs the built CLI (dist/): `npm test` builds first; run `npm run build` before running this file alone.
describe("lnnet ssr (subprocess)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lnnet-ssr-"));
  const run = (args: string[]) => spawnSync("node", ["bin/lnnet.js", "ssr", ...args], { encoding: "utf8" });

  it("--json gives the exact lssr string", () => {
    const f = join(dir, "a.csv");
    writeFileSync(f, "x,label\n0,1\n2,1\n4,0\n6,0\n");
    const r = run([f, "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).lssr).toBe("1/4");
    expect(JSON.parse(run(["examples/xor.csv", "--json"]).stdout).lssr).toBe("inf");
  });
  it("with --net: a certified interval per LN layer; collapse witness exact 0", () => {
    const w = collapseWitness();
    const f = join(dir, "c.csv");
    const n = join(dir, "c.json");
    writeFileSync(f, datasetToCsv(w.data));
    writeFileSync(n, JSON.stringify(netToJson(w.net)));
    const r = run([f, "--net", n, "--json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.layers[0]).toMatchObject({ layer: 1, kind: "exact", lo: "0", hi: "0" });
    const g = gaussianWitness(7, 24, 300);
    writeFileSync(f, datasetToCsv(g.data));
    writeFileSync(n, JSON.stringify(netToJson(g.net)));
    const j2 = JSON.parse(run([f, "--net", n, "--json"]).stdout);
    expect(j2.layers[0].kind).toBe("enclosed");
    expect(j2.layers[0].lo).toMatch(/^\d+(\/\d+)?$/);
  });
  it("bad input exits 2", () => {
    const f = join(dir, "bad.csv");
    writeFileSync(f, "x,label\nNaN,1\n");
    expect(run([f]).status).toBe(2);
    writeFileSync(f, "x,label\n1,1\n2,1\n");
    expect(run([f]).status).toBe(2); // one class only
    expect(run([]).status).toBe(2);
    expect(run(["examples/xor.csv", "--net", "examples/line-threshold.json"]).status).toBe(2); // dimension mismatch
  });
});
