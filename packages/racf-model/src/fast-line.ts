/**
 * Fast path of the command parser for the common deck line: one whole command on one physical line
 * (no continuation, no comment) that parses without any diagnostic. Its operands are words, quoted
 * strings (`''` doubling), KEYWORD(value ...) and segments KEYWORD(SUB(value) ...).
 *
 * Why: a generated deck is millions of such lines. The general path (lexer.ts tokens → parser.ts
 * items → operand builders) allocates a token per word and parenthesis and an item per operand;
 * this scans the line's text once and writes the AST fields as it goes, with no token or item.
 *
 * It is only ever a shortcut. Whatever it does not handle — or that would give a diagnostic (an
 * error or a warning), or any shape it was not written for (lists in parentheses as operands, a
 * field given twice, open segments, RACDCERT, an unknown or not yet seen command spelling) — makes
 * it return null, having emitted nothing, and the caller parses the line with the general path,
 * which stays the reference. Both read the same schemas, memo tables (keyword-memo.ts, through
 * fast-keywords.ts) and value conversions (operand-values.ts); test/fast-line-diff.test.ts checks
 * that both give the same commands and diagnostics.
 */
import { type Command, Secret } from './ast';
import type { LineCursor } from './lexer';
import { type FastKeyword, type FastSchema, Fin, K, commandAt, keywordAt } from './fast-keywords';
import { CASE_SENSITIVE_CLASSES, dsnForm, finishProfiles, foldFrom, maskSecrets, parseDecimal } from './operand-values';
import { UnitWindow } from './unit-window';
import { wordHashStep } from './written-words';

type Rec = Record<string, unknown>;

// Character codes and the bail-out value as const enums: inlined as literals (module-level consts
// would be loaded from the module's context at every use in the hot loops).
const enum Ch {
  SP = 32,
  TAB = 9,
  CR = 13,
  COMMA = 44,
  LP = 40,
  RP = 41,
  QUOTE = 39,
  SLASH = 47,
  STAR = 42,
  MINUS = 45,
  PLUS = 43,
}

/** Returned by the scanning methods: this line is not for the fast path. */
const enum R {
  BAIL = -1,
}

/** A text being parsed line by line: its unit window (make one per text with `fastText`). */
export interface FastText {
  readonly window: UnitWindow;
}

export function fastText(text: string): FastText {
  return { window: new UnitWindow(text) };
}

/**
 * Parse the lines of `ft`'s text from the cursor on (lexer.ts FastLines), each as one command
 * given to `onCommand`, up to the first line that is not for the fast path: one that ends with a
 * continuation character, is longer than the unit window, or that parseLineFast leaves to the
 * general path. Moves the cursor to that line (past the text's end when it took the last line).
 */
export function parseLinesFast(ft: FastText, cursor: LineCursor, source: string, onCommand: (c: Command) => void): void {
  const w = ft.window;
  const text = w.text;
  const n = text.length;
  let s = cursor.offset;
  let line = cursor.line;
  while (s <= n) {
    // (String.prototype.indexOf: TypedArray's is a runtime call, far slower per line)
    let lineEnd = text.indexOf('\n', s);
    if (lineEnd < 0) lineEnd = n;
    if (!w.covers(s, lineEnd)) {
      if (lineEnd - s > w.units.length) break; // a line longer than the window
      w.load(s);
    }
    // as the lexer: trailing blanks (and CR) are not content; a last `-` or `+` continues the command
    let end = lineEnd;
    while (end > s) {
      const c = w.units[end - 1 - w.base];
      if (c === Ch.SP || c === Ch.TAB || c === Ch.CR) end--;
      else break;
    }
    if (end > s) {
      const c = w.units[end - 1 - w.base];
      if (c === Ch.MINUS || c === Ch.PLUS) break;
    }
    const cmd = scanner.parse(ft, s, end, line, s, source);
    if (cmd === null) break;
    onCommand(cmd);
    s = lineEnd + 1;
    line++;
  }
  cursor.offset = s;
  cursor.line = line;
}

