/**
 * Password and password-phrase storage: a salted PBKDF2-SHA256 hash, salt from an injectable
 * RandomSource. The clear text is never stored. RACF folds passwords to upper case unless
 * SETROPTS PASSWORD(MIXEDCASE) is active; password phrases are always case-sensitive.
 */
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import type { RandomSource } from '@ztwin/core';
import type { PasswordHash } from './state';

/** Iterations: enough to make the stored hash non-trivial, few enough for decks with many users. */
export const PBKDF2_ITERATIONS = 2048;

export function hashSecret(clear: string, random: RandomSource, iterations = PBKDF2_ITERATIONS): PasswordHash {
  const salt = Buffer.from(random.bytes(16));
  const hash = pbkdf2Sync(clear, salt, iterations, 32, 'sha256');
  return sealedHash({ algorithm: 'pbkdf2-sha256', iterations, salt: salt.toString('base64'), hash: hash.toString('base64') });
}

const redacted = (): string => '<redacted>';
const inspectRedacted = (): string => 'PasswordHash(<redacted>)';

/**
 * The stored form of a hash: its fields as usual, but `JSON.stringify` and `util.inspect` of it (or
 * of a user record holding it) give `<redacted>`. Only `serializeState(.., {includeSecrets: true})`
 * writes the fields out (through `plainHash`).
 */
export function sealedHash(h: PasswordHash): PasswordHash {
  const out = { algorithm: h.algorithm, iterations: h.iterations, salt: h.salt, hash: h.hash };
  Object.defineProperty(out, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(out, Symbol.for('nodejs.util.inspect.custom'), { value: inspectRedacted, enumerable: false });
  return out;
}

/** The hash's fields as a plain object (for a state file the caller asked to hold secrets). */
export function plainHash(h: PasswordHash): PasswordHash {
  return { algorithm: h.algorithm, iterations: h.iterations, salt: h.salt, hash: h.hash };
}

/** Same stored hash (same algorithm, iterations, salt and hash). */
export function sameHash(a: PasswordHash | null, b: PasswordHash | null): boolean {
  if (a === null || b === null) return a === b;
  return a.algorithm === b.algorithm && a.iterations === b.iterations && a.salt === b.salt && a.hash === b.hash;
}

export function secretMatches(clear: string, h: PasswordHash): boolean {
  const salt = Buffer.from(h.salt, 'base64');
  const want = Buffer.from(h.hash, 'base64');
  const got = pbkdf2Sync(clear, salt, h.iterations, want.length, 'sha256');
  return got.length === want.length && timingSafeEqual(got, want);
}
