import { test as fcTest, fc } from '@fast-check/jest';
import { fixedClock } from '@ztwin/core';
import {
  compileRules,
  type Connection,
  match,
  matchNaive,
  MatchResult,
  parsePolicy,
  type Policy,
  prepareConnection,
  RuleMatcher,
  ruleCovers,
  shadowedRules,
} from '@ztwin/attls-policy';

const policyOf = (text: string): Policy => {
  const r = parsePolicy(text, 'm.policy');
  expect(r.diagnostics).toEqual([]);
  return r.policy;
};

const ACTIONS = `TTLSGroupAction g { TTLSEnabled On }
TTLSEnvironmentAction e
{
  HandshakeRole Server
  TTLSKeyringParms
  {
    Keyring RING
  }
}
`;

const rule = (name: string, body: string): string => `TTLSRule ${name}\n{\n${body}\n  TTLSGroupActionRef g\n  TTLSEnvironmentActionRef e\n}\n`;

const conn = (over: Partial<Connection> = {}): Connection => ({
  jobname: 'JOBA',
  localAddr: '10.1.1.1',
  localPort: 443,
  remoteAddr: '10.2.2.2',
  remotePort: 50000,
  direction: 'inbound',
  ...over,
});

describe('rule matching', () => {
  test('priority highest first, then name alphabetically; first match wins', () => {
    const p = policyOf(
      ACTIONS +
        rule('zeta', '  LocalPortRange 443\n  Direction Inbound\n  Priority 10') +
        rule('alpha', '  LocalPortRange 443\n  Direction Inbound\n  Priority 10') +
        rule('low', '  LocalPortRange 443\n  Direction Inbound\n  Priority 5') +
        rule('high', '  LocalPortRange 80\n  Direction Inbound\n  Priority 99'),
    );
    expect(compileRules(p).map((r) => r.name)).toEqual(['high', 'alpha', 'zeta', 'low']);
    const r = match(p, conn());
    expect(r.rule?.name).toBe('alpha');
    expect(r.skipped).toEqual([{ rule: 'high', priority: 99, reason: 'local port 443 is not in 80' }]);
    expect(MatchResult.decode(JSON.parse(JSON.stringify(r)))._tag).toBe('Right');
  });

  test('trailing * wildcards for Jobname and Userid; case-insensitive MVS names', () => {
    const p = policyOf(ACTIONS + rule('w', '  Jobname CICS*\n  Userid STC*\n  Direction Both\n  Priority 1'));
    expect(match(p, conn({ jobname: 'CICSPROD', userid: 'STCCICS' })).rule?.name).toBe('w');
    expect(match(p, conn({ jobname: 'cicsprod', userid: 'stccics' })).rule?.name).toBe('w');
    expect(match(p, conn({ jobname: 'CICS', userid: 'STC' })).rule?.name).toBe('w');
    expect(match(p, conn({ jobname: 'XCICS', userid: 'STCCICS' })).skipped[0]?.reason).toBe('Jobname XCICS does not match CICS*');
    expect(match(p, conn({ jobname: 'CICSPROD' })).skipped[0]?.reason).toBe('Userid STC* required but the connection has no user ID');
  });

  test('IPv4 and IPv6 prefixes, ranges, sets and groups', () => {
    const p = policyOf(
      ACTIONS +
        'IpAddrSet v6\n{\n  Prefix 2001:db8::/32\n}\n' +
        'IpAddrGroup grp\n{\n  IpAddrSetRef v6\n  IpAddrSet\n  {\n    Range 192.168.1.10-192.168.1.20\n  }\n}\n' +
        'IpAddr one\n{\n  Addr 172.16.0.1\n}\n' +
        rule('pfx', '  RemoteAddr 10.0.0.0/8\n  Direction Inbound\n  Priority 30') +
        rule('grp', '  RemoteAddrGroupRef grp\n  Direction Inbound\n  Priority 20') +
        rule('one', '  RemoteAddrRef one\n  Direction Inbound\n  Priority 10'),
    );
    expect(match(p, conn({ remoteAddr: '10.200.0.1' })).rule?.name).toBe('pfx');
    expect(match(p, conn({ remoteAddr: '::ffff:10.200.0.1' })).rule?.name).toBe('pfx');
    expect(match(p, conn({ remoteAddr: '2001:db8:1::5' })).rule?.name).toBe('grp');
    expect(match(p, conn({ remoteAddr: '192.168.1.20' })).rule?.name).toBe('grp');
    expect(match(p, conn({ remoteAddr: '192.168.1.21' })).rule).toBeNull();
    expect(match(p, conn({ remoteAddr: '172.16.0.1' })).rule?.name).toBe('one');
    expect(match(p, conn({ remoteAddr: '2001:db9::1' })).skipped.map((s) => s.rule)).toEqual(['pfx', 'grp', 'one']);
  });

  test('All_IPv4_Addresses (0.0.0.0/0) does not cover IPv6; LocalAddr All does', () => {
    const p = policyOf(
      ACTIONS + rule('v4', '  LocalAddr 0.0.0.0/0\n  Direction Inbound\n  Priority 2') + rule('all', '  LocalAddr All\n  Direction Inbound\n  Priority 1'),
    );
    expect(match(p, conn({ localAddr: '2001:db8::1' })).rule?.name).toBe('all');
    expect(match(p, conn({ localAddr: '1.2.3.4' })).rule?.name).toBe('v4');
  });

  test('port ranges, port groups, port 0 = any', () => {
    const p = policyOf(
      ACTIONS +
        'PortGroup pg\n{\n  PortRange\n  {\n    Port 20-21\n  }\n  PortRangeRef p990\n}\nPortRange p990\n{\n  Port 990\n}\n' +
        rule('grp', '  LocalPortGroupRef pg\n  Direction Inbound\n  Priority 3') +
        rule('eph', '  RemotePortRange 1024-65535\n  LocalPortRange 0\n  Direction Inbound\n  Priority 2'),
    );
    expect(match(p, conn({ localPort: 21 })).rule?.name).toBe('grp');
    expect(match(p, conn({ localPort: 990 })).rule?.name).toBe('grp');
    expect(match(p, conn({ localPort: 992 })).rule?.name).toBe('eph');
    expect(match(p, conn({ localPort: 992, remotePort: 1023 })).rule).toBeNull();
  });

  test('Direction Both matches inbound and outbound', () => {
    const p = policyOf(ACTIONS + rule('b', '  RemotePortRange 9443\n  Direction Both\n  Priority 1'));
    expect(match(p, conn({ remotePort: 9443, direction: 'outbound' })).rule?.name).toBe('b');
    expect(match(p, conn({ remotePort: 9443, direction: 'inbound' })).rule?.name).toBe('b');
  });

  test('IpTimeCondition: time of day, day of week, UTC vs local offset', () => {
    const p = policyOf(
      ACTIONS +
        rule('office', '  LocalPortRange 443\n  Direction Inbound\n  Priority 2\n  IpTimeCondition\n  {\n    TimeZone UTC\n    TimeOfDayRange 08:00-17:00\n    DayOfWeekMask 0111110\n  }') +
        rule('late', '  LocalPortRange 443\n  Direction Inbound\n  Priority 1\n  IpTimeConditionRef night') +
        'IpTimeCondition night\n{\n  TimeZone Local\n  TimeOfDayRange 22:00-06:00\n}\n',
    );
    // Tuesday 2026-11-24 10:00 UTC
    expect(match(p, conn({ time: '2026-11-24T10:00:00Z' })).rule?.name).toBe('office');
    // Sunday: office skipped
    const sun = match(p, conn({ time: '2026-11-22T10:00:00Z' }));
    expect(sun.rule).toBeNull();
    expect(sun.skipped[0]?.reason).toBe('outside IpTimeCondition ~SYS_m.policy_2');
    // 23:30 UTC is 18:30 local at UTC-5: not "late" there, but it is at UTC+0
    expect(match(p, conn({ time: '2026-11-24T23:30:00Z' })).rule?.name).toBe('late');
    expect(match(p, conn({ time: '2026-11-24T23:30:00Z' }), { localOffsetMinutes: -300 }).rule).toBeNull();
  });
});

