import * as t from 'io-ts';
import { type SourceSpan } from '@ztwin/core';
import { type ConfigStatementType, type StatementType } from './schema';

/**
 * One parameter line of a statement: `Keyword value...`, or an inline nested statement.
 * `keyword` is IBM's canonical spelling when the keyword is known, else as written.
 */
export interface Param {
  readonly keyword: string;
  readonly values: readonly string[];
  /** An inline nested statement (`TTLSKeyringParms { ... }` inside an action). */
  readonly nested?: Statement;
  readonly span: SourceSpan;
  readonly leadingComments: readonly string[];
  readonly trailingComment?: string;
}

/** A policy statement `Type name { params }`. */
export interface Statement {
  /** Canonical type when known, else the keyword as written (and a diagnostic was issued). */
  readonly type: StatementType | string;
  readonly known: boolean;
  /** The user's name, or a system name (`~SYS_n`) when an inline statement had none. */
  readonly name: string;
  readonly anonymous: boolean;
  readonly params: readonly Param[];
  readonly span: SourceSpan;
  readonly leadingComments: readonly string[];
  readonly trailingComment?: string;
  /** Comments between the last parameter and the closing brace. */
  readonly closingComments: readonly string[];
}

/** A one-line configuration statement of the main/image file (TcpImage, TTLSConfig, ...). */
export interface ConfigStatement {
  readonly type: ConfigStatementType;
  readonly values: readonly string[];
  readonly span: SourceSpan;
  readonly leadingComments: readonly string[];
  readonly trailingComment?: string;
}

