import type { Position, SourceSpan } from './diagnostic';

/**
 * Maps 0-based offsets of a text to 1-based line/column, in O(log lines).
 * Lines end at `\n`; a `\r` before it belongs to the line end (CRLF tolerant).
 */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string, readonly source: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1, offset: o };
  }
  span(start: number, end: number): SourceSpan {
    return { source: this.source, start: this.position(start), end: this.position(end) };
  }
  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] ?? 0;
  }
}
