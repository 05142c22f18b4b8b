/* Benchmarks of @ztwin/racf-model (built package). Run: npm run bench -w @ztwin/racf-model */
'use strict';
// V8 flags (package script): --expose-gc for the heap figure, a larger young generation for the
// allocation-heavy 1M-command run.
const os = require('node:os');
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

function benchDeck(n) {
  const text = deck(n);
  if (global.gc) global.gc();
  // parse alone (ASTs kept), then parse+apply streaming as `ztwin racf apply` does
  const [tp, p] = time(() => m.parseDeck(text));
  const parsed = p.commands.length;
  p.commands.length = 0;
  if (global.gc) global.gc();
  const [ta, a] = time(() => m.applyDeck(m.createState(), text, { random: { bytes: (k) => new Uint8Array(k) } }));
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  return { n: parsed, parseMs: tp, totalMs: ta, errors, state: a.state };
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

const arg = process.argv[2] || 'all';
console.log(`node ${process.version} on ${os.cpus()[0].model} (${os.cpus().length} cpus)`);
if (arg === 'all' || arg === 'deck') {
  const small = benchDeck(100_000);
  console.log(`deck 100k commands: parseDeck ${small.parseMs.toFixed(0)} ms; applyDeck(text) parse+apply ${small.totalMs.toFixed(0)} ms (errors ${small.errors})`);
  const big = benchDeck(1_000_000);
  console.log(`deck 1M commands:   parseDeck ${big.parseMs.toFixed(0)} ms; applyDeck(text) parse+apply ${big.totalMs.toFixed(0)} ms (errors ${big.errors})`);
  console.log(`scaling 1M/100k: ${(big.totalMs / small.totalMs).toFixed(2)}x`);
}
if (arg === 'all' || arg === 'access') {
  const a = benchAccess(100_000, 2_000_000);
  console.log(`checkAccess on ${a.profiles} profiles: ${a.decisions} decisions in ${a.ms.toFixed(0)} ms = ${a.perSecond.toLocaleString('en')} decisions/s`);
}
if (arg === 'all' || arg === 'heap') {
  const h = benchHeap(1_000_000);
  console.log(h === null ? 'heap: run with node --expose-gc' : `heap at ${h.profiles} profiles: ${h.bytesPerProfile} bytes/profile`);
}
