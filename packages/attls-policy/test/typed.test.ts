import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, type TTLSEnvironmentAction, type TTLSRule, typedAs, typedStatement } from '@ztwin/attls-policy';

const p = parsePolicy(readFileSync(join(__dirname, 'fixtures', 'server-sample.policy'), 'utf8'), 's').policy;
const stmt = (name: string) => {
  const s = p.statements.find((x) => x.name === name);
  if (s === undefined) throw new Error(name);
  return s;
};

test('typed views: booleans, numbers, enum literals, nested statements, repeatable lists', () => {
  const rule: TTLSRule | undefined = typedAs(stmt('TN3270Rule'), 'TTLSRule');
  expect(rule).toEqual({
    type: 'TTLSRule',
    name: 'TN3270Rule',
    LocalPortRange: '992',
    Jobname: 'TN3270*',
    Direction: 'Inbound',
    Priority: 500,
    TTLSGroupActionRef: 'grp_Act',
    TTLSEnvironmentActionRef: 'TNEnv',
  });
  const env: TTLSEnvironmentAction | undefined = typedAs(stmt('TNEnv'), 'TTLSEnvironmentAction');
  expect(env?.HandshakeRole).toBe('Server');
  expect(env?.TTLSKeyringParms).toEqual({ type: 'TTLSKeyringParms', name: null, Keyring: 'TCPIP/TN3270Ring' });
  expect(env?.TTLSEnvironmentAdvancedParms?.['TLSv1.2']).toBe(true);
  const conn = typedStatement(stmt('MutualConn'));
  expect(conn?.type === 'TTLSConnectionAction' ? conn.TTLSCipherParms?.V3CipherSuites : undefined).toEqual([
    'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    '35',
  ]);
  expect(typedAs(stmt('MutualConn'), 'TTLSRule')).toBeUndefined();
});

test('values that do not fit the type are left out (validation reports them)', () => {
  const q = parsePolicy('TTLSGroupAction g\n{\n  TTLSEnabled Maybe\n  Trace x\n  FIPS140 level2\n}\n', 'q').policy;
  expect(typedStatement(q.statements[0] ?? stmt("grp_Act"))).toEqual({ type: 'TTLSGroupAction', name: 'g', FIPS140: 'Level2' });
});

test('the types are literal: wrong enum values and wrong kinds do not compile', () => {
  const ok: TTLSRule = { type: 'TTLSRule', name: 'r', Direction: 'Both', Priority: 5, Jobname: 'J*' };
  // @ts-expect-error 'Sideways' is not a Direction
  const badDir: TTLSRule = { type: 'TTLSRule', name: 'r', Direction: 'Sideways' };
  // @ts-expect-error Priority is a number
  const badPrio: TTLSRule = { type: 'TTLSRule', name: 'r', Priority: '5' };
  // @ts-expect-error CertificateLabel is not a TTLSEnvironmentAction parameter (it belongs in the advanced parms)
  const misplaced: TTLSEnvironmentAction = { type: 'TTLSEnvironmentAction', name: 'e', CertificateLabel: 'X' };
  const role: TTLSEnvironmentAction['HandshakeRole'] = 'ServerWithClientAuth';
  expect([ok.Direction, badDir.type, badPrio.type, misplaced.type, role]).toEqual(['Both', 'TTLSRule', 'TTLSRule', 'TTLSEnvironmentAction', 'ServerWithClientAuth']);
});
