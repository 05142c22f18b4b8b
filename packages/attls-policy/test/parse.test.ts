import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as fcTest, fc } from '@fast-check/jest';
import { checkPath, fmt, formatIp, loadPolicy, parseAddrSpec, parseIp, parsePolicy, parsePortSpec, type Policy, policyToJSON, renderPolicy, samePolicy, type Statement } from '@ztwin/attls-policy';

describe('parser', () => {
  test('one-line bodies, comments anywhere, case-insensitive keywords', () => {
    const r = parsePolicy('ipaddr a1 { addr 10.0.0.1 } # trailing\n# own line\n  # indented\nPORTRANGE p { PORT 443 }\n', 'x');
    expect(r.diagnostics).toEqual([]);
    expect(policyToJSON(r.policy).statements).toEqual([
      { type: 'IpAddr', name: 'a1', params: [{ keyword: 'Addr', values: ['10.0.0.1'] }] },
      { type: 'PortRange', name: 'p', params: [{ keyword: 'Port', values: ['443'] }] },
    ]);
    expect(r.policy.statements[1]?.leadingComments).toEqual(['# trailing', '# own line', '# indented']);
  });

  test('named and unnamed inline statements; Ref forms', () => {
    const r = parsePolicy(
      'TTLSEnvironmentAction e\n{\n  TTLSKeyringParms kr\n  {\n    Keyring R\n  }\n  TTLSEnvironmentAdvancedParms\n  {\n    TLSv1.2 On\n  }\n  TTLSCipherParmsRef c\n}\n',
      'x',
    );
    expect(r.diagnostics).toEqual([]);
    const e = r.policy.statements[0];
    expect(e?.params.map((p) => [p.keyword, p.nested?.name, p.nested?.anonymous, p.values])).toEqual([
      ['TTLSKeyringParms', 'kr', false, []],
      ['TTLSEnvironmentAdvancedParms', '~SYS_x_1', true, []],
      ['TTLSCipherParmsRef', undefined, undefined, ['c']],
    ]);
  });

  test('repeated V3CipherSuites lines stay separate lines in the model and concatenate in meaning', () => {
    const r = parsePolicy('TTLSCipherParms c\n{\n  V3CipherSuites 35\n  V3CipherSuites 2F\n}\n', 'x');
    expect(r.policy.statements[0]?.params.map((p) => p.values)).toEqual([['35'], ['2F']]);
  });

  test('errors carry file:line:column and never throw', () => {
    const r = parsePolicy('TTLSRule r\n{\n  Direction Inbound\n', 'bad.policy');
    expect(r.diagnostics.map((d) => `${d.source}:${d.line}:${d.column}: ${d.code}`)).toEqual(['bad.policy:1:1: ATTLS007']);
    const r2 = parsePolicy('}\nTTLSRule\n{\n}\nPortRange p\nPort 1\n', 'b2');
    expect(r2.diagnostics.map((d) => `${d.line}:${d.column}:${d.code}`)).toEqual(['1:1:ATTLS002', '2:1:ATTLS004', '5:1:ATTLS003', '6:1:ATTLS001']);
  });

  test('fmt refuses a file that does not parse cleanly', () => {
    expect(fmt('TTLSRule r\n{\n', 'x').text).toBeUndefined();
  });

  test('names that would read back differently are refused by the renderer', () => {
    const p = parsePolicy('IpAddr a\n{\n  Addr 1.2.3.4\n}\n', 'x').policy;
    const s = p.statements[0] as Statement;
    for (const bad of ['has space', 'a#b', 'x{', 'N'.repeat(33)]) {
      const r = renderPolicy({ ...p, statements: [{ ...s, name: bad }] });
      expect(r.text).toBeUndefined();
      expect(r.diagnostics[0]?.code).toBe('ATTLS050');
    }
  });
});

