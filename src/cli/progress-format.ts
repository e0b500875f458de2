/** The text of progress lines and bars (progress.ts draws them, progress-ticker.ts too). */

/** Shared counters: [done, total, stopped, lock]. */
export const SLOT = { done: 0, total: 1, stopped: 2, lock: 3 } as const;

export const DEFAULT_INTERVAL_MS = 10_000;
export const TTY_INTERVAL_MS = 200;

const clock = (s: number): string => {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
};

const rateText = (perSecond: number): string => (perSecond >= 10 ? perSecond.toFixed(0) : perSecond >= 1 ? perSecond.toFixed(1) : perSecond.toPrecision(2));

/**
 * One off-TTY line: `lnnet verify: 1200/262144 (0.5%), 410/s, ETA 10m37s, 3s elapsed`. Before the
 * first count (a phase that reports none) only the elapsed time.
 */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const s = elapsedMs / 1000;
  if (total <= 0) return `${label}: running, ${clock(s)} elapsed`;
  const rate = s > 0 ? done / s : 0;
  const eta = done > 0 ? ((total - done) * s) / done : Infinity;
  const pct = ((100 * done) / total).toFixed(1);
  return `${label}: ${done}/${total} (${pct}%), ${rateText(rate)}/s, ETA ${clock(eta)}, ${clock(s)} elapsed`;
}

/** The closing line of a phase that lasted at least one interval. */
export function doneLine(label: string, done: number, total: number, elapsedMs: number): string {
  const s = elapsedMs / 1000;
  const counts = total > 0 ? ` ${done}/${total}` : "";
  const rate = total > 0 && s > 0 ? `, ${rateText(done / s)}/s` : "";
  return `${label}: done${counts} in ${s.toFixed(1)} s${rate}`;
}

/** The TTY bar: `verify [#########-----] 1200/262144 ETA 10m37s`. */
export function progressBar(label: string, done: number, total: number, elapsedMs: number): string {
  const width = 30;
  if (total <= 0) return `\r${label} ${clock(elapsedMs / 1000)} elapsed   `;
  const filled = Math.min(width, Math.round((done / total) * width));
  const eta = done > 0 ? ((total - done) * elapsedMs) / done / 1000 : Infinity;
  return `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ETA ${clock(eta)}   `;
}

