/**
 * The command schemas (schema.ts) flattened for the parser's fast path (fast-line.ts): per schema,
 * its keywords *as written* (matched in place in the deck, written-words.ts) → a FastKeyword, a
 * Spec with a small-number kind for the hot switch. Words are resolved the first time through the
 * general path's own memo (keyword-memo.ts), so both paths resolve every spelling the same way.
 */
import { RAW_CACHE_LIMIT, commandByRaw, keywordCache, rawKeyword } from './keyword-memo';
import { type CommandName, type Positional, SCHEMAS, type Schema, type Spec } from './schema';
import { WrittenWords } from './written-words';

/** How a keyword's value is read (Spec's `t`; Bail: not for the fast path — unknown, ambiguous). */
export const enum K {
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

/** A schema's Spec, flattened. One per Spec, shared by all its spellings (DFLTG, DFLTGRP). */
export interface FastKeyword {
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

/** A schema with its keywords as written. */
export interface FastSchema {
  readonly schema: Schema;
  readonly words: WrittenWords<FastKeyword>;
}

/** How the command's profile names are finished (operand-values.ts finishProfiles). */
export const enum Fin {
  None,
  /** RDEFINE RALTER RDELETE RLIST */
  Resource,
  Permit,
  Addsd,
}

export interface FastCommand {
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
  // every FastKeyword gets the same fields in the same order (one hidden class at the hot sites)
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

/**
 * The keyword text[at, at + n) of `fs` (its code units are units[from...], its hash `hash`),
 * resolved as the general path resolves it.
 */
export function keywordAt(fs: FastSchema, text: string, at: number, units: Uint16Array, from: number, n: number, hash: number): FastKeyword {
  const hit = fs.words.get(units, from, n, hash);
  if (hit !== undefined) return hit;
  const w = text.slice(at, at + n);
  const rk = rawKeyword(keywordCache(fs.schema), fs.schema, w);
  const fk = rk.r.kind === 'ok' && rk.spec !== undefined ? fastKeyword(rk.spec) : BAIL_KEYWORD;
  fs.words.set(w, fk);
  return fk;
}

/** Command names as written, for the spellings the general path has resolved (it fills commandByRaw). */
const commandsWritten = new WrittenWords<FastCommand | null>(RAW_CACHE_LIMIT);

/** The command named text[at, at + n) (see keywordAt); null when the fast path is not for it. */
export function commandAt(text: string, at: number, units: Uint16Array, from: number, n: number, hash: number): FastCommand | null {
  const hit = commandsWritten.get(units, from, n, hash);
  if (hit !== undefined) return hit;
  const name = text.slice(at, at + n);
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
