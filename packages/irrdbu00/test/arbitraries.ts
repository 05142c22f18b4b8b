/**
 * fast-check arbitraries of IRRDBU00 records of every decoded type, within the documented field
 * widths, over the characters a test chooses (e.g. with or without the non-ASCII ¢).
 */
import { fc } from '@fast-check/jest';
import { type UnloadRecord } from '@ztwin/irrdbu00';

export interface RecordChars {
  /** Characters of user ids, groups, classes, volumes. */
  readonly id: string;
  /** Characters of profile names. */
  readonly profile: string;
  /** Characters of free text (trailing blanks are trimmed). */
  readonly text: string;
}

type RecordType = UnloadRecord['type'];

/** One arbitrary per record type. */
export function recordArbitraries(chars: RecordChars): { readonly [K in RecordType]: fc.Arbitrary<Extract<UnloadRecord, { type: K }>> } {
  const idChar = fc.constantFrom(...chars.id.split(''));
  const profChar = fc.constantFrom(...chars.profile.split(''));
  const id = fc.string({ unit: idChar, minLength: 1, maxLength: 8 });
  const optId = fc.string({ unit: idChar, minLength: 0, maxLength: 8 });
  const profName = (max: number): fc.Arbitrary<string> => fc.string({ unit: profChar, minLength: 1, maxLength: max });
  const text = (max: number): fc.Arbitrary<string> =>
    fc.string({ unit: fc.constantFrom(...chars.text.split('')), maxLength: max }).map((s) => s.trimEnd());
  const date = fc.oneof(fc.constant(''), fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  const time = fc.oneof(fc.constant(''), fc.constantFrom('00:00:00', '12:34:56', '23:59:59'));
  const access = fc.constantFrom('NONE', 'EXECUTE', 'READ', 'UPDATE', 'CONTROL', 'ALTER' as const);
  const num = fc.option(fc.nat({ max: 99999 }), { nil: undefined });
  const bool = fc.boolean();
  const when = fc.constantFrom('APPCPORT', 'PROGRAM', 'CONSOLE', 'TERMINAL', 'JESINPUT', 'SERVAUTH', 'SYSID', 'CRITERIA' as const);
  return {
    '0100': fc.record({ type: fc.constant('0100' as const), name: id, supgroup: optId, createDate: date, owner: optId, uacc: optId, installData: text(255), universal: bool }),
    '0101': fc.record({ type: fc.constant('0101' as const), name: id, subgroup: id }),
    '0102': fc.record({ type: fc.constant('0102' as const), name: id, member: id, authority: fc.constantFrom('USE', 'CREATE', 'CONNECT', 'JOIN' as const) }),
    '0120': fc.record({ type: fc.constant('0120' as const), name: id, gid: num }),
    '0200': fc.record({
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
    '0202': fc.record({ type: fc.constant('0202' as const), name: id, className: id }),
    '0203': fc.record({ type: fc.constant('0203' as const), name: id, group: id }),
    '0205': fc.record({ type: fc.constant('0205' as const), name: id, group: id, connectDate: date, owner: optId, uacc: optId, adsp: bool, special: bool, operations: bool, revoked: bool, grpacc: bool, auditor: bool }),
    '0207': fc.record({ type: fc.constant('0207' as const), name: id, certName: profName(246), label: text(32) }),
    '0220': fc.record({
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
    '0270': fc.record({ type: fc.constant('0270' as const), name: id, uid: num, home: text(1023), program: text(1023) }),
    '0400': fc.record({
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
    '0402': fc.record({ type: fc.constant('0402' as const), name: profName(44), volume: fc.string({ unit: idChar, maxLength: 6 }), whenType: when, whenName: optId, authId: id, access, netId: optId, criteria: text(244) }),
    '0404': fc.record({ type: fc.constant('0404' as const), name: profName(44), volume: fc.string({ unit: idChar, maxLength: 6 }), authId: id, access }),
    '0500': fc.record({
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
    '0505': fc.record({ type: fc.constant('0505' as const), name: profName(246), className: id, authId: id, access }),
    '0507': fc.record({ type: fc.constant('0507' as const), name: profName(246), className: id, whenType: when, whenName: optId, authId: id, access, netId: optId, criteria: text(244) }),
    '0540': fc.record({ type: fc.constant('0540' as const), name: profName(246), className: id, user: optId, group: optId, trusted: bool, privileged: bool, trace: bool }),
    '0560': fc.record({ type: fc.constant('0560' as const), name: profName(246), className: id, startDate: date, startTime: time, endDate: date, endTime: time, keyType: optId, keySize: num, lastSerial: fc.constantFrom('', '0000000000000001', '00000000000000FF') }),
    '1560': fc.record({ type: fc.constant('1560' as const), name: profName(246), className: id, issuerDn: text(1024), subjectDn: text(1024), sigAlg: fc.constantFrom('', 'sha256RSA', 'sha256ECDSA') }),
    '0561': fc.record({ type: fc.constant('0561' as const), name: profName(246), className: id, ringName: profName(246) }),
    '0562': fc.oneof(
      fc.record({ type: fc.constant('0562' as const), name: profName(246), className: id, certName: profName(246), usage: fc.constantFrom('PERSONAL', 'CERTAUTH', 'SITE' as const), isDefault: bool, label: text(32) }),
      fc.record({ type: fc.constant('0562' as const), name: profName(246), className: id, certName: fc.constant(''), usage: fc.constant('' as const), isDefault: fc.constant(false), label: fc.constant('') }),
    ),
  };
}