// --- indexed matcher agrees with the naive scan ------------------------------------------------

const PORTS = ['443', '80', '9443', '1024-65535', '400-500', '0'];
const JOBS = ['JOBA', 'JOBB', 'JOB*', 'J*', 'JOBAB', 'X*', '*'];
const ADDRS = ['All', '10.0.0.0/8', '10.1.1.1', '10.1.1.0-10.1.1.100', '2001:db8::/32', '0.0.0.0/0'];

/** Mostly absent: a rule has few conditions, so random connections often match. */
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: a, weight: 1 });

const ruleArb = fc.record({
  prio: fc.integer({ min: 1, max: 6 }),
  dir: fc.constantFrom('Inbound', 'Outbound', 'Both'),
  lport: opt(fc.constantFrom(...PORTS)),
  rport: opt(fc.constantFrom(...PORTS)),
  job: opt(fc.constantFrom(...JOBS)),
  user: opt(fc.constantFrom('USER1', 'USER*', 'STC1')),
  laddr: opt(fc.constantFrom(...ADDRS)),
  raddr: opt(fc.constantFrom(...ADDRS)),
  tod: opt(fc.constantFrom('08:00-17:00', '22:00-06:00')),
});
type RuleSpec = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

function policyText(rules: readonly RuleSpec[]): string {
  let text = ACTIONS;
  rules.forEach((r, i) => {
    const lines = [`  Direction ${r.dir}`, `  Priority ${r.prio}`];
    if (r.lport !== undefined) lines.push(`  LocalPortRange ${r.lport}`);
    if (r.rport !== undefined) lines.push(`  RemotePortRange ${r.rport}`);
    if (r.job !== undefined) lines.push(`  Jobname ${r.job}`);
    if (r.user !== undefined) lines.push(`  Userid ${r.user}`);
    if (r.laddr !== undefined) lines.push(`  LocalAddr ${r.laddr}`);
    if (r.raddr !== undefined) lines.push(`  RemoteAddr ${r.raddr}`);
    if (r.tod !== undefined) lines.push(`  IpTimeCondition\n  {\n    TimeZone UTC\n    TimeOfDayRange ${r.tod}\n  }`);
    // names: several rules share priorities, so alphabetical order matters
    text += rule(`R${(i * 7919) % 97}_${i}`, lines.join('\n'));
  });
  return text;
}

