import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { type Diagnostic, fixedClock, hasErrors } from '@ztwin/core';
import {
  LAB_INCLUDES,
  LAB_SERVER_CONFIG_DIR,
  LAB_SERVER_USER,
  checkServerConfig,
  inMemorySecurityFacts,
  labSecurityFacts,
  labServerFiles,
  parseXml,
  renderFileSet,
  renderXml,
  withoutLocations,
  type LabOptions,
} from '@ztwin/zcee-config';

const TODAY = fixedClock('2026-11-24T12:00:00Z');
const BEFORE_EXPIRY = fixedClock('2022-06-01T12:00:00Z');

function render(o: LabOptions = {}): Map<string, string> {
  const r = renderFileSet(labServerFiles(o));
  expect(r.diagnostics).toEqual([]);
  if (r.value === undefined) throw new Error('render refused');
  return r.value;
}
function check(files: Map<string, string>, clock = TODAY) {
  return checkServerConfig(
    { files, serverConfigDir: LAB_SERVER_CONFIG_DIR },
    { facts: inMemorySecurityFacts(labSecurityFacts()), serverUser: LAB_SERVER_USER, clock },
  );
}
const byCode = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const path = (f: string) => `${LAB_SERVER_CONFIG_DIR}/${f}`;
const lineOf = (text: string | undefined, needle: string) => (text ?? '').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the seed lab server built from code', () => {
  test('server.xml includes the six files with the lab\'s /${server.config.dir}/includes/ form', () => {
    const files = render();
    const server = files.get('server.xml') ?? '';
    for (const f of LAB_INCLUDES) expect(server).toContain(`<include location="/\${server.config.dir}/includes/${f}"/>`);
    expect([...files.keys()].sort()).toEqual(['server.xml', ...LAB_INCLUDES.map((f) => `includes/${f}`)].sort());
  });

  test('every rendered file reads back to the tree it was built from', () => {
    const built = labServerFiles();
    for (const [p, text] of render()) {
      const parsed = parseXml(text, p);
      expect(parsed.diagnostics).toEqual([]);
      const doc = built[p];
      expect(doc).toBeDefined();
      if (parsed.value === undefined || doc === undefined) continue;
      expect(withoutLocations(parsed.value.root)).toEqual(withoutLocations(doc.root));
    }
  });

  test('the doubled slash of /${server.config.dir}/... resolves to the includes directory (Java File collapses //)', () => {
    const r = check(render(), BEFORE_EXPIRY);
    expect(r.config.files.map((f) => f.path)).toEqual([path('server.xml'), ...LAB_INCLUDES.map((f) => path(`includes/${f}`))]);
  });

  test('the corrected lab has no errors while the client certificate is valid', () => {
    const r = check(render(), BEFORE_EXPIRY);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.model.keyStores.map((k) => k.safKeyring?.ring)).toEqual(['Liberty.KeyRing', 'zCEE.KeyRing']);
    expect(r.model.apiRequesters?.requesters).toEqual([
      expect.objectContaining({ name: 'cscvincapi_1.0.0', requireSecure: true, idAssertion: 'ASSERT_ONLY', invokeGroup: ['GMINVOKE'], adminGroup: ['GMADMIN'], authorizationInterceptor: true }),
    ]);
    // requireSecure=true with port 9080 open: the lab's first run gets a 302
    const redirect = byCode(r.diagnostics, 'ZCEE_REQUIRE_SECURE_REDIRECT');
    expect(redirect).toHaveLength(1);
    expect(redirect[0]?.message).toContain('302');
    expect(redirect[0]?.source).toBe(path('includes/apiRequesterHTTPS.xml'));
  });

  test('requireSecure=false (the lab\'s temporary change) removes the redirect warning', () => {
    const r = check(render({ requireSecure: false }), BEFORE_EXPIRY);
    expect(byCode(r.diagnostics, 'ZCEE_REQUIRE_SECURE_REDIRECT')).toEqual([]);
  });

  test('by 2026-11-24 the outbound client certificate (NOTAFTER 2022/12/31) has expired', () => {
    const files = render();
    const r = check(files);
    expect(hasErrors(r.diagnostics)).toBe(true);
    const [d, ...more] = byCode(r.diagnostics, 'ZCEE_RING_DEFAULT_UNUSABLE');
    expect(more).toEqual([]);
    expect(d?.message).toContain('zCEE Client Cert');
    expect(d?.message).toContain('2022-12-31');
    expect(d?.source).toBe(path('includes/keyringOutboundMutual.xml'));
    expect(d?.line).toBe(lineOf(files.get('includes/keyringOutboundMutual.xml'), 'safkeyring:///zCEE.KeyRing'));
  });
});

