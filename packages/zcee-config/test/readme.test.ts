import * as fs from 'node:fs';
import * as path from 'node:path';

// The README's example, verbatim between the markers (the test below checks they match).
// README-BEGIN
import { fixedClock, formatDiagnostic } from '@ztwin/core';
import {
  apiRequesters,
  checkServerConfig,
  featureManager,
  httpEndpoint,
  inMemorySecurityFacts,
  include,
  keyStore,
  renderFileSet,
  safKeyringUrl,
  serverFile,
  ssl,
  sslDefault,
} from '@ztwin/zcee-config';

function example(): string[] {
  // 1. Build server.xml and an include file from code.
  const files = renderFileSet({
    'server.xml': serverFile('my zCEE server', [
      featureManager(['zosconnect:zosConnect-2.0', 'zosconnect:apiRequester-1.0', 'transportSecurity-1.0']),
      httpEndpoint({ host: '*', httpPort: 9080, httpsPort: 9443 }),
      include({ location: '${server.config.dir}/includes/tls.xml' }),
      apiRequesters({ idAssertion: 'ASSERT_ONLY', requesters: [{ name: 'cscvincapi_1.0.0', requireSecure: true }] }),
    ]),
    'includes/tls.xml': serverFile('TLS', [
      sslDefault({ sslRef: 'DefaultSSLSettings' }),
      ssl({ id: 'DefaultSSLSettings', keyStoreRef: 'KeyRing' }),
      keyStore({ id: 'KeyRing', location: safKeyringUrl('Keyring.LIBERTY'), password: 'password' }),
    ]),
  });
  if (files.value === undefined) return files.diagnostics.map(formatDiagnostic);

  // 2. Facts about RACF (plain data here; an adapter over a RACF state works the same way).
  const facts = inMemorySecurityFacts({
    users: ['LIBSERV'],
    groups: [],
    rings: [{ owner: 'LIBSERV', name: 'Liberty.KeyRing', certificates: [{ label: 'srv', usage: 'personal', default: true, notAfter: '2030-01-01T00:00:00Z' }] }],
    ringAccess: [{ user: 'LIBSERV', owner: 'LIBSERV', ring: 'Liberty.KeyRing', privateKey: true }],
  });

  // 3. Read it back (includes, variables, merge rules) and validate: FILE:LINE:COL: CODE message.
  const result = checkServerConfig(
    { files: files.value, serverConfigDir: '/var/zcee/servers/myServer' },
    { facts, serverUser: 'LIBSERV', clock: fixedClock('2026-11-24T00:00:00Z') },
  );
  return result.diagnostics.map(formatDiagnostic);
}
// README-END

test('the README example runs and finds the wrong-case ring and the 302 redirect', () => {
  expect(example()).toEqual([
    "/var/zcee/servers/myServer/includes/tls.xml:5:35: ZCEE_RING_NOT_FOUND keyStore 'KeyRing': LIBSERV has no key ring 'Keyring.LIBERTY' (RACF ring names are case-sensitive) (did you mean Liberty.KeyRing?)",
    '/var/zcee/servers/myServer/server.xml:3:3: ZCEE_NO_REGISTRY requireAuth is in effect but no user registry (safRegistry, basicRegistry, ldapRegistry) is configured: every request fails authentication (401) (warning)',
    "/var/zcee/servers/myServer/server.xml:11:5: ZCEE_REQUIRE_SECURE_REDIRECT API requester 'cscvincapi_1.0.0' has requireSecure=true: a plain HTTP request on port 9080 is answered with 302 (redirect to HTTPS); a batch/CICS/IMS client cannot follow it (BAQI0005E, HWTHRQST RC=262 RSC=6) unless AT-TLS or HTTPS carries it (warning)",
  ]);
});

test('the README shows this example verbatim', () => {
  const self = fs.readFileSync(__filename, 'utf8');
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const between = (s: string, a: string, b: string) => {
    const start = s.indexOf(a) + a.length;
    return s.slice(start, s.indexOf(b, start)).trim();
  };
  const code = between(self, '// README-BEGIN', '// README-END');
  const shown = between(readme, '```ts', '```');
  expect(shown).toBe(code);
});