const connArb = fc.record({
  jobname: fc.constantFrom('JOBA', 'JOBB', 'JOBAB', 'JX', 'XYZ', 'J'),
  userid: fc.option(fc.constantFrom('USER1', 'USER2', 'STC1'), { nil: undefined }),
  localAddr: fc.constantFrom('10.1.1.1', '10.1.1.200', '10.9.9.9', '2001:db8::1', '192.168.0.1'),
  localPort: fc.constantFrom(443, 80, 9443, 450, 1023, 30000),
  remoteAddr: fc.constantFrom('10.1.1.50', '2001:db8::2', '8.8.8.8', '::1'),
  remotePort: fc.constantFrom(443, 80, 9443, 450, 1023, 30000),
  direction: fc.constantFrom('inbound' as const, 'outbound' as const),
  time: fc.constantFrom('2026-11-24T10:00:00Z', '2026-11-24T23:00:00Z'),
});

describe('indexed matcher', () => {
  fcTest.prop([fc.array(ruleArb, { minLength: 0, maxLength: 30 }), fc.array(connArb, { minLength: 1, maxLength: 20 })], { numRuns: 200 })(
    'returns exactly the rule the naive scan returns',
    (rules, conns) => {
      const p = parsePolicy(policyText(rules), 'gen').policy;
      const m = new RuleMatcher(p);
      const compiled = compileRules(p);
      for (const c0 of conns) {
        const { userid, ...rest } = c0;
        const cc: Connection = userid === undefined ? rest : { ...rest, userid };
        const naive = matchNaive(compiled, prepareConnection(cc)).rule?.name;
        expect(m.match(cc)?.name).toBe(naive);
        expect(match(p, cc).rule?.name ?? undefined).toBe(naive);
      }
    },
  );
});

test('the generated cases exercise both matches and misses', () => {
  let hits = 0;
  let misses = 0;
  for (const [rules, c0] of fc.sample(fc.tuple(fc.array(ruleArb, { maxLength: 30 }), connArb), { numRuns: 100, seed: 42 })) {
    const { userid, ...rest } = c0;
    const r = new RuleMatcher(parsePolicy(policyText(rules), 'gen').policy).match(userid === undefined ? rest : { ...rest, userid });
    if (r === undefined) misses++;
    else hits++;
  }
  expect(hits).toBeGreaterThan(10);
  expect(misses).toBeGreaterThan(10);
});

describe('shadowed-rule analysis', () => {
  fcTest.prop([fc.array(ruleArb, { maxLength: 30 })], { numRuns: 150 })('the bucketed analysis finds what comparing every pair finds', (rules) => {
    const compiled = compileRules(parsePolicy(policyText(rules), 'gen').policy);
    const naive: string[] = [];
    compiled.forEach((inner, i) => {
      const outer = compiled.slice(0, i).find((o) => ruleCovers(o, inner));
      if (outer !== undefined) naive.push(`${inner.name}<${outer.name}`);
    });
    expect(shadowedRules(compiled).map(([i, o]) => `${i.name}<${o.name}`)).toEqual(naive);
  });

  test('a covered rule really never matches (checked on connections)', () => {
    let hits = 0;
    let withShadowed = 0;
    for (const [rules, c0] of fc.sample(fc.tuple(fc.array(ruleArb, { maxLength: 20 }), connArb), { numRuns: 300, seed: 7 })) {
      const compiled = compileRules(parsePolicy(policyText(rules), 'gen').policy);
      const shadowed = new Set(shadowedRules(compiled).map(([i]) => i.name));
      const { userid, ...rest } = c0;
      const hit = matchNaive(compiled, prepareConnection(userid === undefined ? rest : { ...rest, userid })).rule;
      if (hit === undefined) continue;
      hits++;
      if (shadowed.size > 0) withShadowed++;
      expect(shadowed.has(hit.name)).toBe(false);
    }
    // The sample must exercise the claim: connections that match, in policies that have shadowed rules.
    expect(hits).toBeGreaterThan(100);
    expect(withShadowed).toBeGreaterThan(50);
  });
});

test('a connection without a time is matched at the injected clock', () => {
  const p = parsePolicy(
    ACTIONS + rule('day', '  LocalPortRange 443\n  Direction Inbound\n  Priority 1\n  IpTimeCondition\n  {\n    TimeZone UTC\n    TimeOfDayRange 08:00-17:00\n  }'),
    'c',
  ).policy;
  expect(match(p, conn(), { clock: fixedClock('2026-11-24T09:00:00Z') }).rule?.name).toBe('day');
  expect(match(p, conn(), { clock: fixedClock('2026-11-24T19:00:00Z') }).rule).toBeNull();
});
