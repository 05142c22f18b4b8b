/**
 * RACF command parser: tokens (lexer.ts) → operand items → typed ASTs (schema.ts).
 *
 * This is the general path, and the reference: parseEach first offers each run of lines to the
 * single-line fast path (fast-line.ts), which takes the plain one-line commands and hands back,
 * untouched, any line it does not handle or that would have a diagnostic.
 *
 * TSO parse rules followed: positional operands first, keywords in any order, keywords
 * case-insensitive and abbreviable to a unique prefix (an exact name always wins), values in
 * parentheses, a later repeat of a keyword replaces the earlier one. Diagnostics use the TSO parse
 * message ids where TSO has one: IKJ56500I command not found, IKJ56712I invalid keyword,
 * IKJ56702I invalid value, IKJ56701I missing operand.
 */
import { type Diagnostic, type SourceSpan, diagnostic, didYouMean, sortDiagnostics } from '@ztwin/core';
import { type Command, type RacdcertFunction, type Segment, type SegmentValue, Secret } from './ast';
import type { CertOwner } from './digtcert';
import { type FastText, fastText, parseLinesFast } from './fast-line';
import { type LogicalCommand, type Token, Tok, lexEach } from './lexer';
import { RAW_CACHE_LIMIT, type RawKeyword, commandByRaw, flatCopy, keywordCache, rawKeyword } from './keyword-memo';
import { CASE_SENSITIVE_CLASSES, dsnForm, finishProfiles, maskSecrets, parseDecimal } from './operand-values';
import {
  COMMAND_ALIASES,
  type CommandName,
  RACDCERT_FUNCTIONS,
  RACDCERT_FUNCTION_OPERANDS,
  type RacdcertFunctionName,
  SCHEMAS,
  type Schema,
  type Spec,
  UNSUPPORTED_COMMANDS,
} from './schema';

/** An operand as written: a word, a quoted string, `KEYWORD(args)` or an anonymous `(list)`. */
interface Item {
  readonly k: 'w' | 's' | 'kw' | 'l';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly args: Item[] | null;
}

export interface ParseOptions {
  /** File or logical name used in spans and diagnostics. Default `<deck>`. */
  readonly source?: string;
}
export interface ParseResult {
  readonly commands: Command[];
  readonly diagnostics: Diagnostic[];
}

export { CASE_SENSITIVE_CLASSES };

type Rec = Record<string, unknown>;

