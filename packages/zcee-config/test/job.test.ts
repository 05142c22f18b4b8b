import { fc, test as prop } from '@fast-check/jest';
import { formatDiagnostic } from '@ztwin/core';
import { Secret, buildApiRequesterJob, envText, readApiRequesterJob } from '@ztwin/zcee-config';

// A GETAPI-style job with the seed lab's mistakes: duplicated EXEC card, CEEOPS for CEEOPTS,
// password in clear (our own names and values).
const MISTAKES = [
  '//REQGET1  JOB MSGCLASS=H,NOTIFY=&SYSUID,USER=REQUSR1',
  "//GETAPI   EXEC PGM=GETAPI,PARM='111111'",
  "//GETAPI   EXEC PGM=GETAPI,PARM='111111'",
  '//STEPLIB  DD DISP=SHR,DSN=REQUSR1.ZCEE.LOADLIB',
  '//         DD DISP=SHR,DSN=ZCEE30.SBAQLIB',
  '//SYSPRINT DD SYSOUT=*',
  '//CEEOPS   DD *',
  '  POSIX(ON),',
  '  ENVAR("BAQURI=zos.example.test",',
  '    "BAQPORT=9080",',
  '    "BAQUSERNAME=REQUSR1",',
  '    "BAQPASSWORD=Pa55word")',
  '',
].join('\n');

const GOOD = MISTAKES.replace("//GETAPI   EXEC PGM=GETAPI,PARM='111111'\n", '').replace('//CEEOPS   DD *', '//CEEOPTS  DD *');

describe('reading the batch API requester job', () => {
  test('a correct job: typed, with the password kept secret', () => {
    const r = readApiRequesterJob(GOOD, 'GETAPI.jcl');
    expect(r.value).toMatchObject({
      jobName: 'REQGET1',
      user: 'REQUSR1',
      stepName: 'GETAPI',
      program: 'GETAPI',
      parm: '111111',
      steplib: ['REQUSR1.ZCEE.LOADLIB', 'ZCEE30.SBAQLIB'],
      posix: true,
      ceeoptsFound: true,
      env: { BAQURI: 'zos.example.test', BAQPORT: '9080', BAQUSERNAME: 'REQUSR1' },
    });
    expect(r.value?.ceeoptsNote).toBeUndefined();
    expect(r.value?.env['BAQPASSWORD']).toBeInstanceOf(Secret);
    expect(r.value && envText(r.value, 'BAQPASSWORD')).toBe('Pa55word');
    expect(JSON.stringify(r.value)).not.toContain('Pa55word');
    // only the clear-password warning
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['ZCEE_JOB_CLEAR_PASSWORD', 'warning', 11]]);
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).not.toContain('Pa55word');
  });

  test("the seed's mistakes: CEEOPS is ignored by LE (so no ENVAR reaches GETAPI), and the duplicated EXEC card", () => {
    const r = readApiRequesterJob(MISTAKES, 'GETAPI.jcl');
    const find = (code: string) => r.diagnostics.filter((d) => d.code === code);
    expect(find('ZCEE_JOB_CEEOPTS')).toEqual([expect.objectContaining({ severity: 'error', line: 7, source: 'GETAPI.jcl', hint: 'did you mean CEEOPTS?' })]);
    expect(find('JCLL002')).toEqual([expect.objectContaining({ line: 3 })]);
    // LE never sees the data: the program runs with no BAQ variables at all
    expect(r.value?.env).toEqual({});
    expect(r.value).toMatchObject({ ceeoptsFound: false, ceeoptsNote: 'DD CEEOPS is not CEEOPTS' });
    // the requester step is the one with the DDs (the second GETAPI)
    expect(r.value?.steplib).toEqual(['REQUSR1.ZCEE.LOADLIB', 'ZCEE30.SBAQLIB']);
  });

  test('missing BAQ variables, a misspelt one, a bad port', () => {
    const text = GOOD.replace('    "BAQPORT=9080",\n', '    "BAQPORT=90x0",\n').replace('"BAQUSERNAME=REQUSR1"', '"BAQUSERNMAE=REQUSR1"').replace('"BAQURI=zos.example.test",', '');
    const r = readApiRequesterJob(text, 'j.jcl');
    const codes = r.diagnostics.map((d) => `${d.code}:${d.severity}`);
    expect(codes).toEqual(
      expect.arrayContaining(['ZCEE_JOB_ENVAR_MISSING:error', 'ZCEE_JOB_ENVAR_MISSING:info', 'ZCEE_JOB_ENVAR_VALUE:error', 'LE005:warning']),
    );
    expect(r.diagnostics.filter((d) => d.code === 'ZCEE_JOB_ENVAR_MISSING').map((d) => d.message.split(' ')[1])).toEqual(['BAQURI', 'BAQUSERNAME']);
  });

  test('no job, no step: diagnostics, not exceptions', () => {
    expect(readApiRequesterJob('', 'e.jcl').diagnostics.map((d) => d.code)).toContain('ZCEE_JOB_NONE');
    expect(readApiRequesterJob('//J JOB\n//S EXEC PROC=X\n', 'e.jcl').diagnostics.map((d) => d.code)).toContain('ZCEE_JOB_NO_STEP');
  });

  prop.prop([fc.string({ maxLength: 400 })])('never throws on arbitrary text', (s) => {
    expect(Array.isArray(readApiRequesterJob(s, 'x.jcl').diagnostics)).toBe(true);
  });
});

