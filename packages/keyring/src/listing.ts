/**
 * RACDCERT LISTRING and LIST output: typed data plus text shaped like RACF's own
 * (layout as in the RACF Command Language Reference examples for LISTRING/LIST and the ring
 * listings of the seed lab).
 */
import * as t from 'io-ts';
import { type CertificateRecord, type CertOwner, type RingRecord, certKey } from '@ztwin/racf-model';
import { certInfoB64 } from './certinfo';
import { racfKeyUsageNames } from './gencert';
import { type CertStore, recordHasPrivateKey } from './ring';
import { toEbcdic } from './ebcdic';

export const ListringRow = t.type({
  label: t.string,
  /** `ID(USER1)`, `CERTAUTH`, `SITE` */
  certOwner: t.string,
  usage: t.string,
  default: t.boolean,
});
export type ListringRow = t.TypeOf<typeof ListringRow>;
/** LISTRING of one ring as data (the CLI's `--json`). */
export const ListringData = t.type({ owner: t.string, ring: t.string, rows: t.array(ListringRow) });
export type ListringData = t.TypeOf<typeof ListringData>;

export const ownerText = (o: CertOwner): string => (o.kind === 'ID' ? `ID(${o.id})` : o.kind);

export function listringData(r: RingRecord): ListringData {
  return {
    owner: r.owner,
    ring: r.name,
    rows: r.connections.map((c) => ({ label: c.label, certOwner: ownerText(c.certOwner), usage: c.usage, default: c.default })),
  };
}

function ringBlock(d: ListringData): string[] {
  const lines = ['  Ring:', `       >${d.ring}<`];
  lines.push('  Certificate Label Name             Cert Owner     USAGE      DEFAULT');
  lines.push('  --------------------------------   ------------   --------   -------');
  for (const r of d.rows) lines.push(`  ${r.label.padEnd(32)}   ${r.certOwner.padEnd(12)}   ${r.usage.padEnd(8)}     ${r.default ? 'YES' : 'NO'}`.trimEnd());
  return lines;
}

/** LISTRING(ring) text for one ring, or for all rings of `owner` when `ring` is `*`. */
export function listringText(s: CertStore, owner: string, ring: string): string | undefined {
  const rings = ring === '*' ? [...s.rings.values()].filter((r) => r.owner === owner) : [...s.rings.values()].filter((r) => r.owner === owner && r.name === ring);
  if (rings.length === 0 && ring !== '*') return undefined;
  const lines = [`Digital ring information for user ${owner}:`, ''];
  for (const r of rings) lines.push(...ringBlock(listringData(r)), '');
  return `${lines.join('\n')}\n`;
}

/** The end of a LISTRING row: ` <cert owner> <usage> <default>`; the label is what precedes it. */
const ROW_TAIL = /\s(ID\s*\(\s*\S+\s*\)|CERTAUTH|SITE)\s+(PERSONAL|CERTAUTH|SITE)\s+(YES|NO)$/;
const ROW_ONLY = /^(ID\s*\(\s*\S+\s*\)|CERTAUTH|SITE)\s+(PERSONAL|CERTAUTH|SITE)\s+(YES|NO)$/;

/** Parse LISTRING-shaped text back into rows (for comparing with IBM listings). Tolerates `ID ( X )`. */
export function parseListringText(text: string): ListringData[] {
  const out: ListringData[] = [];
  const lines = text.split(/\r?\n/);
  let cur: { owner: string; ring: string; rows: ListringRow[] } | undefined;
  let owner = '';
  for (const line of lines) {
    const o = /Digital ring information for user (\S+):/.exec(line);
    if (o) owner = o[1] ?? '';
    const rn = /^\s*>(.*)<\s*$/.exec(line);
    if (rn) {
      cur = { owner, ring: rn[1] ?? '', rows: [] };
      out.push(cur);
      continue;
    }
    if (!cur || /Certificate Label Name|^\s*-+/.test(line) || line.trim() === '') continue;
    // The row is found from its end (owner, usage, default): a label-first pattern such as
    // /^\s*(.*?)\s+(ID…)…$/ backtracks cubically on a long run of blanks (8,000 took 70 s).
    // The leftmost split with a non-empty label wins; an empty label only on an indented line.
    const body = line.trim();
    const m = ROW_TAIL.exec(body) ?? (/^\s/.test(line) ? ROW_ONLY.exec(body) : null);
    if (m) cur.rows.push({ label: body.slice(0, m.index).trim(), certOwner: (m[1] ?? '').replace(/\s+/g, ''), usage: m[2] ?? '', default: m[3] === 'YES' });
  }
  return out;
}

/** LIST of one certificate as data (the CLI's `--json`). Never carries key material. */
export const ListData = t.type({
  label: t.string,
  owner: t.string,
  certificateId: t.string,
  status: t.string,
  startDate: t.string,
  endDate: t.string,
  serialNumber: t.string,
  issuersName: t.string,
  subjectsName: t.string,
  signingAlgorithm: t.union([t.string, t.undefined]),
  keyUsage: t.union([t.array(t.string), t.undefined]),
  altNames: t.array(t.string),
  keyType: t.string,
  keySize: t.number,
  privateKey: t.boolean,
  ringAssociations: t.array(t.type({ owner: t.string, ring: t.string })),
});
export type ListData = t.TypeOf<typeof ListData>;

