/**
 * Issue #3's done-when: the rings `ztwin ring list` shows after the lab's decks are the rings the
 * seed lab shows for USER1 and LIBSERV. The state is built in-process (the decks' GENCERTs default
 * to RSA-2048; pre-generated keys keep the test fast) and handed to the CLI as a state file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ztwin/core';
import { applyDeck, fixedKeySource, parseListringText, readPem, seededKeySource } from '@ztwin/keyring';
import { createState, serializeState } from '@ztwin/racf-model';
import { RingListJson, captureIo, run } from '@ztwin/cli';

const DECKS = ['ZCEERACF', 'ZCEETLSS', 'MVSTLS', 'ZCEETLSC'];
const fixtures = join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf');

// The two listings the seed lab shows (typed here as RACF prints LISTRING; the seed lists
// USER1's ring with the CA first, which is not the order MVSTLS connects them in).
const seedUser1 = `Digital ring information for user USER1:

  Ring:
       >Liberty.KeyRing<
  Certificate Label Name             Cert Owner     USAGE      DEFAULT
  --------------------------------   ------------   --------   -------
  Liberty CA                         CERTAUTH       CERTAUTH     NO
  USER1                              ID(USER1)      PERSONAL     YES
`;
const seedLibserv = `Digital ring information for user LIBSERV:

  Ring:
       >Liberty.KeyRing<
  Certificate Label Name             Cert Owner     USAGE      DEFAULT
  --------------------------------   ------------   --------   -------
  Liberty Client Cert                ID(LIBSERV)    PERSONAL     YES
  Liberty CA                         CERTAUTH       CERTAUTH     NO
  zCEE CA                            CERTAUTH       CERTAUTH     NO
`;

let files: Record<string, string> = {};
beforeAll(async () => {
  const keys = readPem(readFileSync(join(__dirname, 'fixtures', 'lab-rsa-keys.pem'), 'utf8')).map((b) => b.der);
  const ctx = { clock: fixedClock('2020-06-01T12:00:00Z'), keySource: seededKeySource('cli ring seed', fixedKeySource(keys)) };
  let state = createState();
  for (const d of DECKS) {
    const r = await applyDeck(state, readFileSync(join(fixtures, `${d}.racf`), 'utf8'), { ...ctx, source: `${d}.racf` });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    state = r.state;
  }
  files = { 's.json': JSON.stringify(serializeState(state, { includeSecrets: true })) };
});

async function ringList(owner: string, ring: string): Promise<{ text: string; rows: [string, string, string, boolean][] }> {
  const t = captureIo(files);
  expect(await run(['ring', 'list', '--state', 's.json', '--owner', owner, '--ring', ring], t)).toBe(0);
  const j = captureIo(files);
  expect(await run(['ring', 'list', '--state', 's.json', '--owner', owner, '--ring', ring, '--json'], j)).toBe(0);
  const doc: unknown = JSON.parse(j.out());
  if (!RingListJson.is(doc) || !('rows' in doc)) throw new Error(`not a single-ring listing: ${j.out()}`);
  return { text: t.out(), rows: doc.rows.map((r) => [r.label, r.certOwner, r.usage, r.default]) };
}
const rowsOf = (listing: string): [string, string, string, boolean][] =>
  (parseListringText(listing)[0]?.rows ?? []).map((r) => [r.label, r.certOwner, r.usage, r.default]);
const sorted = <T>(xs: T[]): T[] => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('ztwin ring list after the lab decks = the rings the seed shows', () => {
  it("LIBSERV's Liberty.KeyRing: same rows, same order, as data and as LISTRING text", async () => {
    const got = await ringList('LIBSERV', 'Liberty.KeyRing');
    expect(got.rows).toEqual(rowsOf(seedLibserv));
    expect(rowsOf(got.text)).toEqual(rowsOf(seedLibserv));
  });

  it("USER1's Liberty.KeyRing: same rows (the seed's order is not MVSTLS's connect order)", async () => {
    const got = await ringList('USER1', 'Liberty.KeyRing');
    expect(sorted(got.rows)).toEqual(sorted(rowsOf(seedUser1)));
    expect(sorted(rowsOf(got.text))).toEqual(sorted(rowsOf(seedUser1)));
  });

  it("LIBSERV's outbound ring zCEE.KeyRing holds the client certificate as DEFAULT and both CAs", async () => {
    const got = await ringList('LIBSERV', 'zCEE.KeyRing');
    expect(sorted(got.rows)).toEqual(
      sorted([
        ['zCEE CA', 'CERTAUTH', 'CERTAUTH', false],
        ['Liberty CA', 'CERTAUTH', 'CERTAUTH', false],
        ['zCEE Client Cert', 'ID(LIBSERV)', 'PERSONAL', true],
      ]),
    );
  });

  it('the ring name is case-sensitive: Keyring.LIBERTY does not exist (exit 1, near-miss hint)', async () => {
    const t = captureIo(files);
    expect(await run(['ring', 'list', '--state', 's.json', '--owner', 'LIBSERV', '--ring', 'Keyring.LIBERTY'], t)).toBe(1);
    expect(t.err()).toMatch(/Liberty\.KeyRing/);
  });
});
