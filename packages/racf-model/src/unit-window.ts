/**
 * A window on a text's UTF-16 code units in a typed array, for the parser's fast path (fast-line.ts).
 *
 * Why: reading a character of a typed array is cheaper than `String.prototype.charCodeAt`, whose
 * every call re-dispatches on the string's representation (a deck built by concatenation is a cons
 * string; a read file a sequential one). The copy is one native call per window (Buffer's
 * `utf16le` write: code units as they are, lone surrogates included), so the fast path reads each
 * character through the array and still slices values from the text at the same offsets.
 */

/** Code units per window at most (128 KiB of memory per text being parsed). */
export const WINDOW_UNITS = 65536;

// Buffer writes UTF-16 little-endian; a big-endian host (s390x) swaps the bytes after each copy.
const LITTLE_ENDIAN = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;

export class UnitWindow {
  private readonly bytes: Buffer;
  /** The code units; `units[k]` is the text's code unit at offset `base + k`, for k < `length`. */
  readonly units: Uint16Array;
  base = 0;
  length = 0;

  constructor(readonly text: string) {
    const size = Math.min(text.length, WINDOW_UNITS);
    this.bytes = Buffer.alloc(size * 2);
    this.units = new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, size);
  }

  /** Whether the window holds text[start, end). */
  covers(start: number, end: number): boolean {
    return start >= this.base && end <= this.base + this.length;
  }

  /** Load the window from offset `start` (as many units as fit, up to the end of the text). */
  load(start: number): void {
    const n = Math.max(0, Math.min(this.text.length - start, this.units.length));
    this.bytes.write(this.text.slice(start, start + n), 0, n * 2, 'utf16le');
    if (!LITTLE_ENDIAN) this.bytes.subarray(0, n * 2).swap16();
    this.base = start;
    this.length = n;
  }
}
