// Benchmarks for @ztwin/attls-policy: parse a 10,000-rule policy; match connections against it.
// Requires the built package (npm run build at the root first). Prints figures with the machine.
'use strict';
const os = require('node:os');
const { parsePolicy, RuleMatcher, prepareConnection, validatePolicy } = require('../dist');

const RULES = 10000;

/** A policy in NCA style: each rule with its own actions, ports, job names and address sets. */
function makePolicy(n) {
  const out = [];
  out.push('TTLSGroupAction g\n{\n  TTLSEnabled On\n  Trace 2\n}\n');
  out.push('TTLSKeyringParms k\n{\n  Keyring RING\n}\n');
  out.push('IpAddrSet all4\n{\n  Prefix 0.0.0.0/0\n}\n');
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    const lines = [];
    if (kind === 0) lines.push(`  LocalPortRange ${1000 + i}`, '  Direction Inbound');
    else if (kind === 1) lines.push(`  RemotePortRange ${20000 + i}`, `  LocalPortRange 1024-65535`, '  Direction Outbound');
    else if (kind === 2) lines.push(`  Jobname JOB${String(i).padStart(5, '0')}`, '  Direction Both');
    else lines.push(`  Jobname J${String(i % 1000).padStart(3, '0')}*`, `  RemoteAddr 10.${(i >> 8) & 255}.${i & 255}.0/24`, '  Direction Outbound');
    out.push(
      `TTLSRule rule${i}~1\n{\n  LocalAddrSetRef all4\n${lines.join('\n')}\n  Priority ${1 + (i % 255)}\n  TTLSGroupActionRef g\n  TTLSEnvironmentActionRef e${i}\n  TTLSConnectionActionRef c${i}\n}\n`,
      `TTLSEnvironmentAction e${i}\n{\n  HandshakeRole ${kind === 0 ? 'Server' : 'Client'}\n  TTLSKeyringParmsRef k\n}\n`,
      `TTLSConnectionAction c${i}\n{\n  TTLSConnectionAdvancedParms\n  {\n    TLSv1.2 On\n    TLSv1.3 On\n  }\n}\n`,
    );
  }
  return out.join('');
}

/**
 * Median wall and CPU time (user + system, this process) of `runs` calls after one warm-up call.
 * The machine is shared with other builds: CPU time is the fairer figure when it is loaded.
 */
function time(runs, fn) {
  fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { median: med(wall), min: Math.min(...wall), cpu: med(cpu) };
}

const text = makePolicy(RULES);
const parseMs = time(9, () => parsePolicy(text, 'bench.policy'));
const { policy, diagnostics } = parsePolicy(text, 'bench.policy');
if (diagnostics.length > 0) throw new Error(`bench policy has diagnostics: ${diagnostics[0].message}`);
const validateMs = time(3, () => validatePolicy(policy));

const compileStart = process.hrtime.bigint();
const matcher = new RuleMatcher(policy);
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;

// A mix of connections: inbound to server ports, outbound from jobs, and misses.
const conns = [];
for (let i = 0; i < 4096; i++) {
  const r = (i * 2654435761) % RULES;
  const kind = i % 5;
  conns.push(
    prepareConnection({
      jobname: kind === 2 ? `JOB${String(r - (r % 4) + 2).padStart(5, '0')}` : kind === 3 ? `J${String(r % 1000).padStart(3, '0')}XYZ` : 'OTHERJOB',
      localAddr: '192.168.1.1',
      localPort: kind === 0 ? 1000 + (r - (r % 4)) : 40000 + (i % 1000),
      remoteAddr: `10.${(r >> 8) & 255}.${r & 255}.7`,
      remotePort: kind === 1 ? 20000 + (r - (r % 4) + 1) : 443,
      direction: kind === 0 ? 'inbound' : 'outbound',
      time: '2026-11-24T12:00:00Z',
    }),
  );
}
const N = 2_000_000;
let hits = 0;
matcher.matchPrepared(conns[0]);
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) if (matcher.matchPrepared(conns[i & 4095]) !== undefined) hits++;
const matchSec = Number(process.hrtime.bigint() - t0) / 1e9;

const M = 300_000;
const raw = conns.map((c) => ({ jobname: c.jobname, localAddr: '192.168.1.1', localPort: c.localPort, remoteAddr: '10.1.2.7', remotePort: c.remotePort, direction: c.inbound ? 'inbound' : 'outbound', time: '2026-11-24T12:00:00Z' }));
const t1 = process.hrtime.bigint();
for (let i = 0; i < M; i++) matcher.match(raw[i & 4095]);
const rawSec = Number(process.hrtime.bigint() - t1) / 1e9;

console.log(`@ztwin/attls-policy bench — node ${process.version}, ${os.cpus()[0].model}`);
console.log(`policy: ${RULES} rules, ${policy.statements.length} statements, ${(text.length / 1e6).toFixed(1)} MB`);
console.log(`parse:            median ${parseMs.median.toFixed(1)} ms wall (best ${parseMs.min.toFixed(1)}), ${parseMs.cpu.toFixed(1)} ms CPU, of 9 (target < 200 ms)`);
console.log(`validate:         median ${validateMs.median.toFixed(1)} ms wall, ${validateMs.cpu.toFixed(1)} ms CPU (all checks, incl. shadowed rules)`);
console.log(`load average:     ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
console.log(`compile matcher:  ${compileMs.toFixed(1)} ms`);
console.log(`match (prepared): ${Math.round(N / matchSec).toLocaleString('en-US')} connections/s (${hits} of ${N} mapped; target >= 1,000,000/s)`);
console.log(`match (from strings, incl. address parsing): ${Math.round(M / rawSec).toLocaleString('en-US')} connections/s`);
