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
 * which stays the reference. Both read the same schemas, memo tables (keyword-memo.ts) and value
 * conversions (operand-values.ts); test/fast-line-diff.test.ts checks that both give the same
 * commands and diagnostics.
 */
import { type Command, Secret } from './ast';
import { type RawKeyword, RAW_CACHE_LIMIT, commandByRaw, keywordCache, rawKeyword } from './keyword-memo';
import { dsnForm, finishProfiles, maskSecrets, parseDecimal } from './operand-values';
import { type CommandName, SCHEMAS, type Schema, type Spec } from './schema';
import { WrittenWords, wordHashStep } from './written-words';

type Rec = Record<string, unknown>;

// Character codes as a const enum: inlined as literals. (Module-level consts are context slots that
// the hot loops would load, and check for initialisation, at every use.)
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
}

/** Returned by the scanners below: this line is not for the fast path. (An enum for the same reason.) */
const enum R {
  BAIL = -1,
}

// State of the line being read. Module-level rather than a context object: nothing is allocated
// per line but the AST itself. Only one line is read at a time (the functions do not re-enter).
let T = '';
/** End of the line's content (the lexer has cut trailing blanks). */
let E = 0;
/** The last value scanned by `value`: its text (a string's with `''` undoubled), whether it was quoted, its [start, end). */
let vText = '';
let vQuoted = false;
let vStart = 0;
let vEnd = 0;
/** Whether upper-casing vText could change it. */
let vFolds = false;
/** Whether the last word scanned by `wordEnd` has characters that upper-casing changes; its hash (written-words.ts). */
let wFolds = false;
let wHash = 0;
/** The last string scanned by `stringEnd`. */
let sVal = '';
/** [start, end) of secret values, for masking the command text (rare). */
let secrets: [number, number][] | null = null;
/** Command names and each schema's keywords as written, matched in place (filled from keyword-memo.ts). */
const commandsWritten = new WrittenWords<CommandName>(RAW_CACHE_LIMIT);
const keywordsWritten = new WeakMap<Schema, WrittenWords<RawKeyword>>();
/** Fields set so far, one stack for the command and its segments (each level checks above its base). */
const seen: string[] = [];
let seenLen = 0;

/**
 * Parse the line content [start, end) of `text` (line `lineNo`, starting at offset `lineStart`) as
 * one command. Returns the command exactly as the general path would, or null when the general
 * path must parse the line (see above). Never throws.
 */
export function parseLineFast(text: string, start: number, end: number, lineNo: number, lineStart: number, source: string): Command | null {
  T = text;
  E = end;
  secrets = null;
  seenLen = 0;
  const cmdStart = skip(start);
  if (cmdStart >= E) return null;
  const c0 = T.charCodeAt(cmdStart);
  if (c0 === Ch.QUOTE || c0 === Ch.LP || c0 === Ch.RP) return null;
  const nameEnd = wordEnd(cmdStart);
  if (nameEnd === R.BAIL) return null;
  let kind = commandsWritten.get(T, cmdStart, nameEnd, wHash);
  if (kind === undefined) {
    // only spellings the general path has already resolved (it fills commandByRaw)
    const name = T.slice(cmdStart, nameEnd);
    kind = commandByRaw.get(name);
    if (kind === undefined) return null;
    commandsWritten.set(name, kind);
  }
  if (kind === 'RACDCERT') return null;
  const schema: Schema = SCHEMAS[kind];
  const rec: Rec = { kind };

  // positional operands, as buildOperands reads them
  let i = nameEnd;
  let rawProfile: string | null = null;
  for (const p of schema.pos) {
    i = skip(i);
    if (i >= E) {
      if (!p.optional) return null;
      continue;
    }
    const c = T.charCodeAt(i);
    if (c === Ch.LP || c === Ch.RP) return null;
    const quoted = c === Ch.QUOTE;
    const e = quoted ? stringEnd(i) : wordEnd(i);
    if (e === R.BAIL) return null;
    const k = skip(e);
    if (k < E && T.charCodeAt(k) === Ch.LP) {
      // KEYWORD(...) where a positional is expected (or a list after a string)
      if (quoted || !p.optional) return null;
      continue;
    }
    const raw = quoted ? sVal : T.slice(i, e);
    if (p.optional && !quoted && Object.prototype.hasOwnProperty.call(schema.kws, raw.toUpperCase())) continue;
    const v = p.dsn === true ? dsnForm(raw, quoted) : p.up ? upper(raw, quoted || wFolds) : raw;
    rec[p.f] = p.many ? [v] : v;
    if (p.f === 'profiles') rawProfile = raw;
    i = k;
  }
  if (keywords(schema, rec, i, false) === R.BAIL) return null;

  const out = finishProfiles(kind, rec, rawProfile === null ? null : [{ text: rawProfile }]);
  // the command ends with its last token: only delimiters can follow it on the line
  let lastEnd = E;
  while (lastEnd > cmdStart) {
    const c = T.charCodeAt(lastEnd - 1);
    if (c === Ch.SP || c === Ch.TAB || c === Ch.COMMA || c === Ch.CR) lastEnd--;
    else break;
  }
  out['span'] = {
    source,
    start: { line: lineNo, column: cmdStart - lineStart + 1, offset: cmdStart },
    end: { line: lineNo, column: lastEnd - lineStart + 1, offset: lastEnd },
  };
  out['text'] = secrets === null ? T.slice(cmdStart, lastEnd) : maskSecrets(T.slice(cmdStart, lastEnd), cmdStart, secrets);
  return out as unknown as Command;
}

