import { formatProgress, progressReporter } from '@ztwin/irrdbu00';

describe('progress reporter', () => {
  test('draws one line in place on a TTY, throttled', () => {
    const out: string[] = [];
    let t = 0;
    const p = progressReporter({ target: { isTTY: true, columns: 100, write: (s) => out.push(s) }, totalBytes: 1000, intervalMs: 100, now: () => t });
    t = 50;
    p.update(100, 10);
    t = 170;
    p.update(500, 50);
    t = 200;
    p.update(600, 60); // throttled: drawn by done()
    t = 1000;
    p.done();
    expect(out.every((s) => s.startsWith('\r') || s === '\n')).toBe(true);
    expect(out).toHaveLength(4);
    expect(out[1]).toContain(' 50%');
    expect(out[2]).toContain(' 60%');
    expect(out[3]).toBe('\n');
  });
  test('silent when not a TTY', () => {
    const out: string[] = [];
    const p = progressReporter({ target: { isTTY: false, write: (s) => out.push(s) } });
    p.update(1, 1);
    p.done();
    expect(out).toEqual([]);
  });
  test('format', () => {
    expect(formatProgress(512 * 1024, 2_000_000, 1024 * 1024, 1000, 100)).toMatch(/^\[#+\.+\] {2}50% {2}512\.0 KB \/ 1\.0 MB {2}2,000,000 records {2}2\.0 M rec\/s$/);
    expect(formatProgress(10, 1, undefined, 0)).toBe('10 B  1 records  0 rec/s');
  });
});