describe('pagent.conf, image and common files', () => {
  const files: Record<string, string> = {
    '/etc/pagent.conf':
      '# main\nLogLevel 511\nTcpImage TCPIP1 /etc/pagent.TCPIP1.conf FLUSH PURGE 1800\nTcpImage TCPIP2 /etc/pagent.TCPIP2.conf\nTcpImage TCPIP3 /etc/pagent.TCPIP3.conf\nTcpImage TCPIP4 /etc/pagent.TCPIP4.conf\nCommonTTLSConfig /etc/common.ttls\nTTLSConfig /etc/ignored.ttls\n',
    '/etc/pagent.TCPIP1.conf': 'TTLSConfig /etc/old.ttls\nTTLSConfig /etc/tcpip1.ttls FLUSH\n',
    '/etc/pagent.TCPIP2.conf': 'TTLSConfig /etc/missing.ttls\n',
    '/etc/pagent.TCPIP3.conf': '# no TTLSConfig: no AT-TLS policy for this stack\n',
    '/etc/pagent.TCPIP4.conf': 'TTLSConfig\n',
    '/etc/common.ttls': 'TTLSGroupAction g\n{\n  TTLSEnabled On\n}\nTTLSKeyringParms k\n{\n  Keyring COMMON\n}\n',
    // the stack file references objects of the common file, and overrides one of them
    '/etc/tcpip1.ttls':
      'TTLSRule r\n{\n  LocalPortRange 443\n  Direction Inbound\n  Priority 1\n  TTLSGroupActionRef g\n  TTLSEnvironmentActionRef e\n}\nTTLSEnvironmentAction e\n{\n  HandshakeRole Server\n  TTLSKeyringParmsRef k\n}\nTTLSKeyringParms k\n{\n  Keyring STACK\n}\n',
  };
  const read = (p: string): string | undefined => files[p];
  const where = (r: { diagnostics: { source: string; line: number; code: string; severity: string }[] }): string[] =>
    r.diagnostics.map((d) => `${d.source}:${d.line}:${d.code}:${d.severity}`);

  test('common first, then the stack file; cross references resolve; last duplicate wins', () => {
    const r = loadPolicy('/etc/pagent.conf', read);
    expect(r.files).toEqual(['/etc/pagent.conf', '/etc/pagent.TCPIP1.conf', '/etc/common.ttls', '/etc/tcpip1.ttls']);
    expect(r.stack).toBe('TCPIP1');
    expect(where(r)).toEqual([
      '/etc/pagent.conf:8:ATTLS023:warning',
      '/etc/pagent.TCPIP1.conf:1:ATTLS025:warning',
      '/etc/common.ttls:5:ATTLS010:warning',
    ]);
    const k = r.policy.statements.find((s) => s.name === 'k');
    expect(k?.params[0]?.values).toEqual(['STACK']);
    expect(r.policy.statements.map((s) => s.name)).toEqual(['g', 'r', 'e', 'k']);
  });

  test('a missing policy file is a diagnostic at the statement that names it', () => {
    const r = loadPolicy('/etc/pagent.conf', read, { stack: 'TCPIP2' });
    expect(where(r)).toContain('/etc/pagent.TCPIP2.conf:1:ATTLS020:error');
    expect(loadPolicy('/nope', read).diagnostics.map((d) => d.code)).toEqual(['ATTLS020']);
    expect(loadPolicy('/etc/pagent.conf', read, { stack: 'TCPIP9' }).diagnostics.map((d) => d.code)).toEqual(['ATTLS022']);
  });

  test('no TTLSConfig in the image file: no AT-TLS policy at all, even with a common file', () => {
    const r = loadPolicy('/etc/pagent.conf', read, { stack: 'tcpip3' });
    expect(r.policy.statements).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('ATTLS024');
  });

  test('TTLSConfig without a path: the common policy only', () => {
    const r = loadPolicy('/etc/pagent.conf', read, { stack: 'TCPIP4' });
    expect(r.policy.statements.map((s) => s.name)).toEqual(['g', 'k']);
  });

  test('main file that is also the image file; AT-TLS statements there are not policy', () => {
    const r = loadPolicy('/p.conf', (p) => (p === '/p.conf' ? 'TTLSConfig /etc/tcpip1.ttls\nPortRange stray\n{\n  Port 1\n}\n' : files[p]));
    expect(r.policy.statements.map((s) => s.name)).toEqual(['r', 'e', 'k']);
    expect(where(r)).toEqual(['/p.conf:2:ATTLS026:warning']);
  });
});

// --- properties ----------------------------------------------------------------------------------

const WORDS = ['TTLSRule', 'ttlsgroupaction', 'IpAddr', 'Addr', 'Port', 'PortRange', 'r1', 'x~1', '10.0.0.1', 'On', 'Direction', 'Inbound', 'TLSv1.2'];
const tokenArb = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom('{', '}', '\n', ' ', '\t', '#', '# c\n', '\r\n'),
  fc.string({ maxLength: 4 }),
);
const sourceArb = fc.array(tokenArb, { maxLength: 60 }).map((ts) => ts.join(' '));

function spansInside(p: Policy, len: number): boolean {
  const ok = (s: Statement): boolean =>
    s.span.start.offset >= 0 &&
    s.span.end.offset <= len &&
    s.span.start.offset <= s.span.end.offset &&
    s.params.every((q) => q.span.start.offset >= 0 && q.span.end.offset <= len && (q.nested === undefined || ok(q.nested)));
  return p.statements.every(ok);
}

