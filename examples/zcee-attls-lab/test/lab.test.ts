import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/jest';
import { fixedClock } from '@ztwin/core';
import type { Outcome } from '@ztwin/simulator';
import { parsePolicy, samePolicy } from '@ztwin/attls-policy';
import { fixedKeySource, readPem } from '@ztwin/keyring';
import { envText, readApiRequesterJob } from '@ztwin/zcee-config';
import { compareOutcome, formatLabReport, LAB_FIXTURES, labAgrees, labMain, LabReport, runLab } from '@ztwin/example-zcee-attls-lab';

/** The five pre-generated RSA keys the lab's GENCERTs use (RACF's RSA default), instead of fresh ones. */
const keys = (): ReturnType<typeof fixedKeySource> =>
  fixedKeySource(readPem(readFileSync(join(__dirname, 'fixtures', 'lab-rsa-keys.pem'), 'utf8')).map((b) => b.der));
const TODAY = fixedClock('2026-11-24T12:00:00Z');

let out: string;
let report: LabReport;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'ztwin-lab-'));
  report = await runLab({ today: TODAY, keySource: keys(), outDir: out });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const row = (id: number): LabReport['scenarios'][number] => {
  const s = report.scenarios.find((x) => x.id === id);
  if (s === undefined) throw new Error(`no scenario ${id}`);
  return s;
};

