import { parseUnload } from '@ztwin/irrdbu00';
import { line } from './helpers';

/** Decode exactly one line that must give one record. */
function one(text: string) {
  const r = parseUnload(text, 'T.UNLOAD');
  expect(r.diagnostics).toEqual([]);
  expect(r.records).toHaveLength(1);
  const first = r.records[0];
  if (first === undefined) throw new Error('no record');
  return first.record;
}

// Column numbers below are written from IBM's tables ("Record formats produced by the database
// unload utility"), independently of src/layout.ts.
describe('record types', () => {
  test('0100 group basic data', () => {
    expect(one(line('0100', [6, 'PAYROLL'], [15, 'SYS1'], [24, '2021-04-01'], [35, 'IBMUSER'], [44, 'NONE'], [53, 'NO'], [58, 'PAYROLL DEPT'], [359, 'YES']))).toEqual({
      type: '0100',
      name: 'PAYROLL',
      supgroup: 'SYS1',
      createDate: '2021-04-01',
      owner: 'IBMUSER',
      uacc: 'NONE',
      installData: 'PAYROLL DEPT',
      universal: true,
    });
  });
  test('0101 subgroup and 0102 member', () => {
    expect(one(line('0101', [6, 'SYS1'], [15, 'PAYROLL']))).toEqual({ type: '0101', name: 'SYS1', subgroup: 'PAYROLL' });
    expect(one(line('0102', [6, 'PAYROLL'], [15, 'ALICE'], [24, 'CONNECT']))).toEqual({ type: '0102', name: 'PAYROLL', member: 'ALICE', authority: 'CONNECT' });
  });
  test('0120 group OMVS GID', () => {
    expect(one(line('0120', [6, 'PAYROLL'], [15, '0000000205']))).toEqual({ type: '0120', name: 'PAYROLL', gid: 205 });
    expect(one(line('0120', [6, 'PAYROLL']))).toEqual({ type: '0120', name: 'PAYROLL', gid: undefined });
  });
  test('0200 user basic data with attributes', () => {
    const l = line(
      '0200',
      [6, 'ALICE'],
      [15, '2020-01-02'],
      [26, 'PAYROLL'],
      [35, 'NO'],
      [40, 'YES'],
      [45, 'YES'],
      [50, 'NO'],
      [55, 'NO'],
      [60, '030'],
      [75, 'ALICE SMITH'],
      [96, 'PAYROLL'],
      [381, 'NO'],
      [386, 'YES'],
      [391, 'NO'],
      [542, 'RSTD'],
    );
    expect(one(l)).toMatchObject({
      type: '0200',
      name: 'ALICE',
      owner: 'PAYROLL',
      special: true,
      operations: true,
      auditor: true,
      revoked: false,
      programmer: 'ALICE SMITH',
      defaultGroup: 'PAYROLL',
      restricted: true,
      protectedUser: false,
    });
    expect(one(line('0200', [6, 'STCUSER'], [40, 'NO'], [50, 'YES'], [96, 'STCGRP'], [391, 'PRO']))).toMatchObject({ revoked: true, protectedUser: true, special: false, restricted: false });
  });
  test('0202 user class authority (CLAUTH)', () => {
    expect(one(line('0202', [6, 'ALICE'], [15, 'FACILITY']))).toEqual({ type: '0202', name: 'ALICE', className: 'FACILITY' });
  });
  test('0203 and 0205 connects', () => {
    expect(one(line('0203', [6, 'ALICE'], [15, 'PAYROLL']))).toEqual({ type: '0203', name: 'ALICE', group: 'PAYROLL' });
    expect(one(line('0205', [6, 'ALICE'], [15, 'PAYROLL'], [24, '2020-01-02'], [35, 'IBMUSER'], [64, 'READ'], [79, 'NO'], [84, 'YES'], [89, 'NO'], [94, 'NO'], [99, 'YES'], [109, 'YES']))).toEqual({
      type: '0205',
      name: 'ALICE',
      group: 'PAYROLL',
      connectDate: '2020-01-02',
      owner: 'IBMUSER',
      uacc: 'READ',
      adsp: false,
      special: true,
      operations: false,
      revoked: false,
      grpacc: true,
      auditor: true,
    });
  });
  test('0207 user certificate with a label containing blanks', () => {
    expect(one(line('0207', [6, 'LIBSERV'], [15, '01.CN=zCEE¢CA.O=IBM'], [262, 'zCEE Server Cert']))).toEqual({
      type: '0207',
      name: 'LIBSERV',
      certName: '01.CN=zCEE¢CA.O=IBM',
      label: 'zCEE Server Cert',
    });
  });
  test('0220 TSO and 0270 OMVS segments', () => {
    expect(one(line('0220', [6, 'ALICE'], [15, 'ACCT#1'], [150, 'IKJACCNT'], [159, '0000004096']))).toMatchObject({ type: '0220', account: 'ACCT#1', proc: 'IKJACCNT', size: 4096 });
    expect(one(line('0270', [6, 'ALICE'], [15, '0000000000'], [26, '/u/alice'], [1050, '/bin/sh']))).toEqual({ type: '0270', name: 'ALICE', uid: 0, home: '/u/alice', program: '/bin/sh' });
  });
  test('0400 data set profile: generic flag, UACC, WARNING', () => {
    expect(one(line('0400', [6, 'PAY.**'], [58, 'YES'], [63, '2021-01-01'], [74, 'PAYROLL'], [129, 'READ'], [484, 'YES']))).toMatchObject({
      type: '0400',
      name: 'PAY.**',
      volume: '',
      generic: true,
      owner: 'PAYROLL',
      uacc: 'READ',
      warning: true,
    });
    expect(one(line('0400', [6, 'PAY.MASTER'], [51, 'VOL001'], [58, 'NO'], [74, 'PAYROLL'], [129, 'NONE']))).toMatchObject({ volume: 'VOL001', generic: false, warning: false });
  });
  test('0402 and 0404 data set access lists', () => {
    expect(one(line('0404', [6, 'PAY.**'], [58, 'ALICE'], [67, 'UPDATE'], [76, '00000']))).toEqual({ type: '0404', name: 'PAY.**', volume: '', authId: 'ALICE', access: 'UPDATE' });
    expect(one(line('0402', [6, 'PAY.**'], [58, 'PROGRAM'], [67, 'PAYPGM'], [76, 'BOB'], [85, 'READ']))).toMatchObject({ type: '0402', whenType: 'PROGRAM', whenName: 'PAYPGM', authId: 'BOB', access: 'READ' });
  });
  test('0500 / 0505 / 0507 general resources', () => {
    expect(one(line('0500', [6, 'BBG.SECCLASS.*'], [253, 'FACILITY'], [262, 'YES'], [267, '005'], [271, '2021-01-01'], [282, 'SYS1'], [337, 'NONE'], [660, 'NO'], [754, 'SOME APPLDATA']))).toMatchObject({
      type: '0500',
      name: 'BBG.SECCLASS.*',
      className: 'FACILITY',
      generic: true,
      owner: 'SYS1',
      uacc: 'NONE',
      warning: false,
      applData: 'SOME APPLDATA',
    });
    expect(one(line('0505', [6, 'BBG.SECCLASS.*'], [253, 'FACILITY'], [262, 'LIBSERV'], [271, 'READ']))).toEqual({ type: '0505', name: 'BBG.SECCLASS.*', className: 'FACILITY', authId: 'LIBSERV', access: 'READ' });
    expect(one(line('0507', [6, 'MVS.**'], [253, 'OPERCMDS'], [262, 'CONSOLE'], [271, 'MASTER'], [280, 'OPER1'], [289, 'UPDATE']))).toMatchObject({ type: '0507', whenType: 'CONSOLE', whenName: 'MASTER', authId: 'OPER1', access: 'UPDATE' });
  });
  test('0540 STARTED STDATA', () => {
    expect(one(line('0540', [6, 'BAQSTRT.*'], [253, 'STARTED'], [262, 'LIBSERV'], [271, 'LIBGRP'], [280, 'NO'], [285, 'NO'], [290, 'YES']))).toEqual({
      type: '0540',
      name: 'BAQSTRT.*',
      className: 'STARTED',
      user: 'LIBSERV',
      group: 'LIBGRP',
      trusted: false,
      privileged: false,
      trace: true,
    });
  });
  test('0560, 1560, 0561 certificate records', () => {
    const cn = '01.CN=zCEE¢CA.O=IBM';
    expect(one(line('0560', [6, cn], [253, 'DIGTCERT'], [262, '2020-01-01'], [273, '00:00:00'], [282, '2022-12-31'], [293, '23:59:59'], [302, 'PKCSDER'], [311, '0000002048'], [322, '0000000000000003']))).toEqual({
      type: '0560',
      name: cn,
      className: 'DIGTCERT',
      startDate: '2020-01-01',
      startTime: '00:00:00',
      endDate: '2022-12-31',
      endTime: '23:59:59',
      keyType: 'PKCSDER',
      keySize: 2048,
      lastSerial: '0000000000000003',
    });
    expect(one(line('1560', [6, cn], [253, 'DIGTCERT'], [262, 'CN=zCEE CA.O=IBM'], [1287, 'CN=zCEE CA.O=IBM'], [2312, 'sha256RSA']))).toEqual({
      type: '1560',
      name: cn,
      className: 'DIGTCERT',
      issuerDn: 'CN=zCEE CA.O=IBM',
      subjectDn: 'CN=zCEE CA.O=IBM',
      sigAlg: 'sha256RSA',
    });
    expect(one(line('0561', [6, cn], [253, 'DIGTCERT'], [262, 'LIBSERV.Liberty.KeyRing']))).toEqual({ type: '0561', name: cn, className: 'DIGTCERT', ringName: 'LIBSERV.Liberty.KeyRing' });
  });
  test('0562 key ring data: ring profile, cert name, usage, default, label', () => {
    expect(one(line('0562', [6, 'LIBSERV.Liberty.KeyRing'], [253, 'DIGTRING'], [262, '02.CN=zCEE¢CA.O=IBM'], [509, 'PERSONAL'], [518, 'YES'], [523, 'zCEE Server Cert']))).toEqual({
      type: '0562',
      name: 'LIBSERV.Liberty.KeyRing',
      className: 'DIGTRING',
      certName: '02.CN=zCEE¢CA.O=IBM',
      usage: 'PERSONAL',
      isDefault: true,
      label: 'zCEE Server Cert',
    });
  });
  test('trailing blanks, CRLF and lower-case yes/no are accepted', () => {
    const l = line('0404', [6, 'PAY.**'], [58, 'ALICE'], [67, 'READ']).padEnd(80, ' ');
    const r = parseUnload(`${l}\r\n${line('0400', [6, 'PAY.**'], [58, 'yes'], [129, 'NONE'])}\r\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.records.map((x) => x.record)).toEqual([
      { type: '0404', name: 'PAY.**', volume: '', authId: 'ALICE', access: 'READ' },
      expect.objectContaining({ type: '0400', generic: true }),
    ]);
  });
  test('unknown record types are counted and skipped', () => {
    const r = parseUnload([line('0201', [6, 'ALICE'], [15, '00001']), line('0999', [6, 'X']), line('0203', [6, 'ALICE'], [15, 'G'])].join('\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.counts.unknown).toEqual({ '0201': 1, '0999': 1 });
    expect(r.counts.byType).toEqual({ '0203': 1 });
    expect(r.records.map((x) => x.line)).toEqual([3]);
  });
  test('UTF-8 text transfer: ¢ takes one column', () => {
    const l = line('0562', [6, 'U1.Ring¢One'], [253, 'DIGTRING'], [262, '0A.CN=A¢B'], [509, 'CERTAUTH'], [518, 'NO'], [523, 'CA']);
    const r = parseUnload(Buffer.from(l, 'utf8'));
    expect(r.diagnostics).toEqual([]);
    expect(r.records[0]?.record).toMatchObject({ name: 'U1.Ring¢One', certName: '0A.CN=A¢B', usage: 'CERTAUTH', label: 'CA' });
    // The same line in a single-byte (ISO 8859-1) transfer.
    expect(parseUnload(Buffer.from(l, 'latin1')).records[0]?.record).toMatchObject({ certName: '0A.CN=A¢B', label: 'CA' });
  });
});
