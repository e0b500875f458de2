/**
 * A set of labelings of m points as a bit array (2^m bits): the union of what the checker's slices
 * covered, at 4 MiB for m = 25 where a set of strings would take gigabytes. Key: character k is the
 * label of point k (the certificate's encoding). Nothing here decides: the trusted `missingLabelings`
 * asks `has` for every labeling.
 */
export class LabelingBits {
  readonly bits: Uint8Array;

  constructor(readonly m: number, bits?: Uint8Array) {
    this.bits = bits ?? new Uint8Array(Math.ceil(2 ** m / 8));
  }

  private index(labeling: string): number | undefined {
    if (labeling.length !== this.m) return undefined;
    let mask = 0;
    for (let k = 0; k < this.m; k++) {
      const c = labeling[k];
      if (c === "1") mask += 2 ** k;
      else if (c !== "0") return undefined;
    }
    return mask;
  }

  add(labeling: string): void {
    const i = this.index(labeling);
    if (i === undefined) throw new RangeError(`internal: labeling ${JSON.stringify(labeling)} of the wrong shape`);
    this.bits[i >>> 3]! |= 1 << (i & 7);
  }

  has(labeling: string): boolean {
    const i = this.index(labeling);
    return i !== undefined && ((this.bits[i >>> 3]! >>> (i & 7)) & 1) === 1;
  }

  /** Union with another slice's bits (same m). */
  or(other: Uint8Array): void {
    if (other.length !== this.bits.length) throw new RangeError("internal: covered bit arrays of different sizes");
    for (let j = 0; j < other.length; j++) this.bits[j]! |= other[j]!;
  }

  get size(): number {
    let n = 0;
    for (const b of this.bits) for (let v = b; v; v &= v - 1) n++;
    return n;
  }
}
