import * as E from 'fp-ts/Either';
import { didYouMean } from '@ztwin/core';

/**
 * A small argument parser (no dependency): `--flag value`, `--flag=value`, boolean flags,
 * repeatable flags, positional arguments, and `--` to end the flags.
 */

export interface FlagSpec {
  readonly name: string;
  /** `string` takes a value; `boolean` does not. */
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly required?: boolean;
  readonly repeatable?: boolean;
  /** Shown in usage, e.g. `ISO` for `--clock ISO`. */
  readonly valueName?: string;
}

export interface PositionalSpec {
  /** Shown in usage, e.g. `DECK`. */
  readonly name: string;
  readonly description: string;
  readonly min: number;
  /** Undefined: any number. */
  readonly max?: number;
}

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | boolean | readonly string[]>>;
  readonly positionals: readonly string[];
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'json', type: 'boolean', description: 'machine-readable output on stdout (diagnostics included as an array)' },
  { name: 'help', type: 'boolean', description: 'show this help' },
];

/** Parse argv against flag specs; Left is a usage message. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], positional: PositionalSpec): E.Either<string, ParsedArgs> {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const flags: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (onlyPositionals || !a.startsWith('--') || a === '-') {
      if (!onlyPositionals && a.startsWith('-') && a !== '-' && a.length > 1) {
        if (a === '-h') {
          flags['help'] = true;
          continue;
        }
        return E.left(`unknown option '${a}'`);
      }
      positionals.push(a);
      continue;
    }
    if (a === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    const spec = byName.get(name);
    if (spec === undefined) {
      const guess = didYouMean(name, all.map((s) => s.name));
      return E.left(`unknown option '--${name}'${guess !== undefined ? ` (did you mean --${guess}?)` : ''}`);
    }
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (eq >= 0) {
        const v = a.slice(eq + 1).toLowerCase();
        if (v !== 'true' && v !== 'false') return E.left(`option '--${name}' takes no value (or =true/=false)`);
        value = v === 'true';
      } else value = true;
    } else if (eq >= 0) value = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) return E.left(`option '--${name}' needs a value`);
      value = next;
      i++;
    }
    const prev = flags[name];
    if (spec.repeatable === true && typeof value === 'string') {
      flags[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else {
      if (prev !== undefined) return E.left(`option '--${name}' given more than once`);
      flags[name] = value;
    }
  }
  if (flags['help'] === true) return E.right({ flags, positionals });
  for (const s of specs) if (s.required === true && flags[s.name] === undefined) return E.left(`option '--${s.name}' is required`);
  if (positionals.length < positional.min)
    return E.left(positional.min === 1 ? `missing ${positional.name}` : `expected at least ${positional.min} ${positional.name} arguments`);
  if (positional.max !== undefined && positionals.length > positional.max)
    return E.left(positional.max === 0 ? `unexpected argument '${positionals[0] ?? ''}'` : `too many arguments (at most ${positional.max} ${positional.name})`);
  return E.right({ flags, positionals });
}

/** A string flag's value (the last one for a repeatable flag). */
export function stringFlag(a: ParsedArgs, name: string): string | undefined {
  const v = a.flags[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v[v.length - 1];
  return undefined;
}

export function booleanFlag(a: ParsedArgs, name: string): boolean {
  return a.flags[name] === true;
}
