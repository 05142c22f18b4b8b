/* Benchmarks of @ztwin/racf-model (built package). Run: npm run bench -w @ztwin/racf-model
 * The deck figures are taken in fresh node processes (as `ztwin racf apply` runs one deck per
 * process), three runs each, median reported with wall and CPU time; the load average is printed
 * because the 2-core machine is shared. `node bench/bench.js deck|access|heap` runs one part. */
'use strict';
// V8 flags (package script): --expose-gc for the heap figure, a larger young generation for the
// allocation-heavy 1M-command run.
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const m = require('../dist');

function deck(n) {
  const out = [];
  const groups = Math.max(10, Math.floor(n / 100));
  for (let g = 0; g < groups; g++) out.push(`ADDGROUP G${g} OMVS(GID(${g + 1000}))`);
  out.push('SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY) RACLIST(FACILITY)');
  let i = 0;
  while (out.length < n) {
    const k = i % 4;
    const u = `U${i}`;
    if (k === 0) out.push(`ADDUSER ${u} DFLTGRP(G${i % groups}) NAME('USER ${i}') OMVS(UID(${i}) HOME('/u/${u}'))`);
    else if (k === 1) out.push(`CONNECT U${i - 1} GROUP(G${(i + 7) % groups}) AUTHORITY(USE)`);
    else if (k === 2) out.push(`RDEFINE FACILITY APP${i % 997}.RES${i} UACC(NONE) DATA('resource ${i}')`);
    else out.push(`PERMIT APP${(i - 1) % 997}.RES${i - 1} CLASS(FACILITY) ID(U${i - 3}) ACCESS(READ)`);
    if (i % 50000 === 49999) out.push('SETROPTS RACLIST(FACILITY) REFRESH');
    i++;
  }
  return out.join('\n') + '\n';
}

function time(f) {
  const t0 = performance.now();
  const r = f();
  return [performance.now() - t0, r];
}

function benchAccess(profiles, decisions) {
  const lines = ['SETROPTS CLASSACT(FACILITY) GENERIC(FACILITY)'];
  for (let g = 0; g < 100; g++) lines.push(`ADDGROUP G${g}`);
  for (let u = 0; u < 1000; u++) lines.push(`ADDUSER U${u} DFLTGRP(G${u % 100})`);
  for (let p = 0; p < profiles; p++) {
    const generic = p % 10 === 0;
    const name = generic ? `HLQ${p % 1000}.Q${p}.*` : `HLQ${p % 1000}.Q${p}.RES`;
    lines.push(`RDEFINE FACILITY ${name} UACC(NONE)`);
    lines.push(`PERMIT ${name} CLASS(FACILITY) ID(G${p % 100}) ACCESS(READ)`);
  }
  lines.push('SETROPTS RACLIST(FACILITY)');
  const s = m.applyDeck(m.createState(), lines.join('\n')).state;
  const reqs = [];
  for (let i = 0; i < 4096; i++) {
    const p = (i * 7919) % profiles;
    const res = p % 10 === 0 ? `HLQ${p % 1000}.Q${p}.ANY` : `HLQ${p % 1000}.Q${p}.RES`;
    reqs.push({ user: `U${i % 1000}`, class: 'FACILITY', resource: res, access: i % 3 === 0 ? 'UPDATE' : 'READ' });
  }
  let allowed = 0;
  for (let i = 0; i < 20000; i++) if (m.checkAccess(s, reqs[i & 4095]).decision === 'allowed') allowed++; // warm-up
  const [t] = time(() => {
    for (let i = 0; i < decisions; i++) if (m.checkAccess(s, reqs[i & 4095]).decision === 'allowed') allowed++;
  });
  return { profiles, decisions, ms: t, perSecond: Math.round((decisions / t) * 1000), allowed };
}

function benchHeap(profiles) {
  if (!global.gc) return null;
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const lines = [];
  for (let p = 0; p < profiles; p++) lines.push(`RDEFINE FACILITY H${p % 1000}.P${p} UACC(READ)`);
  const cmds = m.parseDeck(lines.join('\n')).commands;
  lines.length = 0;
  const s = m.applyDeck(m.createState(), cmds).state;
  cmds.length = 0;
  global.gc();
  const after = process.memoryUsage().heapUsed;
  const bytes = (after - before) / profiles;
  if (m.listProfiles(s, 'FACILITY').length !== profiles) throw new Error('bad heap bench');
  return { profiles, bytesPerProfile: Math.round(bytes) };
}

