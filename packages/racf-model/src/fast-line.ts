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
import { RAW_CACHE_LIMIT, commandByRaw, keywordCache, rawKeyword } from './keyword-memo';
import { CASE_SENSITIVE_CLASSES, dsnForm, finishProfiles, foldFrom, maskSecrets, parseDecimal } from './operand-values';
import { type CommandName, type Positional, SCHEMAS, type Schema, type Spec } from './schema';
import { UnitWindow } from './unit-window';
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
/** T's code units around the line (unit-window.ts): the character at offset i is U[i - UB]. */
let U: Uint16Array = new Uint16Array(0);
let UB = 0;
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
/** How a keyword's value is read (Spec's `t`, as a small number for the hot switch; Bail: leave it to the general path). */
const enum K {
  Flag,
  Null,
  Opt,
  Seg,
  List,
  Str,
  Secret,
  Num,
  Enum,
  Dsn,
  Bail,
}

/** A schema's Spec, flattened for the scanner. One per Spec, shared by all its spellings (DFLTG, DFLTGRP). */
interface FastKeyword {
  readonly k: K;
  /** The AST field (Spec's `f`). */
  readonly f: string;
  readonly up: boolean;
  /** Flag: the value it sets. */
  readonly v: boolean | string;
  /** Enum: the allowed values (upper case). */
  readonly values: readonly string[];
  /** Seg: the segment's own schema. */
  readonly sub: FastSchema | null;
}

/** A schema with its keywords as written (matched in place; resolved through keyword-memo.ts on first sight). */
interface FastSchema {
  readonly schema: Schema;
  readonly words: WrittenWords<FastKeyword>;
}

/** How the command's profile names are finished (operand-values.ts finishProfiles, specialised). */
const enum Fin {
  None,
  Resource, // RDEFINE RALTER RDELETE RLIST
  Permit,
  Addsd,
}

interface FastCommand {
  readonly kind: CommandName;
  readonly pos: readonly Positional[];
  readonly fs: FastSchema;
  readonly fin: Fin;
}

const BAIL_KEYWORD: FastKeyword = { k: K.Bail, f: '', up: false, v: false, values: [], sub: null };
const fastSchemas = new WeakMap<Schema, FastSchema>();
const fastKeywords = new WeakMap<Spec, FastKeyword>();

function fastSchema(schema: Schema): FastSchema {
  let fs = fastSchemas.get(schema);
  if (fs === undefined) fastSchemas.set(schema, (fs = { schema, words: new WrittenWords(RAW_CACHE_LIMIT) }));
  return fs;
}

function fastKeyword(spec: Spec): FastKeyword {
  let fk = fastKeywords.get(spec);
  if (fk !== undefined) return fk;
  const base = { f: spec.f, up: false, v: false, values: [] as readonly string[], sub: null };
  switch (spec.t) {
    case 'flag':
      fk = { ...base, k: K.Flag, v: spec.v };
      break;
    case 'null':
      fk = { ...base, k: K.Null };
      break;
    case 'opt':
      fk = { ...base, k: K.Opt, up: spec.up };
      break;
    case 'list':
      fk = { ...base, k: K.List, up: spec.up };
      break;
    case 'seg':
      fk = { ...base, k: K.Seg, sub: fastSchema(spec.sub) };
      break;
    case 'str':
      fk = { ...base, k: spec.secret === true ? K.Secret : K.Str, up: spec.up };
      break;
    case 'num':
      fk = { ...base, k: K.Num };
      break;
    case 'enum':
      fk = { ...base, k: K.Enum, values: spec.values };
      break;
    case 'dsn':
      fk = { ...base, k: K.Dsn };
      break;
  }
  fastKeywords.set(spec, fk);
  return fk;
}

/** The keyword text[i, j) (hash wHash) of `fs`, resolved as the general path resolves it. */
function keywordAt(fs: FastSchema, i: number, j: number): FastKeyword {
  const hit = fs.words.get(U, i - UB, j - i, wHash);
  if (hit !== undefined) return hit;
  const w = T.slice(i, j);
  const rk = rawKeyword(keywordCache(fs.schema), fs.schema, w);
  const fk = rk.r.kind === 'ok' && rk.spec !== undefined ? fastKeyword(rk.spec) : BAIL_KEYWORD;
  fs.words.set(w, fk);
  return fk;
}

/** Command names as written, for the spellings the general path has resolved (it fills commandByRaw). */
const commandsWritten = new WrittenWords<FastCommand | null>(RAW_CACHE_LIMIT);

