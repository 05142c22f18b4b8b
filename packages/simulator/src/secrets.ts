import { inspect } from 'node:util';

/** How a secret prints (the same as @ztwin/zcee-config's Secret). */
const REDACTED = '*****';

/** Fields of the facts that hold secrets: a private key (TlsEndpoint.keyPem) and the job's BAQPASSWORD. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['keyPem', 'BAQPASSWORD']);

/** A copy of `value` with every secret field shown as `*****` (functions dropped, as JSON does). */
function redacted(value: unknown, seen: WeakSet<object>, root = false): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // a nested value with its own JSON form (a Date, a Secret) keeps it
  if (!root && 'toJSON' in value && typeof value.toJSON === 'function') return redacted((value.toJSON as () => unknown).call(value), seen);
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redacted(v, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'function') out[k] = SECRET_FIELDS.has(k) && v !== undefined ? REDACTED : redacted(v, seen);
  seen.delete(value);
  return out;
}

/**
 * Make `obj` print without its secrets: JSON.stringify and util.inspect/console.log show private
 * keys and BAQPASSWORD as `*****`; reading the fields still gives the values (the cross-check needs
 * the keys). Non-enumerable, so spreads and Object.keys are unchanged. Returns `obj`.
 */
export function guardSecrets<T extends object>(obj: T): T {
  Object.defineProperty(obj, 'toJSON', { enumerable: false, value: () => redacted(obj, new WeakSet(), true) });
  Object.defineProperty(obj, inspect.custom, {
    enumerable: false,
    value: (depth: number, options: object) => inspect(redacted(obj, new WeakSet(), true), { ...options, depth }),
  });
  return obj;
}
