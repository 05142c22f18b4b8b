import { lintJcl, racfJob, readJcl, readRacfJob, firstPositional, keyword, valueText, type Job } from '@ztwin/jcl';
import { stringFlag } from '../args';
import { type Command, UsageError } from '../command';

const jclRacf: Command = {
  path: ['jcl', 'racf'],
  summary: 'an IKJEFT01 job that runs the RACF command deck',
  flags: [
    { name: 'job', type: 'string', required: true, valueName: 'NAME', description: 'job name (1-8 characters)' },
    { name: 'user', type: 'string', valueName: 'U', description: 'USER= on the JOB card (the submitter needs SURROGAT U.SUBMIT)' },
    { name: 'accounting', type: 'string', valueName: 'ACCT', description: 'accounting information' },
    { name: 'programmer', type: 'string', valueName: 'NAME', description: "programmer's name (at most 20 characters)" },
    { name: 'class', type: 'string', valueName: 'C', description: 'job class' },
    { name: 'msgclass', type: 'string', valueName: 'C', description: 'message class' },
    { name: 'notify', type: 'string', valueName: 'U', description: 'NOTIFY= (default &SYSUID)' },
    { name: 'strategy', type: 'string', valueName: 'dlm|indent', description: 'keep /* and // deck lines in SYSTSIN with DD DATA,DLM= (default) or by indenting' },
    { name: 'out', type: 'string', valueName: 'FILE', description: 'write the JCL to FILE instead of stdout' },
  ],
  positionals: { name: 'DECK', description: 'RACF command deck (TSO/E commands); - for stdin', min: 1, max: 1 },
  async run(inv) {
    const a = inv.args;
    const deckPath = a.positionals[0] ?? '-';
    const strategy = stringFlag(a, 'strategy');
    if (strategy !== undefined && strategy !== 'dlm' && strategy !== 'indent') throw new UsageError(`--strategy must be dlm or indent, not '${strategy}'`);
    const deck = await inv.readInput(deckPath);
    const opt = (n: string): string | undefined => stringFlag(a, n);
    const user = opt('user');
    const accounting = opt('accounting');
    const programmer = opt('programmer');
    const cls = opt('class');
    const msgclass = opt('msgclass');
    const notify = opt('notify');
    const built = racfJob(deck, {
      jobName: opt('job') ?? '',
      ...(user !== undefined ? { user } : {}),
      ...(accounting !== undefined ? { accounting } : {}),
      ...(programmer !== undefined ? { programmer } : {}),
      ...(cls !== undefined ? { class: cls } : {}),
      ...(msgclass !== undefined ? { msgclass } : {}),
      ...(notify !== undefined ? { notify } : {}),
      ...(strategy !== undefined ? { strategy } : {}),
    });
    const out = opt('out');
    if (built.value !== undefined && out !== undefined) await inv.io.writeFile(out, built.value);
    return {
      ...(out === undefined && built.value !== undefined ? { text: built.value } : {}),
      json: { jcl: built.value ?? null, ...(out !== undefined ? { out } : {}) },
      diagnostics: built.diagnostics,
    };
  },
};

const jclDeck: Command = {
  path: ['jcl', 'deck'],
  summary: 'the TSO/E command deck (SYSTSIN) an IKJEFT01 job runs',
  flags: [],
  positionals: { name: 'JOB', description: 'JCL file; - for stdin', min: 1, max: 1 },
  async run(inv) {
    const p = inv.args.positionals[0] ?? '-';
    const r = readRacfJob(await inv.readInput(p), { source: p });
    return { ...(r.value !== undefined ? { text: r.value } : {}), json: { deck: r.value ?? null }, diagnostics: r.diagnostics };
  },
};

function jobSummary(j: Job): Record<string, unknown> {
  return {
    name: j.name ?? null,
    steps: j.steps.map((s) => ({
      name: s.name ?? null,
      pgm: valueText(keyword(s.exec, 'PGM')) ?? null,
      proc: valueText(keyword(s.exec, 'PROC')) ?? firstPositional(s.exec) ?? null,
      dds: s.dds.map((d) => d.name ?? null),
    })),
  };
}

const jclCheck: Command = {
  path: ['jcl', 'check'],
  summary: 'read JCL and lint it (names, columns, continuations, near-miss DD names, duplicate steps, SURROGAT)',
  flags: [{ name: 'submitter', type: 'string', valueName: 'USER', description: 'who submits the job (for the USER= SURROGAT check)' }],
  positionals: { name: 'JOB', description: 'JCL file; - for stdin', min: 1, max: 1 },
  async run(inv) {
    const p = inv.args.positionals[0] ?? '-';
    const r = readJcl(await inv.readInput(p), { source: p });
    const submitter = stringFlag(inv.args, 'submitter');
    const lint = lintJcl(r.value, submitter !== undefined ? { submitter } : {});
    return { json: { jobs: r.value.jobs.map(jobSummary) }, diagnostics: [...r.diagnostics, ...lint] };
  },
};

export const jclCommands: readonly Command[] = [jclRacf, jclDeck, jclCheck];