/**
 * Parse the line content [start, end) of `ft`'s text (line `lineNo`, starting at offset
 * `lineStart`) as one command. Returns the command exactly as the general path would, or null when
 * the general path must parse the line (see above). Never throws.
 */
export function parseLineFast(ft: FastText, start: number, end: number, lineNo: number, lineStart: number, source: string): Command | null {
  return scanner.parse(ft, start, end, lineNo, lineStart, source);
}

/**
 * The state of the line being read, in the fields of one object: the scanning methods share it
 * through `this` (fast field access; module-level `let`s would be context slots checked for
 * initialisation at every use) and nothing is allocated per line but the AST itself. One line is
 * read at a time: nothing called from here calls back into it.
 */
class LineScanner {
  /** The deck text; its code units around the line: the character at offset i is u[i - ub]. */
  private t = '';
  private u: Uint16Array = new Uint16Array(0);
  private ub = 0;
  /** End of the line's content (trailing blanks cut). */
  private e = 0;
  /**
   * The last value scanned by `value`: a quoted string's text (`''` undoubled; a word's is sliced
   * only when needed, see valueText), whether it was quoted, its [start, end), whether
   * upper-casing could change it.
   */
  private vText = '';
  private vQuoted = false;
  private vStart = 0;
  private vEnd = 0;
  private vFolds = false;
  /** The last word scanned by `wordEnd`: whether upper-casing could change it; its hash (written-words.ts). */
  private wFolds = false;
  private wHash = 0;
  /** The last string scanned by `stringEnd`. */
  private sVal = '';
  /** [start, end) of secret values, for masking the command text (rare). */
  private secrets: [number, number][] | null = null;
  /** Fields set so far, one stack for the command and its segments (each level checks above its base). */
  private readonly seen: string[] = [];
  private seenLen = 0;
  /** The last class name `caseSensitive` was asked about, and its answer. */
  private lastClass = '';
  private lastClassCaseSensitive = false;

