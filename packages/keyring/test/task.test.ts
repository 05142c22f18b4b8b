import { isLeft, isRight } from 'fp-ts/Either';
import { fixedClock } from '@ztwin/core';
import { createState, listCertificates } from '@ztwin/racf-model';
import { type KeySource, applyDeckTask, seededKeySource } from '../src';

const ca = "RACDCERT CERTAUTH GENCERT SUBJECTSDN(CN('Task CA')) WITHLABEL('Task CA') NISTECC SIZE(256) KEYUSAGE(CERTSIGN)";
const clock = fixedClock('2026-11-24T00:00:00Z');

describe('applyDeckTask (fp-ts TaskEither)', () => {
  it('is Right with the state and RACF diagnostics: a duplicate label does not make it Left', async () => {
    const r = await applyDeckTask(createState(), `${ca}\n${ca}`, { clock, keySource: seededKeySource('task'), source: 'task.racf' })();
    if (!isRight(r)) throw new Error('expected Right');
    expect(listCertificates(r.right.state).map((c) => c.label)).toEqual(['Task CA']);
    const errors = r.right.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.source, d.line])).toEqual([['task.racf', 2]]);
  });

  it('a key source that rejects is a KR-KEYGEN diagnostic of its command (still Right, nothing added)', async () => {
    const failing: KeySource = { generate: () => Promise.reject(new Error('HSM offline')) };
    const r = await applyDeckTask(createState(), ca, { clock, keySource: failing, source: 'task.racf' })();
    if (!isRight(r)) throw new Error('expected Right');
    expect(r.right.diagnostics.map((d) => d.code)).toEqual(['KR-KEYGEN']);
    expect(listCertificates(r.right.state)).toHaveLength(0);
  });

  it('is Left with KR-APPLY-FAILED when an injected source fails outside any command', async () => {
    const broken = { now: (): Date => { throw new Error('clock broken'); } };
    const r = await applyDeckTask(createState(), ca, { clock: broken, keySource: seededKeySource('task'), source: 'task.racf' })();
    if (!isLeft(r)) throw new Error('expected Left');
    expect(r.left).toMatchObject({ code: 'KR-APPLY-FAILED', severity: 'error', source: 'task.racf' });
    expect(r.left.message).toContain('clock broken');
  });
});
