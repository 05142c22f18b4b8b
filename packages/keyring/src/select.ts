/**
 * Selecting a certificate the way RACDCERT does: by LABEL('label') or by
 * SERIALNUMBER(serial) ISSUERSDN('issuer's-dn').
 *
 * What IBM documents (z/OS Security Server RACF Security Administrator's Guide, "Examples of
 * deleting digital certificates", and the RACF Command Language Reference syntax of RACDCERT
 * ALTER / DELETE / LIST): the certificate is named either as `LABEL('label-name')` or as
 * `SERIALNUMBER(serial-number) ISSUERSDN('issuer's-dn')`. RACDCERT LISTCHAIN names its certificate
 * "identified by the LABEL keyword" (le-listch), and GENREQ, CONNECT, REMOVE and SIGNWITH take a
 * LABEL, so only ALTER, DELETE, LIST and EXPORT accept the serial-number form here (EXPORT because
 * racf-model's syntax gives it the same selector; IBM's EXPORT page was not re-read for this).
 *
 * The DIGTCERT profile of a certificate is named `serial-number.issuer's-distinguished-name`
 * (le-add, "Details about DIGTCERT profile names"), so in RACF a serial number and issuer name
 * identify at most one certificate in the whole database. ztwin's state can hold two (e.g. two
 * self-signed GENCERTs of one SUBJECTSDN both get serial 0): selecting then is an error naming
 * the candidates' labels (`KR-CERT-AMBIGUOUS`) rather than a guess.
 *
 * Decisions where the docs found (the search tool gave the pages' openings only) are silent:
 * - The serial number is hexadecimal (RACDCERT LIST shows it in hex, e.g. `>84<`), compared as a
 *   number: case and leading zeros do not matter (`0123AB` = `123ab`). Anything but hex digits is
 *   a syntax error (`KR-SERIALNUMBER`).
 * - ISSUERSDN is compared by its parsed RDNs against the certificate's issuer name: attribute
 *   types case-insensitively (RACF's keywords CN T OU O L SP C EMAIL DC STREET SERIALNUMBER, the
 *   RFC 4514 ones such as ST and title, or a dotted OID), values exactly (case-sensitive, blanks
 *   significant). RDNs are written most specific first and separated by `.` (RACDCERT LIST's own
 *   form, `CN=CA.O=IBM`) or `,` (RFC 4514, `CN=CA,O=IBM`; blanks after the comma are skipped); an
 *   RFC 4514 escaped value (`O=A\, Inc.`) matches too. The comparison is made against the
 *   certificate's DER issuer when the record has it, so a `.` inside a value is not ambiguous; a
 *   metadata-only record (no DER) is compared against its LIST-form issuer name split at `.TYPE=`.
 * - SERIALNUMBER needs ISSUERSDN and the other way round, and neither goes with LABEL
 *   (`KR-CERT-SELECTOR`).
 */
import { type Diagnostic, diagnostic } from '@ztwin/core';
import { type CertificateRecord, type CertOwner, type CertSelector, certKey } from '@ztwin/racf-model';
import { certInfoB64 } from './certinfo';
import { type NameAttribute, OID } from './dn';
import { ownerText } from './listing';
import type { CertStore, Loc } from './ring';

/** Attribute type keywords accepted in ISSUERSDN (upper case) → OID. */
const TYPE_OID: Record<string, string> = {
  CN: OID.CN,
  T: OID.T,
  TITLE: OID.T,
  OU: OID.OU,
  O: OID.O,
  L: OID.L,
  SP: OID.SP,
  ST: OID.SP,
  S: OID.SP,
  C: OID.C,
  EMAIL: OID.EMAIL,
  E: OID.EMAIL,
  EMAILADDRESS: OID.EMAIL,
  DC: OID.DC,
  STREET: OID.STREET,
  SERIALNUMBER: OID.SERIALNUMBER,
};
/** RACF's LIST keyword of an OID (the inverse of dn.ts's display names). */
const RACF_TYPE: Record<string, string> = Object.fromEntries(Object.entries(OID).map(([k, v]) => [v, k]));

/**
 * A SERIALNUMBER operand as ztwin stores serials (`CertificateRecord.serialHex`): upper-case hex
 * without leading zeros (`'0'` for zero). `undefined` when it is not hexadecimal.
 */
export function normalSerial(s: string): string | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(s)) return undefined;
  return s.toUpperCase().replace(/^0+/, '') || '0';
}

/** The issuer name of a certificate record, most specific first (as RACF lists it). */
export function issuerAttributes(c: CertificateRecord): NameAttribute[] {
  const info = c.der === undefined ? undefined : certInfoB64(c.der);
  if (info) return [...info.issuer].reverse();
  if (c.issuerDn === '') return [];
  // Metadata only: split the LIST form at '.' followed by a type keyword or dotted OID and '='.
  return c.issuerDn.split(/\.(?=(?:[A-Z]+|\d+(?:\.\d+)+)=)/).map((rdn) => {
    const eq = rdn.indexOf('=');
    const type = rdn.slice(0, eq);
    return { oid: TYPE_OID[type] ?? type, value: rdn.slice(eq + 1) };
  });
}

