import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Runs the README's example as written (the ```ts block between the README-EXAMPLE markers) and
// checks that the output the README shows (the ```text block) is what it produced.
function readmeExample(): { code: string; shown: string } {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- README-EXAMPLE:START -->\s*```ts\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```\s*<!-- README-EXAMPLE:END -->/.exec(readme);
  if (m === null) throw new Error('README has no ts + text example between the README-EXAMPLE markers');
  return { code: m[1] ?? '', shown: (m[2] ?? '').trimEnd() };
}

test('the README example runs and prints what the README shows', async () => {
  const { code, shown } = readmeExample();
  const dir = mkdtempSync(join(__dirname, '.readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, code);
  try {
    const mod = (await import(file)) as { output: string; span: { line: number; column: number; endColumn?: number; severity: string } };
    expect(mod.output).toBe(shown);
    expect(mod.output).toBe('deck.racf:2:45: RACF002 PERMIT has no keyword ACESS (did you mean ACCESS?)');
    expect(mod.span).toEqual({ line: 2, column: 45, endColumn: 50, severity: 'error' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