describe('building the job', () => {
  test('build then read gives the same job', () => {
    const spec = {
      jobName: 'REQGET1',
      user: 'REQUSR1',
      notify: '&SYSUID',
      program: 'GETAPI',
      parm: '111111',
      steplib: ['REQUSR1.ZCEE.LOADLIB', 'ZCEE30.SBAQLIB'],
      env: { BAQURI: 'zos.example.test', BAQPORT: '9443', BAQUSERNAME: 'REQUSR1', BAQPASSWORD: new Secret('Pa55word') },
    };
    const b = buildApiRequesterJob(spec);
    expect(b.diagnostics).toEqual([]);
    expect(b.value).toMatch(/^\/\/CEEOPTS +DD +\*$/m);
    const r = readApiRequesterJob(b.value ?? '', 'built.jcl');
    expect(r.value).toMatchObject({ jobName: 'REQGET1', user: 'REQUSR1', program: 'GETAPI', parm: '111111', steplib: spec.steplib, posix: true });
    expect(r.value && ['BAQURI', 'BAQPORT', 'BAQUSERNAME', 'BAQPASSWORD'].map((n) => envText(r.value ?? { env: {} }, n))).toEqual(['zos.example.test', '9443', 'REQUSR1', 'Pa55word']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZCEE_JOB_CLEAR_PASSWORD']);
  });

  test('refuses values that would not read back', () => {
    const bad = buildApiRequesterJob({ jobName: 'J', program: 'P', steplib: [], env: { BAQURI: 'x'.repeat(80), BAQPORT: '1', BAQPASSWORD: new Secret('s\u00e9cret') } });
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['ZCEE_JOB_BUILD', 'ZCEE_JOB_BUILD']);
    expect(JSON.stringify(bad.diagnostics)).not.toContain('cret');
  });

  prop.prop([
    fc.string({ unit: fc.constantFrom(...'abcXYZ019.-_/:"\' ='.split('')), minLength: 1, maxLength: 40 }),
    fc.integer({ min: 1, max: 65535 }),
    fc.string({ unit: fc.constantFrom(...'aZ9"\'=, ()!$'.split('')), maxLength: 30 }),
  ])('ENVAR values with quotes, commas and parentheses read back exactly', (uri, port, pw) => {
    const b = buildApiRequesterJob({ jobName: 'J1', program: 'P1', steplib: ['A.B'], env: { BAQURI: uri, BAQPORT: String(port), BAQPASSWORD: new Secret(pw) } });
    if (/\s$/.test(uri) || /\s$/.test(pw)) {
      expect(b.value).toBeUndefined();
      return;
    }
    expect(b.diagnostics).toEqual([]);
    const r = readApiRequesterJob(b.value ?? '', 'p.jcl');
    expect(r.value && envText(r.value, 'BAQURI')).toBe(uri);
    expect(r.value && envText(r.value, 'BAQPORT')).toBe(String(port));
    expect(r.value && envText(r.value, 'BAQPASSWORD')).toBe(pw);
  });
});
