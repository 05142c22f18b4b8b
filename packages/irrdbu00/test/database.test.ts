import * as E from 'fp-ts/Either';
import { Readable } from 'node:stream';
import { fixedClock, sortDiagnostics } from '@ztwin/core';
import { getCertificate, getRing, renderState } from '@ztwin/racf-model';
import { DatabaseCodes, UnloadDatabase, type UnloadRecord, digtcertName, digtringName, generateUnload, importUnload, importUnloadDatabase, renderRecord, toRacfState } from '@ztwin/irrdbu00';

function unload(recs: UnloadRecord[]): string {
  return recs.map((r) => E.getOrElseW((e: string) => `BAD ${e}`)(renderRecord(r))).join('\n') + '\n';
}

const caDn = 'CN=zCEE CA.OU=ATS.O=IBM';
const caName = digtcertName('00', caDn);
const srvName = digtcertName('02', caDn);
const ring = digtringName('LIBSERV', 'Liberty.KeyRing');
const basic = (name: string, className: string, uacc: string, applData = ''): UnloadRecord => ({
  type: '0500',
  name,
  className,
  generic: false,
  createDate: '2024-01-01',
  owner: 'IBMUSER',
  uacc,
  auditLevel: 'FAIL',
  level: 0,
  installData: '',
  warning: false,
  notify: '',
  applData,
});

/** A user's basic record (0200) with every flag off; `fields` sets the ones a test is about. */
function basicUser(name: string, fields: Partial<Extract<UnloadRecord, { type: '0200' }>> = {}): UnloadRecord {
  return {
    type: '0200',
    name,
    createDate: '2024-01-01',
    owner: 'SYS1',
    adsp: false,
    special: false,
    operations: false,
    revoked: false,
    grpacc: false,
    programmer: '',
    defaultGroup: '',
    installData: '',
    uaudit: false,
    auditor: false,
    protectedUser: false,
    revokeDate: '',
    resumeDate: '',
    restricted: false,
    ...fields,
  };
}

const lab: UnloadRecord[] = [
  { type: '0100', name: 'LIBGRP', supgroup: 'SYS1', createDate: '2024-01-01', owner: 'IBMUSER', uacc: 'NONE', installData: 'LIBERTY SERVERS', universal: false },
  { type: '0102', name: 'LIBGRP', member: 'LIBSERV', authority: 'USE' },
  { type: '0120', name: 'LIBGRP', gid: 205 },
  basicUser('LIBSERV', { owner: 'IBMUSER', programmer: 'LIBERTY SERVER', defaultGroup: 'LIBGRP', protectedUser: true }),
  { type: '0205', name: 'LIBSERV', group: 'LIBGRP', connectDate: '2024-01-01', owner: 'IBMUSER', uacc: 'NONE', adsp: false, special: false, operations: false, revoked: false, grpacc: false, auditor: false },
  { type: '0207', name: 'LIBSERV', certName: srvName, label: 'Liberty Server Cert' },
  { type: '0270', name: 'LIBSERV', uid: 0, home: '/u/libserv', program: '/bin/sh' },
  { type: '0207', name: 'irrcerta', certName: caName, label: 'zCEE CA' },
  { type: '0400', name: 'BAQ.**', volume: '', generic: true, createDate: '2024-01-01', owner: 'SYS1', uacc: 'NONE', auditLevel: 'FAIL', level: 0, installData: '', warning: true, notify: '', erase: false },
  { type: '0404', name: 'BAQ.**', volume: '', authId: 'LIBGRP', access: 'READ' },
  { type: '0402', name: 'BAQ.**', volume: '', whenType: 'PROGRAM', whenName: 'BAQCSRVR', authId: 'LIBSERV', access: 'UPDATE', netId: '', criteria: '' },
  basic('BAQSTRT.*', 'STARTED', 'NONE'),
  { type: '0540', name: 'BAQSTRT.*', className: 'STARTED', user: 'LIBSERV', group: 'LIBGRP', trusted: false, privileged: false, trace: false },
  { type: '0505', name: 'BAQSTRT.*', className: 'STARTED', authId: '*', access: 'READ' },
  basic(caName, 'DIGTCERT', 'TRUST', 'irrcerta'),
  { type: '0560', name: caName, className: 'DIGTCERT', startDate: '2020-01-01', startTime: '00:00:00', endDate: '2022-12-31', endTime: '23:59:59', keyType: 'PKCSDER', keySize: 2048, lastSerial: '0000000000000002' },
  { type: '1560', name: caName, className: 'DIGTCERT', issuerDn: caDn, subjectDn: caDn, sigAlg: 'sha256RSA' },
  basic(srvName, 'DIGTCERT', 'HIGHTRST', 'LIBSERV'),
  { type: '0560', name: srvName, className: 'DIGTCERT', startDate: '2024-01-01', startTime: '00:00:00', endDate: '2030-12-31', endTime: '23:59:59', keyType: 'NISTECC', keySize: 256, lastSerial: '' },
  { type: '1560', name: srvName, className: 'DIGTCERT', issuerDn: caDn, subjectDn: 'CN=zcee.example.com.O=IBM', sigAlg: 'sha256RSA' },
  { type: '0561', name: srvName, className: 'DIGTCERT', ringName: ring },
  basic(ring, 'DIGTRING', 'NONE'),
  { type: '0562', name: ring, className: 'DIGTRING', certName: srvName, usage: 'PERSONAL', isDefault: true, label: 'Liberty Server Cert' },
  { type: '0562', name: ring, className: 'DIGTRING', certName: caName, usage: 'CERTAUTH', isDefault: false, label: 'zCEE CA' },
];

