/**
 * The seed lab's RACF database built for real: the example's decks (ZCEERACF, ZCEETLSS, MVSTLS,
 * ZCEETLSC, in that order) applied with keyring's applyDeck at a lab-prep clock. The decks'
 * GENCERTs default to RSA 2048; keys come from pre-generated PKCS#8 keys (fixedKeySource), so the
 * state builds in well under a second and is the same on every run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, fixedClock } from '@ztwin/core';
import { type RacfState, createState } from '@ztwin/racf-model';
import { applyDeck, fixedKeySource, readPem, seededKeySource } from '@ztwin/keyring';

export const LAB_DECKS = ['ZCEERACF.racf', 'ZCEETLSS.racf', 'MVSTLS.racf', 'ZCEETLSC.racf'] as const;
const DECK_DIR = join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf');
export const LAB_PREP = fixedClock('2020-06-01T12:00:00Z');

export const deckText = (name: string): string => readFileSync(join(DECK_DIR, name), 'utf8');

export function labKeySource() {
  const keys = readPem(readFileSync(join(__dirname, 'fixtures', 'lab-rsa-keys.pem'), 'utf8')).map((b) => b.der);
  return seededKeySource('zcee-config lab', fixedKeySource(keys));
}

export interface LabState {
  readonly state: RacfState;
  readonly diagnostics: Diagnostic[];
}

/** Apply the lab decks (optionally with more deck text after them). */
export async function labState(extra: readonly { name: string; text: string }[] = []): Promise<LabState> {
  let state = createState();
  const diagnostics: Diagnostic[] = [];
  const ctx = { clock: LAB_PREP, keySource: labKeySource() };
  for (const d of [...LAB_DECKS.map((name) => ({ name, text: deckText(name) })), ...extra]) {
    const r = await applyDeck(state, d.text, { ...ctx, source: d.name });
    diagnostics.push(...r.diagnostics);
    state = r.state;
  }
  return { state, diagnostics };
}