function commandAt(i: number, j: number): FastCommand | null {
  const hit = commandsWritten.get(U, i - UB, j - i, wHash);
  if (hit !== undefined) return hit;
  const name = T.slice(i, j);
  const kind = commandByRaw.get(name);
  if (kind === undefined) return null; // not seen (or not a command): not remembered, it may be later
  // RACDCERT: its finishing (functions, owners) is the general path's alone
  const fc: FastCommand | null =
    kind === 'RACDCERT'
      ? null
      : {
          kind,
          pos: SCHEMAS[kind].pos,
          fs: fastSchema(SCHEMAS[kind]),
          fin: kind === 'RDEFINE' || kind === 'RALTER' || kind === 'RDELETE' || kind === 'RLIST' ? Fin.Resource : kind === 'PERMIT' ? Fin.Permit : kind === 'ADDSD' ? Fin.Addsd : Fin.None,
        };
  commandsWritten.set(name, fc);
  return fc;
}
/** Fields set so far, one stack for the command and its segments (each level checks above its base). */
const seen: string[] = [];
let seenLen = 0;

/** A text being parsed line by line: the text and its unit window (make one per text with `fastText`). */
export interface FastText {
  readonly window: UnitWindow;
}

export function fastText(text: string): FastText {
  return { window: new UnitWindow(text) };
}

/**
 * Parse the line content [start, end) of `ft`'s text (line `lineNo`, starting at offset
 * `lineStart`) as one command. Returns the command exactly as the general path would, or null when
 * the general path must parse the line (see above). Never throws.
 */
