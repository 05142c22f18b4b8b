/**
 * Rendering ASTs back to canonical RACF command text. Driven by the same schemas as the parser,
 * so `parseDeck(renderCommand(c))` gives `c` again (modulo span and text). Values are written bare
 * when that reads back identically, else quoted with `''` doubling; a value that cannot be written
 * at all (a line break inside) is refused with a diagnostic.
 */
import { type Diagnostic, diagnostic } from '@ztwin/core';
import { type Command, type RacdcertCommand, Secret, type Segment } from './ast';
import type { CertOwner } from './digtcert';
import { RACDCERT, RACDCERT_FUNCTION_OPERANDS, SCHEMAS, type Schema, type Spec } from './schema';

export interface RenderResult {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

class Out {
  readonly diags: Diagnostic[] = [];
  constructor(readonly source: string) {}
  refuse(message: string): void {
    this.diags.push(diagnostic({ code: 'ZTW-RACF-UNRENDERABLE', message }, { source: this.source }));
  }
}

function isSafeChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 64 /* @ */ ||
    c === 35 /* # */ ||
    c === 36 /* $ */ ||
    c === 46 /* . */ ||
    c === 37 /* % */ ||
    c === 38 /* & */ ||
    c === 42 /* * */ ||
    c === 95 /* _ */ ||
    c === 45 /* - */ ||
    c === 47 /* / */ ||
    c === 58 /* : */
  );
}

/** A value as TSO reads it back: bare when safe, else `'...'` with quotes doubled. */
export function quoteValue(v: string, out?: { refuse(m: string): void }, forceQuote = false): string {
  if (v.includes('\n') || v.includes('\r')) {
    out?.refuse(`value ${JSON.stringify(v.slice(0, 20))} contains a line break and cannot be written as a RACF operand`);
    return "''";
  }
  let safe = v.length > 0 && !forceQuote && !v.includes('/*') && !v.includes('*/');
  for (let i = 0; safe && i < v.length; i++) if (!isSafeChar(v.charCodeAt(i))) safe = false;
  // a value ending in '-' or '+' is safe inside parentheses (never at a line end)
  return safe ? v : `'${v.replace(/'/g, "''")}'`;
}

function str(v: unknown, out: Out): string | null {
  if (v instanceof Secret) return quoteValue(v.reveal(), out, true);
  if (typeof v === 'string') return quoteValue(v, out);
  if (typeof v === 'number') return String(v);
  return null;
}
/** TSO data set form: `'A.B'` stays quoted; relative names bare. */
function dsnValue(v: string, out: Out): string {
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return `'${v.slice(1, -1).replace(/'/g, "''")}'`;
  return quoteValue(v, out);
}

/** Render a keyword operand record with its schema (keyword order = schema order). */
export function renderOperands(schema: Schema, rec: Readonly<Record<string, unknown>>, out: Out): string[] {
  const parts: string[] = [];
  const done = new Set<string>();
  for (const [kw, spec] of Object.entries(schema.kws)) {
    const v = rec[spec.f];
    if (v === undefined) continue;
    if (done.has(spec.f)) continue;
    const p = renderSpec(kw, spec, v, out);
    if (p !== null) {
      parts.push(p);
      done.add(spec.f);
    }
  }
  if (schema.open === true) {
    for (const [k, v] of Object.entries(rec)) {
      if (Object.prototype.hasOwnProperty.call(schema.kws, k)) continue;
      const p = renderOpen(k, v, out);
      if (p !== null) parts.push(p);
    }
  }
  return parts;
}

function renderOpen(k: string, v: unknown, out: Out): string | null {
  if (v === true) return k;
  if (v === null || v === undefined || v === false) return null;
  if (Array.isArray(v)) return `${k}(${v.map((x) => quoteValue(String(x), out)).join(' ')})`;
  if (typeof v === 'object') {
    const inner = Object.entries(v as Record<string, unknown>)
      .map(([a, b]) => renderOpen(a, b, out))
      .filter((x): x is string => x !== null);
    return `${k}(${inner.join(' ')})`;
  }
  return `${k}(${quoteValue(String(v), out)})`;
}

function renderSpec(kw: string, spec: Spec, v: unknown, out: Out): string | null {
  switch (spec.t) {
    case 'flag':
      return v === spec.v ? kw : null;
    case 'null':
      return v === null ? kw : null;
    case 'str':
    case 'num':
    case 'enum': {
      const s = str(v, out);
      return s === null ? null : `${kw}(${s})`;
    }
    case 'dsn':
      return typeof v === 'string' ? `${kw}(${dsnValue(v, out)})` : null;
    case 'list':
      return Array.isArray(v) ? `${kw}(${v.map((x) => quoteValue(String(x), out)).join(' ')})` : null;
    case 'opt':
      if (v === true) return kw;
      return Array.isArray(v) ? `${kw}(${v.map((x) => quoteValue(String(x), out)).join(' ')})` : null;
    case 'seg': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
      const inner = renderOperands(spec.sub, v as Record<string, unknown>, out);
      return inner.length === 0 ? kw : `${kw}(${inner.join(' ')})`;
    }
  }
}

