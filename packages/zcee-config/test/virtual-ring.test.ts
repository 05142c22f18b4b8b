/**
 * RACF virtual key rings in server.xml (`safkeyring://LIBSERV/*`, `safkeyring:///*`,
 * `safkeyring://*AUTH*` + `/*`): parsing, building, and the checks against the lab's RACF state.
 */
import { test as propTest, fc } from '@fast-check/jest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Diagnostic, fixedClock, formatDiagnostic } from '@ztwin/core';
import type { RacfState } from '@ztwin/racf-model';
import { LAB_SERVER_CONFIG_DIR, LAB_SERVER_USER, type SecurityFacts, checkServerConfig, labServerFiles, parseSafKeyringUrl, renderFileSet, safKeyringUrl, securityFactsFromState, virtualSafKeyringUrl } from '@ztwin/zcee-config';
import { labState } from './labstate';

const LAB_DAY = fixedClock('2020-12-11T12:00:00Z');
const TODAY = fixedClock('2026-11-25T12:00:00Z');
const KEYRING_FILE = 'includes/keyringOutboundMutual.xml';

describe('parseSafKeyringUrl: virtual rings', () => {
  test.each([
    ['safkeyring://LIBSERV/*', { scheme: 'safkeyring', ring: '*', owner: 'LIBSERV', virtual: 'ID' }],
    ['safkeyring://libserv/*', { scheme: 'safkeyring', ring: '*', owner: 'LIBSERV', virtual: 'ID' }],
    ['safkeyring:///*', { scheme: 'safkeyring', ring: '*', virtual: 'ID' }],
    ['safkeyring://*AUTH*/*', { scheme: 'safkeyring', ring: '*', owner: '*AUTH*', virtual: 'CERTAUTH' }],
    ['safkeyringhw://*auth*/*', { scheme: 'safkeyringhw', ring: '*', owner: '*AUTH*', virtual: 'CERTAUTH' }],
    ['safkeyring://*SITE*/*', { scheme: 'safkeyring', ring: '*', owner: '*SITE*', virtual: 'SITE' }],
    ['safkeyring://IRRCERTA/*', { scheme: 'safkeyring', ring: '*', owner: 'IRRCERTA', virtual: 'CERTAUTH' }],
    // a real ring stays real
    ['safkeyring://LIBSERV/Liberty.KeyRing', { scheme: 'safkeyring', ring: 'Liberty.KeyRing', owner: 'LIBSERV' }],
  ])('%s', (url, want) => expect(parseSafKeyringUrl(url)).toEqual(want));

  propTest.prop([fc.oneof(fc.constant(undefined), fc.stringMatching(/^[A-Z#$@][A-Z0-9#$@]{0,7}$/).filter((s) => s !== 'IRRCERTA' && s !== 'IRRSITEC'))])(
    'virtualSafKeyringUrl round-trips for user IDs',
    (id) => {
      const url = virtualSafKeyringUrl(id === undefined ? undefined : { kind: 'ID', id });
      expect(parseSafKeyringUrl(url)).toEqual({ scheme: 'safkeyring', ring: '*', virtual: 'ID', ...(id === undefined ? {} : { owner: id }) });
      expect(url).toBe(safKeyringUrl('*', id));
    },
  );
  test('CERTAUTH and SITE URLs', () => {
    expect(virtualSafKeyringUrl({ kind: 'CERTAUTH' })).toBe('safkeyring://*AUTH*/*');
    expect(virtualSafKeyringUrl({ kind: 'SITE' }, 'safkeyringhw')).toBe('safkeyringhw://*SITE*/*');
  });
});

let lab: RacfState;
let facts: SecurityFacts;
beforeAll(async () => {
  const r = await labState();
  lab = r.state;
  facts = securityFactsFromState(lab);
});

/** The lab's server files with the inbound ssl's key and trust stores replaced. */
function files(o: { key: string; trust?: string; alias?: string }): Map<string, string> {
  const r = renderFileSet(labServerFiles());
  if (r.value === undefined) throw new Error('render refused');
  const m = new Map(r.value);
  const text = m.get(KEYRING_FILE) ?? '';
  let t = text.replace('location="safkeyring:///Liberty.KeyRing"', `location="${o.key}"`);
  if (o.trust !== undefined)
    t = t
      .replace('trustStoreRef="CellDefaultKeyStore"', 'trustStoreRef="CATrust"')
      .replace('</server>', `  <keyStore id="CATrust" location="${o.trust}" password="password" type="JCERACFKS" fileBased="false" readOnly="true"/>\n</server>`);
  if (o.alias !== undefined) t = t.replace('<ssl id="DefaultSSLSettings"', `<ssl id="DefaultSSLSettings" serverKeyAlias="${o.alias}"`);
  expect(t).not.toEqual(text);
  m.set(KEYRING_FILE, t);
  return m;
}
const check = (f: Map<string, string>, clock = LAB_DAY, f2: SecurityFacts = facts): Diagnostic[] =>
  checkServerConfig({ files: f, serverConfigDir: LAB_SERVER_CONFIG_DIR }, { facts: f2, serverUser: LAB_SERVER_USER, clock }).diagnostics;
const ringCodes = (ds: readonly Diagnostic[]): string[] => ds.filter((d) => /RING|VIRTUAL/.test(d.code)).map((d) => d.code);

describe('checkServerConfig with virtual rings against the lab state', () => {
  test('the lab itself has no ring findings on the lab day (baseline)', () => {
    const r = renderFileSet(labServerFiles());
    expect(ringCodes(check(r.value ?? new Map()))).toEqual([]);
  });

  test("safkeyring://LIBSERV/* with serverKeyAlias and safkeyring://*AUTH*/* as trust store: clean, no ring-not-found", () => {
    expect(ringCodes(check(files({ key: 'safkeyring://LIBSERV/*', trust: 'safkeyring://*AUTH*/*', alias: 'Liberty Client Cert' })))).toEqual([]);
    // the server user's own virtual ring, written without an owner
    expect(ringCodes(check(files({ key: 'safkeyring:///*', trust: 'safkeyring://*AUTH*/*', alias: 'Liberty Client Cert' })))).toEqual([]);
  });

  test('no serverKeyAlias: a virtual ring has no DEFAULT; as its own trust store it trusts nobody', () => {
    const ds = check(files({ key: 'safkeyring://LIBSERV/*' }));
    expect(ringCodes(ds)).toEqual(['ZCEE_RING_NO_CA', 'ZCEE_VIRTUAL_RING_NO_ALIAS']);
    expect(ds.find((d) => d.code === 'ZCEE_VIRTUAL_RING_NO_ALIAS')?.message).toContain("set serverKeyAlias to the label of one of LIBSERV's certificates");
  });

  test('the alias must name a usable certificate of the owner', () => {
    expect(ringCodes(check(files({ key: 'safkeyring://LIBSERV/*', trust: 'safkeyring://*AUTH*/*', alias: 'liberty client cert' })))).toEqual(['ZCEE_VIRTUAL_RING_NO_CERT']);
    // zCEE Client Cert has NOTAFTER 2022/12/31
    expect(ringCodes(check(files({ key: 'safkeyring://LIBSERV/*', trust: 'safkeyring://*AUTH*/*', alias: 'zCEE Client Cert' }), LAB_DAY))).toEqual([]);
    const ds = check(files({ key: 'safkeyring://LIBSERV/*', trust: 'safkeyring://*AUTH*/*', alias: 'zCEE Client Cert' }), TODAY);
    expect(ds.filter((d) => d.code === 'ZCEE_RING_DEFAULT_UNUSABLE' && d.message.includes('virtual')).map((d) => d.message)).toEqual([expect.stringMatching(/certificate 'zCEE Client Cert' of the virtual key ring LIBSERV\/\* is not usable: .*expired on 2022-12-31/)]);
  });

  test("another user's virtual ring: UPDATE to IRR.DIGTCERT.LISTRING, and its keys never through FACILITY", () => {
    const ds = check(files({ key: 'safkeyring://USER1/*', trust: 'safkeyring://*AUTH*/*', alias: 'USER1' }));
    expect(ringCodes(ds)).toEqual(['ZCEE_RING_ACCESS']);
    expect(ds.find((d) => d.code === 'ZCEE_RING_ACCESS')?.hint).toContain("the private keys of USER1's certificates are available only to their owner");
  });

  test('CERTAUTH/SITE rings present nothing; SITE is flagged for the Java RACF key store', () => {
    expect(ringCodes(check(files({ key: 'safkeyring://*AUTH*/*', trust: 'safkeyring://*AUTH*/*' })))).toEqual(['ZCEE_VIRTUAL_RING_NO_KEY']);
    expect(ringCodes(check(files({ key: 'safkeyring://LIBSERV/*', trust: 'safkeyring://*SITE*/*', alias: 'Liberty Client Cert' })))).toEqual(['ZCEE_VIRTUAL_RING_SITE']);
  });
});

test('the README shows what check prints for safkeyring://LIBSERV/* without serverKeyAlias', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const m = /```virtual-diagnostics\n([\s\S]*?)```/.exec(readme);
  const shown = (m?.[1] ?? '').trim().split('\n');
  const ds = check(files({ key: 'safkeyring://LIBSERV/*' })).filter((d) => /RING|VIRTUAL/.test(d.code));
  expect(ds.map(formatDiagnostic)).toEqual(shown);
});