export function parseLineFast(ft: FastText, start: number, end: number, lineNo: number, lineStart: number, source: string): Command | null {
  const w = ft.window;
  if (!w.covers(start, end)) {
    if (end - start > w.units.length) return null; // a line longer than the window
    w.load(start);
  }
  const text = w.text;
  U = w.units;
  UB = w.base;
  T = text;
  E = end;
  secrets = null;
  seenLen = 0;
  const cmdStart = skip(start);
  if (cmdStart >= E) return null;
  const c0 = U[cmdStart - UB];
  if (c0 === Ch.QUOTE || c0 === Ch.LP || c0 === Ch.RP) return null;
  const nameEnd = wordEnd(cmdStart);
  if (nameEnd === R.BAIL) return null;
  const cmd = commandAt(cmdStart, nameEnd);
  if (cmd === null) return null;
  const rec: Rec = { kind: cmd.kind };

  // positional operands, as buildOperands reads them
  let i = nameEnd;
  let rawProfile: string | null = null;
  let profileFolds = false;
  let profiles: unknown = null;
  for (const p of cmd.pos) {
    i = skip(i);
    if (i >= E) {
      if (!p.optional) return null;
      continue;
    }
    const c = U[i - UB];
    if (c === Ch.LP || c === Ch.RP) return null;
    const quoted = c === Ch.QUOTE;
    const e = quoted ? stringEnd(i) : wordEnd(i);
    if (e === R.BAIL) return null;
    const k = skip(e);
    if (k < E && U[k - UB] === Ch.LP) {
      // KEYWORD(...) where a positional is expected (or a list after a string)
      if (quoted || !p.optional) return null;
      continue;
    }
    const raw = quoted ? sVal : T.slice(i, e);
    const folds = quoted || wFolds;
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
  if (keywords(cmd.fs, rec, i, false) === R.BAIL) return null;

  let out = rec;
  if (cmd.fin !== Fin.None) {
    if (rawProfile === null || rec['profiles'] !== profiles) out = finishProfiles(cmd.kind, rec, rawProfile === null ? null : [{ text: rawProfile }]);
    else if (cmd.fin === Fin.Resource) {
      // finishProfiles: upper-case the one profile unless the class is case-sensitive
      const cls = typeof rec['class'] === 'string' ? rec['class'] : '';
      if (profileFolds && !CASE_SENSITIVE_CLASSES.has(cls)) rec['profiles'] = [rawProfile.toUpperCase()];
      if (cmd.kind === 'RDEFINE') foldFrom(rec, cls);
    } else if (cmd.fin === Fin.Permit) {
      // finishProfiles: a resource (not DATASET) profile is the name as written, folded as its class says
      const cls = typeof rec['class'] === 'string' ? rec['class'] : 'DATASET';
      if (cls !== 'DATASET') rec['profiles'] = [CASE_SENSITIVE_CLASSES.has(cls) ? rawProfile : upper(rawProfile, profileFolds)];
      foldFrom(rec, cls);
    } else foldFrom(rec, 'DATASET');
  }
  // the command ends with its last token: only delimiters can follow it on the line
  let lastEnd = E;
  while (lastEnd > cmdStart) {
    const c = U[lastEnd - 1 - UB];
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

/** Keywords of `fs` from `from` into `rec`, to the end of the line or (`inSeg`) past the `)` closing the segment. */
function keywords(fs: FastSchema, rec: Rec, from: number, inSeg: boolean): number {
  const base = seenLen;
  let i = from;
  for (;;) {
    i = skip(i);
    if (i >= E) return inSeg ? R.BAIL : i; // a segment left open is an error
    const c = U[i - UB];
    if (c === Ch.RP) {
      if (!inSeg) return R.BAIL;
      seenLen = base;
      return i + 1;
    }
    if (c === Ch.LP || c === Ch.QUOTE) return R.BAIL; // a positional after keywords is an error
    const j = wordEnd(i);
    if (j === R.BAIL) return R.BAIL;
    const fk = keywordAt(fs, i, j);
    if (fk.k === K.Bail) return R.BAIL;
    // a field given twice may warn (CONFLICTING-KEYWORDS) or append (lists): the general path decides
    const f = fk.f;
    for (let x = base; x < seenLen; x++) if (seen[x] === f) return R.BAIL;
    seen[seenLen++] = f;
    const k = skip(j);
    i = k < E && U[k - UB] === Ch.LP ? withArgs(fk, rec, k + 1) : bare(fk, rec, j);
    if (i === R.BAIL) return R.BAIL;
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

/** A keyword's parenthesised value from `from` (just after the `(`), as applySpec reads it; returns the offset after `)`. */
function withArgs(fk: FastKeyword, rec: Rec, from: number): number {
  switch (fk.k) {
    case K.Seg: {
      const sub: Rec = {};
      const e = fk.sub === null ? R.BAIL : keywords(fk.sub, sub, from, true);
      if (e !== R.BAIL) rec[fk.f] = sub;
      return e;
    }
    case K.List:
    case K.Opt: {
      if (rec[fk.f] !== undefined) return R.BAIL; // a list adds to one set before
      const vals: string[] = [];
      let i = skip(from);
      while (i < E && U[i - UB] !== Ch.RP) {
        i = value(i);
        if (i === R.BAIL) return R.BAIL;
        vals.push(fk.up ? upper(vText, vFolds) : vText);
      }
      if (i >= E) return R.BAIL; // not closed
      rec[fk.f] = vals;
      return i + 1;
    }
    case K.Str:
    case K.Secret:
    case K.Num:
    case K.Enum:
    case K.Dsn: {
      // exactly one value
      let i = skip(from);
      if (i >= E || U[i - UB] === Ch.RP) return R.BAIL;
      i = value(i);
      if (i === R.BAIL || i >= E || U[i - UB] !== Ch.RP) return R.BAIL;
      switch (fk.k) {
        case K.Str:
          rec[fk.f] = fk.up ? upper(vText, vFolds) : vText;
          break;
        case K.Secret:
          (secrets ??= []).push(vQuoted ? [vStart + 1, vEnd - 1] : [vStart, vEnd]);
          rec[fk.f] = new Secret(vText);
          break;
        case K.Dsn:
          rec[fk.f] = dsnForm(vText, vQuoted);
          break;
        case K.Num: {
          const n = parseDecimal(vText);
          if (n === null) return R.BAIL;
          rec[fk.f] = n;
          break;
        }
        default: {
          // the values are upper case: a value written in upper case is found without upper-casing it
          let at = fk.values.indexOf(vText);
          if (at < 0 && vFolds) at = fk.values.indexOf(vText.toUpperCase());
          const v = fk.values[at];
          if (v === undefined) return R.BAIL;
          rec[fk.f] = v; // the schema's own string, as the general path stores
        }
      }
      return i + 1;
    }
    default:
      return R.BAIL; // Flag, Null: takes no value
  }
}

/**
 * The plain value (word or quoted string) at `i`: sets vText, vQuoted, vStart, vEnd and returns the
 * offset after it and the delimiters that follow. R.BAIL for anything else: a parenthesis, a comment,
 * an open quote, or a value followed by `(` (a keyword or a sublist inside a value).
 */
function value(i: number): number {
  const c = U[i - UB];
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
  return k < E && U[k - UB] === Ch.LP ? R.BAIL : k;
}

/** The first offset at or after `i` that is not a delimiter (blank, tab, comma, Ch.CR). */
function skip(from: number): number {
  // locals: the module-level bindings would be reloaded (and hole-checked) for every character
  const u = U;
  const ub = UB;
  const e = E;
  let i = from;
  while (i < e) {
    const c = u[i - ub];
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
  const u = U;
  const ub = UB;
  const e = E;
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
    if (q + 1 < E && U[q + 1 - UB] === Ch.QUOTE) {
      // '' is a quote inside the string
      buf += T.slice(seg, q) + "'";
      seg = q + 2;
      continue;
    }
    sVal = buf.length === 0 ? T.slice(seg, q) : buf + T.slice(seg, q);
    return q + 1;
  }
}
