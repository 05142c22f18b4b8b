/**
 * Distinguished names: RACF SUBJECTSDN(CN T OU O L SP C) parts, their X.501 encoding, RACF's
 * LIST display form (`CN=a.OU=b.O=c`) and an RFC 4514 string form.
 *
 * Encoded order: RACF lists a DN most-specific first (CN ... C) and — like RFC 4514 strings —
 * that is the reverse of the encoded RDNSequence. So SUBJECTSDN(CN('x') OU('y') O('z') C('US'))
 * is encoded C, O, OU, CN and `openssl x509 -subject` prints `C = US, O = z, OU = y, CN = x`
 * (tested against openssl in test/gencert.test.ts). Several OU values: RACF allows OU('a','b');
 * displayed in the order given, encoded reversed.
 */
import * as t from 'io-ts';
import { type Der, children, oid, printable, readOid, readString, seq, set, utf8, type Node } from './der';

export const SubjectDnParts = t.partial({
  CN: t.string,
  T: t.string,
  OU: t.array(t.string),
  O: t.string,
  L: t.string,
  SP: t.string,
  C: t.string,
});
/** RACF SUBJECTSDN keywords. */
export type SubjectDnParts = t.TypeOf<typeof SubjectDnParts>;

/** One attribute of a name, in encoded order. */
export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

export const OID = {
  CN: '2.5.4.3',
  T: '2.5.4.12',
  OU: '2.5.4.11',
  O: '2.5.4.10',
  L: '2.5.4.7',
  SP: '2.5.4.8',
  C: '2.5.4.6',
  EMAIL: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
  STREET: '2.5.4.9',
  SERIALNUMBER: '2.5.4.5',
} as const;

/** RACF display keywords for attribute OIDs (others show as the dotted OID). */
const RACF_NAME: Record<string, string> = Object.fromEntries(Object.entries(OID).map(([k, v]) => [v, k]));
/** RFC 4514 keywords (ST, not SP; title, not T). */
const RFC_NAME: Record<string, string> = {
  [OID.CN]: 'CN',
  [OID.T]: 'title',
  [OID.OU]: 'OU',
  [OID.O]: 'O',
  [OID.L]: 'L',
  [OID.SP]: 'ST',
  [OID.C]: 'C',
  [OID.EMAIL]: 'emailAddress',
  [OID.DC]: 'DC',
  [OID.STREET]: 'street',
  [OID.SERIALNUMBER]: 'serialNumber',
};
const RFC_OID: Record<string, string> = Object.fromEntries(Object.entries(RFC_NAME).map(([k, v]) => [v.toUpperCase(), k]));

/** RACF's documented maximum lengths of the SUBJECTSDN values (le-gencert). */
export const SUBJECTSDN_MAX: Record<keyof SubjectDnParts, number> = { CN: 64, T: 64, OU: 64, O: 64, L: 128, SP: 128, C: 2 };

/** Attributes in display order (CN first), as RACF lists them. */
export function partsToDisplayAttributes(p: SubjectDnParts): NameAttribute[] {
  const out: NameAttribute[] = [];
  if (p.CN !== undefined) out.push({ oid: OID.CN, value: p.CN });
  if (p.T !== undefined) out.push({ oid: OID.T, value: p.T });
  for (const ou of p.OU ?? []) out.push({ oid: OID.OU, value: ou });
  if (p.O !== undefined) out.push({ oid: OID.O, value: p.O });
  if (p.L !== undefined) out.push({ oid: OID.L, value: p.L });
  if (p.SP !== undefined) out.push({ oid: OID.SP, value: p.SP });
  if (p.C !== undefined) out.push({ oid: OID.C, value: p.C });
  return out;
}
/** Attributes in encoded order (C first). */
export function partsToAttributes(p: SubjectDnParts): NameAttribute[] {
  return partsToDisplayAttributes(p).reverse();
}

