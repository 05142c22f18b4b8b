/**
 * System SSL cipher suites as AT-TLS accepts them in TTLSCipherParms: the name, the 4-hex code
 * (IANA value) and, for suites whose IANA value fits in one byte, the 2-hex code usable in
 * V3CipherSuites. Names and codes follow z/OS Cryptographic Services System SSL Programming,
 * "Cipher suite definitions" (TLS_... names = IANA registry names; TLS 1.3 suites from V2R4).
 */
export interface CipherSuite {
  readonly name: string;
  /** 4 hex digits, upper case. */
  readonly code4: string;
  /** 2 hex digits when the suite has one (code4 starts with 00). */
  readonly code2?: string;
}

const RAW: ReadonlyArray<readonly [string, string]> = [
  ['0001', 'TLS_RSA_WITH_NULL_MD5'],
  ['0002', 'TLS_RSA_WITH_NULL_SHA'],
  ['0003', 'TLS_RSA_EXPORT_WITH_RC4_40_MD5'],
  ['0004', 'TLS_RSA_WITH_RC4_128_MD5'],
  ['0005', 'TLS_RSA_WITH_RC4_128_SHA'],
  ['0006', 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5'],
  ['0009', 'TLS_RSA_WITH_DES_CBC_SHA'],
  ['000A', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['000C', 'TLS_DH_DSS_WITH_DES_CBC_SHA'],
  ['000D', 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA'],
  ['000F', 'TLS_DH_RSA_WITH_DES_CBC_SHA'],
  ['0010', 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['0012', 'TLS_DHE_DSS_WITH_DES_CBC_SHA'],
  ['0013', 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA'],
  ['0015', 'TLS_DHE_RSA_WITH_DES_CBC_SHA'],
  ['0016', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['002F', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  ['0030', 'TLS_DH_DSS_WITH_AES_128_CBC_SHA'],
  ['0031', 'TLS_DH_RSA_WITH_AES_128_CBC_SHA'],
  ['0032', 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA'],
  ['0033', 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA'],
  ['0035', 'TLS_RSA_WITH_AES_256_CBC_SHA'],
  ['0036', 'TLS_DH_DSS_WITH_AES_256_CBC_SHA'],
  ['0037', 'TLS_DH_RSA_WITH_AES_256_CBC_SHA'],
  ['0038', 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA'],
  ['0039', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'],
  ['003B', 'TLS_RSA_WITH_NULL_SHA256'],
  ['003C', 'TLS_RSA_WITH_AES_128_CBC_SHA256'],
  ['003D', 'TLS_RSA_WITH_AES_256_CBC_SHA256'],
  ['003E', 'TLS_DH_DSS_WITH_AES_128_CBC_SHA256'],
  ['003F', 'TLS_DH_RSA_WITH_AES_128_CBC_SHA256'],
  ['0040', 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256'],
  ['0067', 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256'],
  ['0068', 'TLS_DH_DSS_WITH_AES_256_CBC_SHA256'],
  ['0069', 'TLS_DH_RSA_WITH_AES_256_CBC_SHA256'],
  ['006A', 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256'],
  ['006B', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256'],
  ['009C', 'TLS_RSA_WITH_AES_128_GCM_SHA256'],
  ['009D', 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
  ['009E', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'],
  ['009F', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['00A0', 'TLS_DH_RSA_WITH_AES_128_GCM_SHA256'],
  ['00A1', 'TLS_DH_RSA_WITH_AES_256_GCM_SHA384'],
  ['00A2', 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256'],
  ['00A3', 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384'],
  ['00A4', 'TLS_DH_DSS_WITH_AES_128_GCM_SHA256'],
  ['00A5', 'TLS_DH_DSS_WITH_AES_256_GCM_SHA384'],
  ['1301', 'TLS_AES_128_GCM_SHA256'],
  ['1302', 'TLS_AES_256_GCM_SHA384'],
  ['1303', 'TLS_CHACHA20_POLY1305_SHA256'],
  ['C001', 'TLS_ECDH_ECDSA_WITH_NULL_SHA'],
  ['C002', 'TLS_ECDH_ECDSA_WITH_RC4_128_SHA'],
  ['C003', 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  ['C004', 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA'],
  ['C005', 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA'],
  ['C006', 'TLS_ECDHE_ECDSA_WITH_NULL_SHA'],
  ['C007', 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA'],
  ['C008', 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  ['C009', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA'],
  ['C00A', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA'],
  ['C00B', 'TLS_ECDH_RSA_WITH_NULL_SHA'],
  ['C00C', 'TLS_ECDH_RSA_WITH_RC4_128_SHA'],
  ['C00D', 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['C00E', 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA'],
  ['C00F', 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA'],
  ['C010', 'TLS_ECDHE_RSA_WITH_NULL_SHA'],
  ['C011', 'TLS_ECDHE_RSA_WITH_RC4_128_SHA'],
  ['C012', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['C013', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
  ['C014', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'],
  ['C023', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'],
  ['C024', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384'],
  ['C025', 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256'],
  ['C026', 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384'],
  ['C027', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'],
  ['C028', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384'],
  ['C029', 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256'],
  ['C02A', 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384'],
  ['C02B', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
  ['C02C', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
  ['C02D', 'TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256'],
  ['C02E', 'TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384'],
  ['C02F', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  ['C030', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['C031', 'TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256'],
  ['C032', 'TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384'],
];

export const CIPHER_SUITES: readonly CipherSuite[] = RAW.map(([code4, name]) =>
  code4.startsWith('00') ? { name, code4, code2: code4.slice(2) } : { name, code4 },
);

const BY_NAME = new Map(CIPHER_SUITES.map((c) => [c.name.toUpperCase(), c]));
const BY_CODE4 = new Map(CIPHER_SUITES.map((c) => [c.code4, c]));
const BY_CODE2 = new Map(CIPHER_SUITES.flatMap((c) => (c.code2 === undefined ? [] : [[c.code2, c] as const])));

/** The suite named or coded by `token` for a cipher parameter of the given form; undefined if unknown. */
export function lookupCipher(token: string, form: 'v2' | 'v3' | 'v3-4char'): CipherSuite | undefined {
  const u = token.toUpperCase();
  const named = BY_NAME.get(u);
  if (named !== undefined) return form === 'v2' ? undefined : named;
  if (form === 'v3' && /^[0-9A-F]{2}$/.test(u)) return BY_CODE2.get(u);
  if (form === 'v3-4char' && /^[0-9A-F]{4}$/.test(u)) return BY_CODE4.get(u);
  return undefined;
}

/** SSL V2 cipher specs: one hex digit 1-7 (System SSL). */
export const V2_CIPHER_CODES: readonly string[] = ['1', '2', '3', '4', '6', '7'];

export function cipherNames(): string[] {
  return CIPHER_SUITES.map((c) => c.name);
}
