/**
 * Synthetic IRRDBU00 unloads for tests and benchmarks, written from the documented layouts (no real
 * customer data). Deterministic: the same options give the same lines. Records come in the order
 * IRRDBU00 writes them: groups, users, data set profiles, general resource profiles (each profile's
 * basic record followed by its access lists and segments).
 */
import * as E from 'fp-ts/Either';
import { seededRandom } from '@ztwin/core';
import { type AccessLevel, type UnloadRecord } from './records';
import { type RenderOptions, renderRecord } from './render';
import { CERTAUTH_USER, digtcertName, digtringName } from './digtcert-name';

export interface GenerateOptions {
  /** Ordinary users (besides IBMUSER). Default 10. */
  readonly users?: number;
  /** Groups (besides SYS1). Default 3. */
  readonly groups?: number;
  /** Data set profiles. Default 10. */
  readonly datasetProfiles?: number;
  /** General resource profiles in each class of `classes`. Default 5. */
  readonly profilesPerClass?: number;
  /** Classes of the general resource profiles. Default FACILITY, APPL, STARTED, XFACILIT. */
  readonly classes?: readonly string[];
  /** Access list entries per profile. Default 3. */
  readonly permitsPerProfile?: number;
  /** User certificates, signed by one CERTAUTH certificate, each in the owner's ring. Default 2. */
  readonly certificates?: number;
  /** Seed of the deterministic choices. Default 1. */
  readonly seed?: number;
  /** Pad fields with trailing blanks (as the z/OS data set holds them). Default false. */
  readonly trailingBlanks?: boolean;
}

const ACCESS: readonly AccessLevel[] = ['NONE', 'READ', 'UPDATE', 'CONTROL', 'ALTER', 'EXECUTE'];
const DATE = '2024-03-01';

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}
export function syntheticUserId(i: number): string {
  return `U${pad(i, 7)}`;
}
export function syntheticGroupName(i: number): string {
  return `G${pad(i, 7)}`;
}

/** Small deterministic integer source over core's seeded bytes. */
class Dice {
  private pool: Uint8Array = new Uint8Array(0);
  private at = 0;
  private readonly src;
  constructor(seed: number) {
    this.src = seededRandom(seed);
  }
  int(n: number): number {
    if (this.at + 4 > this.pool.length) {
      this.pool = this.src.bytes(4096);
      this.at = 0;
    }
    const p = this.pool;
    const v = ((p[this.at] ?? 0) | ((p[this.at + 1] ?? 0) << 8) | ((p[this.at + 2] ?? 0) << 16) | ((p[this.at + 3] ?? 0) << 24)) >>> 0;
    this.at += 4;
    return n <= 1 ? 0 : v % n;
  }
}

