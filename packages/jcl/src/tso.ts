import { splitRecords } from './records';

/**
 * TSO/E command lines as found in SYSTSIN. A line whose last non-blank character is `-` or `+`
 * continues on the next line; with `+` the leading delimiters (blanks, commas) of the next line
 * are deleted, with `-` they are kept (z/OS TSO/E Command Reference, "Continuation lines").
 * Comments are `/* ... *\/`, ending at the end of the line when `*\/` is omitted.
 */

/** [start, end) of each comment in a line, ignoring `/*` inside apostrophes. */
export function tsoCommentRanges(line: string): [number, number][] {
  const out: [number, number][] = [];
  let quote = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === "'") quote = !quote;
    else if (!quote && ch === '/' && line.charAt(i + 1) === '*') {
      const e = line.indexOf('*/', i + 2);
      const end = e < 0 ? line.length : e + 2;
      out.push([i, end]);
      i = end - 1;
    }
  }
  return out;
}

/** The line with its comments removed (and trailing blanks dropped). */
export function stripTsoComments(line: string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of tsoCommentRanges(line)) {
    out += line.slice(at, s);
    at = e;
  }
  return (out + line.slice(at)).trimEnd();
}

/** The narrowest `max` splitTsoLine works to (see there). */
const MIN_SPLIT_WIDTH = 8;

/** Word-wrap comment text into `/* ... *\/` lines of at most `max` characters. */
function wrapComment(text: string, max: number): string[] {
  const width = max - 6;
  const words = text.replace(/\*\//g, '* /').split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let cur = '';
  for (const w0 of words) {
    for (let w = w0; w !== ''; ) {
      const room = cur === '' ? width : width - cur.length - 1;
      if (w.length <= room) {
        cur = cur === '' ? w : `${cur} ${w}`;
        w = '';
      } else if (cur !== '') {
        lines.push(cur);
        cur = '';
      } else {
        lines.push(w.slice(0, width));
        w = w.slice(width);
      }
    }
  }
  if (cur !== '' || lines.length === 0) lines.push(cur);
  return lines.map((l) => `/* ${l} */`);
}

/**
 * Split one over-long TSO/E line into lines of at most `max` characters. Where the line has a
 * blank followed by a character TSO/E would not delete, it breaks there with ` +` and indents the
 * continuation (TSO/E deletes the leading blanks again); otherwise it breaks anywhere with `-`
 * (blanks kept). Either way the joined command is identical. A comment is removed first when the
 * line has one (`dropped`); a line that is only a long comment is rewrapped into comment lines.
 * A `max` below 8 (the shortest line that holds a piece and its `-`, or a one-character comment
 * `/* x *\/`) is taken as 8, so the split always makes progress.
 */
export function splitTsoLine(line: string, max: number, prevContinued: boolean): { lines: string[]; dropped: boolean } {
  if (!(max >= MIN_SPLIT_WIDTH)) max = MIN_SPLIT_WIDTH; // also NaN
  max = Math.floor(max);
  let rest = line.trimEnd();
  if (rest.length <= max) return { lines: [rest], dropped: false };
  let dropped = false;
  if (tsoCommentRanges(rest).length > 0) {
    const stripped = stripTsoComments(rest);
    if (stripped.trim() === '') {
      if (prevContinued) return { lines: [''], dropped: true };
      const text = rest.trim().replace(/^\/\*/, '').replace(/\*\/$/, '').trim();
      return { lines: wrapComment(text, max), dropped: false };
    }
    rest = stripped;
    dropped = true;
  }
  const indent = '  ';
  const lines: string[] = [];
  while (rest.length > max) {
    let b = -1;
    for (let k = max - 2; k >= indent.length + 1; k--) {
      if (rest.charAt(k) === ' ' && !/[\s,/]/.test(rest.charAt(k + 1))) {
        b = k;
        break;
      }
    }
    if (b >= 0) {
      lines.push(rest.slice(0, b + 1) + '+');
      rest = indent + rest.slice(b + 1);
    } else {
      const blank = rest.lastIndexOf(' ', max - 2);
      const k = blank > 0 ? blank + 1 : max - 1;
      lines.push(rest.slice(0, k) + '-');
      rest = rest.slice(k);
    }
  }
  lines.push(rest);
  return { lines, dropped };
}

/** One TSO/E command after joining continuation lines and removing comments. */
export interface TsoCommand {
  readonly text: string;
  /** 1-based line of the deck where the command starts. */
  readonly line: number;
}

/** The commands of a TSO/E deck: continuations joined, comments removed, blank lines skipped. */
export function tsoCommands(deck: string): TsoCommand[] {
  const out: TsoCommand[] = [];
  let pending: { text: string; line: number; plus: boolean } | undefined;
  for (const rec of splitRecords(deck)) {
    let l = stripTsoComments(rec.text);
    if (pending !== undefined) {
      if (pending.plus) l = l.replace(/^[\s,]+/, '');
      l = pending.text + l;
    } else l = l.trimStart();
    const start = pending?.line ?? rec.line;
    const last = l.charAt(l.length - 1);
    if (last === '-' || last === '+') {
      pending = { text: l.slice(0, -1), line: start, plus: last === '+' };
      continue;
    }
    pending = undefined;
    if (l.trim() !== '') out.push({ text: l.trimEnd(), line: start });
  }
  if (pending !== undefined && pending.text.trim() !== '') out.push({ text: pending.text.trimEnd(), line: pending.line });
  return out;
}
