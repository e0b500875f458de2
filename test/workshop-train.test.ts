/** The shared float LN-Net: backward agrees with central finite differences; Adam moves downhill. */
import { describe, expect, it } from "vitest";
import { backward, forwardOutput, forwardTrace, layout, makeAdam, type FloatNetShape } from "../src/workshop/train.js";
import { makeRng } from "../src/workshop/rng.js";

const shapes: [string, FloatNetShape][] = [
  ["LN width 3, depth 2", { dims: [2, 3, 3, 1], groups: 1, eps: 1e-3 }],
  ["LN-G width 6, 2 groups", { dims: [3, 6, 6, 1], groups: 2, eps: 1e-3 }],
  ["LN-G width 6, 3 groups", { dims: [3, 6, 1], groups: 3, eps: 1e-2 }],
  ["RMS width 4, 2 groups", { dims: [2, 4, 4, 1], groups: 2, eps: 1e-3, center: false }],
];

describe("workshop float LN-Net", () => {
  for (const [name, shape] of shapes) {
    it(`${name}: d out / d params matches central finite differences for every parameter`, () => {
      const rng = makeRng(shape.dims.length * 31 + shape.groups);
      const { slots, size } = layout(shape.dims);
      const p = Float64Array.from({ length: size }, () => rng.normal());
      const x = Array.from({ length: shape.dims[0]! }, () => rng.normal());
      const grad = new Float64Array(size);
      backward(shape, slots, p, forwardTrace(shape, slots, p, x), 1, grad);
      const h = 1e-6;
      for (let i = 0; i < size; i++) {
        const q = Float64Array.from(p);
        q[i] = p[i]! + h;
        const up = forwardOutput(shape, slots, q, x);
        q[i] = p[i]! - h;
        const fd = (up - forwardOutput(shape, slots, q, x)) / (2 * h);
        expect(Math.abs(fd - grad[i]!), `parameter ${i}`).toBeLessThan(1e-6 + 1e-4 * Math.abs(fd));
      }
    });
  }

  it("backward accumulates (two calls give twice the gradient) and scales with dOut", () => {
    const shape = shapes[1]![1];
    const { slots, size } = layout(shape.dims);
    const rng = makeRng(3);
    const p = Float64Array.from({ length: size }, () => rng.normal());
    const t = forwardTrace(shape, slots, p, [0.3, -1, 2]);
    const once = new Float64Array(size);
    backward(shape, slots, p, t, 0.5, once);
    const twice = new Float64Array(size);
    backward(shape, slots, p, t, 0.25, twice);
    backward(shape, slots, p, t, 0.25, twice);
    for (let i = 0; i < size; i++) expect(twice[i]).toBeCloseTo(once[i]!, 12);
  });

  it("Adam on a quadratic moves every coordinate toward the minimum", () => {
    const p = Float64Array.of(3, -2, 0.5);
    const adam = makeAdam(3, { lr: 0.1, eps: 1e-8 });
    for (let t = 0; t < 200; t++) adam.step(p, Float64Array.from(p, (v) => 2 * v));
    for (const v of p) expect(Math.abs(v)).toBeLessThan(0.05);
  });
});
