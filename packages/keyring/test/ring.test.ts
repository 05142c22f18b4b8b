import { fixedClock } from '@ztwin/core';
import {
  addCertificate,
  addRing,
  alterCertificate,
  connect,
  deleteCertificate,
  deleteRing,
  findRing,
  listringText,
  listText,
  parseListringText,
  remove,
  ringHealth,
  ringsOf,
  listData,
  putCertificate,
} from '@ztwin/keyring';
import { labStore, make } from './fixtures';

const codes = (r: { diagnostics: { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);
const at2026 = fixedClock('2026-11-24T12:00:00Z');

describe('ring rules', () => {
  test('USAGE defaults, one DEFAULT per ring (connecting a new DEFAULT moves it)', async () => {
    let s = await labStore();
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'zCEE CA' }).store;
    const r = findRing(s, 'LIBSERV', 'Liberty.KeyRing');
    expect(r?.connections.map((c) => [c.label, c.usage, c.default])).toEqual([
      ['Liberty Client Cert', 'PERSONAL', true],
      ['Liberty CA', 'CERTAUTH', false],
      ['zCEE CA', 'CERTAUTH', false],
    ]);
    const other = await make({ owner: { kind: 'ID', id: 'LIBSERV' }, label: 'second', subject: { CN: 'second' }, keyType: 'NISTECC', size: 256 }, 'second');
    s = addCertificate(s, other.certificate).store;
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'second', default: true }).store;
    const defaults = findRing(s, 'LIBSERV', 'Liberty.KeyRing')?.connections.filter((c) => c.default).map((c) => c.label);
    expect(defaults).toEqual(['second']);
  });

  test('errors: missing cert/ring (with case hints), another user cert as PERSONAL (allowed, key not usable), duplicate label/ring', async () => {
    const s = await labStore();
    const miss = connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'liberty ca' });
    expect(codes(miss)).toEqual(['KR-CERT-NOT-FOUND']);
    expect(miss.diagnostics[0]?.hint).toContain("'Liberty CA'");
    const ringCase = connect(s, { ringOwner: 'LIBSERV', ring: 'Keyring.LIBERTY', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA' });
    expect(ringCase.diagnostics.map((d) => [d.code, d.hint])).toEqual([['KR-RING-NOT-FOUND', 'ring names are case-sensitive: did you mean Liberty.KeyRing?']]);
    const s2 = addRing(s, 'USER1', 'Liberty.KeyRing').store;
    const other = connect(s2, { ringOwner: 'USER1', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert', default: true });
    expect(other.diagnostics.map((d) => [d.code, d.severity])).toEqual([['KR-CONNECT-KEY-OTHER', 'info']]);
    expect(codes(ringHealth(other.store, 'USER1', 'Liberty.KeyRing', at2026))).toEqual(['KR-HEALTH-KEY-OTHER-OWNER', 'KR-HEALTH-MISSING-CA']);
    expect(codes(connect(s2, { ringOwner: 'USER1', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert', usage: 'CERTAUTH' }))).toEqual([]);
    expect(codes(addRing(s, 'LIBSERV', 'Liberty.KeyRing'))).toEqual(['KR-RING-EXISTS']);
    const dup = s.certificates.get('CERTAUTH/Liberty CA');
    expect(dup && codes(addCertificate(s, dup))).toEqual(['KR-LABEL-IN-USE']);
  });

  test('DELETE removes the certificate from its rings; NEWLABEL follows into rings; REMOVE; DELRING', async () => {
    let s = await labStore();
    expect(ringsOf(s, { kind: 'CERTAUTH' }, 'Liberty CA').map((r) => r.name)).toEqual(['Liberty.KeyRing']);
    const a = alterCertificate(s, { kind: 'CERTAUTH' }, 'Liberty CA', { newLabel: 'Liberty CA 2', trust: 'NOTRUST' });
    expect(findRing(a.store, 'LIBSERV', 'Liberty.KeyRing')?.connections.map((c) => c.label)).toContain('Liberty CA 2');
    expect(a.store.certificates.get('CERTAUTH/Liberty CA 2')?.trust).toBe('NOTRUST');
    s = deleteCertificate(s, { kind: 'CERTAUTH' }, 'Liberty CA').store;
    expect(findRing(s, 'LIBSERV', 'Liberty.KeyRing')?.connections.map((c) => c.label)).toEqual(['Liberty Client Cert']);
    expect(codes(remove(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA' }))).toEqual(['KR-NOT-CONNECTED']);
    s = remove(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert' }).store;
    expect(findRing(s, 'LIBSERV', 'Liberty.KeyRing')?.connections).toEqual([]);
    expect(findRing(deleteRing(s, 'LIBSERV', 'Liberty.KeyRing').store, 'LIBSERV', 'Liberty.KeyRing')).toBeUndefined();
  });
});

describe('ring health', () => {
  test('healthy lab ring', async () => {
    const s = await labStore();
    const h = ringHealth(s, 'LIBSERV', 'Liberty.KeyRing', at2026);
    expect(h.diagnostics).toEqual([]);
    expect(h.defaultChain?.complete).toBe(true);
    expect(h.defaultChain?.chain.map((m) => m.connection.label)).toEqual(['Liberty Client Cert', 'Liberty CA']);
  });

  test('missing CA, NOTRUST CA, expired, not yet valid, no default, no key, metadata only', async () => {
    let s = await labStore();
    const noCa = remove(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA' }).store;
    expect(codes(ringHealth(noCa, 'LIBSERV', 'Liberty.KeyRing', at2026))).toEqual(['KR-HEALTH-MISSING-CA']);
    const notrust = alterCertificate(s, { kind: 'CERTAUTH' }, 'Liberty CA', { trust: 'NOTRUST' }).store;
    expect(codes(ringHealth(notrust, 'LIBSERV', 'Liberty.KeyRing', at2026))).toEqual(['KR-HEALTH-NOTRUST', 'KR-HEALTH-ISSUER-NOTRUST']);
    expect(codes(ringHealth(s, 'LIBSERV', 'Liberty.KeyRing', fixedClock('2031-06-01')))).toEqual(['KR-HEALTH-EXPIRED']);
    expect(codes(ringHealth(s, 'LIBSERV', 'Liberty.KeyRing', fixedClock('2019-06-01')))).toEqual(['KR-HEALTH-NOT-YET-VALID', 'KR-HEALTH-NOT-YET-VALID']);
    const leaf = s.certificates.get('ID(LIBSERV)/Liberty Client Cert');
    if (!leaf) throw new Error('fixture');
    const { privateKey: _k, ...noKey } = leaf;
    expect(codes(ringHealth(putCertificate(s, { ...noKey, hasPrivateKey: false }), 'LIBSERV', 'Liberty.KeyRing', at2026))).toEqual(['KR-HEALTH-NO-PRIVATE-KEY']);
    const { der: _d, ...meta } = leaf;
    expect(codes(ringHealth(putCertificate(s, meta), 'LIBSERV', 'Liberty.KeyRing', at2026))).toEqual(['KR-HEALTH-METADATA-ONLY']);
    s = remove(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert' }).store;
    expect(ringHealth(s, 'LIBSERV', 'Liberty.KeyRing', at2026).diagnostics.map((d) => [d.code, d.severity])).toEqual([['KR-HEALTH-NO-DEFAULT', 'info']]);
    expect(codes(ringHealth(s, 'LIBSERV', 'nope', at2026))).toEqual(['KR-RING-NOT-FOUND']);
  });

  test('a non-CA issuer and the seed expired cert (NOTAFTER 2022/12/31) are flagged', async () => {
    let s = await labStore();
    const ca = s.certificates.get('CERTAUTH/zCEE CA');
    if (!ca) throw new Error('fixture');
    const zc = await make(
      { owner: { kind: 'ID', id: 'LIBSERV' }, label: 'zCEE Client Cert', subject: { CN: 'zCEE Client Cert', OU: ['ATS'], O: 'IBM' }, signWith: ca, notAfter: { date: '2022/12/31' }, notBefore: { date: '2021/01/01' }, keyType: 'NISTECC', size: 256 },
      'zc',
      '2021-06-01T00:00:00Z',
    );
    s = addCertificate(s, zc.certificate).store;
    s = addRing(s, 'LIBSERV', 'zCEE.KeyRing').store;
    for (const label of ['zCEE CA', 'Liberty CA']) s = connect(s, { ringOwner: 'LIBSERV', ring: 'zCEE.KeyRing', certOwner: { kind: 'CERTAUTH' }, label, usage: 'CERTAUTH' }).store;
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'zCEE.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'zCEE Client Cert', default: true }).store;
    const h = ringHealth(s, 'LIBSERV', 'zCEE.KeyRing', at2026);
    expect(codes(h)).toEqual(['KR-HEALTH-EXPIRED']);
    expect(h.diagnostics[0]?.message).toContain('2022-12-31T23:59:59');
    // a user certificate used as an issuer
    const user = s.certificates.get('ID(LIBSERV)/Liberty Client Cert');
    if (!user) throw new Error('fixture');
    const bad = await make({ owner: { kind: 'ID', id: 'LIBSERV' }, label: 'bad', subject: { CN: 'bad' }, signWith: user, keyType: 'NISTECC', size: 256 }, 'bad');
    s = addCertificate(s, bad.certificate).store;
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'zCEE.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert' }).store;
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'zCEE.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'bad', default: true }).store;
    expect(codes(ringHealth(s, 'LIBSERV', 'zCEE.KeyRing', at2026))).toEqual(['KR-HEALTH-EXPIRED', 'KR-HEALTH-NOT-CA']);
  });
});

describe('LISTRING / LIST', () => {
  test('LISTRING text has RACF layout and parses back; matches the seed LIBSERV listing rows', async () => {
    let s = await labStore();
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'zCEE CA', usage: 'CERTAUTH' }).store;
    const text = listringText(s, 'LIBSERV', 'Liberty.KeyRing') ?? '';
    expect(text).toBe(
      [
        'Digital ring information for user LIBSERV:',
        '',
        '  Ring:',
        '       >Liberty.KeyRing<',
        '  Certificate Label Name             Cert Owner     USAGE      DEFAULT',
        '  --------------------------------   ------------   --------   -------',
        '  Liberty Client Cert                ID(LIBSERV)    PERSONAL     YES',
        '  Liberty CA                         CERTAUTH       CERTAUTH     NO',
        '  zCEE CA                            CERTAUTH       CERTAUTH     NO',
        '',
        '',
      ].join('\n'),
    );
    // The seed's listing (transcribed with blanks inside ID( ... )) gives the same rows.
    const seedShape = ['>Liberty.KeyRing<', 'Certificate Label Name      Cert Owner      USAGE      DEFAULT', '-----', 'Liberty Client Cert       ID ( LIBSERV )  PERSONAL   YES', 'Liberty CA                 CERTAUTH       CERTAUTH   NO', 'zCEE CA                     CERTAUTH       CERTAUTH   NO'].join('\n');
    expect(parseListringText(seedShape)[0]?.rows).toEqual(parseListringText(text)[0]?.rows);
    expect(listringText(s, 'LIBSERV', 'nope')).toBeUndefined();
    expect(listringText(s, 'LIBSERV', '*')).toContain('>Liberty.KeyRing<');
  });

  test('LIST shows RACF fields and ring associations, never key material', async () => {
    const s = await labStore();
    const text = listText(s, { kind: 'CERTAUTH' }, 'Liberty CA') ?? '';
    expect(text).toMatch(/^Digital certificate information for CERTAUTH:\n\n {2}Label: Liberty CA\n {2}Certificate ID: \S+\n {2}Status: TRUST\n {2}Start Date: 2020\/01\/01 00:00:00\n {2}End Date: {3}2035\/12\/31 23:59:59\n {2}Serial Number:\n {7}>00<\n/);
    expect(text).toContain("  Issuer's Name:\n       >CN=Liberty CA.OU=ATS.O=IBM<");
    expect(text).toContain('  Key Usage: CERTSIGN');
    expect(text).toContain('  Key Type: NIST ECC\n  Key Size: 256\n  Private Key: YES');
    expect(text).toContain('  Ring Associations:\n    Ring Owner: LIBSERV\n    Ring:\n       >Liberty.KeyRing<');
    const leaf = s.certificates.get('ID(LIBSERV)/Liberty Client Cert');
    if (!leaf) throw new Error('fixture');
    expect(listData(s, leaf).serialNumber).toBe('01');
    const all = listText(s, { kind: 'ID', id: 'LIBSERV' }) ?? '';
    expect(all).toContain('Subject Alternate Name:\n       IP: 127.0.0.1');
    expect(all).not.toContain(leaf.privateKey?.pkcs8.slice(0, 20) ?? 'x');
  });
});

describe('JSON shapes have codecs', () => {
  test('ListringData and ListData decode what listringData/listData produce', async () => {
    const { ListringData, ListData, listringData } = await import('@ztwin/keyring');
    const { isRight } = await import('fp-ts/Either');
    const s = await labStore();
    const r = findRing(s, 'LIBSERV', 'Liberty.KeyRing');
    if (!r) throw new Error('fixture');
    expect(isRight(ListringData.decode(JSON.parse(JSON.stringify(listringData(r)))))).toBe(true);
    const c = s.certificates.get('CERTAUTH/Liberty CA');
    if (!c) throw new Error('fixture');
    expect(isRight(ListData.decode(listData(s, c)))).toBe(true);
    expect(isRight(ListData.decode({ label: 1 }))).toBe(false);
  });
});