  parse(ft: FastText, start: number, end: number, lineNo: number, lineStart: number, source: string): Command | null {
    const w = ft.window;
    if (!w.covers(start, end)) {
      if (end - start > w.units.length) return null; // a line longer than the window
      w.load(start);
    }
    const t = w.text;
    this.t = t;
    this.u = w.units;
    this.ub = w.base;
    this.e = end;
    this.secrets = null;
    this.seenLen = 0;
    const cmdStart = this.skip(start);
    if (cmdStart >= end) return null;
    const c0 = this.at(cmdStart);
    if (c0 === Ch.QUOTE || c0 === Ch.LP || c0 === Ch.RP) return null;
    const nameEnd = this.wordEnd(cmdStart);
    if (nameEnd === R.BAIL) return null;
    const cmd = commandAt(t, cmdStart, this.u, cmdStart - this.ub, nameEnd - cmdStart, this.wHash);
    if (cmd === null) return null;
    const rec: Rec = { kind: cmd.kind };

    // positional operands, as buildOperands reads them
    let i = nameEnd;
    let rawProfile: string | null = null;
    let profileFolds = false;
    let profiles: string | string[] | null = null;
    const pos = cmd.pos;
    for (let pi = 0; pi < pos.length; pi++) {
      const p = pos[pi];
      if (p === undefined) break;
      i = this.skip(i);
      if (i >= end) {
        if (!p.optional) return null;
        continue;
      }
      const c = this.at(i);
      if (c === Ch.LP || c === Ch.RP) return null;
      const quoted = c === Ch.QUOTE;
      const e = quoted ? this.stringEnd(i) : this.wordEnd(i);
      if (e === R.BAIL) return null;
      const k = this.skip(e);
      if (k < end && this.at(k) === Ch.LP) {
        // KEYWORD(...) where a positional is expected (or a list after a string)
        if (quoted || !p.optional) return null;
        continue;
      }
      const raw = quoted ? this.sVal : t.slice(i, e);
      const folds = quoted || this.wFolds;
      if (p.optional && !quoted && Object.prototype.hasOwnProperty.call(cmd.fs.schema.kws, raw.toUpperCase())) continue;
      const v = p.dsn === true ? dsnForm(raw, quoted) : p.up ? upper(raw, folds) : raw;
      const value = p.many ? [v] : v;
      rec[p.f] = value;
      if (p.f === 'profiles') {
        rawProfile = raw;
        profileFolds = folds;
        profiles = value;
      }
      i = k;
    }
    if (this.keywords(cmd.fs, rec, i, false) === R.BAIL) return null;

    let out = rec;
    if (cmd.fin !== Fin.None) {
      if (rawProfile === null || rec['profiles'] !== profiles || !Array.isArray(profiles) || profiles.length !== 1) {
        out = finishProfiles(cmd.kind, rec, rawProfile === null ? null : [{ text: rawProfile }]);
      } else if (cmd.fin === Fin.Resource) {
        // as finishProfiles: upper-case the one profile unless the class is case-sensitive (the
        // array is this command's own: its element is replaced rather than the array)
        const cls = typeof rec['class'] === 'string' ? rec['class'] : '';
        if (profileFolds && !this.caseSensitive(cls)) profiles[0] = rawProfile.toUpperCase();
        if (cmd.kind === 'RDEFINE') foldFrom(rec, cls);
      } else if (cmd.fin === Fin.Permit) {
        // as finishProfiles: a resource (not DATASET) profile is the name as written, folded as its class says
        const cls = typeof rec['class'] === 'string' ? rec['class'] : 'DATASET';
        if (cls !== 'DATASET') profiles[0] = this.caseSensitive(cls) ? rawProfile : upper(rawProfile, profileFolds);
        foldFrom(rec, cls);
      } else foldFrom(rec, 'DATASET');
    }
    // the command ends with its last token: only delimiters can follow it on the line
    let lastEnd = end;
    while (lastEnd > cmdStart) {
      const c = this.at(lastEnd - 1);
      if (c === Ch.SP || c === Ch.TAB || c === Ch.COMMA || c === Ch.CR) lastEnd--;
      else break;
    }
    out['span'] = {
      source,
      start: { line: lineNo, column: cmdStart - lineStart + 1, offset: cmdStart },
      end: { line: lineNo, column: lastEnd - lineStart + 1, offset: lastEnd },
    };
    out['text'] = this.secrets === null ? t.slice(cmdStart, lastEnd) : maskSecrets(t.slice(cmdStart, lastEnd), cmdStart, this.secrets);
    return out as unknown as Command;
  }

  /** CASE_SENSITIVE_CLASSES.has(cls), remembered for the last class asked (a deck names the same class line after line). */
  private caseSensitive(cls: string): boolean {
    if (cls !== this.lastClass) {
      this.lastClass = cls;
      this.lastClassCaseSensitive = CASE_SENSITIVE_CLASSES.has(cls);
    }
    return this.lastClassCaseSensitive;
  }

  /** The code unit at offset i (inside the line). */
  private at(i: number): number {
    return this.u[i - this.ub];
  }

  /** Keywords of `fs` from `from` into `rec`, to the end of the line or (`inSeg`) past the `)` closing the segment. */
  private keywords(fs: FastSchema, rec: Rec, from: number, inSeg: boolean): number {
    const end = this.e;
    const base = this.seenLen;
    const seen = this.seen;
    let i = from;
    for (;;) {
      i = this.skip(i);
      if (i >= end) return inSeg ? R.BAIL : i; // a segment left open is an error
      const c = this.at(i);
      if (c === Ch.RP) {
        if (!inSeg) return R.BAIL;
        this.seenLen = base;
        return i + 1;
      }
      if (c === Ch.LP || c === Ch.QUOTE) return R.BAIL; // a positional after keywords is an error
      const j = this.wordEnd(i);
      if (j === R.BAIL) return R.BAIL;
      const fk = keywordAt(fs, this.t, i, this.u, i - this.ub, j - i, this.wHash);
      if (fk.k === K.Bail) return R.BAIL;
      // a field given twice may warn (CONFLICTING-KEYWORDS) or append (lists): the general path decides
      const f = fk.f;
      for (let x = base; x < this.seenLen; x++) if (seen[x] === f) return R.BAIL;
      seen[this.seenLen++] = f;
      const k = this.skip(j);
      i = k < end && this.at(k) === Ch.LP ? this.withArgs(fk, rec, k + 1) : bare(fk, rec, j);
      if (i === R.BAIL) return R.BAIL;
    }
  }