/** Parse a deck of RACF commands. Never throws; a bad command is skipped with diagnostics. */
export function parseDeck(text: string, opts: ParseOptions = {}): ParseResult {
  const commands: Command[] = [];
  const diagnostics: Diagnostic[] = [];
  parseEach(text, opts, (c) => commands.push(c), diagnostics);
  return { commands, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Streaming parse: `onCommand` gets each valid command in deck order as soon as it is parsed;
 * diagnostics are appended (in the order found) to `diagnostics`.
 */
export function parseEach(text: string, opts: ParseOptions, onCommand: (c: Command) => void, diagnostics: Diagnostic[]): void {
  const source = opts.source ?? '<deck>';
  let ft: FastText | null = null;
  lexEach(
    text,
    source,
    (lc) => {
      const c = parseLogical(text, lc, source, diagnostics);
      if (c !== null) onCommand(c);
    },
    diagnostics,
    fastLines
      ? (cursor) => {
          // one-line commands read in one pass each (fast-line.ts), up to a line it leaves to the general path
          parseLinesFast((ft ??= fastText(text)), cursor, source, onCommand);
        }
      : undefined,
  );
}

let fastLines = true;
/**
 * Internal (not in the package's index): turn the single-line fast path (fast-line.ts) off or on,
 * so that a differential test can check it gives what the general path gives.
 */
export function setLineFastPath(on: boolean): void {
  fastLines = on;
}

/** Parse exactly one command (the first of `text`); null with diagnostics when it is not valid. */
export function parseCommand(text: string, opts: ParseOptions = {}): { command: Command | null; diagnostics: Diagnostic[] } {
  const r = parseDeck(text, opts);
  return { command: r.commands[0] ?? null, diagnostics: r.diagnostics };
}

class Ctx {
  secrets: [number, number][] | null = null;
  errors = 0;
  /**
   * The `profiles` positional as written (before any case folding): PERMIT names its class only in
   * CLASS(...) after the profile, so the fold is decided in `finish` once the class is known.
   */
  rawProfiles: readonly Item[] | null = null;
  constructor(
    readonly text: string,
    readonly lc: LogicalCommand,
    readonly source: string,
    readonly diags: Diagnostic[],
  ) {}
  span(start: number, end: number): SourceSpan {
    // spans of items inside the command: derive line/column from the command's start position
    const base = this.lc.span.start;
    let line = base.line;
    let col = base.column;
    for (let i = base.offset; i < start && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    const s = { line, column: col, offset: start };
    for (let i = start; i < end && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return { source: this.source, start: s, end: { line, column: col, offset: end } };
  }
  error(code: string, message: string, start: number, end: number, hint?: string): void {
    this.errors++;
    this.diags.push(diagnostic(hint === undefined ? { code, message } : { code, message, hint }, this.span(start, end)));
  }
  warn(code: string, message: string, start: number, end: number): void {
    this.diags.push(diagnostic({ code, message, severity: 'warning' }, this.span(start, end)));
  }
}

function parseLogical(text: string, lc: LogicalCommand, source: string, diags: Diagnostic[]): Command | null {
  const ctx = new Ctx(text, lc, source, diags);
  const toks = lc.tokens;
  const first = toks[0];
  if (first === undefined) return null;
  if (first.type !== Tok.Word) {
    ctx.error('IKJ56500I', `command name expected, found ${first.type === Tok.String ? 'a quoted string' : 'a parenthesis'}`, first.start, first.end);
    return null;
  }
  // command names as written (usually the same few words) → command, in a native Map: no upper-casing
  // or property-key internalisation per command
  let kind = commandByRaw.get(first.text);
  const name = kind === undefined ? first.text.toUpperCase() : kind;
  if (kind === undefined && Object.prototype.hasOwnProperty.call(COMMAND_ALIASES, name)) {
    kind = COMMAND_ALIASES[name];
    if (kind !== undefined && commandByRaw.size < RAW_CACHE_LIMIT) commandByRaw.set(first.text.length < 13 ? first.text : flatCopy(first.text), kind);
  }
  if (kind === undefined) {
    if (UNSUPPORTED_COMMANDS.includes(name)) {
      ctx.diags.push(diagnostic({ code: 'ZTW-RACF-UNSUPPORTED', severity: 'warning', message: `COMMAND ${name} is a RACF/TSO command this model does not simulate; skipped` }, ctx.span(first.start, first.end)));
      return null;
    }
    const hint = didYouMean(name, Object.keys(COMMAND_ALIASES));
    ctx.error('IKJ56500I', `COMMAND ${name} NOT FOUND`, first.start, first.end, hint === undefined ? undefined : `did you mean ${hint}?`);
    return null;
  }
  const items = toItems(ctx, toks, 1);
  const schema: Schema = SCHEMAS[kind];
  const rec: Rec = { kind };
  buildOperands(ctx, kind, schema, items, rec, true);
  if (ctx.errors > 0) return null;
  const out = finish(ctx, kind, rec);
  if (out === null || ctx.errors > 0) return null;
  out['span'] = lc.span;
  out['text'] = ctx.secrets === null ? text.slice(lc.start, lc.end) : maskSecrets(text.slice(lc.start, lc.end), lc.start, ctx.secrets);
  return out as unknown as Command;
}

// ---- tokens → items ----------------------------------------------------------------------------
let fastItems = true;
/**
 * Internal (not in the package's index): turn the `KEYWORD(value)` fast path of the operand builder
 * off or on, so that a differential test can check it gives what the general path gives.
 */
export function setOperandFastPath(on: boolean): void {
  fastItems = on;
}

function toItems(ctx: Ctx, toks: readonly Token[], from: number): Item[] {
  const stack: { items: Item[]; open: Token | null; kw: Item | null }[] = [{ items: [], open: null, kw: null }];
  for (let i = from; i < toks.length; i++) {
    const t = toks[i];
    if (t === undefined) break;
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    if (t.type === Tok.LParen) {
      const prev = top.items[top.items.length - 1];
      // KEYWORD(  — a word immediately (or after blanks) followed by '('
      if (prev !== undefined && prev.k === 'w' && prev.args === null) {
        top.items.pop();
        stack.push({ items: [], open: t, kw: prev });
      } else {
        stack.push({ items: [], open: t, kw: null });
      }
    } else if (t.type === Tok.RParen) {
      if (stack.length === 1) {
        ctx.error('ZTW-RACF-UNBALANCED-PARENS', 'unbalanced parentheses: ")" without "("', t.start, t.end);
        continue;
      }
      const done = stack.pop();
      const parent = stack[stack.length - 1];
      if (done === undefined || parent === undefined) break;
      if (done.kw !== null) parent.items.push({ k: 'kw', text: done.kw.text, start: done.kw.start, end: t.end, args: done.items });
      else parent.items.push({ k: 'l', text: '', start: done.open === null ? t.start : done.open.start, end: t.end, args: done.items });
    } else {
      const k = t.type === Tok.String ? 's' : 'w';
      if (k === 'w' && fastItems) {
        // KEYWORD(value): the common operand shape, built directly (no word item, frame or list
        // to pop and rebuild; the general path gives the same item)
        const lp = toks[i + 1];
        const v = toks[i + 2];
        const rp = toks[i + 3];
        if (lp !== undefined && lp.type === Tok.LParen && v !== undefined && (v.type === Tok.Word || v.type === Tok.String) && rp !== undefined && rp.type === Tok.RParen) {
          top.items.push({ k: 'kw', text: t.text, start: t.start, end: rp.end, args: [{ k: v.type === Tok.String ? 's' : 'w', text: v.text, start: v.start, end: v.end, args: null }] });
          i += 3;
          continue;
        }
      }
      top.items.push({ k, text: t.text, start: t.start, end: t.end, args: null });
    }
  }
  while (stack.length > 1) {
    const done = stack.pop();
    const parent = stack[stack.length - 1];
    if (done === undefined || parent === undefined) break;
    const at = done.open ?? { start: ctx.lc.start, end: ctx.lc.start + 1 };
    ctx.error('ZTW-RACF-UNBALANCED-PARENS', 'unbalanced parentheses: "(" is not closed', at.start, at.end);
    const end = ctx.lc.end;
    if (done.kw !== null) parent.items.push({ k: 'kw', text: done.kw.text, start: done.kw.start, end, args: done.items });
    else parent.items.push({ k: 'l', text: '', start: at.start, end, args: done.items });
  }
  return stack[0]?.items ?? [];
}

// ---- items → operand record --------------------------------------------------------------------
function isValue(it: Item): boolean {
  return it.k === 'w' || it.k === 's';
}

function valueText(it: Item, up: boolean): string {
  return up ? it.text.toUpperCase() : it.text;
}

/** TSO data-set-name form: quoted names keep their quotes (fully qualified). Upper-cased. */
function dsnText(it: Item): string {
  return dsnForm(it.text, it.k === 's');
}

/** `secret`: the keyword's value is a password or phrase, so a diagnostic must not quote it. */
function flatValues(ctx: Ctx, kw: string, args: readonly Item[], secret = false): readonly Item[] {
  // the common case, KW(value) or KW(v1 v2): the values themselves, no new array
  let plain = true;
  for (let i = 0; i < args.length && plain; i++) {
    const a = args[i];
    if (a === undefined || !isValue(a)) plain = false;
  }
  if (plain) return args;
  const out: Item[] = [];
  for (const a of args) {
    if (isValue(a)) out.push(a);
    else if (a.k === 'l' && a.args !== null) out.push(...flatValues(ctx, kw, a.args, secret));
    else ctx.error('IKJ56702I', secret ? `INVALID ${kw} VALUE: a sublist is not allowed` : `INVALID ${kw} VALUE, ${a.text}(...)`, a.start, a.end);
  }
  return out;
}

function buildOperands(ctx: Ctx, kind: string, schema: Schema, items: readonly Item[], rec: Rec, top: boolean): void {
  let i = 0;
  if (top) {
    for (const p of schema.pos) {
      const it = items[i];
      if (it === undefined || it.k === 'kw') {
        if (!p.optional) ctx.error('IKJ56701I', `MISSING ${p.f.toUpperCase()} OPERAND OF ${kind}`, ctx.lc.start, ctx.lc.end);
        continue;
      }
      if (p.optional && it.k === 'w' && Object.prototype.hasOwnProperty.call(schema.kws, it.text.toUpperCase())) continue;
      if (it.k === 'l') {
        const vals = flatValues(ctx, p.f, it.args ?? []);
        if (!p.many && vals.length !== 1) ctx.error('IKJ56702I', `INVALID ${p.f.toUpperCase()}: exactly one value expected`, it.start, it.end);
        if (p.f === 'profiles') ctx.rawProfiles = vals;
        const strs = vals.map((v) => (p.dsn === true ? dsnText(v) : valueText(v, p.up)));
        rec[p.f] = p.many ? strs : strs[0];
      } else {
        if (p.f === 'profiles') ctx.rawProfiles = [it];
        const v = p.dsn === true ? dsnText(it) : valueText(it, p.up);
        rec[p.f] = p.many ? [v] : v;
      }
      i++;
    }
  }
  // field -> keyword that set it (conflict warnings): pairs pushed on module-level stacks above
  // `base` (segments nest: each call pops its own pairs), no object per command or segment
  const base = seenLen;
  try {
    buildKeywords(ctx, schema, items, rec, i, base);
  } finally {
    seenLen = base;
  }
}

let seenLen = 0;
const seenField: string[] = [];
const seenKeyword: string[] = [];

function buildKeywords(ctx: Ctx, schema: Schema, items: readonly Item[], rec: Rec, from: number, base: number): void {
  // the schema's keyword cache, looked up once per command or segment rather than per keyword
  let cache: Map<string, RawKeyword> | null = null;
  for (let i = from; i < items.length; i++) {
    const it = items[i];
    if (it === undefined) break;
    if (it.k === 's' || it.k === 'l') {
      ctx.error('IKJ56712I', `INVALID KEYWORD, ${it.k === 's' ? `'${it.text}'` : '(...)'}: a positional operand cannot follow keywords`, it.start, it.end);
      continue;
    }
    cache ??= keywordCache(schema);
    const rk = rawKeyword(cache, schema, it.text);
    const word = rk.word;
    const r = rk.r;
    if (r.kind !== 'ok') {
      if (schema.open === true) {
        rec[word] = openValue(ctx, it);
        continue;
      }
      if (r.kind === 'ambiguous') {
        ctx.error('ZTW-RACF-AMBIGUOUS-KEYWORD', `keyword ${word} is ambiguous: ${r.candidates.join(', ')}`, it.start, it.end, 'write more of the keyword');
      } else {
        const hint = didYouMean(word, Object.keys(schema.kws));
        ctx.error('IKJ56712I', `INVALID KEYWORD, ${word}`, it.start, it.end, hint === undefined ? undefined : `did you mean ${hint}?`);
      }
      continue;
    }
    const spec = rk.spec;
    if (spec === undefined) continue;
    let at = -1;
    for (let j = base; j < seenLen; j++) {
      if (seenField[j] === spec.f) {
        at = j;
        break;
      }
    }
    if (at < 0) {
      seenField[seenLen] = spec.f;
      seenKeyword[seenLen] = r.name;
      seenLen++;
    } else {
      const prevKw = seenKeyword[at];
      if (prevKw !== undefined && prevKw !== r.name) {
        ctx.warn('ZTW-RACF-CONFLICTING-KEYWORDS', `${r.name} overrides ${prevKw} given earlier in the same command`, it.start, it.end);
      }
      seenKeyword[at] = r.name;
    }
    applySpec(ctx, r.name, spec, it, rec);
  }
}

function openValue(ctx: Ctx, it: Item): SegmentValue {
  if (it.k === 'w' && it.args === null) return true;
  const args = it.args ?? [];
  if (args.some((a) => a.k === 'kw')) {
    const sub: Record<string, SegmentValue> = {};
    for (const a of args) {
      if (a.k === 'kw' || a.k === 'w') sub[a.text.toUpperCase()] = a.k === 'w' ? true : openValue(ctx, a);
      else if (a.k === 's') sub[a.text] = true;
    }
    return sub;
  }
  const vals = flatValues(ctx, it.text, args).map((v) => v.text);
  return vals.length === 1 && vals[0] !== undefined ? vals[0] : vals;
}

function applySpec(ctx: Ctx, kw: string, spec: Spec, it: Item, rec: Rec): void {
  const args = it.args;
  switch (spec.t) {
    case 'flag':
    case 'null':
      if (args !== null) {
        ctx.error('IKJ56702I', `INVALID ${kw}: this keyword takes no value`, it.start, it.end);
        return;
      }
      rec[spec.f] = spec.t === 'flag' ? spec.v : null;
      return;
    case 'str':
    case 'num':
    case 'enum':
    case 'dsn': {
      if (args === null) {
        ctx.error('IKJ56701I', `MISSING VALUE FOR ${kw}`, it.start, it.end, `write ${kw}(value)`);
        return;
      }
      const vals = flatValues(ctx, kw, args, spec.t === 'str' && spec.secret === true);
      const v = vals[0];
      if (vals.length !== 1 || v === undefined) {
        ctx.error('IKJ56702I', `INVALID ${kw}: exactly one value expected, found ${vals.length}`, it.start, it.end);
        return;
      }
      if (spec.t === 'str') {
        if (spec.secret === true) {
          (ctx.secrets ??= []).push([v.k === 's' ? v.start + 1 : v.start, v.k === 's' ? v.end - 1 : v.end]);
          rec[spec.f] = new Secret(v.text);
        } else rec[spec.f] = valueText(v, spec.up);
      } else if (spec.t === 'dsn') {
        rec[spec.f] = dsnText(v);
      } else if (spec.t === 'num') {
        const n = parseDecimal(v.text);
        if (n === null) ctx.error('IKJ56702I', `INVALID ${kw}, ${v.text}: a number is expected`, v.start, v.end);
        else rec[spec.f] = n;
      } else {
        const u = v.text.toUpperCase();
        // enumerated values may be abbreviated too (e.g. ACC(R) is not allowed by RACF; exact values only)
        const at = spec.values.indexOf(u);
        if (at < 0) ctx.error('IKJ56702I', `INVALID ${kw}, ${v.text}`, v.start, v.end, `one of ${spec.values.join(', ')}`);
        // the schema's own (internalised) string: access levels are compared and used as keys on hot paths
        else rec[spec.f] = spec.values[at];
      }
      return;
    }
    case 'list': {
      if (args === null) {
        ctx.error('IKJ56701I', `MISSING VALUE FOR ${kw}`, it.start, it.end, `write ${kw}(value ...)`);
        return;
      }
      const vals = flatValues(ctx, kw, args).map((v) => valueText(v, spec.up));
      const prev = rec[spec.f];
      rec[spec.f] = Array.isArray(prev) ? [...(prev as string[]), ...vals] : vals;
      return;
    }
    case 'opt':
      if (args === null) rec[spec.f] = true;
      else rec[spec.f] = flatValues(ctx, kw, args).map((v) => valueText(v, spec.up));
      return;
    case 'seg': {
      const sub: Rec = {};
      if (args !== null) {
        if (args.length === 1 && args[0] !== undefined && args[0].k === 's' && spec.sub.kws['LABEL'] !== undefined) {
          // e.g. LIST('label') shorthand is not RACF syntax; report it
          ctx.error('IKJ56702I', `INVALID ${kw}: write ${kw}(LABEL('...'))`, it.start, it.end);
          return;
        }
        buildOperands(ctx, kw, spec.sub, args, sub, false);
      }
      rec[spec.f] = sub;
      return;
    }
  }
}

// ---- per-command finishing ---------------------------------------------------------------------
function finish(ctx: Ctx, kind: CommandName, rec: Rec): Rec | null {
  return kind === 'RACDCERT' ? finishRacdcert(ctx, rec) : finishProfiles(kind, rec, ctx.rawProfiles);
}

function ownerOf(ctx: Ctx, r: Rec): CertOwner | null {
  const id = r['id'];
  const n = (typeof id === 'string' ? 1 : 0) + (r['certauth'] === true ? 1 : 0) + (r['site'] === true ? 1 : 0);
  if (n > 1) ctx.error('IKJ56702I', 'INVALID OWNER: specify only one of ID(user), CERTAUTH, SITE', ctx.lc.start, ctx.lc.end);
  if (typeof id === 'string') return { kind: 'ID', id };
  if (r['certauth'] === true) return { kind: 'CERTAUTH' };
  if (r['site'] === true) return { kind: 'SITE' };
  return null;
}

function normDate(d: unknown): unknown {
  if (typeof d !== 'object' || d === null) return d;
  const o = { ...(d as Rec) };
  const date = o['date'];
  if (typeof date === 'string') o['date'] = date.replace(/\//g, '-');
  return o;
}

function pick(rec: Rec, keys: readonly string[]): Rec {
  const o: Rec = {};
  for (const k of keys) if (rec[k] !== undefined) o[k] = rec[k];
  return o;
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

function finishRacdcert(ctx: Ctx, rec: Rec): Rec | null {
  const owner = ownerOf(ctx, rec);
  const fns = RACDCERT_FUNCTIONS.filter((f) => rec[f] !== undefined);
  if (fns.length > 1) {
    ctx.error('IKJ56702I', `INVALID RACDCERT: only one function may be given, found ${fns.join(', ')}`, ctx.lc.start, ctx.lc.end);
    return null;
  }
  // RACDCERT with no function keyword lists the owner's certificates (LIST is the default function).
  const fn: RacdcertFunctionName = fns[0] ?? 'LIST';
  const allowed = RACDCERT_FUNCTION_OPERANDS[fn];
  const operandKeys = ['trust', 'withLabel', 'newLabel', 'password', 'subjectsDn', 'size', 'rsa', 'nistecc', 'bpecc', 'dsa', 'pcicc', 'icsf', 'fromicsf', 'notBefore', 'notAfter', 'keyUsage', 'altName', 'signWith', 'dsn', 'format', 'pbe', 'force', 'pkds', 'token', 'sdnFilter', 'idnFilter', 'criteria', 'usemap'];
  for (const k of operandKeys) {
    if (rec[k] !== undefined && !allowed.includes(k)) {
      ctx.error('IKJ56712I', `INVALID KEYWORD, ${keywordOf(k)}: not valid with RACDCERT ${fn}`, ctx.lc.start, ctx.lc.end);
    }
  }
  const ops = pick(rec, allowed);
  if (ops['notBefore'] !== undefined) ops['notBefore'] = normDate(ops['notBefore']);
  if (ops['notAfter'] !== undefined) ops['notAfter'] = normDate(ops['notAfter']);
  if (ops['signWith'] !== undefined) {
    const sw = ops['signWith'] as Rec;
    const label = sw['label'];
    if (typeof label !== 'string') ctx.error('IKJ56701I', "MISSING LABEL IN SIGNWITH: write SIGNWITH(CERTAUTH LABEL('...'))", ctx.lc.start, ctx.lc.end);
    ops['signWith'] = { owner: ownerOf(ctx, sw), label: typeof label === 'string' ? label : '' };
  }
  const v = rec[fn];
  const sub: Rec = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {};
  let f: Rec;
  switch (fn) {
    case 'ADD':
    case 'CHECKCERT':
      f = { function: fn, dsn: v, ...ops };
      break;
    case 'ADDRING':
    case 'DELRING':
      f = { function: fn, ring: v };
      break;
    case 'LISTRING':
      f = { function: fn, ring: firstString(v) ?? '*' };
      break;
    case 'ADDTOKEN':
    case 'DELTOKEN':
    case 'LISTTOKEN':
      f = { function: fn, token: v, ...ops };
      break;
    case 'GENCERT': {
      const req = firstString(v);
      f = { function: fn, ...(req === undefined ? {} : { request: req }), ...ops };
      break;
    }
    case 'MAP': {
      const d = firstString(v);
      f = { function: fn, ...(d === undefined ? {} : { dsn: d }), ...ops };
      break;
    }
    case 'CONNECT':
    case 'REMOVE':
    case 'BIND':
    case 'UNBIND': {
      const { id: _id, certauth: _c, site: _s, ...rest } = sub;
      f = { function: fn, certOwner: ownerOf(ctx, sub), ...rest, ...ops };
      break;
    }
    default:
      f = { function: fn, ...sub, ...ops };
  }
  if ((fn === 'CONNECT' || fn === 'REMOVE') && typeof f['label'] !== 'string') {
    ctx.error('IKJ56701I', `MISSING LABEL IN RACDCERT ${fn}`, ctx.lc.start, ctx.lc.end);
  }
  if ((fn === 'CONNECT' || fn === 'REMOVE') && typeof f['ring'] !== 'string') {
    ctx.error('IKJ56701I', `MISSING RING IN RACDCERT ${fn}`, ctx.lc.start, ctx.lc.end);
  }
  return { kind: 'RACDCERT', owner, function: f as unknown as RacdcertFunction };
}

function keywordOf(field: string): string {
  return field.toUpperCase();
}

/** Segment helper for callers that read open segments. */
export function segmentString(s: Segment | null | undefined, key: string): string | undefined {
  if (s === null || s === undefined) return undefined;
  const v = s[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
