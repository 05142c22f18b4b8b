import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '@ztwin/core';
import { check, fmt, match, MatchResult } from '@ztwin/attls-policy';

function block(md: string, lang: string): string {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(md);
  if (m === null || m[1] === undefined) throw new Error(`README has no ${lang} block`);
  return m[1];
}

const md = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const text = block(md, 'attls');
const conn = { jobname: 'USER1GET', localAddr: '192.168.17.201', localPort: 7419, remoteAddr: '192.168.17.201', remotePort: 9443, direction: 'outbound' as const };

test('the README policy checks clean and is already canonical', () => {
  const r = check({ text, source: 'zcee.policy' });
  expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(r.ok).toBe(true);
  expect(fmt(text, 'zcee.policy').text).toBe(text);
});

test('the README match output is what match returns', () => {
  const { policy } = check({ text, source: 'zcee.policy' });
  const r = match(policy, conn);
  expect(MatchResult.is(r)).toBe(true);
  const shown = JSON.parse(block(md, 'json')) as { rule: unknown; tls: { protocols: Record<string, boolean> }; skipped: unknown };
  expect(r.rule).toEqual(shown.rule);
  expect(r.skipped).toEqual(shown.skipped);
  expect(r.actions?.tls).toMatchObject(shown.tls);
  const other = match(policy, { ...conn, jobname: 'USER2GET' });
  expect(other.rule).toBeNull();
  expect(other.skipped[0]?.reason).toBe('Jobname USER2GET does not match USER1GET');
});

test('the README diagnostics are what check prints for the misspelled statement', () => {
  const typo = text.replace('TTLSGroupAction                         gAct1', 'TLSGroupAction                          gAct1');
  const r = check({ text: typo, source: 'zcee.policy' });
  expect(r.diagnostics.map(formatDiagnostic)).toEqual(block(md, 'text').trim().split('\n'));
});
