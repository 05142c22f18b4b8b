import { type Diagnostic, diagnostic } from '@ztwin/core';
import { isSecretParam, MASK, type Policy, type Statement } from './model';

/** Column (0-based) where statement names and parameter values start, as in NCA output. */
export const VALUE_COLUMN = 40;

export interface RenderOptions {
  /** Keep comments (default true). */
  readonly comments?: boolean;
}

export interface RenderResult {
  /** The canonical text; undefined when something could not be rendered faithfully. */
  readonly text: string | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Why a name cannot be written so that Policy Agent reads it back the same; undefined if it can. */
export function unrenderableName(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 32) return `it is ${name.length} characters long (at most 32)`;
  if (/[\s]/.test(name)) return 'it contains white space';
  if (name.includes('#')) return "it contains '#', which starts a comment";
  if (/[{}]/.test(name)) return 'it contains a brace';
  return undefined;
}

function unrenderableValue(v: string): string | undefined {
  if (v.length === 0) return 'it is empty';
  if (/[\s]/.test(v)) return 'it contains white space';
  if (v.includes('#')) return "it contains '#', which starts a comment";
  if (/[{}]/.test(v)) return 'it contains a brace';
  return undefined;
}

function pad(word: string, width: number): string {
  return word.length >= width ? `${word} ` : word + ' '.repeat(width - word.length);
}

function commentLine(c: string): string {
  const one = c.replace(/[\r\n]+/g, ' ');
  return one.startsWith('#') ? one : `# ${one}`;
}

/**
 * Canonical text: config statements first, then every statement in order; braces on their own
 * lines, one parameter per line, keywords padded so that names and values line up (as the z/OSMF
 * Network Configuration Assistant writes them); comments kept. Names or values that would be read
 * back differently (white space, `#`, braces, names over 32 characters) are refused.
 */
export function renderPolicy(policy: Policy, opts: RenderOptions = {}): RenderResult {
  const keep = opts.comments !== false;
  const out: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const comments = (cs: readonly string[], indent: string): void => {
    if (keep) for (const c of cs) out.push(indent + commentLine(c));
  };
  const tail = (c: string | undefined): string => (keep && c !== undefined ? ` ${commentLine(c)}` : '');

  for (const c of policy.config) {
    comments(c.leadingComments, '');
    for (const v of c.values) {
      const why = unrenderableValue(v);
      if (why !== undefined) diagnostics.push(diagnostic({ code: 'ATTLS050', message: `cannot render ${c.type} value '${v}': ${why}` }, c.span));
    }
    out.push((c.values.length === 0 ? c.type : pad(c.type, VALUE_COLUMN) + c.values.join(' ')) + tail(c.trailingComment));
  }

  const statement = (s: Statement, depth: number): void => {
    const indent = '  '.repeat(depth);
    if (!s.anonymous) {
      const why = unrenderableName(s.name);
      if (why !== undefined) diagnostics.push(diagnostic({ code: 'ATTLS050', message: `cannot render the name of ${s.type} '${s.name}': ${why}` }, s.span));
    }
    const head = s.anonymous ? s.type : pad(s.type, Math.max(1, VALUE_COLUMN - indent.length)) + s.name;
    out.push(indent + head + tail(s.trailingComment));
    out.push(`${indent}{`);
    const inner = '  '.repeat(depth + 1);
    for (const p of s.params) {
      comments(p.leadingComments, inner);
      if (p.nested !== undefined) {
        statement(p.nested, depth + 1);
        continue;
      }
      for (const v of p.values) {
        const why = unrenderableValue(v);
        const shown = isSecretParam(p.keyword) ? MASK : v; // never echo a secret
        if (why !== undefined) diagnostics.push(diagnostic({ code: 'ATTLS050', message: `cannot render ${p.keyword} value '${shown}': ${why}` }, p.span));
      }
      if (p.values.length === 0) {
        diagnostics.push(diagnostic({ code: 'ATTLS050', message: `cannot render ${p.keyword} without a value` }, p.span));
        continue;
      }
      out.push(inner + pad(p.keyword, Math.max(1, VALUE_COLUMN - inner.length)) + p.values.join(' ') + tail(p.trailingComment));
    }
    comments(s.closingComments, inner);
    out.push(`${indent}}`);
  };

  for (const s of policy.statements) {
    comments(s.leadingComments, '');
    statement(s, 0);
  }
  comments(policy.trailingComments, '');
  if (diagnostics.length > 0) return { text: undefined, diagnostics };
  return { text: out.join('\n') + '\n', diagnostics };
}
