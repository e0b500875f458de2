/** `vc search`: gradient fitting + kernel; depth 1 on the line cannot realise +-+- (docs/vc.md). */
import { describe, expect, it } from "vitest";
import { rat } from "../src/trusted/numbers/rational.js";
import { checkShatter } from "../src/trusted/checkers/shatter.js";
import { maskOf } from "../src/vc/labelings.js";
import { search, searchLabeling } from "../src/vc/search.js";
import type { Label } from "../src/trusted/net/dataset.js";
import { netToJson } from "../src/workshop/write.js";
import type { Net } from "../src/trusted/net/model.js";

const ALT: Label[] = [1, 0, 1, 0];

describe("depth 1 shatters no 4 points on the line", () => {
  const sets = [
    [0, 1, 2, 3],
    [-3, -1, 1, 3],
    [0, 1, 5, 6],
    [-10, 0, 1, 100],
  ];
  for (const xs of sets) {
    it(`search fails on +-+- for {${xs.join(", ")}} (fitting alone and with the construction)`, () => {
      const points = xs.map((v) => [rat(v)]);
      const r = searchLabeling(points, ALT, 1, 7, maskOf(ALT), { restarts: 8, steps: 300, maxBits: 1024 });
      expect(r.net).toBeUndefined();
      const s = search({ depth: 1, n: 4, points, seed: 7, restarts: 4, steps: 200, masks: [maskOf(ALT)] });
      expect(s.results[0]?.found).toBe(false);
      expect(s.allFound).toBe(false);
    });
  }
});

describe("search", () => {
  it("fits an easy labeling by gradient descent and the kernel certifies it (seeded, replayable)", () => {
    const points = [0, 1, 2].map((v) => [rat(v)]);
    const labels: Label[] = [0, 1, 0];
    const a = searchLabeling(points, labels, 1, 3, maskOf(labels), { restarts: 10, steps: 400, maxBits: 1024 });
    const b = searchLabeling(points, labels, 1, 3, maskOf(labels), { restarts: 10, steps: 400, maxBits: 1024 });
    expect(a.net).toBeDefined();
    expect(a.seed).toBe(b.seed);
    expect(JSON.stringify(netToJson(a.net as Net))).toBe(JSON.stringify(netToJson(b.net as Net)));
  });

  it("a search that finds everything yields a checkable shattering certificate", () => {
    const r = search({ depth: 2, n: 5, seed: 1, restarts: 5 });
    expect(r.allFound).toBe(true);
    expect(checkShatter(r.certificate).ok).toBe(true);
  });
});
