import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Runs the README's example as written (the ```ts block between the README-EXAMPLE markers) and
// checks that the output the README shows (the ```text block) is what it produced.
function readmeExample(): { code: string; shown: string } {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- README-EXAMPLE:START -->\s*```ts\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```\s*<!-- README-EXAMPLE:END -->/.exec(readme);
  if (m === null) throw new Error('README has no ts + text example between the README-EXAMPLE markers');
  return { code: m[1] ?? '', shown: m[2] ?? '' };
}

type Example = () => Promise<{ text: string; messages: string[]; clerk1: string | undefined; diagnostics: string[] }>;

test('the README example runs and predicts what the README shows', async () => {
  const { code, shown } = readmeExample();
  const dir = mkdtempSync(join(__dirname, '.readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, code);
  try {
    const mod = (await import(file)) as { example: Example };
    const r = await mod.example();
    expect(r.text).toBe(shown);
    expect(r.text.split('\n')[0]).toBe('outcome: unauthenticated on the requester leg; HTTP 401 (error in ZCEE)');
    expect(r.messages).toEqual(['IRR012I', 'CWWKS1100A', 'HTTP401']);
    // The same server and job as a user RACF knows, with the right password and permits: 200.
    expect(r.clerk1).toBe('ok');
    expect(r.diagnostics).toEqual(['ZCEE_JOB_CLEAR_PASSWORD (warning)']);
    // The password the job carries is never printed.
    expect(r.text).not.toContain('S3CRET1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