function positional(schema: Schema, rec: Readonly<Record<string, unknown>>, out: Out): string[] {
  const parts: string[] = [];
  for (const p of schema.pos) {
    const v = rec[p.f];
    if (v === undefined) continue;
    const vals = Array.isArray(v) ? v.map(String) : [String(v)];
    const r = vals.map((x) => (p.dsn === true ? dsnValue(x, out) : quoteValue(x, out)));
    parts.push(p.many && r.length !== 1 ? `(${r.join(' ')})` : (r[0] ?? ''));
  }
  return parts;
}

function ownerParts(o: CertOwner | null, out: Out): string[] {
  if (o === null) return [];
  return o.kind === 'ID' ? [`ID(${quoteValue(o.id, out)})`] : [o.kind];
}

function renderRacdcert(c: RacdcertCommand, out: Out): string[] {
  const f = c.function as unknown as Record<string, unknown> & { function: keyof typeof RACDCERT_FUNCTION_OPERANDS };
  const fn = f.function;
  const allowed = RACDCERT_FUNCTION_OPERANDS[fn];
  const parts = ['RACDCERT', ...ownerParts(c.owner, out)];
  const spec = RACDCERT.kws[fn];
  const subRec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (k !== 'function' && !allowed.includes(k)) subRec[k] = v;
  const q = (v: unknown): string => quoteValue(String(v), out);
  switch (fn) {
    case 'ADD':
    case 'CHECKCERT':
      parts.push(`${fn}(${dsnValue(String(f['dsn']), out)})`);
      break;
    case 'ADDRING':
    case 'DELRING':
      parts.push(`${fn}(${q(f['ring'])})`);
      break;
    case 'LISTRING':
      parts.push(`${fn}(${q(f['ring'])})`);
      break;
    case 'ADDTOKEN':
    case 'DELTOKEN':
    case 'LISTTOKEN':
      parts.push(`${fn}(${q(f['token'])})`);
      break;
    case 'GENCERT':
      parts.push(typeof f['request'] === 'string' ? `GENCERT(${q(f['request'])})` : 'GENCERT');
      break;
    case 'MAP':
      parts.push(typeof f['dsn'] === 'string' ? `MAP(${q(f['dsn'])})` : 'MAP');
      break;
    case 'CONNECT':
    case 'REMOVE':
    case 'BIND':
    case 'UNBIND': {
      const { certOwner, ...rest } = subRec;
      const o = (certOwner ?? null) as CertOwner | null;
      const sub = spec !== undefined && spec.t === 'seg' ? renderOperands(spec.sub, rest, out) : [];
      parts.push(`${fn}(${[...ownerParts(o, out), ...sub].join(' ')})`);
      break;
    }
    default: {
      const sub = spec !== undefined && spec.t === 'seg' ? renderOperands(spec.sub, subRec, out) : [];
      parts.push(sub.length === 0 ? fn : `${fn}(${sub.join(' ')})`);
    }
  }
  const ops: Record<string, unknown> = {};
  for (const k of allowed) if (f[k] !== undefined) ops[k] = f[k];
  const sw = ops['signWith'] as { owner: CertOwner | null; label: string } | undefined;
  if (sw !== undefined) ops['signWith'] = { ...(sw.owner === null ? {} : sw.owner.kind === 'ID' ? { id: sw.owner.id } : sw.owner.kind === 'CERTAUTH' ? { certauth: true } : { site: true }), label: sw.label };
  parts.push(...renderOperands(RACDCERT, ops, out));
  return parts;
}

/** Canonical text of one command. Refusals (unwritable values) come back as diagnostics. */
export function renderCommandChecked(c: Command, source = '<render>'): RenderResult {
  const out = new Out(source);
  let parts: string[];
  if (c.kind === 'RACDCERT') parts = renderRacdcert(c, out);
  else {
    const schema = SCHEMAS[c.kind];
    const rec = c as unknown as Record<string, unknown>;
    parts = [c.kind, ...positional(schema, rec, out), ...renderOperands(schema, rec, out)];
  }
  return { text: parts.join(' '), diagnostics: out.diags };
}

/** Canonical text of one command (IBM command names, full keywords, canonical order). */
export function renderCommand(c: Command): string {
  return renderCommandChecked(c).text;
}

/** @internal Render operands of a named command from a plain record (used by diffStates). */
export function renderFromRecord(kind: Exclude<Command['kind'], 'RACDCERT'>, rec: Readonly<Record<string, unknown>>, diags: Diagnostic[]): string {
  const out = new Out('<render>');
  const schema = SCHEMAS[kind];
  const t = [kind, ...positional(schema, rec, out), ...renderOperands(schema, rec, out)].join(' ');
  diags.push(...out.diags);
  return t;
}

export type { Segment };