/** Keywords of `schema` from `i` into `rec`, to the end of the line or (`inSeg`) past the `)` closing the segment. */
function keywords(schema: Schema, rec: Rec, from: number, inSeg: boolean): number {
  let written = keywordsWritten.get(schema);
  if (written === undefined) keywordsWritten.set(schema, (written = new WrittenWords(RAW_CACHE_LIMIT)));
  const base = seenLen;
  let i = from;
  for (;;) {
    i = skip(i);
    if (i >= E) return inSeg ? R.BAIL : i; // a segment left open is an error
    const c = T.charCodeAt(i);
    if (c === Ch.RP) {
      if (!inSeg) return R.BAIL;
      seenLen = base;
      return i + 1;
    }
    if (c === Ch.LP || c === Ch.QUOTE) return R.BAIL; // a positional after keywords is an error
    const j = wordEnd(i);
    if (j === R.BAIL) return R.BAIL;
    let rk = written.get(T, i, j, wHash);
    if (rk === undefined) {
      const w = T.slice(i, j);
      rk = rawKeyword(keywordCache(schema), schema, w);
      written.set(w, rk);
    }
    const spec = rk.spec;
    if (rk.r.kind !== 'ok' || spec === undefined) return R.BAIL;
    // a field given twice may warn (CONFLICTING-KEYWORDS) or append (lists): the general path decides
    for (let x = base; x < seenLen; x++) if (seen[x] === spec.f) return R.BAIL;
    seen[seenLen++] = spec.f;
    const k = skip(j);
    i = k < E && T.charCodeAt(k) === Ch.LP ? withArgs(spec, rec, k + 1) : bare(spec, rec, j);
    if (i === R.BAIL) return R.BAIL;
  }
}

/** A keyword without a value, as applySpec reads it. */
function bare(spec: Spec, rec: Rec, end: number): number {
  switch (spec.t) {
    case 'flag':
      rec[spec.f] = spec.v;
      return end;
    case 'null':
      rec[spec.f] = null;
      return end;
    case 'opt':
      rec[spec.f] = true;
      return end;
    case 'seg':
      rec[spec.f] = {};
      return end;
    default:
      return R.BAIL; // MISSING VALUE
  }
}