/** The synthetic database as typed records, in unload order. */
export function* generateRecords(options: GenerateOptions = {}): Generator<UnloadRecord> {
  const nUsers = options.users ?? 10;
  const nGroups = Math.max(1, options.groups ?? 3);
  const nDatasets = options.datasetProfiles ?? 10;
  const perClass = options.profilesPerClass ?? 5;
  const classes = options.classes ?? ['FACILITY', 'APPL', 'STARTED', 'XFACILIT'];
  const permits = options.permitsPerProfile ?? 3;
  const nCerts = Math.min(options.certificates ?? 2, nUsers);
  const dice = new Dice(options.seed ?? 1);

  const groupOf = (u: number): string => syntheticGroupName(u % nGroups);
  const secondGroupOf = (u: number): number => (u * 7 + 3) % nGroups;
  const someId = (): string => {
    const r = dice.int(4);
    if (r === 0) return syntheticGroupName(dice.int(nGroups));
    if (r === 1 && nUsers > 0) return '*';
    return nUsers > 0 ? syntheticUserId(dice.int(nUsers)) : 'IBMUSER';
  };

  // ---- groups
  yield { type: '0100', name: 'SYS1', supgroup: '', createDate: DATE, owner: 'IBMUSER', uacc: 'NONE', installData: '', universal: false };
  for (let g = 0; g < nGroups; g++) yield { type: '0101', name: 'SYS1', subgroup: syntheticGroupName(g) };
  yield { type: '0102', name: 'SYS1', member: 'IBMUSER', authority: 'JOIN' };
  const members: number[][] = Array.from({ length: nGroups }, () => []);
  for (let u = 0; u < nUsers; u++) {
    members[u % nGroups]?.push(u);
    const s = secondGroupOf(u);
    if (s !== u % nGroups) members[s]?.push(u);
  }
  for (let g = 0; g < nGroups; g++) {
    const name = syntheticGroupName(g);
    yield { type: '0100', name, supgroup: 'SYS1', createDate: DATE, owner: 'SYS1', uacc: 'NONE', installData: `SYNTHETIC GROUP ${g}`, universal: false };
    for (const u of members[g] ?? []) yield { type: '0102', name, member: syntheticUserId(u), authority: u % 17 === 0 ? 'CONNECT' : 'USE' };
    if (g % 2 === 0) yield { type: '0120', name, gid: 1000 + g };
  }

  // ---- users
  const user = (id: string, name: string, dfltGrp: string, special: boolean): UnloadRecord => ({
    type: '0200',
    name: id,
    createDate: DATE,
    owner: 'SYS1',
    adsp: false,
    special,
    operations: false,
    revoked: false,
    grpacc: false,
    programmer: name,
    defaultGroup: dfltGrp,
    installData: '',
    uaudit: false,
    auditor: false,
    protectedUser: false,
    revokeDate: '',
    resumeDate: '',
    restricted: false,
  });
  const connect = (id: string, group: string): UnloadRecord => ({
    type: '0205',
    name: id,
    group,
    connectDate: DATE,
    owner: 'SYS1',
    uacc: 'NONE',
    adsp: false,
    special: false,
    operations: false,
    revoked: false,
    grpacc: false,
    auditor: false,
  });
  yield user('IBMUSER', 'IBM DEFAULT USER', 'SYS1', true);
  yield { type: '0203', name: 'IBMUSER', group: 'SYS1' };
  yield connect('IBMUSER', 'SYS1');
  for (let u = 0; u < nUsers; u++) {
    const id = syntheticUserId(u);
    const dg = groupOf(u);
    const rec = user(id, `SYNTH USER ${u}`, dg, false);
    if (rec.type === '0200') {
      rec.operations = u % 97 === 5;
      rec.auditor = u % 101 === 7;
      rec.revoked = u % 53 === 11;
      rec.restricted = u % 61 === 13;
    }
    yield rec;
    if (u % 50 === 1) yield { type: '0202', name: id, className: 'FACILITY' };
    yield { type: '0203', name: id, group: dg };
    yield connect(id, dg);
    const s = secondGroupOf(u);
    if (s !== u % nGroups) {
      yield { type: '0203', name: id, group: syntheticGroupName(s) };
      yield connect(id, syntheticGroupName(s));
    }
    if (u % 3 === 0) yield { type: '0270', name: id, uid: 10000 + u, home: `/u/${id.toLowerCase()}`, program: '/bin/sh' };
    if (u % 5 === 0)
      yield { type: '0220', name: id, account: 'ACCT#', command: '', proc: 'IKJACCNT', size: 4096, maxSize: 0, jobClass: 'A', msgClass: 'X', sysoutClass: 'X', holdClass: 'X', unit: 'SYSDA' };
  }
  // Certificates of users (0207 belongs to the user profile); the CERTAUTH certificate belongs to irrcerta.
  const caDn = 'CN=Synthetic Root CA.OU=ztwin.O=Example';
  const caName = digtcertName('01', caDn);
  const certName = (u: number): string => digtcertName((u + 2).toString(16), caDn);
  for (let u = 0; u < nCerts; u++) yield { type: '0207', name: syntheticUserId(u), certName: certName(u), label: `Synthetic Cert ${u}` };
  if (nCerts > 0) yield { type: '0207', name: CERTAUTH_USER, certName: caName, label: 'Synthetic Root CA' };

  // ---- data set profiles
  for (let p = 0; p < nDatasets; p++) {
    const hlq = nUsers > 0 && p % 2 === 0 ? syntheticUserId(p % nUsers) : syntheticGroupName(p % nGroups);
    const generic = p % 4 !== 3;
    // Names are unique per p (the same HLQ recurs once p passes the number of users or groups).
    const name = generic ? (p % 8 === 0 ? `${hlq}.D${pad(p, 7)}.**` : `${hlq}.D${pad(p, 7)}.*`) : `${hlq}.D${pad(p, 7)}.DATA`;
    const volume = generic ? '' : 'VOL001';
    yield {
      type: '0400',
      name,
      volume,
      generic,
      createDate: DATE,
      owner: hlq,
      uacc: p % 10 === 0 ? 'READ' : 'NONE',
      auditLevel: 'FAIL',
      level: 0,
      installData: '',
      warning: p % 50 === 7,
      notify: '',
      erase: false,
    };
    const seen = new Set<string>();
    for (let k = 0; k < permits; k++) {
      const id = someId();
      if (seen.has(id)) continue;
      seen.add(id);
      yield { type: '0404', name, volume, authId: id, access: ACCESS[dice.int(5)] ?? 'READ' };
    }
    if (p % 25 === 1) yield { type: '0402', name, volume, whenType: 'PROGRAM', whenName: 'IEBGENER', authId: someId(), access: 'UPDATE', netId: '', criteria: '' };
  }

  // ---- general resource profiles
  for (const cls of classes) {
    for (let p = 0; p < perClass; p++) {
      const generic = p % 3 === 0;
      const name = cls === 'STARTED' ? (generic ? `STC${pad(p, 4)}*.*` : `STC${pad(p, 4)}.STC${pad(p, 4)}`) : generic ? `SYN.${cls}.R${pad(p, 7)}.**` : `SYN.${cls}.R${pad(p, 7)}`;
      yield {
        type: '0500',
        name,
        className: cls,
        generic,
        createDate: DATE,
        owner: 'SYS1',
        uacc: p % 11 === 0 ? 'READ' : 'NONE',
        auditLevel: 'FAIL',
        level: 0,
        installData: '',
        warning: p % 40 === 9,
        notify: '',
        applData: '',
      };
      const seen = new Set<string>();
      for (let k = 0; k < permits; k++) {
        const id = someId();
        if (seen.has(id)) continue;
        seen.add(id);
        yield { type: '0505', name, className: cls, authId: id, access: ACCESS[dice.int(5)] ?? 'READ' };
      }
      if (p % 30 === 2) yield { type: '0507', name, className: cls, whenType: 'CONSOLE', whenName: 'MASTER', authId: someId(), access: 'READ', netId: '', criteria: '' };
      if (cls === 'STARTED') yield { type: '0540', name, className: cls, user: nUsers > 0 ? syntheticUserId(p % nUsers) : 'IBMUSER', group: syntheticGroupName(p % nGroups), trusted: p % 9 === 0, privileged: false, trace: false };
    }
  }

  // ---- certificates (DIGTCERT) and rings (DIGTRING)
  if (nCerts > 0) {
    yield* certRecords(caName, 'CERTAUTH', caDn, caDn, '2024-01-01', '2034-12-31', 'PKCSDER', 2048, '0000000000000005');
    for (let u = 0; u < nCerts; u++) {
      const expired = u % 5 === 4;
      yield* certRecords(certName(u), syntheticUserId(u), `CN=synthetic${u}.example.com.OU=ztwin.O=Example`, caDn, '2024-06-01', expired ? '2025-05-31' : '2030-05-31', u % 2 === 0 ? 'PKCSDER' : 'NISTECC', u % 2 === 0 ? 2048 : 256, '');
    }
    for (let u = 0; u < nCerts; u++) {
      const ring = digtringName(syntheticUserId(u), `Synthetic.Ring${u}`);
      yield { type: '0500', name: ring, className: 'DIGTRING', generic: false, createDate: DATE, owner: syntheticUserId(u), uacc: 'NONE', auditLevel: 'FAIL', level: 0, installData: '', warning: false, notify: '', applData: '' };
      yield { type: '0562', name: ring, className: 'DIGTRING', certName: certName(u), usage: 'PERSONAL', isDefault: true, label: `Synthetic Cert ${u}` };
      yield { type: '0562', name: ring, className: 'DIGTRING', certName: caName, usage: 'CERTAUTH', isDefault: false, label: 'Synthetic Root CA' };
    }
  }
}

