// Benchmark of the built @ztwin/jcl: reading, building and the RACF job round trip.
// Run with `npm run bench -w @ztwin/jcl` (after `npm run build`).
'use strict';
const os = require('node:os');
const { readJcl, buildJob, racfJob, readRacfJob, lintJcl } = require('../dist');

function time(label, n, fn) {
  fn(); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  return { label, ms };
}

const steps = [];
for (let i = 0; i < 2000; i++) {
  steps.push({
    exec: { name: `S${i}`, pgm: 'IEFBR14', parm: `PARAMETER ${i} WITH 'QUOTES' AND, COMMAS ${'X'.repeat(40)}` },
    dds: [
      { name: 'STEPLIB', dsn: 'SYS1.LINKLIB', disp: 'SHR', concatenation: [{ dsn: 'USER1.LOAD', disp: 'SHR' }] },
      { name: 'SYSPRINT', sysout: '*' },
      { name: 'SYSIN', inline: { lines: ['DATA LINE ONE', '/* looks like a delimiter', 'DATA LINE THREE'] } },
    ],
  });
}
const spec = { job: { name: 'BENCH', class: 'A', msgclass: 'H', notify: '&SYSUID' }, steps };
const built = buildJob(spec).value;
const records = built.split('\n').length - 1;
const deck = [];
for (let i = 0; i < 10000; i++) deck.push(i % 10 === 0 ? `/* comment ${i} */` : `PERMIT PROFILE.${i} CLASS(FACILITY) ID(USER${i % 50}) ACCESS(READ) /* a long trailing comment that pushes the line */`);
const deckText = deck.join('\n');
const job = racfJob(deckText, { jobName: 'RACFBIG' }).value;

const results = [
  time(`buildJob: 2000 steps (${records} records)`, 5, () => buildJob(spec)),
  time(`readJcl: ${records} records`, 5, () => readJcl(built)),
  time(`readJcl + lintJcl: 2000 steps`, 5, () => lintJcl(readJcl(built).value, { submitter: 'X' })),
  time('racfJob: 10000-line deck', 5, () => racfJob(deckText, { jobName: 'RACFBIG' })),
  time('readRacfJob: 10000-line deck', 5, () => readRacfJob(job)),
];
console.log(`@ztwin/jcl bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
for (const r of results) console.log(`${r.label.padEnd(44)} ${r.ms.toFixed(2).padStart(9)} ms`);
