import { fc, test } from '@fast-check/jest';
import * as E from 'fp-ts/Either';
import { type UnloadRecord, UnloadSplitter, generateRecords, generateUnload, parseUnload, renderRecord } from '@ztwin/irrdbu00';

const idChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#$@'.split(''));
const id = fc.string({ unit: idChar, minLength: 1, maxLength: 8 });
const optId = fc.string({ unit: idChar, minLength: 0, maxLength: 8 });
const profChar = fc.constantFrom(...'ABCXYZ019.*%&-¢'.split(''));
const profName = (max: number) => fc.string({ unit: profChar, minLength: 1, maxLength: max });
const text = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'abc XYZ 01=.,/¢'.split('')), maxLength: max }).map((s) => s.trimEnd());
const date = fc.oneof(fc.constant(''), fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
const time = fc.oneof(fc.constant(''), fc.constantFrom('00:00:00', '12:34:56', '23:59:59'));
const access = fc.constantFrom('NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER' as const);
const num = fc.option(fc.nat({ max: 99999 }), { nil: undefined });
const bool = fc.boolean();
const when = fc.constantFrom('APPCPORT', 'PROGRAM', 'CONSOLE', 'TERMINAL', 'JESINPUT', 'SERVAUTH', 'SYSID', 'CRITERIA' as const);

/** Arbitrary records of every decoded type, within the documented field widths. */
const record: fc.Arbitrary<UnloadRecord> = fc.oneof(
  fc.record({ type: fc.constant('0100' as const), name: id, supgroup: optId, createDate: date, owner: optId, uacc: optId, installData: text(255), universal: bool }),
  fc.record({ type: fc.constant('0101' as const), name: id, subgroup: id }),
  fc.record({ type: fc.constant('0102' as const), name: id, member: id, authority: fc.constantFrom('USE', 'CREATE', 'CONNECT', 'JOIN' as const) }),
  fc.record({ type: fc.constant('0120' as const), name: id, gid: num }),
  fc.record({
    type: fc.constant('0200' as const),
    name: id,
    createDate: date,
    owner: optId,
    adsp: bool,
    special: bool,
    operations: bool,
    revoked: bool,
    grpacc: bool,
    programmer: text(20),
    defaultGroup: optId,
    installData: text(255),
    uaudit: bool,
    auditor: bool,
    protectedUser: bool,
    revokeDate: date,
    resumeDate: date,
    restricted: bool,
  }),
  fc.record({ type: fc.constant('0202' as const), name: id, className: id }),
  fc.record({ type: fc.constant('0203' as const), name: id, group: id }),
  fc.record({ type: fc.constant('0205' as const), name: id, group: id, connectDate: date, owner: optId, uacc: optId, adsp: bool, special: bool, operations: bool, revoked: bool, grpacc: bool, auditor: bool }),
  fc.record({ type: fc.constant('0207' as const), name: id, certName: profName(246), label: text(32) }),
  fc.record({
    type: fc.constant('0220' as const),
    name: id,
    account: text(40),
    command: text(80),
    proc: optId,
    size: num,
    maxSize: num,
    jobClass: fc.constantFrom('', 'A'),
    msgClass: fc.constantFrom('', 'X'),
    sysoutClass: fc.constantFrom('', 'Z'),
    holdClass: fc.constantFrom('', 'H'),
    unit: optId,
  }),
  fc.record({ type: fc.constant('0270' as const), name: id, uid: num, home: text(1023), program: text(1023) }),
  fc.record({
    type: fc.constant('0400' as const),
    name: profName(44),
    volume: fc.string({ unit: idChar, maxLength: 6 }),
    generic: bool,
    createDate: date,
    owner: optId,
    uacc: access,
    auditLevel: optId,
    level: fc.option(fc.nat({ max: 99 }), { nil: undefined }),
    installData: text(255),
    warning: bool,
    notify: optId,
    erase: bool,
  }),
  fc.record({ type: fc.constant('0402' as const), name: profName(44), volume: fc.string({ unit: idChar, maxLength: 6 }), whenType: when, whenName: optId, authId: id, access, netId: optId, criteria: text(244) }),
  fc.record({ type: fc.constant('0404' as const), name: profName(44), volume: fc.string({ unit: idChar, maxLength: 6 }), authId: id, access }),
  fc.record({
    type: fc.constant('0500' as const),
    name: profName(246),
    className: id,
    generic: bool,
    createDate: date,
    owner: optId,
    uacc: optId,
    auditLevel: optId,
    level: fc.option(fc.nat({ max: 99 }), { nil: undefined }),
    installData: text(255),
    warning: bool,
    notify: optId,
    applData: text(255),
  }),
  fc.record({ type: fc.constant('0505' as const), name: profName(246), className: id, authId: id, access }),
  fc.record({ type: fc.constant('0507' as const), name: profName(246), className: id, whenType: when, whenName: optId, authId: id, access, netId: optId, criteria: text(244) }),
  fc.record({ type: fc.constant('0540' as const), name: profName(246), className: id, user: optId, group: optId, trusted: bool, privileged: bool, trace: bool }),
  fc.record({ type: fc.constant('0560' as const), name: profName(246), className: id, startDate: date, startTime: time, endDate: date, endTime: time, keyType: optId, keySize: num, lastSerial: fc.constantFrom('', '0000000000000001', '00000000000000FF') }),
  fc.record({ type: fc.constant('1560' as const), name: profName(246), className: id, issuerDn: text(1024), subjectDn: text(1024), sigAlg: fc.constantFrom('', 'sha256RSA', 'sha256ECDSA') }),
  fc.record({ type: fc.constant('0561' as const), name: profName(246), className: id, ringName: profName(246) }),
  fc.oneof(
    fc.record({ type: fc.constant('0562' as const), name: profName(246), className: id, certName: profName(246), usage: fc.constantFrom('PERSONAL', 'CERTAUTH', 'SITE' as const), isDefault: bool, label: text(32) }),
    fc.record({ type: fc.constant('0562' as const), name: profName(246), className: id, certName: fc.constant(''), usage: fc.constant('' as const), isDefault: fc.constant(false), label: fc.constant('') }),
  ),
);

describe('properties', () => {
  test.prop([record, fc.boolean(), fc.boolean()], { numRuns: 300 })('render → decode gives the record back (with or without trailing blanks, LF or CRLF)', (rec, pad, crlf) => {
    const l = renderRecord(rec, { trailingBlanks: pad });
    expect(E.isRight(l)).toBe(true);
    if (E.isLeft(l)) return;
    const r = parseUnload(`${l.right}${crlf ? '\r\n' : '\n'}`, 'P');
    expect(r.diagnostics).toEqual([]);
    expect(r.records).toEqual([{ line: 1, record: rec }]);
  });

  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), record.map((r) => E.getOrElse(() => '')(renderRecord(r)))), { maxLength: 20 })])(
    'the reader never throws; diagnostics point inside the input',
    (lines) => {
      const text = lines.join('\n');
      const r = parseUnload(text, 'ARB');
      const lineCount = text.split('\n').length;
      for (const d of r.diagnostics) {
        expect(d.source).toBe('ARB');
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.line).toBeLessThanOrEqual(lineCount);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      for (const x of r.records) expect(x.line).toBeLessThanOrEqual(lineCount);
      expect(r.counts.records + r.counts.malformed + r.counts.blank + Object.values(r.counts.unknown).reduce((a, b) => a + b, 0)).toBe(r.counts.lines);
    },
  );

  test.prop([fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), fc.nat({ max: 1000 })])('chunk boundaries do not change what is read', (cuts, seed) => {
    const text = Buffer.from([...generateUnload({ users: 4, groups: 2, datasetProfiles: 3, profilesPerClass: 2, certificates: 2, seed })].join('\r\n'), 'utf8');
    const whole = parseUnload(text, 'C');
    const got: unknown[] = [];
    const splitter = new UnloadSplitter((record, line) => got.push({ line, record }), 'C');
    let at = 0;
    for (const c of [...cuts].sort((a, b) => a - b).map((c) => Math.floor((c / 400) * text.length))) {
      splitter.push(text.subarray(at, Math.max(at, c)));
      at = Math.max(at, c);
    }
    splitter.push(text.subarray(at));
    const end = splitter.end();
    expect(got).toEqual(whole.records);
    expect(end.counts).toEqual(whole.counts);
  });

  test.prop([fc.nat({ max: 10000 }), fc.integer({ min: 0, max: 30 }), fc.boolean()])('generator → reader round trip', (seed, users, pad) => {
    const opts = { users, groups: 3, datasetProfiles: 6, profilesPerClass: 4, certificates: Math.min(users, 3), seed, trailingBlanks: pad };
    const expected = [...generateRecords(opts)];
    const r = parseUnload([...generateUnload(opts)].join('\n'), 'GEN');
    expect(r.diagnostics).toEqual([]);
    expect(r.records.map((x) => x.record)).toEqual(expected);
  });
});

describe('renderer refuses what would read back differently', () => {
  test.each([
    [{ type: '0404', name: 'A'.repeat(45), volume: '', authId: 'X', access: 'READ' }, 'longer'],
    [{ type: '0404', name: 'A B', volume: '', authId: 'X', access: 'READ' }, 'blank'],
    [{ type: '0207', name: 'U', certName: 'C', label: 'trailing ' }, 'trailing'],
    [{ type: '0207', name: 'U', certName: 'C', label: 'two\nlines' }, 'line end'],
    [{ type: '0120', name: 'G', gid: -1 }, 'integer'],
  ] as [UnloadRecord, string][])('%j', (rec, why) => {
    const r = renderRecord(rec);
    expect(E.isLeft(r) && r.left.includes(why)).toBe(true);
  });
});
