/**
 * DIGTCERT and DIGTRING profile names, as RACDCERT builds them.
 *
 * DIGTCERT: `serial-number.issuer's-distinguished-name`, where any character not valid in a profile
 * name (such as a blank) is replaced by ¢ (X'4A' in EBCDIC, U+00A2 after a text transfer). The name is
 * at most 246 characters; when serial.IDN is longer, RACF keeps the first and last part of the IDN and
 * puts a hash of the certificate between them (RACDCERT ADD, "Details about DIGTCERT profile names",
 * z/OS Security Server RACF Command Language Reference). Such names cannot be decoded back to the
 * full IDN: `truncated` says so.
 *
 * DIGTRING: `owner.ring-name` (a user id never contains a period; the ring name may).
 */

export const CENT = '\u00a2';
export const DIGTCERT_NAME_MAX = 246;

export interface DigtcertName {
  /** Upper-case hex without leading zeros (as CertificateRecord.serialHex). */
  readonly serialHex: string;
  /** Issuer DN in RACF form with ¢ turned back into blanks. */
  readonly issuerDn: string;
  /** The name is at its maximum length, so the IDN may be shortened (hash in the middle). */
  readonly truncated: boolean;
}

/** Normalise hex digits: upper case, no leading zeros ("0" for zero). */
export function normaliseSerialHex(hex: string): string {
  const h = hex.replace(/^0+/, '').toUpperCase();
  return h === '' ? '0' : h;
}

/** Decode a DIGTCERT profile name; undefined when it is not `hex.rest`. */
export function parseDigtcertName(name: string): DigtcertName | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const serial = name.slice(0, dot);
  if (!/^[0-9A-Fa-f]+$/.test(serial)) return undefined;
  return {
    serialHex: normaliseSerialHex(serial),
    issuerDn: name.slice(dot + 1).split(CENT).join(' '),
    truncated: name.length >= DIGTCERT_NAME_MAX,
  };
}

/** Build a DIGTCERT profile name (serial as even-length hex, blanks as ¢). */
export function digtcertName(serialHex: string, issuerDn: string): string {
  const s = normaliseSerialHex(serialHex);
  const serial = s.length % 2 === 1 ? `0${s}` : s;
  return `${serial}.${issuerDn.split(' ').join(CENT)}`.slice(0, DIGTCERT_NAME_MAX);
}

export interface DigtringName {
  readonly owner: string;
  readonly ring: string;
}

/** Decode a DIGTRING profile name `owner.ring`. */
export function parseDigtringName(name: string): DigtringName | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot > 8 || dot === name.length - 1) return undefined;
  return { owner: name.slice(0, dot).toUpperCase(), ring: name.slice(dot + 1).split(CENT).join(' ') };
}

/** Build a DIGTRING profile name. */
export function digtringName(owner: string, ring: string): string {
  return `${owner.toUpperCase()}.${ring.split(' ').join(CENT)}`;
}

/** RACF's internal user ids that own CERTAUTH and SITE certificates (lower case in the database). */
export const CERTAUTH_USER = 'irrcerta';
export const SITE_USER = 'irrsitec';
