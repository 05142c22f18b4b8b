import { type Statement } from './model';
import { type ParamKind, type StatementSpecs, type StatementType, lookupStatementType, statementSpec } from './schema';

/**
 * Typed views of statements, derived from the statement table in schema.ts: every parameter is an
 * optional field named as IBM spells it, typed by its kind (On/Off → boolean, numbers → number,
 * enumerations → their literal values, inline sub-statements → their typed view, references → the
 * referenced name, repeatable parameters → arrays).
 */

type ValueOf<K> = K extends { readonly kind: 'onoff' }
  ? boolean
  : K extends { readonly kind: 'int' }
    ? number
    : K extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
      ? V
      : K extends { readonly kind: 'nested'; readonly target: infer T extends StatementType }
        ? TypedStatement<T>
        : K extends { readonly kind: 'list' | 'ciphers' }
          ? string[]
          : string;

type FieldOf<P> = P extends { readonly repeatable: true; readonly type: infer K }
  ? K extends { readonly kind: 'list' | 'ciphers' }
    ? string[]
    : ValueOf<K>[]
  : P extends { readonly type: infer K }
    ? ValueOf<K>
    : never;

/** The parameters of statement type `S` as typed optional fields. */
export type TypedParams<S extends StatementType> = {
  -readonly [P in StatementSpecs[S][number] as P['name']]?: FieldOf<P>;
};

/** A statement of type `S`: its name (null for an unnamed inline statement) and parameters. */
export type TypedStatement<S extends StatementType> = { readonly type: S; readonly name: string | null } & TypedParams<S>;

export type TTLSRule = TypedStatement<'TTLSRule'>;
export type TTLSGroupAction = TypedStatement<'TTLSGroupAction'>;
export type TTLSEnvironmentAction = TypedStatement<'TTLSEnvironmentAction'>;
export type TTLSConnectionAction = TypedStatement<'TTLSConnectionAction'>;
export type TTLSGroupAdvancedParms = TypedStatement<'TTLSGroupAdvancedParms'>;
export type TTLSEnvironmentAdvancedParms = TypedStatement<'TTLSEnvironmentAdvancedParms'>;
export type TTLSConnectionAdvancedParms = TypedStatement<'TTLSConnectionAdvancedParms'>;
export type TTLSKeyringParms = TypedStatement<'TTLSKeyringParms'>;
export type TTLSCipherParms = TypedStatement<'TTLSCipherParms'>;
export type TTLSSignatureParms = TypedStatement<'TTLSSignatureParms'>;
export type TTLSGskAdvancedParms = TypedStatement<'TTLSGskAdvancedParms'>;
export type TTLSGskLdapParms = TypedStatement<'TTLSGskLdapParms'>;
export type TTLSGskOcspParms = TypedStatement<'TTLSGskOcspParms'>;
export type TTLSGskHttpCdpParms = TypedStatement<'TTLSGskHttpCdpParms'>;
export type IpAddr = TypedStatement<'IpAddr'>;
export type IpAddrSet = TypedStatement<'IpAddrSet'>;
export type IpAddrGroup = TypedStatement<'IpAddrGroup'>;
export type PortRange = TypedStatement<'PortRange'>;
export type PortGroup = TypedStatement<'PortGroup'>;
export type IpTimeCondition = TypedStatement<'IpTimeCondition'>;

/** Any typed statement (a union discriminated by `type`). */
export type AnyTypedStatement = { [S in StatementType]: TypedStatement<S> }[StatementType];

type Json = boolean | number | string | string[] | Record<string, unknown> | (boolean | number | string | Record<string, unknown>)[];

function convert(k: ParamKind, values: readonly string[]): boolean | number | string | string[] | undefined {
  const v = values[0] ?? ''; // words after the first are a comment to Policy Agent
  switch (k.kind) {
    case 'onoff': {
      const l = v.toLowerCase();
      return l === 'on' ? true : l === 'off' ? false : undefined;
    }
    case 'int':
      return /^\d+$/.test(v) ? Number(v) : undefined;
    case 'enum':
      return k.values.find((x) => x.toLowerCase() === v.toLowerCase());
    case 'list':
    case 'ciphers':
      return [...values];
    default:
      return v;
  }
}

function view(s: Statement, type: StatementType): Record<string, unknown> {
  const spec = statementSpec(type);
  const out: Record<string, unknown> = { type, name: s.anonymous ? null : s.name };
  for (const p of s.params) {
    const ps = spec.byLower.get(p.keyword.toLowerCase());
    if (ps === undefined) continue; // not a parameter of this statement: validation reports it
    let value: Json | undefined;
    if (ps.type.kind === 'nested') {
      if (p.nested === undefined) continue;
      value = view(p.nested, ps.type.target);
    } else {
      value = convert(ps.type, p.values);
    }
    if (value === undefined) continue; // a value the type cannot hold: validation reports it
    if (ps.repeatable === true) {
      const prev = out[ps.name];
      const list: unknown[] = Array.isArray(prev) ? prev : [];
      if (Array.isArray(value) && (ps.type.kind === 'list' || ps.type.kind === 'ciphers')) list.push(...value);
      else list.push(value);
      out[ps.name] = list;
    } else out[ps.name] = value; // last one wins, as in Policy Agent
  }
  return out;
}

/**
 * The typed view of a parsed statement; undefined for an unknown statement type. Values that do not
 * fit their type (e.g. `TLSv1.2 Yes`) are left out; `validatePolicy` reports them.
 */
export function typedStatement(s: Statement): AnyTypedStatement | undefined {
  const type = lookupStatementType(s.type);
  if (type === undefined) return undefined;
  // The object is built field by field from the same table the type is derived from.
  return view(s, type) as AnyTypedStatement;
}

/** The typed view of a statement when it has the expected type. */
export function typedAs<S extends StatementType>(s: Statement, type: S): TypedStatement<S> | undefined {
  if (lookupStatementType(s.type) !== type) return undefined;
  return view(s, type) as TypedStatement<S>;
}
