import { test, fc } from '@fast-check/jest';
import type { DdSourceSpec } from '@ztwin/jcl';
import {
  JclBuildCodes,
  buildJob,
  keyword,
  layoutStatement,
  parseCeeOpts,
  racfJob,
  readJcl,
  readRacfJob,
  redactLeOptions,
  tsoCommands,
  valueText,
  envarValue,
  renderCeeOpts,
} from '@ztwin/jcl';

const codes = (ds: readonly { code: string }[]): string[] => ds.map((d) => d.code);

describe('buildJob', () => {
  it('writes a job that reads back with the same values', () => {
    const b = buildJob({
      job: { name: 'USER1GET', accounting: ['0', 'DEPT 7'], programmer: "O'BRIEN", class: 'A', msgclass: 'H', notify: '&SYSUID', region: '0M', user: 'USER1' },
      steps: [
        {
          exec: { name: 'GETAPI', pgm: 'GETAPI', parm: '111111' },
          dds: [
            { name: 'STEPLIB', dsn: 'USER1.ZCEE30.LOADLIB', disp: 'SHR', concatenation: [{ dsn: 'ZCEE30.SBAQLIB', disp: 'SHR' }] },
            { name: 'SYSPRINT', sysout: '*' },
            { name: 'CEEOPTS', inline: { lines: ['POSIX(ON),', 'ENVAR("BAQURI=host","BAQPORT=9080")'] } },
          ],
        },
      ],
    });
    expect(b.diagnostics).toEqual([]);
    expect(b.value).toBe(
      [
        "//USER1GET JOB (0,'DEPT 7'),'O''BRIEN',CLASS=A,MSGCLASS=H,",
        '//             NOTIFY=&SYSUID,REGION=0M,USER=USER1',
        '//GETAPI   EXEC PGM=GETAPI,PARM=111111',
        '//STEPLIB  DD   DSN=USER1.ZCEE30.LOADLIB,DISP=SHR',
        '//         DD   DSN=ZCEE30.SBAQLIB,DISP=SHR',
        '//SYSPRINT DD   SYSOUT=*',
        '//CEEOPTS  DD   *',
        'POSIX(ON),',
        'ENVAR("BAQURI=host","BAQPORT=9080")',
        '/*',
        '',
      ].join('\n'),
    );
    const r = readJcl(b.value ?? '');
    expect(r.diagnostics).toEqual([]);
    const job = r.value.jobs[0];
    expect(valueText(job?.job?.parameters[1]?.value)).toBe("O'BRIEN");
    expect(job?.steps[0]?.dds[0]?.concatenation).toHaveLength(1);
    expect(job?.steps[0]?.dds[2]?.inline?.lines.map((l) => l.text)).toEqual(['POSIX(ON),', 'ENVAR("BAQURI=host","BAQPORT=9080")']);
  });

  it('refuses what cannot be written: &SYSUID on USER, bad names, symbols, long PARM, bad DSN', () => {
    const b = buildJob({
      job: { name: 'TOOLONGJOB', user: '&SYSUID' },
      steps: [
        { exec: { pgm: 'X', parm: 'A&B' }, dds: [{ name: 'D1', dsn: 'BAD..NAME' }] },
        { exec: { pgm: 'Y', parm: 'x'.repeat(101) }, dds: [{ name: 'D2', inline: { lines: ['x'.repeat(81)] } }] },
        { exec: {}, dds: [] },
      ],
    });
    expect(b.value).toBeUndefined();
    expect(codes(b.diagnostics).sort()).toEqual(
      [
        JclBuildCodes.invalidName,
        JclBuildCodes.symbolNotAllowed,
        JclBuildCodes.unrepresentable,
        JclBuildCodes.invalidDsn,
        JclBuildCodes.tooLong,
        JclBuildCodes.dataTooLong,
        JclBuildCodes.execTarget,
      ].sort(),
    );
  });

  it('switches to DD DATA,DLM= when a data line would end DD *', () => {
    const b = buildJob({ job: { name: 'J' }, steps: [{ exec: { pgm: 'P' }, dds: [{ name: 'IN', inline: { lines: ['/* x', '//y', '$$z'] } }] }] });
    expect(b.value).toContain('//IN       DD   DATA,DLM=@@\n/* x\n//y\n$$z\n@@\n');
    const r = readJcl(b.value ?? '');
    expect(r.value.jobs[0]?.steps[0]?.dds[0]?.inline?.lines.map((l) => l.text)).toEqual(['/* x', '//y', '$$z']);
  });

  const token = fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/);
  const printable = fc.string({ unit: fc.constantFrom(...' ABCXYZ0123456789\'(),.=/*-+"'.split('')), minLength: 1, maxLength: 100 });
  test.prop([token, printable, fc.array(fc.tuple(token, token), { maxLength: 12 })], { numRuns: 300 })(
    'PARM and long keyword lists break legally and read back the same',
    (pgm, parm, extra) => {
      const b = buildJob({ job: { name: 'J', programmer: parm.slice(0, 20) }, steps: [{ exec: { name: 'S', pgm, parm }, dds: [] }] });
      expect(b.diagnostics).toEqual([]);
      const text = b.value ?? '';
      for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(71);
      const r = readJcl(text);
      expect(r.diagnostics).toEqual([]);
      const exec = r.value.jobs[0]?.steps[0]?.exec;
      expect(exec && valueText(keyword(exec, 'PARM'))).toBe(parm);
      expect(valueText(r.value.jobs[0]?.job?.parameters[1]?.value)).toBe(parm.slice(0, 20));
      // DD with a long DISP list breaks after subparameters.
      const lay = layoutStatement('DD1', 'DD', [`DISP=(${extra.map(([a, b2]) => `${a},${b2}`).join(',')})`]);
      if (lay.lines !== undefined) {
        for (const l of lay.lines) expect(l.length).toBeLessThanOrEqual(71);
        const rr = readJcl(['//J JOB', '//S EXEC PGM=X', ...lay.lines].join('\n'));
        expect(rr.diagnostics).toEqual([]);
      }
    },
  );
});

