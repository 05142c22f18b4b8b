import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ztwin/core';
import { createState, getDataSet } from '@ztwin/racf-model';
import { applyDeck, seededKeySource } from '@ztwin/keyring';

// Runs the README's example as written (the ```ts block between the README-EXAMPLE markers) and
// checks that the output the README shows (the ```text block) is what it produced.
function readmeExample(): { code: string; shown: string } {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- README-EXAMPLE:START -->\s*```ts\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```\s*<!-- README-EXAMPLE:END -->/.exec(readme);
  if (m === null) throw new Error('README has no ts + text example between the README-EXAMPLE markers');
  return { code: m[1] ?? '', shown: (m[2] ?? '').trimEnd() };
}

interface ExampleTls {
  cert?: string;
  key?: string;
  ca: string[];
}
type Example = () => Promise<{ output: string; deckDiagnostics: string[]; tls?: ExampleTls }>;

test('the README example runs, prints what the README shows and its certificates are real', async () => {
  const { code, shown } = readmeExample();
  const dir = mkdtempSync(join(__dirname, '.readme-'));
  const file = join(dir, 'example.ts');
  writeFileSync(file, code);
  try {
    const mod = (await import(file)) as { example: Example };
    const r = await mod.example();
    expect(r.deckDiagnostics).toEqual([]);
    expect(r.output).toBe(shown);
    expect(r.output).toContain("LIBSERV/Liberty.KeyRing:1:1: KR-HEALTH-EXPIRED Certificate 'Liberty' expired on 2027-06-30T23:59:59.000Z.");
    expect(r.output).toMatch(/Liberty +ID\(LIBSERV\) +PERSONAL +YES\n +Lab CA +CERTAUTH +CERTAUTH +NO/);

    // The TLS view is real X.509: the leaf is signed by the trusted CA, with the P-256 key presented.
    const tls = r.tls;
    expect(tls?.ca).toHaveLength(1);
    const leaf = new X509Certificate(tls?.cert ?? '');
    const ca = new X509Certificate(tls?.ca[0] ?? '');
    expect(leaf.subject).toContain('CN=zcee.example.com');
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(leaf.checkPrivateKey(createPrivateKey(tls?.key ?? ''))).toBe(true);
    expect(r.output).not.toContain('PRIVATE KEY');

    // Seeded keys + RFC 6979: running it again gives the same certificates and key.
    const again = await mod.example();
    expect(again.tls?.cert).toBe(tls?.cert);
    expect(again.tls?.key).toBe(tls?.key);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The README's SERIALNUMBER/ISSUERSDN deck (between the README-SERIAL markers) does what the
// README says: ALTER makes 'Liberty' NOTRUST, EXPORT writes it, DELETE removes it.
test('the README serial-number deck runs as the README says', async () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const m = /<!-- README-SERIAL:START -->\s*```racf\n([\s\S]*?)```\s*<!-- README-SERIAL:END -->/.exec(readme);
  if (m === null) throw new Error('README has no racf block between the README-SERIAL markers');
  const deck = m[1] ?? '';
  const ctx = { clock: fixedClock('2026-11-25T12:00:00Z'), keySource: seededKeySource('readme-serial') };
  const all = await applyDeck(createState(), deck, ctx);
  expect(all.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(all.state.certificates.has('ID(LIBSERV)/Liberty')).toBe(false);
  const pem = Buffer.from(getDataSet(all.state, 'LIBSERV.LIBERTY.PEM')?.content ?? '', 'base64').toString();
  const x = new X509Certificate(pem);
  expect(x.serialNumber).toBe('01');
  expect(x.subject).toContain('CN=zcee.example.com');
  expect(x.issuer).toContain('CN=Lab CA');
  // Without its last line (DELETE) the certificate is still there, NOTRUST.
  const lines = deck.trimEnd().split('\n');
  const noDelete = await applyDeck(createState(), lines.slice(0, -1).join('\n'), ctx);
  expect(noDelete.state.certificates.get('ID(LIBSERV)/Liberty')?.trust).toBe('NOTRUST');
  expect(lines[lines.length - 1]).toMatch(/^RACDCERT ID\(LIBSERV\) DELETE\(SERIALNUMBER/);
});
