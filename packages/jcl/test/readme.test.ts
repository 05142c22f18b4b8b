import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { racfJob, readRacfJob, tsoCommands } from '@ztwin/jcl';

function block(md: string, lang: string): string {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(md);
  if (m === null || m[1] === undefined) throw new Error(`README has no ${lang} block`);
  return m[1];
}

it('the README example is what racfJob writes, and it reads back', () => {
  const md = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const deck = block(md, 'racf');
  const job = racfJob(deck, { jobName: 'MVSTLS', msgclass: 'H', user: 'USER1' });
  expect(job.diagnostics).toEqual([]);
  expect(job.value).toBe(block(md, 'jcl'));
  const back = readRacfJob(job.value ?? '');
  expect(back.value).toBe(deck);
  expect(tsoCommands(back.value ?? '')).toEqual(tsoCommands(deck));
});
