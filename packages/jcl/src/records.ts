/**
 * Card images. JCL is read as 80-byte records: columns 1-71 are the statement field, column 72 the
 * comment-continuation indicator, columns 73-80 a sequence number that is not part of the statement
 * (z/OS MVS JCL Reference, "JCL statement fields"). Text files seldom keep the trailing blanks, so
 * shorter lines are accepted and read as if padded with blanks.
 */
export const RECORD_LENGTH = 80;
/** Last column (1-based) of the statement field. */
export const STATEMENT_END_COLUMN = 71;
/** Last column (1-based) TSO/E reads from a fixed-length SYSTSIN record; 73-80 are a sequence number. */
export const SYSTSIN_END_COLUMN = 72;

/** One line of the input: its text without the line end, 1-based line number, 0-based offset. */
export interface CardRecord {
  readonly text: string;
  readonly line: number;
  readonly offset: number;
}

/** Split text into records at `\n`; a `\r` before it is dropped; a final line end adds no record. */
export function splitRecords(text: string): CardRecord[] {
  const out: CardRecord[] = [];
  let start = 0;
  let line = 1;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const body = end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    out.push({ text: body, line, offset: start });
    if (nl < 0) break;
    start = nl + 1;
    line++;
  }
  return out;
}

/** Split deck/data text into lines the same way (no `\r`, no phantom last line). */
export function splitLines(text: string): string[] {
  return splitRecords(text).map((r) => r.text);
}