describe('runLab: the seed lab at 2026-11-24 with fixed keys', () => {
  test('the report is a LabReport; decks apply without errors', () => {
    expect(LabReport.is(report)).toBe(true);
    expect(report.decks.map((d) => [d.name, d.errors])).toEqual([
      ['ZCEERACF', 0],
      ['ZCEETLSS', 0],
      ['MVSTLS', 0],
      ['ZCEETLSC', 0],
    ]);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('every seed scenario agrees with the outcome the seed documents', () => {
    const seed = report.scenarios.filter((s) => s.basis === 'seed');
    expect(seed.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const s of seed) expect([s.id, s.differences]).toEqual([s.id, []]);
    expect(labAgrees(report)).toBe(true);
    // a few of the seed's own words, checked on the prediction itself
    expect(row(1).result?.messages.find((m) => m.id === 'BAQI0005E')?.text).toContain('RC=262');
    expect(row(3).result?.messages.find((m) => m.id === 'BAQR7115E')?.text).toContain('USER2');
    expect(row(6).result?.tls).toMatchObject({ rule: 'zCEEClientRule~1', protocol: 'TLSv1.2', clientCert: { label: 'USER1' }, serverCert: { label: 'Liberty Client Cert' } });
    expect(row(2).result?.identity).toMatchObject({ asserted: 'USER1', authenticated: 'USER1', provider: 'LIBSERV' });
  });

  test("today the outbound leg fails: 'zCEE Client Cert' has expired; ZCEETLSC cannot be re-run (IRRD133I)", () => {
    for (const id of [12, 13]) {
      const s = row(id);
      expect([s.basis, s.outcome, s.leg, s.httpStatus, s.clock]).toEqual(['prediction', 'tls-handshake-failed', 'outbound', 500, '2026-11-24T12:00:00.000Z']);
      expect(s.result?.outboundTls?.clientCert?.label ?? JSON.stringify(s.result?.trace)).toContain('zCEE Client Cert');
    }
    expect(report.today.expired).toEqual([{ owner: 'LIBSERV', label: 'zCEE Client Cert', notAfter: '2022-12-31T23:59:59.000Z', rings: ['LIBSERV/zCEE.KeyRing'] }]);
    expect(report.today.zceetlscToday.ok).toBe(false);
    expect(report.today.zceetlscToday.messages.some((m) => m.startsWith('IRRD133I'))).toBe(true);
  });

  test('every TLS leg is replayed with node:tls and agrees', () => {
    const replayed = report.scenarios.filter((s) => s.replay.length > 0).map((s) => [s.id, s.replay.map((r) => r.leg)]);
    expect(replayed).toEqual([
      [2, ['outbound']],
      [6, ['requester', 'outbound']],
      [7, ['requester']],
      [12, ['requester', 'outbound']],
      [13, ['outbound']],
    ]);
    for (const s of report.scenarios) for (const r of s.replay) expect([s.id, r.leg, r.verdict]).toEqual([s.id, r.leg, 'agree']);
  });

  test("the inputs are checked first: the seed's mistakes are flagged, the lab's own inputs are clean", () => {
    const errors = (name: string): string[] =>
      (report.inputs.find((i) => i.name === name)?.diagnostics ?? [{ code: 'MISSING', severity: 'error' }]).filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors('GETAPI.jcl')).toEqual([]);
    expect(errors('server')).toEqual([]);
    expect(errors('server-http')).toEqual([]);
    expect(errors('GETAPI-as-printed.jcl')).toEqual(['ZCEE_JOB_CEEOPTS']);
    expect(report.inputs.find((i) => i.name === 'GETAPI-as-printed.jcl')?.diagnostics.map((d) => d.code)).toContain('JCLL002'); // the duplicated EXEC card
    expect(errors('seed-keyring')).toEqual(['ZCEE_RING_NOT_FOUND']);
    expect(errors('seed-requesters')).toEqual(['ZCEE_UNKNOWN_ELEMENT']);
    expect(errors('seed-include')).toContain('ZCEE_INCLUDE_NOT_FOUND');
    // and today the lab's own server.xml has an unusable outbound certificate
    expect(report.today.serverFindings.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['ZCEE_RING_DEFAULT_UNUSABLE']);
  });

  test('the NCA policy equals the seed appendix; the appendix as printed (TLSKeyringParms) is refused', () => {
    expect(report.policy.equalsSeedAppendix).toBe(true);
    expect(report.policy.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.policy.seedTypo.map((d) => d.code)).toContain('ATTLS001');
  });

  test('artifacts are written; the policy file parses back equal to the seed appendix', () => {
    for (const a of report.artifacts) expect([a, existsSync(join(out, a))]).toEqual([a, true]);
    const text = (rel: string): string => readFileSync(join(out, rel), 'utf8');
    const written = parsePolicy(text('attls/TCPIP1.policy'), 'TCPIP1.policy');
    expect(written.diagnostics).toEqual([]);
    const appendix = parsePolicy(readFileSync(join(LAB_FIXTURES, 'attls', 'seed-appendix.policy'), 'utf8'), 'seed-appendix.policy');
    expect(samePolicy(written.policy, appendix.policy)).toBe(true);
    // report.json is the report
    expect(JSON.parse(text('report.json'))).toEqual(JSON.parse(JSON.stringify(report)));
    // RACF batch jobs, the GETAPI variants, server.xml variants, PEM certificates, LISTRING
    expect(text('jcl/ZCEETLSC.jcl')).toMatch(/^\/\/ZCEETLSC JOB .*\n\/\/RACF +EXEC PGM=IKJEFT01\n/);
    const https = readApiRequesterJob(text('jobs/GETAPI-9443.jcl'), 'GETAPI-9443.jcl').value;
    expect(https === undefined ? undefined : envText(https, 'BAQPORT')).toBe('9443');
    expect(text('server/seed-keyring/includes/keyringOutboundMutual.xml')).toContain('safkeyring:///Keyring.LIBERTY');
    expect(text('server/seed-include/server.xml')).toContain('keyringOutboundMutua.xml');
    expect(readPem(text('certs/LIBSERV-zCEE_Client_Cert.pem')).map((b) => b.type)).toEqual(['CERTIFICATE']);
    expect(text('rings/LIBSERV.zCEE.KeyRing.listring.txt')).toMatch(/zCEE Client Cert\s+ID\(LIBSERV\)\s+PERSONAL\s+YES/);
    // no private key in any artifact (none was asked for)
    for (const a of report.artifacts) expect([a, /PRIVATE KEY|"pkcs8"/.test(text(a))]).toEqual([a, false]);
  });

  test('the table names every scenario and says which rows are predictions', () => {
    const t = formatLabReport(report);
    expect(t.split('\n')[0]).toBe('seed lab: decks applied 2020-06-01, lab day 2020-12-11, today 2026-11-24');
    expect(t).toMatch(/^ 6 {2}HTTPS 9443 through zCEEClientRule~1\s+seed\s+ok\s+200\s+-\s+ID1 USER1 ID2 USER1 TLSv1\.2 prov LIBSERV\s+yes\s+req:agree out:agree$/m);
    expect(t).toMatch(/^ 3 {2}USER=USER2 on the job card\s+seed\s+forbidden\s+403\s+requester\s+ID1 USER2 ID2 USER1\s+yes/m);
    expect(t).toMatch(/^13 {2}scenario 2 today\s+prediction\s+tls-handshake-failed\s+500\s+outbound\s+ID1 USER1 ID2 USER1\s+yes/m);
    expect(t).toContain("'zCEE Client Cert' (LIBSERV) expired 2022-12-31, in LIBSERV/zCEE.KeyRing");
    expect(t).toContain('every seed scenario agrees with the seed');
    // the README shows this very output
    expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain(t);
  });
});

describe('runLab: the predictions follow the clock and the inputs', () => {
  test("on the lab day itself nothing has expired and the 'today' rows work", async () => {
    // real RSA keys here: re-running ZCEETLSC then generates a sixth key
    const r = await runLab({ today: fixedClock('2020-12-11T12:00:00Z'), replayTls: false });
    expect(r.today.expired).toEqual([]);
    expect([row2(r, 12), row2(r, 13)]).toEqual([
      ['ok', false],
      ['ok', false],
    ]);
    expect(r.today.zceetlscToday.ok).toBe(true);
  });

  test('a lab day after 2022-12-31 contradicts the seed: the run does not agree', async () => {
    const r = await runLab({ labClock: fixedClock('2023-06-01T00:00:00Z'), today: TODAY, keySource: keys(), replayTls: false });
    expect(r.scenarios.filter((s) => s.basis === 'seed' && !s.agrees).map((s) => s.id)).toEqual([2, 6]);
    expect(labAgrees(r)).toBe(false);
    expect(formatLabReport(r)).toContain('scenario 6 differs: outcome tls-handshake-failed, expected ok');
  });

  test('missing fixtures are diagnostics, not exceptions', async () => {
    const r = await runLab({ fixturesDir: join(tmpdir(), 'no-such-lab-fixtures'), today: TODAY, keySource: keys(), replayTls: false });
    expect(r.diagnostics.filter((d) => d.code === 'LAB_FIXTURE').length).toBeGreaterThanOrEqual(4);
    expect(labAgrees(r)).toBe(false);
    // the jobs read from fixtures are missing (the others are built from the job as data)
    expect(r.scenarios.filter((s) => s.result === null).map((s) => s.id)).toEqual([1, 2, 3, 8, 10, 13]); // 3: USER1 cannot submit for USER2 in an empty RACF
    // only USERX's 401 (no such user) is still what the seed shows
    expect(r.scenarios.filter((s) => s.basis === 'seed' && s.agrees).map((s) => s.id)).toEqual([5]);
  });

  test.prop([fc.integer({ min: 0, max: 12 }), fc.constantFrom<Outcome>('ok', 'redirect', 'unauthenticated', 'forbidden', 'plaintext-to-tls-port', 'tls-handshake-failed', 'connection-refused'), fc.option(fc.integer({ min: 100, max: 599 }), { nil: null })])(
    'compareOutcome: a prediction agrees with itself and disagrees exactly where the outcome or status differs',
    (i, outcome, httpStatus) => {
      const r = report.scenarios[i]?.result ?? null;
      if (r === null) return;
      expect(compareOutcome({ outcome: r.outcome, httpStatus: r.httpStatus, leg: r.leg, stubErrorCode: r.stubErrorCode, messages: r.messages.map((m) => m.id), identity: r.identity }, r)).toEqual([]);
      const d = compareOutcome({ outcome, httpStatus }, r);
      expect(d.length).toBe((outcome !== r.outcome ? 1 : 0) + (httpStatus !== r.httpStatus ? 1 : 0));
    },
  );

  test('an output directory that cannot be written is a diagnostic', async () => {
    const blocked = join(out, 'report.json', 'sub'); // a path below a file
    const r = await runLab({ today: TODAY, keySource: keys(), replayTls: false, outDir: blocked });
    expect(r.diagnostics.map((d) => d.code)).toContain('LAB_WRITE');
    expect(r.artifacts).toEqual([]);
  });

  test('compareOutcome names each difference', () => {
    const ok = row(6).result;
    expect(compareOutcome({ outcome: 'ok', httpStatus: 200 }, ok)).toEqual([]);
    expect(compareOutcome({ outcome: 'redirect', httpStatus: 302, messages: ['BAQI0005E'], identity: { asserted: 'USER2' }, tls: { rule: 'otherRule' } }, ok)).toEqual([
      'outcome ok, expected redirect',
      'HTTP 200, expected 302',
      'no message BAQI0005E',
      'asserted identity USER1, expected USER2',
      'AT-TLS rule zCEEClientRule~1, expected otherRule',
    ]);
    expect(compareOutcome({ outcome: 'ok', httpStatus: 200 }, null)).toEqual(['no prediction']);
  });
});

function row2(r: LabReport, id: number): [string | null, boolean] {
  const s = r.scenarios.find((x) => x.id === id);
  return [s?.outcome ?? null, s?.agrees ?? false];
}

describe('labMain (npm run lab)', () => {
  test('bad arguments are exit 2; a run writes the artifacts and exits 0 when the seed agrees', async () => {
    const err: string[] = [];
    const io = { stdout: (): void => undefined, stderr: (t: string): void => void err.push(t) };
    expect(await labMain(['--clock', 'yesterday'], io)).toBe(2);
    expect(await labMain(['--bogus'], io)).toBe(2);
    expect(err.join('')).toContain("--clock 'yesterday' is not an ISO date");
    const dir = mkdtempSync(join(tmpdir(), 'ztwin-labmain-'));
    try {
      const printed: string[] = [];
      const code = await labMain([dir, '--clock', '2026-11-24'], { stdout: (t) => void printed.push(t), stderr: (t) => void err.push(t) }, { keySource: keys(), replayTls: false });
      expect(code).toBe(0);
      expect(printed.join('')).toContain('re-running ZCEETLSC today fails: IRRD133I');
      expect(existsSync(join(dir, 'report.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