describe('racfJob / readRacfJob', () => {
  const deck = [
    '/* Create the ring */',
    'RACDCERT ID(USER1) ADDRING(Liberty.KeyRing)',
    'RACDCERT ID(USER1) CONNECT(LABEL(\'USER1\') +',
    '    RING(Liberty.KeyRing) DEFAULT)',
    'SETR RACLIST(DIGTCERT DIGTRING FACILITY) REFRESH',
  ].join('\n');

  it('writes an IKJEFT01 job; a deck starting with /* gets DD DATA,DLM=', () => {
    const b = racfJob(deck, { jobName: 'MVSTLS', msgclass: 'H' });
    expect(b.diagnostics).toEqual([]);
    expect(b.value?.split('\n').slice(0, 5)).toEqual([
      '//MVSTLS   JOB MSGCLASS=H,NOTIFY=&SYSUID',
      '//RACF     EXEC PGM=IKJEFT01',
      '//SYSTSPRT DD   SYSOUT=*',
      '//SYSTSIN  DD   DATA,DLM=$$',
      '/* Create the ring */',
    ]);
    const back = readRacfJob(b.value ?? '');
    expect(back.diagnostics).toEqual([]);
    expect(back.value).toBe(deck + '\n');
  });

  it('indents /* lines instead when asked, which TSO/E reads the same', () => {
    const b = racfJob(deck, { jobName: 'MVSTLS', strategy: 'indent' });
    expect(b.value).toContain('//SYSTSIN  DD   *\n /* Create the ring */\n');
    expect(tsoCommands(readRacfJob(b.value ?? '').value ?? '')).toEqual(tsoCommands(deck));
  });

  it('a plain DD * deck ended early by a /* line loses the rest: readRacfJob shows it', () => {
    const jcl = ['//J JOB', '//S EXEC PGM=IKJEFT01', '//SYSTSIN DD *', 'LU USER1', '/* comment', 'LU USER2'].join('\n');
    const r = readRacfJob(jcl);
    expect(r.value).toBe('LU USER1\n');
    expect(codes(r.diagnostics)).toEqual(['JCL020', 'JCL012']);
    expect(r.diagnostics[0]).toMatchObject({ line: 5, column: 1, severity: 'warning' });
  });

  it('continues lines over 72 columns at a blank with + (TSO/E ignores SYSTSIN columns 73-80)', () => {
    const long = 'PERMIT BBGZDFLT.zos.connect.access.roles.zosConnectAccess CLASS(EJBROLE) ID(ZCEEUSRS) ACCESS(READ)';
    const comment = '/* ' + 'word '.repeat(20) + '*/';
    const b = racfJob([comment, long].join('\n'), { jobName: 'J' });
    const deckBack = readRacfJob(b.value ?? '').value ?? '';
    expect(deckBack.split('\n')).toEqual([
      '/* word word word word word word word word word word word word word */',
      '/* word word word word word word word */',
      'PERMIT BBGZDFLT.zos.connect.access.roles.zosConnectAccess +',
      '  CLASS(EJBROLE) ID(ZCEEUSRS) ACCESS(READ)',
      '',
    ]);
    expect(tsoCommands(deckBack)).toEqual([{ text: long, line: 3 }]);
  });

  it('warns about text in SYSTSIN columns 73-80 and refuses USER=&SYSUID', () => {
    const jcl = ['//J JOB', '//S EXEC PGM=IKJEFT01', '//SYSTSIN DD *', 'LISTUSER' + ' '.repeat(64) + 'USER1'].join('\n');
    const r = readRacfJob(jcl);
    expect(r.value).toBe('LISTUSER\n');
    expect(r.diagnostics[0]).toMatchObject({ code: 'JCL024', line: 4, column: 73 });
    expect(codes(racfJob('LU', { jobName: 'J', user: '&SYSUID' }).diagnostics)).toEqual([JclBuildCodes.symbolNotAllowed]);
  });

  it('does not quote columns 73-80 of a record that may hold a password', () => {
    const jcl = ['//J JOB', '//S EXEC PGM=IKJEFT01', '//SYSTSIN DD *', 'ALTUSER USER1 PASSWORD(' + ' '.repeat(49) + 'S3CRET9)'].join('\n');
    const r = readRacfJob(jcl);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['JCL024', 'SYSTSIN columns 73-80 are a sequence number: TSO/E ignores them']]);
    expect(JSON.stringify(r.diagnostics)).not.toContain('S3CRET9');
  });

  const deckLine = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'ABC xyz()\'+-/*,.$@#'.split('')), maxLength: 120 }),
    fc.string({ maxLength: 40 }).map((s) => '/* ' + s.replace(/[^\x20-\x7e]/g, '') + ' */'),
    fc.string({ maxLength: 60 }).map((s) => '//' + s.replace(/[^\x20-\x7e]/g, '')),
    fc.constantFrom('$$', '@@ data', 'PERMIT X CLASS(FACILITY) ID(U) ACCESS(READ) /* why */ -', "  LABEL('a /* b') +"),
  );
  test.prop([fc.array(deckLine, { maxLength: 20 }), fc.constantFrom<'dlm' | 'indent'>('dlm', 'indent')], { numRuns: 300 })(
    'readRacfJob(racfJob(deck)) has the same TSO/E commands',
    (lines, strategy) => {
      const d = lines.join('\n');
      const b = racfJob(d, { jobName: 'RT', strategy });
      expect(b.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      const back = readRacfJob(b.value ?? '');
      expect(back.diagnostics).toEqual([]);
      for (const l of (b.value ?? '').split('\n')) expect(l.length).toBeLessThanOrEqual(80);
      expect(tsoCommands(back.value ?? '')).toEqual(tsoCommands(d));
    },
  );
});

