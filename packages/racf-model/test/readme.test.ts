import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Runs the README's example as written (extracted between the README-EXAMPLE markers).
test('the README example runs and shows what it says', async () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- README-EXAMPLE:START -->\s*```ts\n([\s\S]*?)```/.exec(readme);
  expect(m).not.toBeNull();
  const code = m?.[1] ?? '';
  const dir = mkdtempSync(join(__dirname, '.readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, code);
  try {
    const mod = (await import(file)) as { example: { before: string; pending: boolean; after: string; login: string; rebuilt: string } };
    expect(mod.example.before).toBe('denied');
    expect(mod.example.pending).toBe(true);
    expect(mod.example.after).toBe('allowed');
    expect(mod.example.login).toBe('ok');
    expect(mod.example.rebuilt).toContain('PERMIT BPX.SERVER CLASS(FACILITY) ID(ZAPPSTC) ACCESS(UPDATE)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
