import { fixedClock, formatDiagnostic } from '@ztwin/core';
import { createState } from '@ztwin/racf-model';
import { applyDeck, canReadRing, certStoreOf, listringText, ringHealth, seededKeySource, tlsView } from '@ztwin/keyring';

const deck = `
ADDGROUP LIBGRP
ADDUSER LIBSERV DFLTGRP(LIBGRP) NOPASSWORD
SETROPTS CLASSACT(FACILITY) RACLIST(FACILITY)
RDEFINE FACILITY IRR.DIGTCERT.LISTRING UACC(NONE)
PERMIT IRR.DIGTCERT.LISTRING CLASS(FACILITY) ID(LIBSERV) ACCESS(READ)
SETROPTS RACLIST(FACILITY) REFRESH
RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Liberty CA') O('IBM')) WITHLABEL('Liberty CA') +
  NISTECC SIZE(256) NOTAFTER(DATE(2040/12/31))
RACDCERT ID(LIBSERV) GENCERT SUBJECTSDN(CN('wg31.washington.ibm.com') O('IBM')) +
  WITHLABEL('Liberty Client Cert') NISTECC SIZE(256) +
  SIGNWITH(CERTAUTH LABEL('Liberty CA')) NOTAFTER(DATE(2022/12/31))
RACDCERT ID(LIBSERV) ADDRING(Liberty.KeyRing)
RACDCERT ID(LIBSERV) CONNECT(ID(LIBSERV) LABEL('Liberty Client Cert') RING(Liberty.KeyRing) DEFAULT)
RACDCERT ID(LIBSERV) CONNECT(CERTAUTH LABEL('Liberty CA') RING(Liberty.KeyRing))
`;

async function main(): Promise<void> {
  // Lab-prep day: the client certificate is still valid. Seeded keys make the run repeatable.
  const applied = await applyDeck(createState(), deck, {
    source: 'ZCEETLS.racf',
    clock: fixedClock('2020-06-01T00:00:00Z'),
    keySource: seededKeySource('guide'),
  });
  applied.diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));
  const store = certStoreOf(applied.state);

  // RACDCERT ID(LIBSERV) LISTRING(Liberty.KeyRing)
  console.log(listringText(store, 'LIBSERV', 'Liberty.KeyRing'));

  // Ring health today: the default certificate (NOTAFTER 2022/12/31) has expired.
  const health = ringHealth(store, 'LIBSERV', 'Liberty.KeyRing', fixedClock('2026-11-24T00:00:00Z'));
  health.diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));

  // What a TLS handshake with this ring presents and trusts (key redacted in JSON).
  const view = tlsView(store, 'LIBSERV', 'Liberty.KeyRing');
  if (view.value !== undefined) {
    const { presentedLabel, trustedLabels } = view.value;
    console.log({ presentedLabel, trustedLabels, keyInJson: JSON.stringify(view.value).includes('PRIVATE KEY') });
  }

  // May LIBSERV read its own ring, with the private key? (FACILITY IRR.DIGTCERT.LISTRING READ)
  console.log(canReadRing(applied.state, 'LIBSERV', 'LIBSERV', 'Liberty.KeyRing', { privateKey: true }));
}
void main();