describe('the seed lab\'s mistakes, each reported with its file and line', () => {
  test('misspelled element zoscconnect_apiRequesters', () => {
    const files = render({ apiRequestersElement: 'zoscconnect_apiRequesters' });
    const r = check(files, BEFORE_EXPIRY);
    const [d] = byCode(r.diagnostics, 'ZCEE_UNKNOWN_ELEMENT');
    expect(d).toMatchObject({ severity: 'error', source: path('includes/apiRequesterHTTPS.xml'), hint: 'did you mean zosconnect_apiRequesters?' });
    expect(d?.line).toBe(lineOf(files.get('includes/apiRequesterHTTPS.xml'), '<zoscconnect_apiRequesters'));
    expect(d?.message).toContain('silently ignores');
    // and so the API requester settings do not apply
    expect(r.model.apiRequesters).toBeUndefined();
  });

  test('missing include keyringOutboundMutua.xml', () => {
    const files = render({ keyringIncludeName: 'keyringOutboundMutua.xml' });
    const r = check(files, BEFORE_EXPIRY);
    const [d] = byCode(r.diagnostics, 'ZCEE_INCLUDE_NOT_FOUND');
    expect(d).toMatchObject({ severity: 'error', source: path('server.xml'), hint: 'did you mean keyringOutboundMutual.xml?' });
    expect(d?.line).toBe(lineOf(files.get('server.xml'), 'keyringOutboundMutua.xml'));
    // consequences: no TLS feature, the endpoint's sslCertsRef dangles
    expect(byCode(r.diagnostics, 'ZCEE_HTTPS_NO_FEATURE')).toHaveLength(1);
    expect(byCode(r.diagnostics, 'ZCEE_REF_UNRESOLVED')).toHaveLength(1);
  });

  test('ring name in the wrong case: Keyring.LIBERTY is not Liberty.KeyRing', () => {
    const files = render({ inboundRing: 'Keyring.LIBERTY' });
    const r = check(files, BEFORE_EXPIRY);
    const [d, ...more] = byCode(r.diagnostics, 'ZCEE_RING_NOT_FOUND');
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', source: path('includes/keyringOutboundMutual.xml'), hint: 'did you mean Liberty.KeyRing?' });
    expect(d?.line).toBe(lineOf(files.get('includes/keyringOutboundMutual.xml'), 'Keyring.LIBERTY'));
  });

  test('without a server user the own-ring keystores cannot be checked, and the checker says so', () => {
    const r = checkServerConfig({ files: render(), serverConfigDir: LAB_SERVER_CONFIG_DIR }, { facts: inMemorySecurityFacts(labSecurityFacts()), clock: TODAY });
    expect(byCode(r.diagnostics, 'ZCEE_RING_OWNER_UNKNOWN')).toHaveLength(2);
    expect(byCode(r.diagnostics, 'ZCEE_RING_DEFAULT_UNUSABLE')).toEqual([]);
  });
});

describe('a hand-written include in the seed\'s layout (CRLF, attributes on separate lines)', () => {
  const text = fs.readFileSync(nodePath.join(__dirname, 'fixtures', 'keyring-wrongcase.xml'), 'utf8');
  const files = new Map(render());
  files.set('includes/keyringOutboundMutual.xml', text);

  test('the wrong-case ring is reported on the line of its location attribute', () => {
    const r = check(files, BEFORE_EXPIRY);
    const [d] = byCode(r.diagnostics, 'ZCEE_RING_NOT_FOUND');
    expect(d).toMatchObject({ source: path('includes/keyringOutboundMutual.xml'), line: 19, hint: 'did you mean Liberty.KeyRing?' });
    expect(text.split('\r\n')[(d?.line ?? 0) - 1]).toContain('location="safkeyring:///Keyring.LIBERTY"');
  });

  test('it means the same as the built file and renders back with its comment', () => {
    const built = check(render({ inboundRing: 'Keyring.LIBERTY' }), BEFORE_EXPIRY).model;
    const hand = check(files, BEFORE_EXPIRY).model;
    const tls = (m: typeof hand) => JSON.stringify([m.keyStores.map(({ at: _a, ...k }) => k), m.ssl.map(({ at: _a, ...k }) => k), { ...m.sslDefault, at: undefined }]);
    expect(tls(hand)).toBe(tls(built));
    const parsed = parseXml(text, 'k.xml');
    const again = parsed.value === undefined ? undefined : renderXml(parsed.value, 'k.xml', { eol: '\r\n' }).value;
    expect(again).toContain('<!-- Enable features -->');
    const reparsed = parseXml(again ?? '', 'k.xml').value;
    expect(reparsed && withoutLocations(reparsed.root)).toEqual(parsed.value && withoutLocations(parsed.value.root));
  });
});
