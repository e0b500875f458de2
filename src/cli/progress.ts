/** A progress bar with ETA on a TTY; silent otherwise (CI logs stay clean). */
import type { CliIo } from "./io.js";

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(io: CliIo, label: string, enabled = io.isTTY): Progress {
  if (!enabled) return { update: () => {}, finish: () => {} };
  const t0 = Date.now();
  let lastDraw = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const frac = total > 0 ? done / total : 1;
      const width = 30;
      const filled = Math.round(frac * width);
      const elapsed = (now - t0) / 1000;
      const eta = done > 0 ? (elapsed * (total - done)) / done : NaN;
      const etaText = Number.isFinite(eta) ? `ETA ${eta.toFixed(0)}s` : "";
      io.err(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${etaText}   `);
    },
    finish() {
      io.err("\n");
    },
  };
}