// One timed deck run in this (fresh) process: `--deck N` prints a JSON line.
function deckPhase(n) {
  const text = deck(n);
  if (global.gc) global.gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const a = m.applyDeck(m.createState(), text, { random: { bytes: (k) => new Uint8Array(k) } });
  const wall = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  const t1 = performance.now();
  const p = m.parseDeck(text);
  const parseMs = performance.now() - t1;
  console.log(JSON.stringify({ n, wall, cpu: (cu.user + cu.system) / 1000, parseMs, commands: p.commands.length, errors, users: a.state.users.size }));
}

// One timed parse in this (fresh) process: `--parse N` prints a JSON line. parseEach streams the
// deck's commands to a callback that keeps nothing (the parse alone, no AST array, no apply).
function parsePhase(n) {
  const text = deck(n);
  const { parseEach } = require('../dist/parser');
  if (global.gc) global.gc();
  let commands = 0;
  const diagnostics = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  parseEach(text, {}, () => commands++, diagnostics);
  const wall = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  console.log(JSON.stringify({ n, wall, cpu: (cu.user + cu.system) / 1000, commands, diagnostics: diagnostics.length }));
}

function runFresh(flag, n, runs, key) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, flag, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    rs.push(JSON.parse(out.trim().split('\n').pop()));
  }
  rs.sort((a, b) => a[key] - b[key]);
  return { median: rs[Math.floor(rs.length / 2)], best: rs[0], all: rs };
}

function runDeck(n, runs) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--deck', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    rs.push(JSON.parse(out.trim().split('\n').pop()));
  }
  rs.sort((a, b) => a.wall - b.wall);
  return { median: rs[Math.floor(rs.length / 2)], best: rs[0], all: rs };
}

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const arg = process.argv[2] || 'all';
if (arg === '--deck') {
  deckPhase(Number(process.argv[3]));
} else if (arg === '--parse') {
  parsePhase(Number(process.argv[3]));
} else {
  console.log(`node ${process.version} on ${os.cpus()[0].model} (${os.cpus().length} cpus)`);
  if (arg === 'all' || arg === 'deck') {
    const small = runDeck(100_000, 3);
    const big = runDeck(1_000_000, 3);
    for (const [label, r] of [['100k', small], ['1M  ', big]]) {
      const x = r.median;
      console.log(
        `deck ${label} commands: applyDeck(text) parse+apply median ${x.wall.toFixed(0)} ms wall (best ${r.best.wall.toFixed(0)}), ${x.cpu.toFixed(0)} ms CPU; parseDeck alone ${x.parseMs.toFixed(0)} ms (errors ${x.errors})`,
      );
    }
    console.log(`scaling 1M/100k: ${(big.median.wall / small.median.wall).toFixed(2)}x wall, ${(big.median.cpu / small.median.cpu).toFixed(2)}x CPU`);
    console.log(`load average ${load()}`);
  }
  if (arg === 'all' || arg === 'parse') {
    // issue #2: parseEach alone over the 1M deck, CPU time (the machine is shared: CPU, not wall)
    const r = runFresh('--parse', 1_000_000, 3, 'cpu');
    const x = r.median;
    console.log(
      `parse 1M  commands: parseEach (streaming, nothing kept) median ${x.cpu.toFixed(0)} ms CPU (best ${r.best.cpu.toFixed(0)}, runs ${r.all.map((y) => y.cpu.toFixed(0)).join(' ')}), ${x.wall.toFixed(0)} ms wall; ${x.commands} commands, ${x.diagnostics} diagnostics; load average ${load()}`,
    );
  }
  if (arg === 'all' || arg === 'access') {
    const a = benchAccess(100_000, 2_000_000);
    console.log(`checkAccess on ${a.profiles} profiles: ${a.decisions} decisions in ${a.ms.toFixed(0)} ms = ${a.perSecond.toLocaleString('en')} decisions/s (load average ${load()})`);
  }
  if (arg === 'all' || arg === 'heap') {
    const h = benchHeap(1_000_000);
    console.log(h === null ? 'heap: run with node --expose-gc' : `heap at ${h.profiles} profiles: ${h.bytesPerProfile} bytes/profile`);
  }
}
