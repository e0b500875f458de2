/**
 * Progress: the line and bar texts, the off-TTY interval with an injected clock, --quiet, and (as a
 * subprocess, off a TTY) heartbeat lines while the main thread is busy in the synchronous kernel.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { doneLine, progressBar, progressLine } from "../src/cli/progress-format.js";
import { startProgress } from "../src/cli/progress.js";
import type { CliIo } from "../src/cli/io.js";
import { tempFiles } from "./helpers/cli.js";

function capture(isTTY: boolean): CliIo & { text: string[] } {
  const text: string[] = [];
  return { text, isTTY, out: () => {}, err: (t) => text.push(t) };
}

describe("progress texts", () => {
  it("an off-TTY line holds label, done/total, percentage, rate, ETA and elapsed time", () => {
    expect(progressLine("lnnet verify: kernel", 1200, 262144, 3000)).toBe("lnnet verify: kernel: 1200/262144 (0.5%), 400/s, ETA 10m52s, 3s elapsed");
    expect(progressLine("x", 0, 10, 2000)).toBe("x: 0/10 (0.0%), 0.0/s, ETA ?, 2s elapsed");
    expect(progressLine("build", 0, 0, 65000)).toBe("build: running, 1m05s elapsed");
    expect(doneLine("x", 10, 10, 20000)).toBe("x: done 10/10 in 20.0 s, 0.50/s");
    expect(progressBar("v", 5, 10, 1000)).toBe(`\rv [${"#".repeat(15)}${"-".repeat(15)}] 5/10 ETA 1s   `);
  });

  it("off a TTY: one line per interval (injected clock), a closing line; --quiet prints nothing", () => {
    let t = 0;
    const io = capture(false);
    const p = startProgress(io, "job", { now: () => t, intervalMs: 10_000, heartbeat: false });
    for (let i = 1; i <= 100; i++) {
      t += 500; // 50 s in all: a line at 10, 20, 30, 40, 50 s
      p.update(i, 100);
    }
    p.finish();
    p.finish(); // idempotent
    expect(io.text).toHaveLength(6);
    expect(io.text[0]).toBe("job: 20/100 (20.0%), 2.0/s, ETA 40s, 10s elapsed\n");
    expect(io.text[5]).toBe("job: done 100/100 in 50.0 s, 2.0/s\n");
    const quiet = capture(false);
    const q = startProgress(quiet, "job", { now: () => t, quiet: true, heartbeat: false });
    q.update(1, 2);
    t += 60_000;
    q.update(2, 2);
    q.finish();
    expect(quiet.text).toEqual([]);
  });

  it("a short phase off a TTY prints nothing; on a TTY the bar ends with a newline", () => {
    let t = 0;
    const io = capture(false);
    const p = startProgress(io, "job", { now: () => t, heartbeat: false });
    t = 500;
    p.update(1, 1);
    p.finish();
    expect(io.text).toEqual([]);
    const tty = capture(true);
    const b = startProgress(tty, "job", { now: () => t, heartbeat: false });
    b.update(1, 2);
    b.finish();
    expect(tty.text.at(-1)).toMatch(/^\rjob \[#{30}\] 2\/2 ETA .*\n$/);
  });
});

describe("progress off a TTY (subprocess)", () => {
  const rows = Array.from({ length: 4000 }, (_, i) => `${i % 2 ? "" : "-"}${1 + i / 1000},${i % 2}`);
  const dir = tempFiles({ "d.csv": "x,label\n" + rows.join("\n") + "\n" });
  const run = (extra: string[]) =>
    spawnSync(process.execPath, ["bin/lnnet.js", "verify", "examples/line-threshold.json", join(dir, "d.csv"), "--workers", "1", ...extra], {
      encoding: "utf8",
      env: { ...process.env, LNNET_PROGRESS_INTERVAL_MS: "25" },
    });

  it("heartbeat lines on stderr while the main thread runs the synchronous kernel, then a closing line", () => {
    const r = run([]);
    expect(r.status).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("lnnet verify: kernel: "));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => /: \d+\/4000 \(\d+\.\d%\), [\d.]+\/s, ETA \S+, \d+s elapsed$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^lnnet verify: kernel: done 4000\/4000 in [\d.]+ s/);
    expect(r.stdout).toMatch(/^s VERIFIED$/m); // stdout keeps only the report
    expect(r.stdout).not.toMatch(/ETA/);
  });

  it("--quiet: nothing on stderr", () => {
    const r = run(["--quiet"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});
