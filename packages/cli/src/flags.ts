import { type Clock, parseClock } from '@ztwin/core';
import type { CertOwner } from '@ztwin/racf-model';
import { stringFlag } from './args';
import { type Invocation, UsageError } from './command';

/** `--clock ISO` as a Clock (undefined when absent); a bad value is a usage error. */
export function clockFlag(inv: Invocation, name = 'clock'): Clock | undefined {
  const text = stringFlag(inv.args, name);
  if (text === undefined) return undefined;
  const c = parseClock(text);
  if (c === undefined) throw new UsageError(`--${name} '${text}' is not an ISO date or date-time`);
  return c;
}

/** A required string flag (the parser already refused it missing; this keeps the types honest). */
export function requiredFlag(inv: Invocation, name: string): string {
  const v = stringFlag(inv.args, name);
  if (v === undefined) throw new UsageError(`option '--${name}' is required`);
  return v;
}

/**
 * `--owner ID|CERTAUTH|SITE` as RACDCERT names a certificate owner: `CERTAUTH`, `SITE`, a user ID
 * (folded to upper case, as RACF does), or `ID(USER1)`.
 */
export function ownerFlag(inv: Invocation, name = 'owner'): CertOwner {
  const raw = requiredFlag(inv, name).trim();
  const up = raw.toUpperCase();
  if (up === 'CERTAUTH') return { kind: 'CERTAUTH' };
  if (up === 'SITE') return { kind: 'SITE' };
  const m = /^ID\((.*)\)$/.exec(up);
  const id = (m === null ? up : (m[1] ?? '')).trim();
  if (!/^[A-Z#$@][A-Z0-9#$@]{0,7}$/.test(id)) throw new UsageError(`--${name} '${raw}' is not a user ID (1-8 characters), CERTAUTH or SITE`);
  return { kind: 'ID', id };
}