  /** A keyword's parenthesised value from `from` (just after the `(`), as applySpec reads it; returns the offset after `)`. */
  private withArgs(fk: FastKeyword, rec: Rec, from: number): number {
    const end = this.e;
    switch (fk.k) {
      case K.Seg: {
        const sub: Rec = {};
        const e = fk.sub === null ? R.BAIL : this.keywords(fk.sub, sub, from, true);
        if (e !== R.BAIL) rec[fk.f] = sub;
        return e;
      }
      case K.List:
      case K.Opt: {
        if (rec[fk.f] !== undefined) return R.BAIL; // a list adds to one set before
        const vals: string[] = [];
        let i = this.skip(from);
        while (i < end && this.at(i) !== Ch.RP) {
          i = this.value(i);
          if (i === R.BAIL) return R.BAIL;
          vals.push(fk.up ? upper(this.valueText(), this.vFolds) : this.valueText());
        }
        if (i >= end) return R.BAIL; // not closed
        rec[fk.f] = vals;
        return i + 1;
      }
      case K.Str:
      case K.Secret:
      case K.Num:
      case K.Enum:
      case K.Dsn: {
        // exactly one value
        let i = this.skip(from);
        if (i >= end || this.at(i) === Ch.RP) return R.BAIL;
        i = this.value(i);
        if (i === R.BAIL || i >= end || this.at(i) !== Ch.RP) return R.BAIL;
        switch (fk.k) {
          case K.Str:
            rec[fk.f] = fk.up ? upper(this.valueText(), this.vFolds) : this.valueText();
            break;
          case K.Secret:
            (this.secrets ??= []).push(this.vQuoted ? [this.vStart + 1, this.vEnd - 1] : [this.vStart, this.vEnd]);
            rec[fk.f] = new Secret(this.valueText());
            break;
          case K.Dsn:
            rec[fk.f] = dsnForm(this.valueText(), this.vQuoted);
            break;
          case K.Num: {
            const n = this.vQuoted ? parseDecimal(this.vText) : this.decimal(this.vStart, this.vEnd);
            if (n === null) return R.BAIL;
            rec[fk.f] = n;
            break;
          }
          default: {
            const value = this.vQuoted ? undefined : this.enumAt(fk.values, this.vStart, this.vEnd);
            if (value !== undefined) rec[fk.f] = value;
            else {
              // as applySpec: the value upper-cased must be one of the (upper-case) values
              const at = fk.values.indexOf(this.valueText().toUpperCase());
              const v = fk.values[at];
              if (v === undefined) return R.BAIL;
              rec[fk.f] = v; // the schema's own string, as the general path stores
            }
          }
        }
        return i + 1;
      }
      default:
        return R.BAIL; // Flag, Null: takes no value
    }
  }

  /**
   * The plain value (word or quoted string) at `i`: sets vText, vQuoted, vStart, vEnd, vFolds and
   * returns the offset after it and the delimiters that follow. BAIL for anything else: a
   * parenthesis, a comment, an open quote, or a value followed by `(` (a keyword or a sublist).
   */
  private value(i: number): number {
    const c = this.at(i);
    let e: number;
    if (c === Ch.QUOTE) {
      e = this.stringEnd(i);
      if (e === R.BAIL) return R.BAIL;
      this.vText = this.sVal;
      this.vQuoted = true;
      this.vFolds = true;
    } else {
      if (c === Ch.LP) return R.BAIL;
      e = this.wordEnd(i);
      if (e === R.BAIL) return R.BAIL;
      this.vQuoted = false;
      this.vFolds = this.wFolds;
    }
    this.vStart = i;
    this.vEnd = e;
    const k = this.skip(e);
    return k < this.e && this.at(k) === Ch.LP ? R.BAIL : k;
  }

  /** The text of the last value scanned. */
  private valueText(): string {
    return this.vQuoted ? this.vText : this.t.slice(this.vStart, this.vEnd);
  }

