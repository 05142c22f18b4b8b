import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, fc } from '@fast-check/jest';
import { JclCodes, JclFile, envarValue, firstPositional, jobUser, keyword, lintJcl, readJcl, stepCeeOpts, stepParm, stepProgram, valueText } from '@ztwin/jcl';

const fixture = (n: string): string => readFileSync(join(__dirname, 'fixtures', n), 'utf8');
function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}
const codes = (ds: readonly { code: string }[]): string[] => ds.map((d) => d.code);

describe('readJcl', () => {
  it('reads jobs, steps, DDs, concatenations and in-stream data', () => {
    const r = readJcl(fixture('getapi-seed-mistakes.jcl'), { source: 'getapi.jcl' });
    expect(r.diagnostics).toEqual([]);
    const [job] = r.value.jobs;
    expect(job?.name).toBe('APIGET1');
    expect(job?.steps.map((s) => s.name)).toEqual(['CALLAPI', 'CALLAPI']);
    const step = job?.steps[1];
    expect(step?.dds.map((d) => d.name)).toEqual(['STEPLIB', 'SYSPRINT', 'CEEOPS']);
    const steplib = step?.dds[0];
    expect(steplib?.concatenation).toHaveLength(1);
    expect(valueText(keyword(steplib?.concatenation[0]?.statement ?? must(step).exec, 'DSN'))).toBe('ZCEE.SBAQLIB');
    const ceeops = step?.dds[2];
    expect(ceeops?.inline?.mode).toBe('*');
    expect(ceeops?.inline?.lines.map((l) => l.line)).toEqual([8, 9, 10, 11, 12]);
    expect(ceeops?.inline?.end).toBe('end-of-input');
    expect(valueText(keyword(must(step).exec, 'PARM'))).toBe('424242');
    expect(JclFile.is(JSON.parse(JSON.stringify(r.value)))).toBe(true);
  });

  it('flags the seed mistakes through lint: CEEOPS, duplicated EXEC, BAQ near miss, SURROGAT', () => {
    const r = readJcl(fixture('getapi-seed-mistakes.jcl'), { source: 'getapi.jcl' });
    const ds = lintJcl(r.value, { submitter: 'OPER1' });
    expect(ds.find((d) => d.code === 'JCLL001')).toMatchObject({ line: 7, column: 1, severity: 'warning' });
    expect(ds.find((d) => d.code === 'JCLL001')?.message).toContain('CEEOPTS');
    expect(ds.find((d) => d.code === 'JCLL002')).toMatchObject({ line: 3 });
    expect(ds.find((d) => d.code === 'JCLL002')?.message).toContain('no DD statements');
    expect(ds.find((d) => d.code === 'JCLL003')).toMatchObject({ severity: 'info', line: 1 });
    expect(ds.find((d) => d.code === 'JCLL003')?.message).toContain('APIUSR1.SUBMIT');
    // CEEOPS is not CEEOPTS, so its options are not linted as LE options.
    expect(ds.find((d) => d.code === 'LE005')).toBeUndefined();
    const fixed = readJcl(fixture('getapi-seed-mistakes.jcl').replace('//CEEOPS   DD', '//CEEOPTS  DD'));
    const ds2 = lintJcl(fixed.value, { submitter: 'APIUSR1' });
    expect(codes(ds2).sort()).toEqual(['JCLL002', 'LE005']);
    expect(JSON.stringify(ds2)).not.toContain('notreal');
  });

  it('a symbol on USER= is quoted in JCLL004, a PASSWORD= value never is', () => {
    const r = readJcl('//J JOB CLASS=A,USER=&SYSUID,PASSWORD=PW&X42\n//S EXEC PGM=IEFBR14\n//DD1 DD DUMMY');
    const ds = lintJcl(r.value).filter((d) => d.code === 'JCLL004');
    expect(ds.map((d) => d.message)).toEqual([
      'USER=&SYSUID: symbols such as &SYSUID are not substituted on USER',
      'PASSWORD=...: symbols such as &SYSUID are not substituted on PASSWORD',
    ]);
  });

  it('joins continuation records and quoted values continued to column 71', () => {
    const parm = 'A'.repeat(40) + ' ' + 'B'.repeat(40);
    const prefix = "//S1       EXEC PGM=IEFBR14,PARM='";
    const first = prefix + parm.slice(0, 71 - prefix.length);
    expect(first.length).toBe(71);
    const text = [
      '//J1       JOB (ACCT),\'A PROGRAMMER\',CLASS=A,  comment',
      '//             MSGCLASS=H',
      first,
      `//             ${parm.slice(71 - prefix.length)}',REGION=0M`,
      '//DD1      DD DSN=A.B,DISP=(NEW,CATLG,DELETE),',
      '//*  a comment between continuation records',
      '//            SPACE=(TRK,(1,1))',
    ].join('\n');
    const r = readJcl(text);
    expect(r.diagnostics).toEqual([]);
    const job = r.value.jobs[0];
    expect(job?.job?.parameters.map((p) => (p.kind === 'keyword' ? p.keyword : p.value.raw))).toEqual([
      '(ACCT)',
      "'A PROGRAMMER'",
      'CLASS',
      'MSGCLASS',
    ]);
    expect(job?.job?.comments).toBe('comment');
    const exec = job?.steps[0]?.exec;
    expect(valueText(keyword(must(exec), 'PARM'))).toBe(parm);
    expect(valueText(keyword(must(exec), 'REGION'))).toBe('0M');
    expect(exec?.lines).toEqual([3, 4]);
    const dd = job?.steps[0]?.dds[0];
    const space = keyword(must(dd).statement, 'SPACE');
    expect(space?.kind).toBe('list');
    expect(space?.kind === 'list' && space.items[1]?.kind === 'list' && space.items[1].items.map((i) => i.raw)).toEqual(['1', '1']);
    expect(space?.span.start).toMatchObject({ line: 7, column: 21 });
  });

  it('reports names, columns, continuations, quotes and statements with positions', () => {
    const text = [
      '//TOOLONGNAME JOB',
      '//1BAD EXEC PGM=X',
      '//S2 EXEX PGM=Y',
      '//S3 EXEC PGM=Z,',
      '//S4 EXEC PGM=W,PARM=\'abc',
      '//S5 EXEC PGM=V,PARM=' + 'X'.repeat(55),
      '//D1 DD DSN=A.B,',
      '//                     DISP=SHR',
      '//D2 DD DISP=(OLD,KEEP',
    ].join('\n');
    const r = readJcl(text, { source: 'bad.jcl' });
    const got = r.diagnostics.map((d) => `${d.line}:${d.column}:${d.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        `1:3:${JclCodes.nameTooLong}`,
        `2:3:${JclCodes.nameInvalid}`,
        `3:6:${JclCodes.unknownStatement}`,
        `5:1:${JclCodes.badContinuation}`,
        `6:1:${JclCodes.unterminatedQuote}`,
        `6:72:${JclCodes.pastColumn71}`,
        `8:24:${JclCodes.continuationColumn}`,
        `9:9:${JclCodes.unbalancedParentheses}`,
      ]),
    );
    expect(r.diagnostics.find((d) => d.code === JclCodes.unknownStatement)?.hint).toBe('did you mean EXEC?');
  });

  it('ends DD * at /* or //, DD DATA only at /* or DLM, and honours DLM', () => {
    const text = [
      '//J JOB',
      '//S EXEC PGM=P',
      '//A DD *',
      'a1',
      '//B DD DATA',
      '//not a statement',
      '/*',
      '//C DD *,DLM=$$',
      '/* data',
      '$$',
      '//D DD DATA,DLM=\'@@\'',
      '/*',
      '//x',
      '@@ trailing',
      '//E DD SYSOUT=*',
    ].join('\n');
    const r = readJcl(text);
    expect(r.diagnostics).toEqual([]);
    const dds = r.value.jobs[0]?.steps[0]?.dds ?? [];
    expect(dds.map((d) => [d.name, d.inline?.lines.map((l) => l.text), d.inline?.end])).toEqual([
      ['A', ['a1'], 'statement'],
      ['B', ['//not a statement'], 'delimiter'],
      ['C', ['/* data'], 'delimiter'],
      ['D', ['/*', '//x'], 'delimiter'],
      ['E', undefined, undefined],
    ]);
  });

  it('reports a DLM that never comes, data without DD *, IF/ENDIF and PROC/PEND balance', () => {
    const r = readJcl(['//J JOB', 'stray data', '//S EXEC PGM=P', '//I DD DATA,DLM=ZZ', 'x', '// ENDIF'].join('\n'));
    expect(codes(r.diagnostics)).toEqual([JclCodes.generatedSysin, JclCodes.missingDelimiter]);
    expect(r.value.jobs[0]?.dds[0]?.inline?.generated).toBe(true);
    const r2 = readJcl(['//J JOB', '//C1 IF (RC = 0) THEN', '//P PROC', '//PS EXEC PGM=X', '// PEND', '// ELSE', '//X ENDIF', '// ENDIF'].join('\n'));
    expect(codes(r2.diagnostics)).toEqual([JclCodes.unbalancedIf]);
    expect(r2.value.jobs[0]?.statements.find((s) => s.operation === 'IF')?.expression).toBe('(RC = 0)');
    expect(r2.value.jobs[0]?.procedures[0]?.steps[0]?.name).toBe('PS');
  });

  it('recognises SET, INCLUDE, JCLLIB, OUTPUT and the null statement', () => {
    const r = readJcl(
      ["//J JOB", "// SET HLQ='USER1'", '//LIB JCLLIB ORDER=(A.B,C.D)', '// INCLUDE MEMBER=X', '//O1 OUTPUT CLASS=A', '//', '//K JOB'].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value.jobs.map((j) => j.name)).toEqual(['J', 'K']);
    expect(r.value.jobs[0]?.statements.map((s) => s.operation)).toEqual(['JOB', 'SET', 'JCLLIB', 'INCLUDE', 'OUTPUT']);
    expect(firstPositional(must(must(r.value.jobs[0]).statements[0]))).toBeUndefined();
  });

  const jclish = fc.array(
    fc.oneof(
      fc.string({ maxLength: 90 }),
      fc.constantFrom('//', '/*', '//*', '// ', "'", '(', ')', ',', 'DD *', 'DD DATA,DLM=$$', 'EXEC PGM=X,', '$$').chain((p) =>
        fc.string({ maxLength: 80 }).map((s) => p + s),
      ),
      fc.tuple(fc.constantFrom('//A DD ', '//S EXEC ', '// ', '//J JOB '), fc.string({ maxLength: 80 })).map(([a, b]) => a + b),
    ),
    { maxLength: 25 },
  );

  test.prop([jclish.map((ls) => ls.join('\n'))], { numRuns: 400 })('never throws and keeps spans inside the input', (text) => {
    const r = readJcl(text, { source: 'p.jcl' });
    const lines = text.split('\n').length;
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    const check = (s: { start: { offset: number }; end: { offset: number } }): void => {
      expect(s.start.offset).toBeGreaterThanOrEqual(0);
      expect(s.end.offset).toBeLessThanOrEqual(text.length);
      expect(s.start.offset).toBeLessThanOrEqual(s.end.offset);
    };
    for (const j of r.value.jobs)
      for (const s of j.statements) {
        check(s.span);
        for (const p of s.parameters) check(p.span);
      }
    expect(JclFile.is(r.value)).toBe(true);
    lintJcl(r.value, { submitter: 'X' });
  });
});

describe('job queries', () => {
  it('USER=, PGM=, PARM= and the LE options that reach a step (none through a CEEOPS DD)', () => {
    const text = fixture('getapi-seed-mistakes.jcl');
    const job = must(readJcl(text).value.jobs[0]);
    const step = must(job.steps[1]);
    expect(jobUser(job)).toBe('APIUSR1');
    expect(stepProgram(step)).toBe('CALLAPI');
    expect(stepParm(step)).toBe('424242');
    expect(stepCeeOpts(step).value).toBeUndefined();
    const fixed = must(readJcl(text.replace('//CEEOPS   DD', '//CEEOPTS  DD')).value.jobs[0]);
    const opts = stepCeeOpts(must(fixed.steps[1]), 'getapi.jcl');
    expect(opts.value && envarValue(opts.value, 'BAQPORT')).toBe('9080');
    expect(opts.value && envarValue(opts.value, 'BAQUSERNAME')).toBeUndefined();
    expect(opts.diagnostics.map((d) => [d.code, d.line])).toEqual([['LE005', 11]]);
  });
});
