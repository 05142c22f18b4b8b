import type { CertificateRecord } from '@ztwin/racf-model';
import { type CertStore, addCertificate, addRing, connect, emptyStore, gencert, putCertificate, type GencertParams } from '@ztwin/keyring';
import { ctx, TODAY } from './helpers';

export async function make(p: GencertParams, seed: string, at = TODAY): Promise<{ certificate: CertificateRecord; signer?: CertificateRecord }> {
  const r = await gencert(p, ctx(seed, at));
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}
function must(r: { store: CertStore; diagnostics: { code: string }[] }): CertStore {
  if (r.diagnostics.some((d) => (d as { severity?: string }).severity === 'error')) throw new Error(JSON.stringify(r.diagnostics));
  return r.store;
}

/**
 * A plausible ZCEETLSS pre-state (written for ztwin, not copied from the lab): CAs 'Liberty CA'
 * and 'zCEE CA', 'Liberty Client Cert' for LIBSERV, 'USER1' for USER1, LIBSERV's Liberty.KeyRing.
 */
export async function labStore(): Promise<CertStore> {
  const ec = { keyType: 'NISTECC' as const, size: 256 as const };
  let s = emptyStore();
  const lib = await make({ owner: { kind: 'CERTAUTH' }, label: 'Liberty CA', subject: { CN: 'Liberty CA', OU: ['ATS'], O: 'IBM' }, notBefore: { date: '2020/01/01' }, notAfter: { date: '2035/12/31' }, ...ec }, 'libca');
  const zc = await make({ owner: { kind: 'CERTAUTH' }, label: 'zCEE CA', subject: { CN: 'zCEE CA', OU: ['ATS'], O: 'IBM' }, notBefore: { date: '2020/01/01' }, notAfter: { date: '2035/12/31' }, ...ec }, 'zceeca');
  s = must(addCertificate(s, lib.certificate));
  s = must(addCertificate(s, zc.certificate));
  const srv = await make({ owner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert', subject: { CN: 'wg31.washington.ibm.com', OU: ['ATS'], O: 'IBM' }, signWith: lib.certificate, notBefore: { date: '2020/01/01' }, notAfter: { date: '2030/12/31' }, altName: { ip: '127.0.0.1' }, ...ec }, 'srv');
  s = must(addCertificate(s, srv.certificate));
  const signer1 = srv.signer ?? lib.certificate;
  const u1 = await make({ owner: { kind: 'ID', id: 'USER1' }, label: 'USER1', subject: { CN: 'USER1', OU: ['ATS'], O: 'IBM' }, signWith: signer1, notBefore: { date: '2020/01/01' }, notAfter: { date: '2030/12/31' }, ...ec }, 'user1');
  s = must(addCertificate(s, u1.certificate));
  s = putCertificate(s, u1.signer ?? signer1);
  s = must(addRing(s, 'LIBSERV', 'Liberty.KeyRing'));
  s = must(connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert', default: true }));
  s = must(connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA', usage: 'CERTAUTH' }));
  return s;
}