describe('joining records into a database', () => {
  test('users, groups, connects, profiles, certificates and rings', async () => {
    const r = await importUnloadDatabase(Readable.from([unload(lab)]), { source: 'LAB.UNLOAD' });
    expect(r.diagnostics).toEqual([]);
    const db = r.database;
    expect(UnloadDatabase.is(db)).toBe(true);
    expect(db.groups).toEqual([{ name: 'LIBGRP', superior: 'SYS1', owner: 'IBMUSER', createDate: '2024-01-01', installData: 'LIBERTY SERVERS', universal: false, subgroups: [], gid: 205 }]);
    expect(db.users).toEqual([expect.objectContaining({ id: 'LIBSERV', name: 'LIBERTY SERVER', defaultGroup: 'LIBGRP', protectedUser: true, omvs: { uid: 0, home: '/u/libserv', program: '/bin/sh' } })]);
    expect(db.connects).toEqual([expect.objectContaining({ user: 'LIBSERV', group: 'LIBGRP', authority: 'USE', owner: 'IBMUSER' })]);
    expect(db.profiles).toEqual([
      {
        class: 'DATASET',
        name: 'BAQ.**',
        generic: true,
        owner: 'SYS1',
        uacc: 'NONE',
        warning: true,
        data: null,
        appldata: null,
        level: 0,
        notify: null,
        erase: false,
        accessList: [{ id: 'LIBGRP', access: 'READ' }],
        conditionalAccessList: [{ id: 'LIBSERV', access: 'UPDATE', when: { kind: 'PROGRAM', value: 'BAQCSRVR' } }],
        members: [],
        segments: {},
      },
      expect.objectContaining({
        class: 'STARTED',
        name: 'BAQSTRT.*',
        accessList: [{ id: '*', access: 'READ' }],
        conditionalAccessList: [],
        segments: { STDATA: { USER: 'LIBSERV', GROUP: 'LIBGRP', TRUSTED: false, PRIVILEGED: false, TRACE: false } },
      }),
    ]);
    expect(db.certificates).toEqual([
      {
        owner: { kind: 'ID', id: 'LIBSERV' },
        label: 'Liberty Server Cert',
        trust: 'HIGHTRUST',
        serialHex: '2',
        subjectDn: 'CN=zcee.example.com.O=IBM',
        issuerDn: caDn,
        notBefore: '2024-01-01T00:00:00.000Z',
        notAfter: '2030-12-31T23:59:59.000Z',
        keyType: 'NISTECC',
        keySize: 256,
        hasPrivateKey: true,
        digtcertProfile: srvName,
      },
      {
        owner: { kind: 'CERTAUTH' },
        label: 'zCEE CA',
        trust: 'TRUST',
        serialHex: '0',
        subjectDn: caDn,
        issuerDn: caDn,
        notBefore: '2020-01-01T00:00:00.000Z',
        notAfter: '2022-12-31T23:59:59.000Z',
        keyType: 'RSA',
        keySize: 2048,
        hasPrivateKey: true,
        digtcertProfile: caName,
        lastSerialIssuedHex: '2',
      },
    ]);
    expect(db.certificates.every((c) => c.der === undefined && c.privateKey === undefined)).toBe(true);
    expect(db.rings).toEqual([
      {
        owner: 'LIBSERV',
        name: 'Liberty.KeyRing',
        connections: [
          { certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Server Cert', usage: 'PERSONAL', default: true },
          { certOwner: { kind: 'CERTAUTH' }, label: 'zCEE CA', usage: 'CERTAUTH', default: false },
        ],
      },
    ]);
    expect(r.counts.byType['0562']).toBe(2);
  });

  test("a user's groups follow the user's 0203 connection order; 0102 member records give the authority", async () => {
    // Decision (issue #7): the user's groups are in the order of the user profile's own connection
    // records (0203), as LISTUSER shows them, not in the order the groups' member records (0102) come.
    // This replaced the earlier 0102 order; the authorities are the same either way.
    const group = (name: string): UnloadRecord => ({ type: '0100', name, supgroup: 'SYS1', createDate: '2024-01-01', owner: 'SYS1', uacc: 'NONE', installData: '', universal: name === 'GC' });
    const user = (name: string, defaultGroup: string): UnloadRecord => basicUser(name, { programmer: name, defaultGroup });
    const gcon = (name: string, g: string): UnloadRecord => ({ type: '0203', name, group: g });
    const groups: UnloadRecord[] = [
      group('SYS1'),
      group('GA'),
      { type: '0102', name: 'GA', member: 'U1', authority: 'CONNECT' },
      group('GB'),
      { type: '0102', name: 'GB', member: 'U1', authority: 'JOIN' },
      // U2 has no 0203 for GB: the member record alone still connects U2
      { type: '0102', name: 'GB', member: 'U2', authority: 'CREATE' },
      // GC is UNIVERSAL: no 0102 for its USE members
      group('GC'),
    ];
    const users: UnloadRecord[] = [user('U1', 'GC'), gcon('U1', 'GB'), gcon('U1', 'GC'), gcon('U1', 'GA'), user('U2', 'GA'), gcon('U2', 'GA')];
    // IRRDBU00's order (groups first), and a file with users first: same state
    for (const recs of [[...groups, ...users], [...users, ...groups]]) {
      const { state, diagnostics } = await importUnload(Readable.from([unload(recs)]));
      expect(diagnostics).toEqual([]);
      expect(state.users.get('U1')?.groups).toEqual(['GC', 'GB', 'GA']);
      expect(state.users.get('U2')?.groups).toEqual(['GA', 'GB']);
      const auth = (k: string): string | undefined => state.connects.get(k)?.authority;
      expect([auth('U1/GA'), auth('U1/GB'), auth('U1/GC'), auth('U2/GA'), auth('U2/GB')]).toEqual(['CONNECT', 'JOIN', 'USE', 'USE', 'CREATE']);
      expect(state.connects.size).toBe(5);
    }
    // A member record repeated after the users (out of order): the later authority is the connect's.
    const late: UnloadRecord = { type: '0102', name: 'GA', member: 'U1', authority: 'JOIN' };
    const again = await importUnload(Readable.from([unload([...groups, ...users, late])]));
    expect(again.state.connects.get('U1/GA')?.authority).toBe('JOIN');
    expect(again.state.connects.get('U1/GB')?.authority).toBe('JOIN');
    expect(again.state.connects.get('U2/GB')?.authority).toBe('CREATE');
    // A pair's member record twice before the users (the later one counts), and two users' connection
    // records interleaved: each connect still finds its own user's member records.
    const twice: UnloadRecord = { type: '0102', name: 'GB', member: 'U1', authority: 'CREATE' };
    const interleaved = [user('U1', 'GC'), user('U2', 'GA'), gcon('U1', 'GB'), gcon('U2', 'GA'), gcon('U1', 'GA'), gcon('U1', 'GC')];
    const mixed = await importUnload(Readable.from([unload([...groups, twice, ...interleaved])]));
    expect(mixed.diagnostics).toEqual([]);
    const auth = (k: string): string | undefined => mixed.state.connects.get(k)?.authority;
    expect([auth('U1/GA'), auth('U1/GB'), auth('U1/GC'), auth('U2/GA'), auth('U2/GB')]).toEqual(['CONNECT', 'CREATE', 'USE', 'USE', 'CREATE']);
    expect(mixed.state.users.get('U1')?.groups).toEqual(['GC', 'GB', 'GA']);
    expect(mixed.state.users.get('U2')?.groups).toEqual(['GA', 'GB']);
  });

  test("a user's segments and classes join the user wherever they come, also around a repeated basic record", async () => {
    const user = (name: string, programmer: string): UnloadRecord => basicUser(name, { programmer });
    const omvs = (name: string, uid: number): UnloadRecord => ({ type: '0270', name, uid, home: `/u/${uid}`, program: '/bin/sh' });
    const tso: UnloadRecord = { type: '0220', name: 'U1', account: 'ACCT', command: '', proc: 'PROC1', size: 10, maxSize: 0, jobClass: '', msgClass: '', sysoutClass: '', holdClass: '', unit: '' };
    const recs: UnloadRecord[] = [
      omvs('U1', 1), // before U1's basic record
      { type: '0202', name: 'U1', className: 'FACILITY' },
      user('U1', 'FIRST'),
      { type: '0202', name: 'U1', className: 'APPL' },
      user('U2', 'OTHER'),
      tso, // U1's, after another user
      user('U1', 'SECOND'), // repeated: the later record is used, with what was read for U1
      omvs('U1', 2), // the last OMVS record wins
      { type: '0202', name: 'U3', className: 'FACILITY' }, // no such user: dropped
    ];
    const r = await importUnloadDatabase(Readable.from([unload(recs)]));
    expect(r.diagnostics.map((d) => d.code)).toEqual([DatabaseCodes.duplicate]);
    const u1 = r.database.users.find((u) => u.id === 'U1');
    expect(u1).toEqual(expect.objectContaining({ name: 'SECOND', clauth: ['FACILITY', 'APPL'], omvs: { uid: 2, home: '/u/2', program: '/bin/sh' } }));
    expect(u1?.tso).toEqual(expect.objectContaining({ account: 'ACCT', proc: 'PROC1', size: 10 }));
    const u2 = r.database.users.find((u) => u.id === 'U2');
    expect([u2?.clauth, u2?.omvs, u2?.tso]).toEqual([[], undefined, undefined]);
    expect(r.database.users).toHaveLength(2);
  });

  test('importUnload (profile tables built while reading) gives the state toRacfState builds from the database', async () => {
    const ds = (name: string, volume: string, generic: boolean): UnloadRecord => ({ type: '0400', name, volume, generic, createDate: '', owner: 'SYS1', uacc: 'NONE', auditLevel: '', level: 0, installData: '', warning: false, notify: '', erase: false });
    const acc = (name: string, volume: string, authId: string): UnloadRecord => ({ type: '0404', name, volume, authId, access: 'READ' });
    const generated = [...generateUnload({ users: 30, groups: 3, datasetProfiles: 40, profilesPerClass: 9, certificates: 2, seed: 5 })].join('\n');
    const small = [...generateUnload({ users: 3, groups: 1, datasetProfiles: 0, profilesPerClass: 0, certificates: 0, seed: 3 })];
    const cases: [string, string][] = [
      ['generated', generated],
      // the same discrete name on two volumes: the later one is kept, with a warning
      ['two volumes', generated + '\n' + unload([ds('SYS1.DATA', 'VOL001', false), acc('SYS1.DATA', 'VOL001', 'U1'), ds('SYS1.DATA', 'VOL002', false), ds('SYS1.**', '', true)])],
      // a repeated basic record and one after its access list: the tables are built from the profiles
      ['repeated', generated + '\n' + unload([ds('A.**', '', true), ds('A.**', '', false), acc('B.**', '', 'U2'), ds('B.**', '', true)])],
      // connects that are skipped (no such group, no such user), an unclaimed member record, a
      // user's groups after some orphans: each user's groups come from the builder's per-user lists
      [
        'orphan connects',
        unload([
          { type: '0100', name: 'GA', supgroup: '', createDate: '', owner: 'SYS1', uacc: 'NONE', installData: '', universal: false },
          { type: '0100', name: 'GB', supgroup: '', createDate: '', owner: 'SYS1', uacc: 'NONE', installData: '', universal: false },
          { type: '0102', name: 'GB', member: 'U0000002', authority: 'JOIN' },
          { type: '0102', name: 'GA', member: 'NOUSER', authority: 'USE' },
        ]) +
          '\n' +
          small.filter((l) => l.startsWith('01')).join('\n') +
          '\n' +
          small.filter((l) => l.startsWith('02')).join('\n') +
          '\n' +
          unload([
            { type: '0203', name: 'U0000001', group: 'NOGROUP' },
            { type: '0203', name: 'U0000001', group: 'GB' },
            { type: '0203', name: 'U0000001', group: 'GA' },
            { type: '0203', name: 'NOUSER2', group: 'GA' },
          ]),
      ],
      // every user's connects before the users, in reverse: toRacfState walks the per-user connect
      // lists in step with the users only while they come in the same order (else it looks them up)
      [
        'connects first, reversed',
        [
          ...generated.split('\n').filter((l) => l.startsWith('01')),
          ...generated
            .split('\n')
            .filter((l) => l.startsWith('0203') || l.startsWith('0205'))
            .reverse(),
          ...generated.split('\n').filter((l) => !l.startsWith('01') && !l.startsWith('0203') && !l.startsWith('0205')),
        ].join('\n'),
      ],
    ];
    for (const [, text] of cases) {
      const options = { classes: { active: 'all' as const, generic: 'all' as const } };
      const direct = await importUnload(Readable.from([text]), options);
      const db = await importUnloadDatabase(Readable.from([text]));
      const mapped = toRacfState(db.database, options);
      expect(renderState(direct.state)).toEqual(renderState(mapped.state));
      expect([...direct.state.profiles.keys()]).toEqual([...mapped.state.profiles.keys()]);
      // (renderState writes CONNECTs from the connect table: compare each user's group list too)
      expect([...direct.state.users.values()].map((u) => [u.id, u.groups])).toEqual([...mapped.state.users.values()].map((u) => [u.id, u.groups]));
      expect(direct.diagnostics).toEqual(sortDiagnostics([...db.diagnostics, ...mapped.diagnostics]));
    }
    const orphans = await importUnload(Readable.from([cases[3]?.[1] ?? '']));
    expect(orphans.diagnostics.filter((d) => d.code === DatabaseCodes.orphan)).toHaveLength(3);
    expect(orphans.state.users.get('U0000001')?.groups).toEqual(['G0000000', 'GB', 'GA']);
    expect(orphans.state.users.get('U0000002')?.groups).toEqual(['G0000000', 'GB']);
    // a connect of a user the unload lacks before the users: build walks the users in step with the
    // per-user connect lists, and must not take the first user for it
    const unknownFirst = await importUnload(
      Readable.from([
        unload([
          { type: '0100', name: 'GA', supgroup: '', createDate: '', owner: 'SYS1', uacc: 'NONE', installData: '', universal: false },
          { type: '0203', name: 'NOUSER', group: 'GA' },
        ]) +
          '\n' +
          small.join('\n'),
      ]),
    );
    expect(unknownFirst.diagnostics.filter((d) => d.code === DatabaseCodes.orphan).map((d) => d.message)).toEqual(['connect of NOUSER to GA: the unload has no user NOUSER; skipped']);
    expect([...unknownFirst.state.connects.keys()].filter((k) => k.startsWith('NOUSER'))).toEqual([]);
    expect(unknownFirst.state.users.get('U0000001')?.groups).toEqual(['G0000000']);
    const twoVolumes = await importUnload(Readable.from([cases[1]?.[1] ?? '']));
    expect(twoVolumes.diagnostics.filter((d) => d.code === 'IRRDBU00-DUPLICATE-PROFILE')).toHaveLength(1);
  });

  test('records out of unload order are still joined to their profile', async () => {
    const ds = (name: string): UnloadRecord => ({ type: '0400', name, volume: '', generic: true, createDate: '', owner: 'SYS1', uacc: 'NONE', auditLevel: '', level: 0, installData: '', warning: false, notify: '', erase: false });
    const acc = (name: string, authId: string): UnloadRecord => ({ type: '0404', name, volume: '', authId, access: 'READ' });
    const recs = [ds('A.**'), ds('B.**'), acc('A.**', 'U1'), acc('C.**', 'U3'), acc('B.**', 'U2'), ds('C.**'), acc('A.**', 'U4')];
    const r = await importUnloadDatabase(Readable.from([unload(recs)]));
    expect(r.diagnostics).toEqual([]);
    expect(r.database.profiles.map((p) => [p.name, p.accessList.map((a) => a.id)])).toEqual([
      ['A.**', ['U1', 'U4']],
      ['B.**', ['U2']],
      ['C.**', ['U3']],
    ]);
  });

  test('a profile whose basic record appears twice is reported once per repeat, in and out of order', async () => {
    const ds = (name: string, owner: string): UnloadRecord => ({ type: '0400', name, volume: '', generic: true, createDate: '', owner, uacc: 'NONE', auditLevel: '', level: 0, installData: '', warning: false, notify: '', erase: false });
    const acc = (name: string, authId: string): UnloadRecord => ({ type: '0404', name, volume: '', authId, access: 'READ' });
    const fac = (name: string): UnloadRecord => ({ type: '0500', name, className: 'FACILITY', generic: false, createDate: '', owner: 'SYS1', uacc: 'NONE', auditLevel: '', level: 0, installData: '', warning: false, notify: '', applData: '' });
    // A.** twice in a row (no index yet); then D.** given an access entry before its basic record, C.** repeated out of order
    const recs = [ds('A.**', 'O1'), ds('A.**', 'O2'), fac('X'), ds('C.**', 'O3'), acc('D.**', 'U1'), ds('D.**', 'O4'), fac('X'), ds('C.**', 'O5')];
    const r = await importUnloadDatabase(Readable.from([unload(recs)]));
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      [DatabaseCodes.duplicate, 2, 'data set profile A.** appears twice; the later record is used'],
      [DatabaseCodes.duplicate, 7, 'FACILITY profile X appears twice; the later record is used'],
      [DatabaseCodes.duplicate, 8, 'data set profile C.** appears twice; the later record is used'],
    ]);
    expect(r.database.profiles.map((p) => [p.name, p.owner, p.accessList.map((a) => a.id)])).toEqual([
      ['A.**', 'O2', []],
      ['X', 'SYS1', []],
      ['C.**', 'O5', []],
      ['D.**', 'O4', ['U1']],
    ]);
  });

  test('records that cannot be joined are reported, not fatal', async () => {
    const recs: UnloadRecord[] = [
      { type: '0404', name: 'NO.PROFILE.**', volume: '', authId: 'ALICE', access: 'READ' },
      { type: '0562', name: ring, className: 'DIGTRING', certName: '09.CN=Unknown', usage: 'PERSONAL', isDefault: false, label: 'gone' },
      { type: '0560', name: '0A.CN=Nobody', className: 'DIGTCERT', startDate: '2024-01-01', startTime: '', endDate: '2025-01-01', endTime: '', keyType: '', keySize: undefined, lastSerial: '' },
    ];
    const r = await importUnloadDatabase(Readable.from([unload(recs)]), { source: 'BAD.UNLOAD' });
    expect(r.database.profiles).toEqual([]);
    expect(r.database.rings).toEqual([{ owner: 'LIBSERV', name: 'Liberty.KeyRing', connections: [] }]);
    expect(r.database.certificates).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      [DatabaseCodes.orphan, 1],
      [DatabaseCodes.certIncomplete, 2],
      [DatabaseCodes.ringIncomplete, 2],
      [DatabaseCodes.certIncomplete, 3],
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'warning' && d.source === 'BAD.UNLOAD')).toBe(true);
  });

  test('reads from a file path and reports progress', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irrdbu00-'));
    const file = path.join(dir, 'lab.unload');
    fs.writeFileSync(file, unload(lab).replace(/\n/g, '\r\n'));
    const seen: [number, number][] = [];
    const r = await importUnloadDatabase(file, { onProgress: (b, n) => seen.push([b, n]) });
    fs.rmSync(dir, { recursive: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.counts.records).toBe(lab.length);
    expect(seen.at(-1)).toEqual([r.counts.bytes, lab.length]);
    expect(r.counts.bytes).toBe(Buffer.byteLength(unload(lab)) + lab.length);
    expect(r.database.rings[0]?.connections).toHaveLength(2);
  });

  test('seed-lab mistakes stay visible after an import: ring names are case-sensitive, an expired CA stays expired', async () => {
    const { state } = await importUnload(Readable.from([unload(lab)]));
    expect(getRing(state, 'LIBSERV', 'Liberty.KeyRing')?.connections).toHaveLength(2);
    // server.xml in the lab says safkeyring:///Keyring.LIBERTY: no such ring.
    expect(getRing(state, 'LIBSERV', 'Keyring.LIBERTY')).toBeUndefined();
    const ca = getCertificate(state, { kind: 'CERTAUTH' }, 'zCEE CA');
    expect(ca?.notAfter).toBe('2022-12-31T23:59:59.000Z');
    expect(Date.parse(ca?.notAfter ?? '') < fixedClock('2026-11-24T00:00:00Z').now().getTime()).toBe(true);
  });

  test('a missing file is a diagnostic', async () => {
    const r = await importUnloadDatabase('/nonexistent/unload.txt');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'IRRDBU00-READ-FAILED', severity: 'error', source: '/nonexistent/unload.txt' })]);
  });
});
