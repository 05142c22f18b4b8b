import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@ztwin/core';
import type { CertificateRecord } from '@ztwin/racf-model';
import { seededKeySource, type GencertContext } from '@ztwin/keyring';

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('openssl not found: openssl oracle tests are skipped');
/** `test` when openssl is present, else `test.skip` (with the warning above). */
export const withOpenssl = hasOpenssl ? test : test.skip;

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ztwin-keyring-'));
}
export function writeTmp(dir: string, name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
export function openssl(args: string[], input?: string | Uint8Array): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('openssl', args, input === undefined ? {} : { input });
  return { status: r.status ?? -1, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '' };
}
export function opensslOk(args: string[]): string {
  return execFileSync('openssl', args).toString();
}
export function pem(rec: CertificateRecord): string {
  const b = rec.der ?? '';
  return `-----BEGIN CERTIFICATE-----\n${(b.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}
export const TODAY = '2026-11-24T12:00:00Z';
export function ctx(seed = 'test', at = TODAY): GencertContext {
  return { clock: fixedClock(at), keySource: seededKeySource(seed) };
}