function* certRecords(name: string, owner: string, subject: string, issuer: string, from: string, to: string, keyType: string, keySize: number, lastSerial: string): Generator<UnloadRecord> {
  // GRBD_UACC is the trust status and GRBD_APPL_DATA the owning user id for DIGTCERT profiles.
  const appl = owner === 'CERTAUTH' ? CERTAUTH_USER : owner;
  yield { type: '0500', name, className: 'DIGTCERT', generic: false, createDate: DATE, owner: 'IBMUSER', uacc: 'TRUST', auditLevel: 'FAIL', level: 0, installData: '', warning: false, notify: '', applData: appl };
  yield { type: '0560', name, className: 'DIGTCERT', startDate: from, startTime: '00:00:00', endDate: to, endTime: '23:59:59', keyType, keySize, lastSerial };
  yield { type: '1560', name, className: 'DIGTCERT', issuerDn: issuer, subjectDn: subject, sigAlg: 'sha256RSA' };
}

/** The synthetic unload as lines (no line ends). */
export function* generateUnload(options: GenerateOptions = {}): Generator<string> {
  const ro: RenderOptions = { trailingBlanks: options.trailingBlanks === true };
  for (const rec of generateRecords(options)) {
    const line = renderRecord(rec, ro);
    // The generator only produces values that fit their fields; a refusal is a bug here.
    if (E.isLeft(line)) throw new Error(`generateUnload: ${line.left}`);
    yield line.right;
  }
}
