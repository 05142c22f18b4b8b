import * as fs from 'node:fs';
import * as path from 'node:path';

// The README's second example ("Against a RACF state"), verbatim between the markers.
// README-STATE-BEGIN
import { fixedClock, formatDiagnostic } from '@ztwin/core';
import { createState } from '@ztwin/racf-model';
import { applyDeck, seededKeySource } from '@ztwin/keyring';
import { checkServerConfig, featureManager, keyStore, renderFileSet, safKeyringUrl, securityFactsFromState, serverFile, ssl, sslDefault } from '@ztwin/zcee-config';

async function stateExample(): Promise<string[]> {
  // 1. A RACF database built by running a deck (RACDCERT included) through keyring's applyDeck.
  const deck = `
    ADDGROUP LIBGRP
    ADDUSER LIBSERV DFLTGRP(LIBGRP) NOPASSWORD
    SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)
    RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)
    PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(LIBSERV) ACCESS(READ)
    SETROPTS RACLIST(FACILITY) REFRESH
    RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Liberty CA')) WITHLABEL('Liberty CA') +
      NISTECC SIZE(256) KEYUSAGE(CERTSIGN) NOTAFTER(DATE(2040/12/31))
    RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('wg31')) WITHLABEL('Server Cert') +
      NISTECC SIZE(256) SIGNWITH(CERTAUTH LABEL('Liberty CA')) NOTAFTER(DATE(2022/12/31))
    RACDCERT ID(LIBSERV) ADDRING(Liberty.KeyRing)
    RACDCERT ID(LIBSERV) CONNECT(LABEL('Server Cert') RING(Liberty.KeyRing) DEFAULT)
    RACDCERT ID(LIBSERV) CONNECT(CERTAUTH LABEL('Liberty CA') RING(Liberty.KeyRing))
  `;
  const applied = await applyDeck(createState(), deck, { clock: fixedClock('2020-06-01T00:00:00Z'), keySource: seededKeySource('readme') });
  const facts = securityFactsFromState(applied.state);

  // 2. A server configuration that uses the ring: once with its right name, once in the wrong case.
  const tls = (ring: string) => ({
    'server.xml': serverFile('TLS', [
      featureManager(['transportSecurity-1.0']),
      sslDefault({ sslRef: 'DefaultSSLSettings' }),
      ssl({ id: 'DefaultSSLSettings', keyStoreRef: 'KeyRing' }),
      keyStore({ id: 'KeyRing', location: safKeyringUrl(ring), password: 'password', type: 'JCERACFKS', fileBased: false, readOnly: true }),
    ]),
  });
  // Any error applying the deck would show first.
  const out = applied.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  for (const ring of ['Liberty.KeyRing', 'Keyring.LIBERTY']) {
    const files = renderFileSet(tls(ring));
    if (files.value === undefined) return files.diagnostics.map(formatDiagnostic);
    // 3. Validate against the state at a clock: ring exists? may LIBSERV read it? default cert usable today?
    const r = checkServerConfig({ files: files.value, serverConfigDir: '/config' }, { facts, serverUser: 'LIBSERV', clock: fixedClock('2026-11-24T00:00:00Z') });
    out.push(...r.diagnostics.map(formatDiagnostic));
  }
  return out;
}
// README-STATE-END

test('the README state example finds the expired default certificate and the wrong-case ring', async () => {
  expect(await stateExample()).toEqual([
    "/config/server.xml:8:35: ZCEE_RING_DEFAULT_UNUSABLE ring LIBSERV/Liberty.KeyRing (keyStore 'KeyRing'): default certificate 'Server Cert' is not usable at 2026-11-24 (NOTAFTER 2022-12-31T23:59:59.000Z, or no private key)",
    "/config/server.xml:8:35: ZCEE_RING_NOT_FOUND keyStore 'KeyRing': LIBSERV has no key ring 'Keyring.LIBERTY' (RACF ring names are case-sensitive) (did you mean Liberty.KeyRing?)",
  ]);
});

test('the README shows this example verbatim', () => {
  const self = fs.readFileSync(__filename, 'utf8');
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const between = (s: string, a: string, b: string) => {
    const start = s.indexOf(a) + a.length;
    return s.slice(start, s.indexOf(b, start)).trim();
  };
  const code = between(self, '// README-STATE-BEGIN', '// README-STATE-END');
  const section = readme.slice(readme.indexOf('## Against a RACF state'));
  const shown = between(section, '```ts', '```');
  expect(shown).toBe(code);
});