  /** parseDecimal (operand-values.ts) of the word text[from, to), read in place. */
  private decimal(from: number, to: number): number | null {
    if (to - from === 0 || to - from > 15) return null;
    const u = this.u;
    const ub = this.ub;
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = u[i - ub] - 48;
      if (c < 0 || c > 9) return null;
      n = n * 10 + c;
    }
    return n;
  }

  /**
   * The one of `values` (upper case ASCII) that the word text[from, to) upper-cased equals, read in
   * place; undefined when none does or when the word has a non-ASCII character (upper-casing those
   * is left to String.prototype.toUpperCase: 'ı' becomes 'I').
   */
  private enumAt(values: readonly string[], from: number, to: number): string | undefined {
    const u = this.u;
    const ub = this.ub;
    const n = to - from;
    for (const v of values) {
      if (v.length !== n) continue;
      let k = 0;
      for (; k < n; k++) {
        let c = u[from + k - ub];
        if (c >= 97 && c <= 122) c -= 32;
        else if (c >= 128) return undefined;
        if (c !== v.charCodeAt(k)) break;
      }
      if (k === n) return v;
    }
    return undefined;
  }

  /** The first offset at or after `from` that is not a delimiter (blank, tab, comma, CR). */
  private skip(from: number): number {
    const u = this.u;
    const ub = this.ub;
    const e = this.e;
    let i = from;
    while (i < e) {
      const c = u[i - ub];
      if (c === Ch.SP || c === Ch.TAB || c === Ch.COMMA || c === Ch.CR) i++;
      else break;
    }
    return i;
  }

  /**
   * End of the word at `i` (not a delimiter, parenthesis or quote), or BAIL when a comment starts
   * in it. Sets wFolds (whether upper-casing the word could change it: a-z or any non-ASCII
   * character) and wHash.
   */
  private wordEnd(i: number): number {
    const u = this.u;
    const ub = this.ub;
    const e = this.e;
    let folds = false;
    let h = 0;
    let j = i;
    while (j < e) {
      const d = u[j - ub];
      if (d >= 97) {
        if (d <= 122 || d >= 128) folds = true;
      } else if (d === Ch.SP || d === Ch.TAB || d === Ch.CR || d === Ch.COMMA || d === Ch.LP || d === Ch.RP || d === Ch.QUOTE) break;
      else if (d === Ch.SLASH && j + 1 < e && u[j + 1 - ub] === Ch.STAR) return R.BAIL;
      h = wordHashStep(h, d);
      j++;
    }
    this.wFolds = folds;
    this.wHash = h;
    return j;
  }

  /** End of the quoted string at `i` (past its closing quote), its value in sVal; BAIL when it is not closed on the line. */
  private stringEnd(i: number): number {
    const t = this.t;
    const end = this.e;
    let seg = i + 1;
    let buf = '';
    for (;;) {
      const q = t.indexOf("'", seg);
      if (q < 0 || q >= end) return R.BAIL;
      if (q + 1 < end && this.at(q + 1) === Ch.QUOTE) {
        // '' is a quote inside the string
        buf += t.slice(seg, q) + "'";
        seg = q + 2;
        continue;
      }
      this.sVal = buf.length === 0 ? t.slice(seg, q) : buf + t.slice(seg, q);
      return q + 1;
    }
  }
}

/** A keyword without a value, as applySpec reads it. */
function bare(fk: FastKeyword, rec: Rec, end: number): number {
  switch (fk.k) {
    case K.Flag:
      rec[fk.f] = fk.v;
      return end;
    case K.Null:
      rec[fk.f] = null;
      return end;
    case K.Opt:
      rec[fk.f] = true;
      return end;
    case K.Seg:
      rec[fk.f] = {};
      return end;
    default:
      return R.BAIL; // MISSING VALUE
  }
}

/** `s` upper-cased, without the call when the scan saw nothing that upper-casing changes. */
function upper(s: string, folds: boolean): string {
  return folds ? s.toUpperCase() : s;
}

const scanner = new LineScanner();
