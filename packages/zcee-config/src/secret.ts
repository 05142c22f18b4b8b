import * as t from 'io-ts';

/** How a secret prints. */
export const REDACTED = '*****';
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A password or passphrase. It prints, serialises and inspects as `*****`; only `reveal()` gives
 * the value (for rendering the file that must contain it).
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return REDACTED;
  }
  toString(): string {
    return REDACTED;
  }
  [inspectSymbol](): string {
    return `Secret(${REDACTED})`;
  }
  /** Liberty `{xor}`/`{aes}`/`{hash}` encoded values are not clear text. */
  get encoded(): boolean {
    return /^\{(xor|aes|hash|custom)\}/i.test(this.#value);
  }
}

/** io-ts codec: decodes a string (or Secret) into a Secret; encodes to the redacted form. */
export const SecretC = new t.Type<Secret, string, unknown>(
  'Secret',
  (u): u is Secret => u instanceof Secret,
  (u, c) => (u instanceof Secret ? t.success(u) : typeof u === 'string' ? t.success(new Secret(u)) : t.failure(u, c)),
  () => REDACTED,
);
