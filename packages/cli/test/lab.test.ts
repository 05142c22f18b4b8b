import type * as t from 'io-ts';
import { type CapturedIo, LabJson, captureIo, nodeIo, run } from '@ztwin/cli';

const valid = (c: t.Mixed, text: string): boolean => c.is(JSON.parse(text));
/** Fixtures from the repository (examples/zcee-attls-lab/fixtures); written files stay in memory. */
const diskIo = (): CapturedIo => ({ ...captureIo(), readFile: nodeIo.readFile, readFileSync: nodeIo.readFileSync, listDir: nodeIo.listDir });

type Doc = { labDay: string; today: string; scenarios: { id: number; outcome: string | null; leg: string | null; httpStatus: number | null; clock: string }[]; diagnostics: { severity: string }[] };

describe('ztwin lab', () => {
  it("predicts each scenario of the seed lab: what the lab shows, and what its mistakes do", async () => {
    const io = diskIo();
    expect(await run(['lab', '--json', '--clock', '2026-11-24T12:00:00Z', '--out', 'out'], io)).toBe(0);
    expect(valid(LabJson, io.out())).toBe(true);
    const doc = JSON.parse(io.out()) as Doc;
    expect(doc.labDay).toBe('2020-12-11T12:00:00Z');
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.scenarios.map((s) => [s.id, s.outcome, s.httpStatus, s.leg])).toEqual([
      [1, 'redirect', 302, 'requester'], // requireSecure over plain HTTP: BAQI0005E RSC=6
      [2, 'connection-refused', null, 'requester'], // CEEOPS: no ENVAR reaches the stub, BAQURI never set
      [3, 'ok', 200, null], // the lab's goal: HTTPS through AT-TLS
      [4, 'plaintext-to-tls-port', null, 'requester'], // no rule for another job name
      [5, 'plaintext-to-tls-port', null, 'requester'], // no AT-TLS at all
      [6, 'connection-refused', null, 'requester'], // Keyring.LIBERTY: the HTTPS port never starts
      [7, 'ok', 200, null],
      [8, 'tls-handshake-failed', 500, 'outbound'], // 'zCEE Client Cert' expired on 2022-12-31
    ]);
    expect(doc.scenarios[7]?.clock).toBe('2026-11-24T12:00:00.000Z');
    // The artifacts: the state, the policy, the server variants, the jobs.
    const written = [...io.files.keys()].sort();
    for (const f of ['out/lab.json', 'out/TCPIP1.policy', 'out/server/server.xml', 'out/seed/includes/apiRequesterHTTPS.xml', 'out/GETAPI-9443.jcl', 'out/scenarios.json'])
      expect(written).toContain(f);
    expect(io.files.get('out/seed/includes/apiRequesterHTTPS.xml')).toContain('zoscconnect_apiRequesters');
    expect(io.files.get('out/TCPIP1.policy')).toMatch(/TTLSRule\s+zCEEClientRule~1/);
    // The written state is read by the other commands.
    const ring = captureIo(Object.fromEntries(io.files));
    expect(await run(['ring', 'check', '--state', 'out/lab.json', '--owner', 'LIBSERV', '--ring', 'zCEE.KeyRing', '--clock', '2026-11-24'], ring)).toBe(1);
    expect(ring.err()).toContain("KR-HEALTH-EXPIRED Certificate 'zCEE Client Cert' expired on 2022-12-31T23:59:59.000Z.");
  });

  it('prints the scenario table; a missing fixtures directory is a usage error', async () => {
    const io = diskIo();
    expect(await run(['lab', '--clock', '2026-11-24'], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('seed lab: decks applied 2020-06-01, lab day 2020-12-11, today 2026-11-24');
    expect(lines.filter((l) => /^ \d {2}/.test(l))).toHaveLength(8);
    expect(io.out()).toMatch(/^ 8 {2}scenario 3 today\s+tls-handshake-failed\s+500\s+outbound$/m);
    expect(await run(['lab', '--fixtures', '/nonexistent/fixtures'], diskIo())).toBe(2);
  });
});
