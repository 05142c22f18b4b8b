/**
 * defaultCertificateUsability: the one rule for "the ring's DEFAULT certificate can be presented"
 * (zcee-config's and attls-policy's state adapters both call it). An incomplete chain in the ring
 * is a remark, not a reason to call the certificate unusable.
 */
import { test as propTest, fc } from '@fast-check/jest';
import type { CertificateRecord } from '@ztwin/racf-model';
import { type CertStore, alterCertificate, connect, defaultCertificateUsability, findCertificate, findRing, putCertificate, remove, storeFrom } from '@ztwin/keyring';
import { labStore } from './fixtures';
import { TODAY } from './helpers';

const OWNER = 'LIBSERV';
const RING = 'Liberty.KeyRing';
const LEAF = 'Liberty Client Cert';
const LIBSERV = { kind: 'ID' as const, id: 'LIBSERV' };
const now = new Date(TODAY);

let lab: CertStore;
let leaf: CertificateRecord;
beforeAll(async () => {
  lab = await labStore();
  const c = findCertificate(lab, LIBSERV, LEAF);
  if (c === undefined) throw new Error('lab leaf missing');
  leaf = c;
});
const judge = (s: CertStore, at = now) => defaultCertificateUsability(s, OWNER, RING, at);
const withLeaf = (change: (c: CertificateRecord) => CertificateRecord): CertStore => putCertificate(lab, change(leaf));
const withoutKey = (c: CertificateRecord): CertificateRecord => {
  const { privateKey: _k, ...rest } = c;
  return rest;
};

describe('defaultCertificateUsability', () => {
  test('the lab ring: usable, chain complete, nothing to remark', () => {
    expect(judge(lab)).toEqual({ label: LEAF, certOwner: LIBSERV, notAfter: leaf.notAfter, usable: true, reasons: [], chainComplete: true });
  });

  test('without its issuing CA in the ring it is still usable; the reasons say the peer may fail to verify it', () => {
    const s = remove(lab, { ringOwner: OWNER, ring: RING, certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA' }).store;
    const u = judge(s);
    expect(u).toMatchObject({ usable: true, chainComplete: false });
    expect(u.reasons).toEqual([expect.stringMatching(/^the chain of certificate 'Liberty Client Cert' is not complete in the ring \(The issuer of 'Liberty Client Cert' .*is not connected.*\): it is still presented, but a peer may fail to verify it$/)]);
  });

  test('the validity period decides at the time given', () => {
    expect(judge(lab, new Date('2031-06-01T00:00:00Z'))).toMatchObject({ usable: false, reasons: [`certificate '${LEAF}' expired on ${leaf.notAfter}`] });
    expect(judge(lab, new Date('2019-06-01T00:00:00Z'))).toMatchObject({ usable: false, reasons: [`certificate '${LEAF}' is not valid before ${leaf.notBefore}`] });
    expect(judge(lab, new Date(Number.NaN))).toEqual({ usable: false, reasons: ['the time to judge the certificate at is not a valid date'] });
  });

  test('private key: the key or hasPrivateKey (a state read from JSON) counts; neither does not', () => {
    expect(judge(withLeaf((c) => ({ ...withoutKey(c), hasPrivateKey: true }))).usable).toBe(true);
    expect(judge(withLeaf((c) => ({ ...withoutKey(c), hasPrivateKey: false })))).toMatchObject({ usable: false, reasons: [`certificate '${LEAF}' has no private key`] });
  });

  test('NOTRUST and a USAGE other than PERSONAL make it unusable, each with its reason', () => {
    const notrust = alterCertificate(lab, LIBSERV, LEAF, { trust: 'NOTRUST' }).store;
    expect(judge(notrust)).toMatchObject({ usable: false, reasons: [`certificate '${LEAF}' is NOTRUST`] });
    const asCa = connect(lab, { ringOwner: OWNER, ring: RING, certOwner: LIBSERV, label: LEAF, usage: 'CERTAUTH', default: true }).store;
    expect(judge(asCa)).toMatchObject({ usable: false, reasons: [`certificate '${LEAF}' is connected with USAGE(CERTAUTH), not PERSONAL`] });
  });

  test('a metadata-only record (no DER): usable on its record, but its chain cannot be checked, and the reasons say so', () => {
    const u = judge(
      withLeaf((c) => {
        const { der: _der, ...meta } = withoutKey(c);
        return { ...meta, hasPrivateKey: true };
      }),
    );
    expect(u.usable).toBe(true);
    expect(u.chainComplete).toBeUndefined();
    expect(u.reasons).toEqual([`certificate '${LEAF}' is known only by its metadata: its chain in the ring cannot be checked`]);
  });

  test('certificate data that is not X.509 cannot be presented', () => {
    const u = judge(withLeaf((c) => ({ ...c, der: 'AAAA' })));
    expect(u).toMatchObject({ usable: false, reasons: [`certificate '${LEAF}' is not valid X.509`] });
  });

  test('no ring, no DEFAULT, a dangling DEFAULT: no label (or no NOTAFTER), not usable', () => {
    expect(defaultCertificateUsability(lab, OWNER, 'No.Such.Ring', now)).toEqual({ usable: false, reasons: [`ring No.Such.Ring does not exist for ${OWNER}`] });
    const noDefault = connect(lab, { ringOwner: OWNER, ring: RING, certOwner: LIBSERV, label: LEAF, default: false }).store;
    expect(judge(noDefault)).toEqual({ usable: false, reasons: [`ring ${OWNER}/${RING} has no default certificate`] });
    const ring = findRing(lab, OWNER, RING);
    if (ring === undefined) throw new Error('ring missing');
    const dangling = storeFrom([...lab.certificates.values()].filter((c) => c.label !== LEAF), [ring]);
    expect(judge(dangling)).toEqual({ label: LEAF, certOwner: LIBSERV, usable: false, reasons: [`certificate '${LEAF}' does not exist (the ring's DEFAULT connection is dangling)`] });
  });

  propTest.prop([fc.constantFrom(OWNER, 'USER1', ''), fc.oneof(fc.constant(RING), fc.string({ maxLength: 12 })), fc.date()])('never throws; usable only with a label and a NOTAFTER', (owner, ring, at) => {
    const u = defaultCertificateUsability(lab, owner, ring, at);
    if (u.usable) {
      expect(u.label).toBeDefined();
      expect(u.notAfter).toBeDefined();
    } else expect(u.reasons.length).toBeGreaterThan(0);
  });
});