describe('parser properties', () => {
  fcTest.prop([sourceArb])('never throws; diagnostics and spans lie inside the input', (text) => {
    const r = parsePolicy(text, 'gen');
    const lines = text.split('\n').length;
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    expect(spansInside(r.policy, text.length)).toBe(true);
  });

  fcTest.prop([sourceArb])('anything that parses cleanly round-trips through the renderer, idempotently', (text) => {
    const r = parsePolicy(text, 'gen');
    fc.pre(r.diagnostics.every((d) => d.severity !== 'error'));
    const once = renderPolicy(r.policy);
    fc.pre(once.text !== undefined);
    const back = parsePolicy(once.text ?? '', 'r');
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(samePolicy(r.policy, back.policy)).toBe(true);
    expect(renderPolicy(back.policy).text).toBe(once.text);
  });

  const nameArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_~.@$]{0,12}$/);
  const valueArb = fc.stringMatching(/^[A-Za-z0-9_./:*~-]{1,12}$/);
  const paramArb = fc.record({ kw: fc.constantFrom('Direction', 'Jobname', 'Priority', 'Keyring', 'V3CipherSuites', 'Unknown1'), vs: fc.array(valueArb, { minLength: 1, maxLength: 3 }), c: fc.option(fc.constantFrom('# note', '#x'), { nil: undefined }) });
  const stmtArb = fc.record({
    type: fc.constantFrom('TTLSRule', 'TTLSKeyringParms', 'TTLSCipherParms', 'PortRange'),
    name: nameArb,
    params: fc.array(paramArb, { maxLength: 5 }),
    nested: fc.option(fc.array(paramArb, { maxLength: 3 }), { nil: undefined }),
  });

  fcTest.prop([fc.array(stmtArb, { maxLength: 8 })])('generated policies round-trip (model equality, idempotent text)', (stmts) => {
    const text = stmts
      .map((s, i) => {
        const ps = s.params.map((p) => `  ${p.kw} ${p.vs.join(' ')}${p.c === undefined ? '' : ' ' + p.c}`);
        if (s.nested !== undefined) ps.push(`  TTLSKeyringParms\n  {\n${s.nested.map((p) => `    ${p.kw} ${p.vs.join(' ')}`).join('\n')}\n  }`);
        return `${s.type} ${s.name}_${i}\n{\n${ps.join('\n')}\n}`;
      })
      .join('\n');
    const r = parsePolicy(text, 'gen');
    expect(r.diagnostics).toEqual([]);
    const once = renderPolicy(r.policy);
    expect(once.diagnostics).toEqual([]);
    const back = parsePolicy(once.text ?? '', 'r');
    expect(samePolicy(r.policy, back.policy)).toBe(true);
    expect(renderPolicy(back.policy).text).toBe(once.text);
  });
});

test('the public-sample-style fixture round-trips with its comments', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'server-sample.policy'), 'utf8');
  const r = fmt(text, 'server-sample.policy');
  expect(r.diagnostics).toEqual([]);
  expect(r.text).toContain('Keyring                             TCPIP/TN3270Ring # owned by the stack user');
  expect(r.text).toContain('# TN3270 and a mutual-auth API server, hand written\nTTLSRule                                TN3270Rule # secure telnet\n');
  expect(samePolicy(parsePolicy(r.text ?? '', 'a').policy, parsePolicy(text, 'b').policy)).toBe(true);
});

describe('address and port parsers', () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
  const v6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));

  const mapped = fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([h, l]) => `0:0:0:0:0:ffff:${h.toString(16)}:${l.toString(16)}`);

  fcTest.prop([fc.oneof(v4, v6, mapped)])('addresses round-trip through formatIp', (a) => {
    const ip = parseIp(a);
    if (ip === undefined) throw new Error(`${a} did not parse`);
    // Also for an IPv4-mapped IPv6 address, which parses to (and formats as) IPv4.
    expect(parseIp(formatIp(ip))).toEqual(ip);
  });

  fcTest.prop([fc.string({ maxLength: 45 })])('never throw on arbitrary text', (s) => {
    parseIp(s);
    parseAddrSpec(s, 'any', true);
    parsePortSpec(s);
  });

  test('forms', () => {
    expect(parseAddrSpec('10.0.0.0/8', 'any', true)).toEqual({ all: false, range: { family: 4, lo: 167772160, hi: 184549375 } });
    expect(parseAddrSpec('All', 'prefix', false)).toBeUndefined();
    expect(parseAddrSpec('10.0.0.1', 'prefix', false)).toBeUndefined();
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 4, value: 167772161 });
    expect(parseIp('2001:db8::')).toEqual({ family: 6, value: 0x20010db8n << 96n });
    expect(parseIp('1.2.3')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parsePortSpec('1024-65535')).toEqual({ lo: 1024, hi: 65535 });
    expect(parsePortSpec('65536')).toBeUndefined();
    expect(parsePortSpec('9-1')).toBeUndefined();
  });
});

test('checkPath follows a main configuration file and checks a plain policy file directly', () => {
  const files: Record<string, string> = {
    '/etc/pagent.conf': 'TcpImage TCPIP1 /etc/img.conf\n',
    '/etc/img.conf': 'TTLSConfig /etc/p.ttls\n',
    '/etc/p.ttls': 'TTLSGroupAction g\n{\n  TTLSEnabled Off\n}\nTTLSRule r\n{\n  Jobname X\n  Direction Both\n  Priority 1\n  TTLSGroupActionRef g\n}\n',
  };
  const read = (p: string): string | undefined => files[p];
  const viaMain = checkPath('/etc/pagent.conf', read);
  expect(viaMain.ok).toBe(true);
  expect(viaMain.policy.statements.map((s) => s.name)).toEqual(['g', 'r']);
  const direct = checkPath('/etc/p.ttls', read);
  expect(direct.ok).toBe(true);
  expect(samePolicy(direct.policy, viaMain.policy)).toBe(true);
  expect(checkPath('/missing', read).diagnostics.map((d) => d.code)).toEqual(['ATTLS020']);
});
