/**
 * The parallel shattering check counts entries: every entry must be checked exactly once by some
 * worker, or the check fails with an internal error (never a verdict). Needs `npm run build`.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempFiles } from "./helpers/cli.js";
import { shatter } from "../src/vc/shatter.js";
import { checkShatterFile } from "../src/vc/check-parallel.js";
import { MergeError } from "../src/trusted/verify/merge.js";

describe("checkShatterFile with workers", () => {
  const dir = tempFiles({});
  const path = join(dir, "c2.json");
  let json: unknown;
  const tamper = new URL("./helpers/tamper-check-worker.mjs", import.meta.url);

  beforeAll(async () => {
    json = (await shatter({ depth: 2 })).certificate;
    writeFileSync(path, JSON.stringify(json));
  });
  afterEach(() => {
    delete process.env.LNNET_TAMPER;
  });

  it("agrees with the one-thread check (real workers, and the untampered test worker)", async () => {
    const one = await checkShatterFile(path, { workers: 1 });
    expect(one.ok).toBe(true);
    expect(await checkShatterFile(path, { workers: 2 })).toEqual(one);
    expect(await checkShatterFile(path, { workers: 2, workerScript: tamper })).toEqual(one);
  });

  for (const mode of ["drop", "duplicate"]) {
    it(`a worker that ${mode}s a checked entry is an internal error`, async () => {
      process.env.LNNET_TAMPER = mode;
      await expect(checkShatterFile(path, { workers: 2, workerScript: tamper })).rejects.toThrow(MergeError);
    });
  }
});
