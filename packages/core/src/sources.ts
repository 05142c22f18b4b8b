/** Where "now" comes from. Inject a fixed clock in tests; the default is the real clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export function fixedClock(at: Date | string): Clock {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) throw new RangeError(`fixedClock: not a date: ${String(at)}`);
  const ms = d.getTime();
  return { now: () => new Date(ms) };
}

/** Parse an ISO date or date-time for `--clock`; undefined when it is not one. */
export function parseClock(iso: string): Clock | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return undefined;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? undefined : fixedClock(d);
}

/** Source of bytes that must be random in production and reproducible in tests. */
export interface RandomSource {
  bytes(n: number): Uint8Array;
}
export const cryptoRandom: RandomSource = {
  bytes: (n) => {
    const b = new Uint8Array(n);
    globalThis.crypto.getRandomValues(b);
    return b;
  },
};
/** Deterministic bytes from a seed (xorshift128+); not for secrets, for reproducible tests only. */
export function seededRandom(seed: number): RandomSource {
  let s0 = (seed | 0) ^ 0x9e3779b9;
  let s1 = Math.imul(seed | 0, 0x85ebca6b) ^ 0xc2b2ae35;
  const next = (): number => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    s1 = x;
    return (s0 + s1) >>> 0;
  };
  return {
    bytes: (n) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = next() & 0xff;
      return b;
    },
  };
}
