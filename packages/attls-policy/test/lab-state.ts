/** The seed lab's RACF state for policy tests: decks applied with the fixed RSA keys of fixtures/lab-rsa-keys.pem. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, fixedClock } from '@ztwin/core';
import { type RacfState } from '@ztwin/racf-model';
import { type KeySource, applyDeck, fixedKeySource, readPem, seededKeySource } from '@ztwin/keyring';

/** When the lab's decks are run (before the certificates' NOTBEFORE of the lab day). */
export const LAB_PREP = fixedClock('2020-06-01T12:00:00Z');

export function labKeySource(): KeySource {
  const keys = readPem(readFileSync(join(__dirname, 'fixtures', 'lab-rsa-keys.pem'), 'utf8')).map((b) => b.der);
  return seededKeySource('attls-policy lab', fixedKeySource(keys));
}

/** Apply the decks in order at LAB_PREP. */
export async function apply(state: RacfState, decks: readonly { name: string; text: string }[]): Promise<{ state: RacfState; diagnostics: Diagnostic[] }> {
  let s = state;
  const diagnostics: Diagnostic[] = [];
  for (const d of decks) {
    const r = await applyDeck(s, d.text, { clock: LAB_PREP, keySource: labKeySource(), source: d.name });
    diagnostics.push(...r.diagnostics);
    s = r.state;
  }
  return { state: s, diagnostics };
}
