/**
 * Memo tables of the command parser: command names and keywords *as written* → their resolution.
 *
 * A deck writes the same few command names and keywords millions of times; looking them up by the
 * raw text in a native Map avoids upper-casing and abbreviation resolution per operand. Both the
 * general parser (parser.ts) and the single-line fast path (fast-line.ts) read and fill these
 * tables, so they resolve every word the same way.
 */
import { type CommandName, type Resolved, type Schema, type Spec, resolveKeyword } from './schema';

/** Bound of every raw-text table (a deck of random words must not grow them without limit). */
export const RAW_CACHE_LIMIT = 4096;

/** Command names as written (`ADDUSER`, `au`, ...) → command; filled by the general parser. */
export const commandByRaw = new Map<string, CommandName>();

/** A keyword as written, resolved: its upper-cased form, the resolution and the schema's spec. */
export interface RawKeyword {
  readonly word: string;
  readonly r: Resolved;
  readonly spec: Spec | undefined;
}

const rawKeywords = new WeakMap<Schema, Map<string, RawKeyword>>();

/** The schema's cache of keywords as written (see rawKeyword). */
export function keywordCache(schema: Schema): Map<string, RawKeyword> {
  let cache = rawKeywords.get(schema);
  if (cache === undefined) rawKeywords.set(schema, (cache = new Map()));
  return cache;
}

/**
 * `resolveKeyword` of the upper-cased word, memoised per schema by the word as written (bounded):
 * a deck writes the same few keywords millions of times, so no upper-casing per keyword.
 */
export function rawKeyword(cache: Map<string, RawKeyword>, schema: Schema, text: string): RawKeyword {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const word = text.toUpperCase();
  const r = resolveKeyword(schema, word);
  const rk: RawKeyword = { word, r, spec: r.kind === 'ok' ? schema.kws[r.name] : undefined };
  // keep a flat copy of a long key (a sliced string would keep the deck text alive)
  if (cache.size < RAW_CACHE_LIMIT) cache.set(text.length < 13 ? text : flatCopy(text), rk);
  return rk;
}

/** A copy of `s` that does not share the deck's memory (V8 slices longer strings). */
export function flatCopy(s: string): string {
  const o: Record<string, true> = {};
  o[s] = true;
  for (const k in o) return k;
  return s;
}
