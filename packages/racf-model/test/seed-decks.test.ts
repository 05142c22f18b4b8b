/**
 * Decks in the forms of the z/OS Connect EE AT-TLS lab (members MVSTLS and ZCEETLSC): upper- and
 * lower-case RACDCERT, `+` continuations, comments, CONNECT(... DEFAULT) and
 * connect(ring(..) label(..) certauth usage(certauth)) forms. They must parse cleanly into typed ASTs.
 */
import { applyDeck, createState, parseDeck, type RacdcertCommand } from '@ztwin/racf-model';

const MVSTLS_STYLE = `RACDCERT ID(USER1) ADDRING(Liberty.KeyRing)

RACDCERT ID(USER1) CONNECT(LABEL('USER1') +
    RING(Liberty.KeyRing) DEFAULT)

RACDCERT ID(USER1) CONNECT(CERTAUTH LABEL('Liberty CA') +
    RING(Liberty.KeyRing))

PERMIT IRR.DIGTCERT.LISTRING +
    CLASS(FACILITY) ID(USER1) ACCESS(READ)

SETR RACLIST(DIGTCERT DIGTRING FACILITY) REFRESH
`;

const ZCEETLSC_STYLE = `/* personal certificate for the outbound client */
racdcert id(libserv) gencert subjectsdn(cn('zCEE Client Cert') +
ou('ATS') o('IBM')) withlabel('zCEE Client Cert') signwith(certauth +
label('zCEE CA')) notafter(date(2022/12/31))

/* outbound ring */
racdcert id(libserv) addring(zCEE.KeyRing)
racdcert id(libserv) connect(ring(zCEE.KeyRing) +
label('zCEE CA') certauth usage(certauth))
racdcert id(libserv) connect(ring(zCEE.KeyRing) +
label('zCEE Client Cert') default)
racdcert id(libserv) listring(zCEE.KeyRing)
racdcert id(libserv) list
racdcert id(USER1) withlabel('USER1') add('USER1.USER1.P12') password('secret')
racdcert CERTAUTH withlabel('Liberty CA') add('USER1.LIBERTY.PEM')
setr raclist(digtcert digtring) refresh
connect    libserv  group(zceeusrs)
`;

test('MVSTLS-style deck parses into typed ASTs', () => {
  const r = parseDeck(MVSTLS_STYLE, { source: 'MVSTLS' });
  expect(r.diagnostics).toEqual([]);
  expect(r.commands.map((c) => c.kind)).toEqual(['RACDCERT', 'RACDCERT', 'RACDCERT', 'PERMIT', 'SETROPTS']);
  const [addring, personal, ca] = r.commands as RacdcertCommand[];
  expect(addring?.function).toEqual({ function: 'ADDRING', ring: 'Liberty.KeyRing' });
  expect(personal?.function).toEqual({ function: 'CONNECT', certOwner: null, label: 'USER1', ring: 'Liberty.KeyRing', default: true });
  expect(ca?.function).toEqual({ function: 'CONNECT', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA', ring: 'Liberty.KeyRing' });
  expect(r.commands[1]?.span).toMatchObject({ source: 'MVSTLS', start: { line: 3, column: 1 }, end: { line: 4, column: 35 } });
});

test('ZCEETLSC-style lower-case deck parses into typed ASTs, values keep their case', () => {
  const r = parseDeck(ZCEETLSC_STYLE);
  expect(r.diagnostics).toEqual([]);
  const rd = r.commands.filter((c): c is RacdcertCommand => c.kind === 'RACDCERT');
  expect(rd.map((c) => c.function.function)).toEqual(['GENCERT', 'ADDRING', 'CONNECT', 'CONNECT', 'LISTRING', 'LIST', 'ADD', 'ADD']);
  expect(rd[0]?.owner).toEqual({ kind: 'ID', id: 'LIBSERV' });
  expect(rd[0]?.function).toEqual({
    function: 'GENCERT',
    subjectsDn: { CN: 'zCEE Client Cert', OU: ['ATS'], O: 'IBM' },
    withLabel: 'zCEE Client Cert',
    signWith: { owner: { kind: 'CERTAUTH' }, label: 'zCEE CA' },
    notAfter: { date: '2022-12-31' },
  });
  expect(rd[2]?.function).toEqual({ function: 'CONNECT', certOwner: { kind: 'CERTAUTH' }, ring: 'zCEE.KeyRing', label: 'zCEE CA', usage: 'CERTAUTH' });
  const add = rd[6]?.function;
  expect(add?.function === 'ADD' && add.password?.reveal()).toBe('secret');
  expect(rd[6]?.text).not.toContain('secret');
  expect(rd[7]).toMatchObject({ owner: { kind: 'CERTAUTH' }, function: { function: 'ADD', dsn: "'USER1.LIBERTY.PEM'", withLabel: 'Liberty CA' } });
});

test('applying the decks: RACDCERT deferred to keyring, RACF parts diagnosed as RACF would', () => {
  const r = applyDeck(createState(), `${MVSTLS_STYLE}\n${ZCEETLSC_STYLE}`);
  const codes = r.diagnostics.map((d) => d.code);
  expect(codes.filter((c) => c === 'ZTW-RACDCERT-DEFERRED')).toHaveLength(11);
  // IRR.DIGTCERT.LISTRING is not defined in a fresh database; DIGTCERT was never RACLISTed; LIBSERV undefined
  expect(codes).toContain('ICH06004I');
  expect(codes).toContain('ZTW-RACF-NOT-RACLISTED');
  expect(codes).toContain('ZTW-RACF-GROUP-NOT-DEFINED');
});
