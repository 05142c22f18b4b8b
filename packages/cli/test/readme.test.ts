import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RacfAccessJson } from '@ztwin/cli';

// Runs the README's example as written (the ```ts block between the README-EXAMPLE markers) and
// checks that the output the README shows (the ```json block) is what it printed.
function readmeExample(): { code: string; shown: string } {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- README-EXAMPLE:START -->\s*```ts\n([\s\S]*?)```[\s\S]*?```json\n([\s\S]*?)```\s*<!-- README-EXAMPLE:END -->/.exec(readme);
  if (m === null) throw new Error('README has no ts + json example between the README-EXAMPLE markers');
  return { code: m[1] ?? '', shown: m[2] ?? '' };
}

type Example = () => Promise<{ apply: number; access: number; stdout: string; stderr: string }>;

test('the README example runs ztwin racf apply + access and prints what the README shows', async () => {
  const { code, shown } = readmeExample();
  const dir = mkdtempSync(join(__dirname, '.readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, code);
  try {
    const mod = (await import(file)) as { example: Example };
    const r = await mod.example();
    expect(r.apply).toBe(0);
    expect(r.access).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(shown);
    const doc: unknown = JSON.parse(r.stdout);
    expect(RacfAccessJson.is(doc)).toBe(true);
    expect(doc).toMatchObject({ decision: 'allowed', profile: { class: 'FACILITY', name: 'BPX.**', generic: true }, diagnostics: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
