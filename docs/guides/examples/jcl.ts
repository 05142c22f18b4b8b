import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '@ztwin/core';
import { findDd, jobUser, lintJcl, racfJob, readJcl, readRacfJob, stepCeeOpts, stepProgram, tsoCommands } from '@ztwin/jcl';

// A RACF deck as an IKJEFT01 batch job, and back.
const deck = readFileSync('../../../examples/zcee-attls-lab/fixtures/racf/MVSTLS.racf', 'utf8');
const job = racfJob(deck, { jobName: 'MVSTLS', msgclass: 'H', user: 'USER1' });
job.diagnostics.map(formatDiagnostic).forEach((l) => console.log(l));
console.log((job.value ?? '').split('\n').slice(0, 6).join('\n'), '\n...');
const back = readRacfJob(job.value ?? '');
console.log('same commands:', JSON.stringify(tsoCommands(back.value ?? '')) === JSON.stringify(tsoCommands(deck)));

// Read a job: who runs it, which program, with which Language Environment options.
for (const name of ['GETAPI.jcl', 'GETAPI-as-printed.jcl']) {
  const text = readFileSync(`../../../examples/zcee-attls-lab/fixtures/jcl/${name}`, 'utf8');
  const file = readJcl(text, { source: name });
  const j = file.value.jobs[0];
  const step = j?.steps[j.steps.length - 1];
  if (j === undefined || step === undefined) continue;
  const ceeopts = stepCeeOpts(step);
  console.log(name, jobUser(j), stepProgram(step), findDd(step, 'CEEOPTS') !== undefined, ceeopts?.value?.options.map((o) => o.name));
  [...file.diagnostics, ...lintJcl(file.value, { submitter: 'USER1' })].map(formatDiagnostic).forEach((l) => console.log(l));
}