describe('parseCeeOpts', () => {
  it('reads options, ENVAR across records, quoted strings, and keeps secrets out of output', () => {
    const lines = ['  POSIX(ON),', '  ENVAR("BAQURI=zos.example.test",', '    "BAQPORT=9443",', '* a comment line', "    'BAQPASSWORD=s3cr''t') TRAP(ON,SPIE)"].map(
      (text, i) => ({ text, line: i + 10 }),
    );
    const r = parseCeeOpts(lines, 'job.jcl');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.options.map((o) => [o.name, o.line, o.column])).toEqual([
      ['POSIX', 10, 3],
      ['ENVAR', 11, 3],
      ['TRAP', 14, 28],
    ]);
    expect(envarValue(r.value, 'BAQPORT')).toBe('9443');
    expect(envarValue(r.value, 'BAQPASSWORD')).toBe("s3cr't");
    expect(JSON.stringify(redactLeOptions(r.value))).not.toContain('s3cr');
  });

  test.prop([fc.array(fc.string({ maxLength: 90 }), { maxLength: 10 })])('never throws; positions are inside the input', (ls) => {
    const r = parseCeeOpts(ls.map((text, i) => ({ text, line: i + 1 })));
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(Math.max(1, ls.length));
    }
  });
});

describe('renderCeeOpts', () => {
  const name = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/);
  const sub = fc.string({ unit: fc.constantFrom(...'ab=Z09 ."\'/:,()_-'.split('')), maxLength: 30 });
  test.prop([fc.array(fc.record({ name, suboptions: fc.array(sub, { maxLength: 5 }) }), { maxLength: 6 })])(
    'parseCeeOpts(renderCeeOpts(options)) gives the same options',
    (opts) => {
      const r = renderCeeOpts(opts);
      expect(r.diagnostics).toEqual([]);
      const back = parseCeeOpts((r.value ?? []).map((text, i) => ({ text, line: i + 1 })));
      expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(back.value.options.map((o) => ({ name: o.name, suboptions: o.suboptions }))).toEqual(
        opts.map((o) => ({ name: o.name, suboptions: o.suboptions.length === 0 ? [] : o.suboptions })),
      );
    },
  );

  it('breaks after NAME( when the first suboption is long', () => {
    const r = renderCeeOpts([{ name: 'ABCDEFGHIJKL', suboptions: ['"'.repeat(30)] }]);
    expect(r.value).toEqual(['ABCDEFGHIJKL(', `  "${'""'.repeat(30)}")`]);
    const back = parseCeeOpts((r.value ?? []).map((text, i) => ({ text, line: i + 1 })));
    expect(back.value.options[0]?.suboptions).toEqual(['"'.repeat(30)]);
  });

  it('writes the seed-style layout', () => {
    const r = renderCeeOpts([
      { name: 'POSIX', suboptions: ['ON'] },
      { name: 'ENVAR', suboptions: ['BAQURI=zos.example.test', 'BAQPORT=9443', 'BAQUSERNAME=APIUSR1', 'BAQPASSWORD=x'] },
    ]);
    expect(r.value).toEqual(['POSIX(ON),', 'ENVAR("BAQURI=zos.example.test","BAQPORT=9443","BAQUSERNAME=APIUSR1",', '  "BAQPASSWORD=x")']);
  });
});