/** Back from encoded attributes to SUBJECTSDN parts; undefined when the name has attributes RACF's SUBJECTSDN cannot express. */
export function attributesToParts(attrs: readonly NameAttribute[]): SubjectDnParts | undefined {
  const p: SubjectDnParts = {};
  const display = [...attrs].reverse();
  for (const a of display) {
    const k = RACF_NAME[a.oid];
    if (k === 'OU') p.OU = [...(p.OU ?? []), a.value];
    else if (k === 'CN' || k === 'T' || k === 'O' || k === 'L' || k === 'SP' || k === 'C') {
      if (p[k] !== undefined) return undefined;
      p[k] = a.value;
    } else return undefined;
  }
  // Must be in RACF's canonical order to be expressible.
  const again = partsToDisplayAttributes(p);
  if (again.length !== display.length || again.some((a, i) => a.oid !== display[i]?.oid)) return undefined;
  return p;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
function encodeValue(o: string, v: string): Der {
  if (o === OID.C || (PRINTABLE.test(v) && o !== OID.EMAIL)) return printable(v);
  return utf8(v);
}

/** X.501 Name DER: one attribute per RDN, in the given (encoded) order. */
export function encodeName(attrs: readonly NameAttribute[]): Der {
  return seq(...attrs.map((a) => set(seq(oid(a.oid), encodeValue(a.oid, a.value)))));
}

/** Read a Name; undefined when malformed. Multi-valued RDNs are flattened in order. */
export function decodeName(n: Node): NameAttribute[] | undefined {
  if (n.tag !== 0x30) return undefined;
  const rdns = children(n);
  if (!rdns) return undefined;
  const out: NameAttribute[] = [];
  for (const rdn of rdns) {
    if (rdn.tag !== 0x31) return undefined;
    const atvs = children(rdn);
    if (!atvs) return undefined;
    for (const atv of atvs) {
      const parts = atv.tag === 0x30 ? children(atv) : undefined;
      const o = parts?.[0] ? readOid(parts[0]) : undefined;
      const v = parts?.[1] ? readString(parts[1]) : undefined;
      if (o === undefined) return undefined;
      out.push({ oid: o, value: v ?? '#' + Buffer.from(parts?.[1]?.bytes ?? []).toString('hex') });
    }
  }
  return out;
}

/** RACF LIST form: most specific first, `.`-separated, e.g. `CN=zCEE Client Cert.OU=ATS.O=IBM`. */
export function racfDn(attrs: readonly NameAttribute[]): string {
  return [...attrs]
    .reverse()
    .map((a) => `${RACF_NAME[a.oid] ?? a.oid}=${a.value}`)
    .join('.');
}

/** RFC 4514 string (most specific first, `,`-separated, special characters escaped). */
export function rfc4514(attrs: readonly NameAttribute[]): string {
  return [...attrs]
    .reverse()
    .map((a) => `${RFC_NAME[a.oid] ?? a.oid}=${escape4514(a.value)}`)
    .join(',');
}
function escape4514(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] ?? '';
    if (c === '\0') out += '\\00';
    else if (/[\\"+,;<>=]/.test(c)) out += `\\${c}`;
    else if ((c === ' ' || c === '#') && i === 0) out += `\\${c}`;
    else if (c === ' ' && i === v.length - 1) out += '\\ ';
    else out += c;
  }
  return out;
}

/** Parse an RFC 4514 string (single-valued RDNs, keywords we know or dotted OIDs). */
export function parseRfc4514(s: string): NameAttribute[] | undefined {
  if (s === '') return [];
  const display: NameAttribute[] = [];
  let i = 0;
  while (i <= s.length) {
    const eq = s.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = s.slice(i, eq).trim();
    const o = /^\d+(\.\d+)+$/.test(key) ? key : RFC_OID[key.toUpperCase()];
    if (o === undefined) return undefined;
    let v = '';
    let j = eq + 1;
    for (; j < s.length; j++) {
      const c = s[j] ?? '';
      if (c === '\\') {
        const nx = s[j + 1];
        if (nx === undefined) return undefined;
        if (/[0-9a-fA-F]/.test(nx) && /[0-9a-fA-F]/.test(s[j + 2] ?? '') && !/[\\"+,;<>= #]/.test(nx)) {
          // hex pair: collect a UTF-8 byte run
          const bytes: number[] = [];
          while (s[j] === '\\' && /^[0-9a-fA-F]{2}$/.test(s.slice(j + 1, j + 3))) {
            bytes.push(parseInt(s.slice(j + 1, j + 3), 16));
            j += 3;
          }
          v += Buffer.from(bytes).toString('utf8');
          j--;
          continue;
        }
        v += nx;
        j++;
        continue;
      }
      if (c === ',' || c === '+') break;
      v += c;
    }
    display.push({ oid: o, value: v });
    if (j >= s.length) break;
    if (s[j] === '+') return undefined;
    i = j + 1;
  }
  return display.reverse();
}
