import { test, fc } from '@fast-check/jest';
import { evaluate, SimulationResult, type SimulationFacts } from '@ztwin/simulator';
import { isRight } from 'fp-ts/Either';
import { labFacts, labJob, labPki, labServer, type LabPki } from './lab';

let pki: LabPki;
beforeAll(async () => {
  pki = await labPki();
});

const envValue = fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('wg31.washington.ibm.com', '9080', '9443', 'USER1', 'USERX', 'FRED')), {
  nil: undefined,
});

function facts(env: Record<string, string | undefined>, jobName: string, user: string, requireSecure: boolean, at: Date): SimulationFacts {
  const job = labJob({ jobName, user });
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  return labFacts(pki, { job: { ...job, env: clean }, server: labServer(pki, {}, { requireSecure }), at: at.toISOString() });
}

describe('evaluate on arbitrary job input', () => {
  test.prop([
    fc.record({ BAQURI: envValue, BAQPORT: envValue, BAQUSERNAME: envValue }),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom('USER1', 'USER2', 'FRED', 'NOBODY'),
    fc.boolean(),
    fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2045-01-01T00:00:00Z'), noInvalidDate: true }),
    fc.string({ minLength: 6, maxLength: 20 }),
  ])('never throws, always yields a valid result, never leaks the password', (env, jobName, user, requireSecure, at, pw) => {
    const secret = `PW#${pw}#`;
    const r = evaluate(facts({ ...env, BAQPASSWORD: secret }, jobName, user, requireSecure, at));
    const json = JSON.stringify(r);
    expect(isRight(SimulationResult.decode(JSON.parse(json)))).toBe(true);
    expect(json.includes(secret)).toBe(false);
    // the reason chain explains every failure: a non-ok outcome has a failed step
    if (r.outcome !== 'ok') expect(r.trace.some((s) => !s.ok)).toBe(true);
    else expect(r.trace.every((s) => s.ok)).toBe(true);
  });

  test.prop([fc.constantFrom('9080', '9443'), fc.boolean()])('a password change only matters for authentication', (port, requireSecure) => {
    const good = evaluate(facts({ BAQURI: 'wg31.washington.ibm.com', BAQPORT: port, BAQUSERNAME: 'USER1', BAQPASSWORD: 'USER1' }, 'USER1GET', 'USER1', requireSecure, new Date('2020-12-11T00:00:00Z')));
    const bad = evaluate(facts({ BAQURI: 'wg31.washington.ibm.com', BAQPORT: port, BAQUSERNAME: 'USER1', BAQPASSWORD: 'WRONG' }, 'USER1GET', 'USER1', requireSecure, new Date('2020-12-11T00:00:00Z')));
    if (good.outcome === 'ok') {
      // on 9443 the client certificate authenticates USER1 before BAQUSERNAME is looked at
      expect(bad.outcome).toBe(port === '9443' ? 'ok' : 'unauthenticated');
    } else {
      expect(bad.outcome).toBe(good.outcome);
    }
  });
});