describe('buildJob → readJcl round trip', () => {
  const nm = fc.stringMatching(/^[A-Z@#$][A-Z0-9@#$]{0,7}$/);
  const qual = fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/);
  const dsn = fc.array(qual, { minLength: 1, maxLength: 5 }).map((q) => q.join('.'));
  const dataLine = fc.string({ unit: fc.constantFrom(...'/*$@# AZ09,\'()'.split('')), maxLength: 80 });
  const dd = fc.record({
    name: nm,
    source: fc.oneof<fc.Arbitrary<DdSourceSpec>[]>(
      fc.record({ dsn, disp: fc.constantFrom('SHR', 'OLD') }),
      fc.constant({ sysout: '*' }),
      fc.array(dataLine, { maxLength: 6 }).map((lines) => ({ inline: { lines } })),
    ),
    concat: fc.array(fc.record({ dsn, disp: fc.constant('SHR') }), { maxLength: 2 }),
  });
  const step = fc.record({ name: nm, pgm: nm, parm: fc.option(fc.string({ maxLength: 100 }).map((s) => s.replace(/[^\x20-\x25\x27-\x7e]/g, 'x')), { nil: undefined }), dds: fc.array(dd, { maxLength: 5 }) });

  test.prop([nm, fc.array(step, { minLength: 1, maxLength: 5 })], { numRuns: 200 })('steps, DDs, DSNs, PARM and in-stream data read back', (jobName, steps) => {
    const b = buildJob({
      job: { name: jobName, msgclass: 'H' },
      steps: steps.map((s) => ({
        exec: { name: s.name, pgm: s.pgm, ...(s.parm !== undefined && s.parm !== '' ? { parm: s.parm } : {}) },
        dds: s.dds.map((d) => ({ name: d.name, ...d.source, ...(d.source.inline === undefined && d.concat.length > 0 ? { concatenation: d.concat } : {}) })),
      })),
    });
    expect(b.diagnostics).toEqual([]);
    const r = readJcl(b.value ?? '');
    expect(r.diagnostics).toEqual([]);
    const job = r.value.jobs[0];
    expect(r.value.jobs).toHaveLength(1);
    expect(job?.steps.map((s) => [s.name, valueText(keyword(s.exec, 'PGM')), valueText(keyword(s.exec, 'PARM'))])).toEqual(
      steps.map((s) => [s.name, s.pgm, s.parm === '' ? undefined : s.parm]),
    );
    steps.forEach((s, i) => {
      const got = job?.steps[i]?.dds ?? [];
      expect(got.map((d) => d.name)).toEqual(s.dds.map((d) => d.name));
      s.dds.forEach((d, k) => {
        const g = got[k];
        if (d.source.inline !== undefined) expect(g?.inline?.lines.map((l) => l.text)).toEqual(d.source.inline.lines.map((l) => l.trimEnd()));
        if (d.source.dsn !== undefined) {
          expect(g && valueText(keyword(g.statement, 'DSN'))).toBe(d.source.dsn);
          expect(g?.concatenation.map((c) => valueText(keyword(c.statement, 'DSN')))).toEqual(d.concat.map((c) => c.dsn));
        }
      });
    });
  });
});
