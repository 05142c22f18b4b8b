/**
 * A one-line progress bar for long imports: drawn in place on a TTY stream (stderr by default),
 * silent otherwise so that logs and pipes stay clean.
 */

export interface ProgressTarget {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): unknown;
}

export interface ProgressReporter {
  /** Pass as `onProgress` to importUnload / readUnload. */
  readonly update: (bytes: number, records: number) => void;
  /** Finish the line (newline on a TTY). */
  readonly done: () => void;
}

/** Format the bar: `[#####.....]  45%  1.2 GB / 2.6 GB  7,000,000 records  2.1 M rec/s`. */
export function formatProgress(bytes: number, records: number, totalBytes: number | undefined, elapsedMs: number, width = 80): string {
  const rate = elapsedMs > 0 ? (records / elapsedMs) * 1000 : 0;
  const tail = `${formatBytes(bytes)}${totalBytes !== undefined ? ` / ${formatBytes(totalBytes)}` : ''}  ${records.toLocaleString('en-US')} records  ${formatRate(rate)}`;
  if (totalBytes === undefined || totalBytes <= 0) return tail.slice(0, width);
  const frac = Math.max(0, Math.min(1, bytes / totalBytes));
  const pct = `${Math.floor(frac * 100)}`.padStart(3, ' ');
  const barWidth = Math.max(10, Math.min(40, width - tail.length - 9));
  const filled = Math.round(frac * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${pct}%  ${tail}`.slice(0, width);
}

function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KB`;
  return `${n} B`;
}
function formatRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)} M rec/s` : r >= 1e3 ? `${(r / 1e3).toFixed(1)} K rec/s` : `${Math.round(r)} rec/s`;
}

/**
 * A reporter that redraws at most every `intervalMs` (default 100 ms). `now` is injectable for tests.
 * On a non-TTY target it writes nothing.
 */
export function progressReporter(
  options: { target?: ProgressTarget; totalBytes?: number; intervalMs?: number; now?: () => number } = {},
): ProgressReporter {
  const target: ProgressTarget = options.target ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const interval = options.intervalMs ?? 100;
  const start = now();
  let last = -Infinity;
  let drawn = false;
  let lastBytes = 0;
  let lastRecords = 0;
  const draw = (): void => {
    const width = Math.max(40, (target.columns ?? 80) - 1);
    target.write(`\r${formatProgress(lastBytes, lastRecords, options.totalBytes, now() - start, width).padEnd(width, ' ')}`);
    drawn = true;
  };
  return {
    update: (bytes, records) => {
      lastBytes = bytes;
      lastRecords = records;
      if (target.isTTY !== true) return;
      const t = now();
      if (t - last < interval) return;
      last = t;
      draw();
    },
    done: () => {
      if (target.isTTY !== true) return;
      draw();
      if (drawn) target.write('\n');
    },
  };
}