/** A keyword's parenthesised value from `i` (just after the `(`), as applySpec reads it; returns the offset after `)`. */
function withArgs(spec: Spec, rec: Rec, from: number): number {
  switch (spec.t) {
    case 'flag':
    case 'null':
      return R.BAIL; // takes no value
    case 'seg': {
      const sub: Rec = {};
      const e = keywords(spec.sub, sub, from, true);
      if (e !== R.BAIL) rec[spec.f] = sub;
      return e;
    }
    case 'list':
    case 'opt': {
      if (rec[spec.f] !== undefined) return R.BAIL; // a list adds to one set before
      const vals: string[] = [];
      let i = skip(from);
      while (i < E && T.charCodeAt(i) !== Ch.RP) {
        i = value(i);
        if (i === R.BAIL) return R.BAIL;
        vals.push(spec.up ? upper(vText, vFolds) : vText);
      }
      if (i >= E) return R.BAIL; // not closed
      rec[spec.f] = vals;
      return i + 1;
    }
    default: {
      // str, num, enum, dsn: exactly one value
      let i = skip(from);
      if (i >= E || T.charCodeAt(i) === Ch.RP) return R.BAIL;
      i = value(i);
      if (i === R.BAIL || i >= E || T.charCodeAt(i) !== Ch.RP) return R.BAIL;
      switch (spec.t) {
        case 'str':
          if (spec.secret === true) {
            (secrets ??= []).push(vQuoted ? [vStart + 1, vEnd - 1] : [vStart, vEnd]);
            rec[spec.f] = new Secret(vText);
          } else rec[spec.f] = spec.up ? upper(vText, vFolds) : vText;
          break;
        case 'dsn':
          rec[spec.f] = dsnForm(vText, vQuoted);
          break;
        case 'num': {
          const n = parseDecimal(vText);
          if (n === null) return R.BAIL;
          rec[spec.f] = n;
          break;
        }
        case 'enum': {
          // the values are upper case: a value written in upper case is found without upper-casing it
          let at = spec.values.indexOf(vText);
          if (at < 0 && vFolds) at = spec.values.indexOf(vText.toUpperCase());
          const v = spec.values[at];
          if (v === undefined) return R.BAIL;
          rec[spec.f] = v; // the schema's own string, as the general path stores
          break;
        }
      }
      return i + 1;
    }
  }
}

/**
 * The plain value (word or quoted string) at `i`: sets vText, vQuoted, vStart, vEnd and returns the
 * offset after it and the delimiters that follow. R.BAIL for anything else: a parenthesis, a comment,
 * an open quote, or a value followed by `(` (a keyword or a sublist inside a value).
 */
function value(i: number): number {
  const c = T.charCodeAt(i);
  let e: number;
  if (c === Ch.QUOTE) {
    e = stringEnd(i);
    if (e === R.BAIL) return R.BAIL;
    vText = sVal;
    vQuoted = true;
    vFolds = true;
  } else {
    if (c === Ch.LP) return R.BAIL;
    e = wordEnd(i);
    if (e === R.BAIL) return R.BAIL;
    vText = T.slice(i, e);
    vQuoted = false;
    vFolds = wFolds;
  }
  vStart = i;
  vEnd = e;
  const k = skip(e);
  return k < E && T.charCodeAt(k) === Ch.LP ? R.BAIL : k;
}

/** The first offset at or after `i` that is not a delimiter (blank, tab, comma, Ch.CR). */
function skip(from: number): number {
  // locals: the module-level bindings would be reloaded (and hole-checked) for every character
  const t = T;
  const e = E;
  let i = from;
  while (i < e) {
    const c = t.charCodeAt(i);
    if (c === Ch.SP || c === Ch.TAB || c === Ch.COMMA || c === Ch.CR) i++;
    else break;
  }
  return i;
}

/**
 * End of the word at `i` (not a delimiter, parenthesis or quote), or R.BAIL when a comment starts in
 * it. Sets wFolds (whether upper-casing the word could change it: a-z or any non-ASCII character)
 * and wHash.
 */
function wordEnd(i: number): number {
  const t = T;
  const e = E;
  let folds = false;
  let h = 0;
  let j = i;
  while (j < e) {
    const d = t.charCodeAt(j);
    if (d >= 97) {
      if (d <= 122 || d >= 128) folds = true;
    } else if (d === Ch.SP || d === Ch.TAB || d === Ch.CR || d === Ch.COMMA || d === Ch.LP || d === Ch.RP || d === Ch.QUOTE) break;
    else if (d === Ch.SLASH && j + 1 < e && t.charCodeAt(j + 1) === Ch.STAR) return R.BAIL;
    h = wordHashStep(h, d);
    j++;
  }
  wFolds = folds;
  wHash = h;
  return j;
}

/** `s` upper-cased, without the call when the scan saw nothing that upper-casing changes. */
function upper(s: string, folds: boolean): string {
  return folds ? s.toUpperCase() : s;
}

/** End of the quoted string at `i` (past its closing quote), its value in sVal; R.BAIL when it is not closed on the line. */
function stringEnd(i: number): number {
  let seg = i + 1;
  let buf = '';
  for (;;) {
    const q = T.indexOf("'", seg);
    if (q < 0 || q >= E) return R.BAIL;
    if (q + 1 < E && T.charCodeAt(q + 1) === Ch.QUOTE) {
      // '' is a quote inside the string
      buf += T.slice(seg, q) + "'";
      seg = q + 2;
      continue;
    }
    sVal = buf.length === 0 ? T.slice(seg, q) : buf + T.slice(seg, q);
    return q + 1;
  }
}
