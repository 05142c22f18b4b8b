import { isRight } from 'fp-ts/Either';
import { type CapturedIo, LabJson, LabReport, captureIo, nodeIo, run } from '@ztwin/cli';
import { LabReport as ExampleLabReport } from '@ztwin/example-zcee-attls-lab';

/** Fixtures from the repository (the example package's fixtures/); written files stay in memory. */
const diskIo = (): CapturedIo => ({ ...captureIo(), readFile: nodeIo.readFile, readFileSync: nodeIo.readFileSync, listDir: nodeIo.listDir });

describe('ztwin lab (runLab of @ztwin/example-zcee-attls-lab)', () => {
  it('predicts each scenario of the seed lab, writes the artifacts and the state the other commands read', async () => {
    const io = diskIo();
    expect(await run(['lab', '--json', '--clock', '2026-11-24T12:00:00Z', '--out', 'out'], io)).toBe(0);
    // one codec: the CLI's LabJson / LabReport are the example's LabReport
    expect(LabJson).toBe(ExampleLabReport);
    expect(LabReport).toBe(ExampleLabReport);
    const json: unknown = JSON.parse(io.out());
    const decoded = LabJson.decode(json);
    if (!isRight(decoded)) throw new Error('ztwin lab --json does not decode as LabReport');
    const doc = decoded.right;
    expect((json as { out?: unknown }).out).toBe('out');
    expect(doc.prepDay).toBe('2020-06-01T00:00:00.000Z');
    expect(doc.labDay).toBe('2020-12-11T12:00:00.000Z');
    expect(doc.today.clock).toBe('2026-11-24T12:00:00.000Z');
    expect(doc.today.scenarios).toEqual([12, 13]);
    expect(doc.decks.map((d) => [d.name, d.errors])).toEqual([['ZCEERACF', 0], ['ZCEETLSS', 0], ['MVSTLS', 0], ['ZCEETLSC', 0]]);
    expect(doc.policy.equalsSeedAppendix).toBe(true);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.scenarios.map((s) => [s.id, s.basis, s.outcome, s.httpStatus, s.leg])).toEqual([
      [1, 'seed', 'redirect', 302, 'requester'],
      [2, 'seed', 'ok', 200, null],
      [3, 'seed', 'forbidden', 403, 'requester'],
      [4, 'seed', 'unauthenticated', 401, 'requester'],
      [5, 'seed', 'unauthenticated', 401, 'requester'],
      [6, 'seed', 'ok', 200, null],
      [7, 'seed', 'plaintext-to-tls-port', null, 'requester'],
      [8, 'prediction', 'connection-refused', null, 'requester'],
      [9, 'prediction', 'connection-refused', null, 'requester'],
      [10, 'prediction', 'redirect', 302, 'requester'],
      [11, 'prediction', 'connection-refused', null, 'requester'],
      [12, 'prediction', 'tls-handshake-failed', 500, 'outbound'],
      [13, 'prediction', 'tls-handshake-failed', 500, 'outbound'],
    ]);
    expect(doc.scenarios.every((s) => s.agrees && s.replay.every((r) => r.verdict === 'agree'))).toBe(true);
    expect(doc.scenarios[11]?.clock).toBe('2026-11-24T12:00:00.000Z');
    expect(doc.today.expired.map((e) => e.label)).toEqual(['zCEE Client Cert']);
    // The artifacts, written through the CLI's io.
    const written = [...io.files.keys()].sort();
    expect(written).toEqual(doc.artifacts.map((a) => `out/${a}`).sort());
    for (const f of ['out/lab.json', 'out/attls/TCPIP1.policy', 'out/server/server/server.xml', 'out/jobs/GETAPI-9443.jcl', 'out/jcl/ZCEETLSC.jcl', 'out/report.json'])
      expect(written).toContain(f);
    expect(io.files.get('out/server/seed-requesters/includes/apiRequesterHTTPS.xml')).toContain('zoscconnect_apiRequesters');
    expect(io.files.get('out/attls/TCPIP1.policy')).toMatch(/TTLSRule\s+zCEEClientRule~1/);
    // no private key anywhere unless asked for
    for (const [f, text] of io.files) expect([f, /PRIVATE KEY|"pkcs8"/.test(text)]).toEqual([f, false]);
    // The written state is read by the other commands.
    const ring = captureIo(Object.fromEntries(io.files));
    expect(await run(['ring', 'check', '--state', 'out/lab.json', '--owner', 'LIBSERV', '--ring', 'zCEE.KeyRing', '--clock', '2026-11-24'], ring)).toBe(1);
    expect(ring.err()).toContain("KR-HEALTH-EXPIRED Certificate 'zCEE Client Cert' expired on 2022-12-31T23:59:59.000Z.");
  });

  it('prints the scenario table; a missing fixtures directory is a usage error', async () => {
    const io = diskIo();
    expect(await run(['lab', '--clock', '2026-11-24', '--no-replay'], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('seed lab: decks applied 2020-06-01, lab day 2020-12-11, today 2026-11-24');
    expect(lines.filter((l) => /^[ \d]\d {2}\S/.test(l))).toHaveLength(13);
    expect(io.out()).toMatch(/^12 {2}scenario 6 today\s+prediction\s+tls-handshake-failed\s+500\s+outbound\s.*\byes\s+-$/m);
    expect(io.out()).toContain('re-running ZCEETLSC today fails: IRRD133I');
    expect(io.out()).toContain('every seed scenario agrees with the seed');
    expect(await run(['lab', '--fixtures', '/nonexistent/fixtures'], diskIo())).toBe(2);
  });

  it('writes private keys only when asked for (--private-keys); --results prints each prediction', async () => {
    const io = diskIo();
    expect(await run(['lab', '--clock', '2026-11-24', '--no-replay', '--out', 'o', '--private-keys', '--results'], io)).toBe(0);
    expect(io.files.get('o/lab-with-keys.json')).toContain('"pkcs8"');
    expect([...io.files.keys()].filter((f) => f.startsWith('o/keys/')).sort()).toEqual([
      'o/keys/CERTAUTH-Liberty_CA.key.pem',
      'o/keys/CERTAUTH-zCEE_CA.key.pem',
      'o/keys/LIBSERV-Liberty_Client_Cert.key.pem',
      'o/keys/LIBSERV-zCEE_Client_Cert.key.pem',
      'o/keys/USER1-USER1.key.pem',
    ]);
    expect(io.files.get('o/lab.json')).not.toContain('"pkcs8"');
    expect(io.out()).toContain('--- scenario 13: scenario 2 today');
    expect(io.out()).toContain('artifacts written to o');
  });
});