/** RFC 4514 escaping of one value (the forms a writer may have used for the same value). */
function escaped4514(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] ?? '';
    if (/[\\"+,;<>=]/.test(c) || ((c === ' ' || c === '#') && i === 0) || (c === ' ' && i === v.length - 1)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/**
 * Does the ISSUERSDN operand `spec` name the issuer `attrs` (most specific first)? Types compare
 * case-insensitively, values exactly; see the module comment for the accepted forms.
 */
export function issuerDnMatches(spec: string, attrs: readonly NameAttribute[]): boolean {
  const from = (pos: number, i: number): boolean => {
    if (i === attrs.length) return pos === spec.length;
    const a = attrs[i];
    if (a === undefined) return false;
    let p = pos;
    if (i > 0) {
      const sep = spec[p];
      if (sep !== '.' && sep !== ',') return false;
      p++;
      if (sep === ',') while (spec[p] === ' ') p++;
    } else while (spec[p] === ' ') p++;
    const m = /^([A-Za-z][A-Za-z0-9]*|\d+(?:\.\d+)+)=/.exec(spec.slice(p));
    if (m === null) return false;
    const t = m[1] ?? '';
    const oid = /^\d/.test(t) ? t : TYPE_OID[t.toUpperCase()];
    if (oid !== a.oid) return false;
    p += m[0].length;
    const forms = a.value === escaped4514(a.value) ? [a.value] : [a.value, escaped4514(a.value)];
    return forms.some((v) => spec.startsWith(v, p) && from(p + v.length, i + 1));
  };
  return from(0, 0);
}

/** The certificates of `owner` with serial number `serial` (normalised) issued by `issuerSdn`. */
export function certificatesBySerial(store: CertStore, owner: CertOwner, serial: string, issuerSdn: string): CertificateRecord[] {
  const ok = certKey(owner, '');
  return [...store.certificates.values()].filter((c) => certKey(c.owner, '') === ok && normalSerial(c.serialHex) === serial && issuerDnMatches(issuerSdn, issuerAttributes(c)));
}

/** An issuer name in RACF's LIST form (for messages). */
const listForm = (attrs: readonly NameAttribute[]): string => attrs.map((a) => `${RACF_TYPE[a.oid] ?? a.oid}=${a.value}`).join('.');

/**
 * The certificate of `owner` that RACDCERT's selector names: `SERIALNUMBER` + `ISSUERSDN` here
 * (a LABEL selector is `findCertificate`'s business; with both, or with one half of the pair,
 * this reports `KR-CERT-SELECTOR`). Not found → `KR-CERT-NOT-FOUND` (as for an unknown label),
 * with a hint when the serial number exists under another issuer or another owner.
 */
export function selectBySerial(store: CertStore, owner: CertOwner, sel: CertSelector, at: Loc): { value?: CertificateRecord; diagnostics: Diagnostic[] } {
  const fail = (code: string, message: string, hint?: string): { diagnostics: Diagnostic[] } => ({ diagnostics: [diagnostic(hint === undefined ? { code, message } : { code, message, hint }, at)] });
  if (sel.label !== undefined) return fail('KR-CERT-SELECTOR', 'Specify either LABEL or SERIALNUMBER with ISSUERSDN, not both.');
  if (sel.serialNumber === undefined || sel.issuerSdn === undefined)
    return fail('KR-CERT-SELECTOR', `${sel.serialNumber === undefined ? 'ISSUERSDN' : 'SERIALNUMBER'} needs ${sel.serialNumber === undefined ? 'SERIALNUMBER' : 'ISSUERSDN'}: a certificate is named by its serial number and its issuer's name together.`);
  const serial = normalSerial(sel.serialNumber);
  if (serial === undefined) return fail('KR-SERIALNUMBER', `SERIALNUMBER(${sel.serialNumber}) is not a hexadecimal serial number.`, 'write the serial number in hex, as RACDCERT LIST shows it');
  const found = certificatesBySerial(store, owner, serial, sel.issuerSdn);
  const first = found[0];
  if (found.length > 1)
    return fail('KR-CERT-AMBIGUOUS', `SERIALNUMBER(${sel.serialNumber}) ISSUERSDN('${sel.issuerSdn}') names ${found.length} certificates of ${ownerText(owner)}: ${found.map((c) => `'${c.label}'`).join(', ')}.`, 'select the certificate by LABEL');
  if (first) return { value: first, diagnostics: [] };
  const sameSerial = [...store.certificates.values()].filter((c) => normalSerial(c.serialHex) === serial);
  const mine = sameSerial.filter((c) => certKey(c.owner, '') === certKey(owner, ''));
  const elsewhere = sameSerial.filter((c) => certKey(c.owner, '') !== certKey(owner, '') && issuerDnMatches(sel.issuerSdn ?? '', issuerAttributes(c)));
  const hint =
    elsewhere[0] !== undefined
      ? `that certificate belongs to ${ownerText(elsewhere[0].owner)} ('${elsewhere[0].label}')`
      : mine.length
        ? `${ownerText(owner)} has serial number ${serial} issued by ${mine.map((c) => `'${listForm(issuerAttributes(c))}'`).join(', ')}`
        : undefined;
  return fail('KR-CERT-NOT-FOUND', `Certificate with SERIALNUMBER(${sel.serialNumber}) ISSUERSDN('${sel.issuerSdn}') does not exist for ${ownerText(owner)}.`, hint);
}
