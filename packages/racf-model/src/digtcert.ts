/**
 * The RACF database's digital-certificate data (what DIGTCERT / DIGTRING profiles hold), as plain,
 * JSON-serialisable records. racf-model owns the data; @ztwin/keyring gives it meaning (real X.509,
 * keys, trust, chains, TLS) and implements RACDCERT on it.
 *
 * Secrets: `CertificateRecord.privateKey` holds PKCS#8 key material. It must never appear in
 * logs, errors, `toJSON` or snapshots; only an explicit export (e.g. the CLI writing a state file
 * the user asked for, or RACDCERT EXPORT PKCS12) may include it.
 */
import * as t from 'io-ts';

/** Who owns a certificate: a user (`ID(user)`), `CERTAUTH` or `SITE`. */
export const CertOwner = t.union([
  t.type({ kind: t.literal('ID'), id: t.string }),
  t.type({ kind: t.literal('CERTAUTH') }),
  t.type({ kind: t.literal('SITE') }),
]);
export type CertOwner = t.TypeOf<typeof CertOwner>;

/** RACF trust status of a certificate. */
export const CertTrust = t.keyof({ TRUST: null, NOTRUST: null, HIGHTRUST: null });
export type CertTrust = t.TypeOf<typeof CertTrust>;

/** Key algorithm as RACF names it (RSA, NISTECC, BPECC, DSA ...). */
export const CertKeyType = t.keyof({ RSA: null, NISTECC: null, BPECC: null, DSA: null, ED25519: null, UNKNOWN: null });
export type CertKeyType = t.TypeOf<typeof CertKeyType>;

/**
 * Where a private key lives. RACF stores keys in the database (PKDS/ICSF variants are modelled by
 * name only). `pkcs8` is base64 DER PKCS#8 — a secret.
 */
export const PrivateKeyRecord = t.type({
  /** base64 of PKCS#8 DER. SECRET. */
  pkcs8: t.string,
  /** 'RACF' = stored in the RACF database; 'PKDS'/'TOKEN' are recorded but not simulated. */
  storage: t.keyof({ RACF: null, PKDS: null, TOKEN: null }),
});
export type PrivateKeyRecord = t.TypeOf<typeof PrivateKeyRecord>;

/**
 * One certificate in the RACF database. `der` is absent for metadata-only certificates (e.g. read
 * from an IRRDBU00 unload); operations that need the real certificate must say so.
 */
export const CertificateRecord = t.intersection([
  t.type({
    owner: CertOwner,
    /** RACF label, 1-32 characters, case-sensitive, unique per owner. */
    label: t.string,
    trust: CertTrust,
    /** Serial number, upper-case hex without leading zeros (as RACF LIST shows, without dots). */
    serialHex: t.string,
    /** Subject and issuer DNs in RACF LIST form, e.g. `CN=zCEE Client Cert.OU=ATS.O=IBM`. */
    subjectDn: t.string,
    issuerDn: t.string,
    /** Validity, ISO 8601 UTC. */
    notBefore: t.string,
    notAfter: t.string,
    keyType: CertKeyType,
    /** Key size in bits (RSA modulus bits, ECC curve bits). 0 when unknown. */
    keySize: t.number,
  }),
  t.partial({
    /** base64 DER of the X.509 certificate. Absent = metadata only. */
    der: t.string,
    privateKey: PrivateKeyRecord,
    /** Whether a private key exists (true also for metadata-only certs whose key is not carried). */
    hasPrivateKey: t.boolean,
    /** RACF's internal profile name in DIGTCERT (serial.issuer-dn form), when known. */
    digtcertProfile: t.string,
    /** Highest serial this certificate issued as a signing CA (RACF keeps "last serial issued"). */
    lastSerialIssuedHex: t.string,
  }),
]);
export type CertificateRecord = t.TypeOf<typeof CertificateRecord>;

/** USAGE of a certificate within a ring. */
export const RingUsage = t.keyof({ PERSONAL: null, CERTAUTH: null, SITE: null });
export type RingUsage = t.TypeOf<typeof RingUsage>;

export const RingConnection = t.type({
  certOwner: CertOwner,
  label: t.string,
  usage: RingUsage,
  default: t.boolean,
});
export type RingConnection = t.TypeOf<typeof RingConnection>;

/** A key ring: owned by a user (or, in newer releases, CERTAUTH/SITE via virtual rings; not modelled). */
export const RingRecord = t.type({
  /** Owning user id, upper case. */
  owner: t.string,
  /** Ring name, case-sensitive, as given on ADDRING. */
  name: t.string,
  connections: t.array(RingConnection),
});
export type RingRecord = t.TypeOf<typeof RingRecord>;

/** A data set in the virtual data-set store (RACDCERT ADD/EXPORT/GENREQ read and write these). */
export const VirtualDataSet = t.type({
  /** Fully qualified name, upper case, no quotes. */
  dsn: t.string,
  /** base64 of the content bytes (binary for DER/PKCS#12, text for PEM/base64 forms). */
  content: t.string,
  /** 'binary' or 'text' (text is what a B64/PEM export writes). */
  kind: t.keyof({ binary: null, text: null }),
});
export type VirtualDataSet = t.TypeOf<typeof VirtualDataSet>;

/** Stable key of a certificate owner: `ID(USER1)`, `CERTAUTH`, `SITE`. */
export function ownerKey(o: CertOwner): string {
  return o.kind === 'ID' ? `ID(${o.id})` : o.kind;
}
/** Stable key of a certificate: owner + label. */
export function certKey(o: CertOwner, label: string): string {
  return `${ownerKey(o)}/${label}`;
}
/** Stable key of a ring: owner + name (ring names are case-sensitive). */
export function ringKey(owner: string, name: string): string {
  return `${owner}/${name}`;
}