/** A parsed policy: statements in file order (after duplicates were resolved, last wins). */
export interface Policy {
  readonly statements: readonly Statement[];
  readonly config: readonly ConfigStatement[];
  /** Comments after the last statement. */
  readonly trailingComments: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The model as plain JSON (no spans, no comments): what "same model" means for round trips and
// what the NCA builder is compared against.

export interface ParamJSON {
  keyword: string;
  values: string[];
  nested?: StatementJSON;
}
export interface StatementJSON {
  type: string;
  name: string | null;
  params: ParamJSON[];
}
export const StatementJSON: t.Type<StatementJSON> = t.recursion('StatementJSON', () =>
  t.type({
    type: t.string,
    name: t.union([t.string, t.null]),
    params: t.array(ParamJSON),
  }),
);
export const ParamJSON: t.Type<ParamJSON> = t.recursion('ParamJSON', () =>
  t.intersection([t.type({ keyword: t.string, values: t.array(t.string) }), t.partial({ nested: StatementJSON })]),
);
export const PolicyJSON = t.type({
  statements: t.array(StatementJSON),
  config: t.array(t.type({ type: t.string, values: t.array(t.string) })),
});
export type PolicyJSON = t.TypeOf<typeof PolicyJSON>;

/** Secret parameters are masked so that the JSON form never carries them. */
const SECRET = new Set(['keyringpw', 'gsk_ldap_password']);
export const MASK = '********';

const SECRET_CANONICAL = new Set(['KeyringPw', 'GSK_LDAP_Password']);
export function isSecretParam(keyword: string): boolean {
  // Parsed keywords are in IBM's spelling when known; the lower-case test covers the rest.
  return SECRET_CANONICAL.has(keyword) || (keyword.length >= 9 && keyword.length <= 17 && SECRET.has(keyword.toLowerCase()));
}

/**
 * A secret parameter (KeyringPw, GSK_LDAP_Password) keeps its value for the renderer, but as a
 * non-enumerable property with a masking toJSON: JSON.stringify, console logs of the JSON and
 * test snapshots of the model never show it.
 */
export function protectSecret(p: Param): Param {
  if (!isSecretParam(p.keyword)) return p;
  const out: Param = { ...p };
  Object.defineProperty(out, 'values', { value: p.values, enumerable: false, writable: false });
  Object.defineProperty(out, 'toJSON', {
    value: () => ({ keyword: p.keyword, values: [MASK], span: p.span, leadingComments: p.leadingComments }),
    enumerable: false,
  });
  return out;
}

function statementToJSON(s: Statement, mask: boolean): StatementJSON {
  return {
    type: s.type,
    name: s.anonymous ? null : s.name,
    params: s.params.map((p) => {
      const values = mask && SECRET.has(p.keyword.toLowerCase()) ? [MASK] : [...p.values];
      return p.nested === undefined ? { keyword: p.keyword, values } : { keyword: p.keyword, values, nested: statementToJSON(p.nested, mask) };
    }),
  };
}

/**
 * The policy as span- and comment-free JSON, statements sorted by (type, name) so that two
 * policies with the same objects compare equal regardless of file order. Secrets are masked
 * unless `revealSecrets` (used only for equality checks in memory, never for output).
 */
export function policyToJSON(p: Policy, opts: { revealSecrets?: boolean } = {}): PolicyJSON {
  const mask = opts.revealSecrets !== true;
  const statements = p.statements.map((s) => statementToJSON(s, mask));
  statements.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
  return { statements, config: p.config.map((c) => ({ type: c.type, values: [...c.values] })) };
}

/** Same objects, same parameters in the same order (spans and comments ignored). */
export function samePolicy(a: Policy, b: Policy): boolean {
  return JSON.stringify(policyToJSON(a, { revealSecrets: true })) === JSON.stringify(policyToJSON(b, { revealSecrets: true }));
}

/** Index of a policy: lower-cased type → name → statement (top-level and named inline statements). */
export type PolicyIndex = ReadonlyMap<string, ReadonlyMap<string, Statement>>;

export function indexPolicy(p: Policy): PolicyIndex {
  const idx = new Map<string, Map<string, Statement>>();
  const add = (s: Statement): void => {
    const k = s.type.toLowerCase();
    let m = idx.get(k);
    if (m === undefined) idx.set(k, (m = new Map()));
    m.set(s.name, s);
    for (const prm of s.params) if (prm.nested !== undefined) add(prm.nested);
  };
  for (const s of p.statements) add(s);
  return idx;
}

/**
 * The value of a single-valued parameter (case-insensitive keyword), or undefined. Words after the
 * first are ignored, as Policy Agent treats them as a comment (e.g. `Addr 10.1.0.2 ZOSA`).
 */
export function paramValue(s: Statement, keyword: string): string | undefined {
  const k = keyword.toLowerCase();
  for (let i = s.params.length - 1; i >= 0; i--) {
    const p = s.params[i];
    // The last occurrence of a non-repeatable parameter is the one Policy Agent keeps.
    if (p !== undefined && p.keyword.toLowerCase() === k && p.nested === undefined) return p.values[0];
  }
  return undefined;
}

/** All values of a (repeatable) parameter, lines concatenated in order. */
export function paramValues(s: Statement, keyword: string): string[] {
  const k = keyword.toLowerCase();
  const out: string[] = [];
  for (const p of s.params) if (p.keyword.toLowerCase() === k && p.nested === undefined) out.push(...p.values);
  return out;
}

/**
 * The sub-statement attached as `X { ... }` inline or `XRef name`; the inline one wins when both
 * are present (the validator flags that).
 */
export function subStatement(s: Statement, target: StatementType, idx: PolicyIndex): Statement | undefined {
  const tl = target.toLowerCase();
  const refKw = `${tl}ref`;
  let found: Statement | undefined;
  for (const p of s.params) {
    const k = p.keyword.toLowerCase();
    if (k === tl && p.nested !== undefined) found = p.nested;
    else if (k === refKw && found === undefined) {
      const name = p.values[0];
      if (name !== undefined) found = idx.get(tl)?.get(name);
    }
  }
  return found;
}

/** All sub-statements of a repeatable nested/ref pair (PortGroup's PortRange, IpAddrGroup's sets). */
export function subStatements(s: Statement, target: StatementType, idx: PolicyIndex): Statement[] {
  const tl = target.toLowerCase();
  const refKw = `${tl}ref`;
  const out: Statement[] = [];
  for (const p of s.params) {
    const k = p.keyword.toLowerCase();
    if (k === tl && p.nested !== undefined) out.push(p.nested);
    else if (k === refKw) {
      const n = p.values[0];
      const r = n === undefined ? undefined : idx.get(tl)?.get(n);
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}