const racfDate = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};
/** RACF shows the serial as hex bytes, two digits each. */
const racfSerial = (hex: string): string => (hex.length % 2 ? `0${hex}` : hex) || '00';
const KEY_TYPE_TEXT: Record<string, string> = { RSA: 'RSA', NISTECC: 'NIST ECC', BPECC: 'Brainpool ECC', DSA: 'DSA', ED25519: 'Ed25519', UNKNOWN: 'Unknown' };

/**
 * RACF's "Certificate ID" of RACDCERT LIST: base64 of X'D9', the length of the owning RACF user ID,
 * that ID and the label, in EBCDIC (IBM-1047), padded with EBCDIC blanks (X'40') to a multiple of
 * three bytes (so the base64 has no '=' padding). The owner of a CERTAUTH certificate is RACF's
 * internal user ID `irrcerta`, of a SITE one `irrsitec`, in lower case.
 *
 * IBM does not document the encoding; it is read off published LIST output, which it reproduces
 * byte for byte: CERTAUTH `zOSMFCA` -> 2QiJmZmDhZmjganW4tTGw8FA (a z/OSMF listing) and CERTAUTH
 * `MQ CA` -> 2QiJmZmDhZmjgdTYQMPB (an MQ TLS tutorial). Both are CERTAUTH certificates: for a
 * user's own certificate the same layout with the user ID (upper case, as RACF stores it) is
 * assumed (no published user listing was found to confirm it).
 */
export function certificateId(c: CertificateRecord): string {
  const owner = c.owner.kind === 'CERTAUTH' ? 'irrcerta' : c.owner.kind === 'SITE' ? 'irrsitec' : c.owner.id.toUpperCase();
  const id = toEbcdic(owner);
  const label = toEbcdic(c.label);
  const n = 2 + id.length + label.length;
  const bytes = new Uint8Array(Math.ceil(n / 3) * 3).fill(0x40);
  bytes[0] = 0xd9;
  bytes[1] = id.length;
  bytes.set(id, 2);
  bytes.set(label, 2 + id.length);
  return Buffer.from(bytes).toString('base64');
}

export function listData(s: CertStore, c: CertificateRecord): ListData {
  const info = c.der !== undefined ? certInfoB64(c.der) : undefined;
  const k = certKey(c.owner, c.label);
  const alt = info ? [...info.altNames.ip.map((x) => `IP: ${x}`), ...info.altNames.domain.map((x) => `Domain: ${x}`), ...info.altNames.email.map((x) => `Email: ${x}`), ...info.altNames.uri.map((x) => `URI: ${x}`)] : [];
  return {
    label: c.label,
    owner: ownerText(c.owner),
    certificateId: certificateId(c),
    status: c.trust,
    startDate: racfDate(c.notBefore),
    endDate: racfDate(c.notAfter),
    serialNumber: racfSerial(c.serialHex),
    issuersName: c.issuerDn,
    subjectsName: c.subjectDn,
    signingAlgorithm: info?.signatureAlgorithm,
    keyUsage: info?.keyUsage ? racfKeyUsageNames(info.keyUsage) : undefined,
    altNames: alt,
    keyType: c.keyType,
    keySize: c.keySize,
    privateKey: recordHasPrivateKey(c),
    ringAssociations: [...s.rings.values()].filter((r) => r.connections.some((x) => certKey(x.certOwner, x.label) === k)).map((r) => ({ owner: r.owner, ring: r.name })),
  };
}

function listBlock(d: ListData): string[] {
  const l = [
    `  Label: ${d.label}`,
    `  Certificate ID: ${d.certificateId}`,
    `  Status: ${d.status}`,
    `  Start Date: ${d.startDate}`,
    `  End Date:   ${d.endDate}`,
    '  Serial Number:',
    `       >${d.serialNumber}<`,
    "  Issuer's Name:",
    `       >${d.issuersName}<`,
    "  Subject's Name:",
    `       >${d.subjectsName}<`,
  ];
  if (d.altNames.length) {
    l.push('  Subject Alternate Name:');
    for (const a of d.altNames) l.push(`       ${a}`);
  }
  if (d.signingAlgorithm) l.push(`  Signing Algorithm: ${d.signingAlgorithm}`);
  if (d.keyUsage?.length) l.push(`  Key Usage: ${d.keyUsage.join(', ')}`);
  l.push(`  Key Type: ${KEY_TYPE_TEXT[d.keyType] ?? d.keyType}`, `  Key Size: ${d.keySize}`, `  Private Key: ${d.privateKey ? 'YES' : 'NO'}`);
  if (d.ringAssociations.length) {
    l.push('  Ring Associations:');
    for (const r of d.ringAssociations) l.push(`    Ring Owner: ${r.owner}`, '    Ring:', `       >${r.ring}<`);
  } else l.push('  Ring Associations:', '    *** No rings associated ***');
  return l;
}

/** LIST text for an owner (all its certificates) or one label. */
export function listText(s: CertStore, owner: CertOwner, label?: string): string | undefined {
  const certs = [...s.certificates.values()].filter((c) => certKey(c.owner, '') === certKey(owner, '') && (label === undefined || c.label === label));
  if (label !== undefined && certs.length === 0) return undefined;
  const head = owner.kind === 'ID' ? `Digital certificate information for user ${owner.id}:` : `Digital certificate information for ${owner.kind}:`;
  const lines = [head, ''];
  for (const c of certs) lines.push(...listBlock(listData(s, c)), '');
  return `${lines.join('\n')}\n`;
}
