import { type Diagnostic, parseClock } from '@ztwin/core';
import { applyDeck } from '@ztwin/keyring';
import { ACCESS_LEVELS, checkAccess, isAccessLevel, renderState } from '@ztwin/racf-model';
import { booleanFlag, stringFlag } from '../args';
import { type Command, UsageError } from '../command';
import { loadState, stateText } from '../state-file';

const stateFlag = { name: 'state', type: 'string', valueName: 'S.json', description: 'RACF state file to start from' } as const;

const racfApply: Command = {
  path: ['racf', 'apply'],
  summary: 'parse and apply RACF command decks in order; write the state (also when some commands failed)',
  details:
    'Each bad command is reported as FILE:LINE:COL and skipped; the others are applied.\n' +
    'Listing commands (LISTUSER, RLIST, SETROPTS LIST ...) print their output to stdout.',
  flags: [
    stateFlag,
    { name: 'out', type: 'string', valueName: 'OUT.json', description: 'write the resulting state here (with password hashes and private keys unless --redact)' },
    { name: 'redact', type: 'boolean', description: 'leave password hashes and private keys out of --out' },
    { name: 'issuer', type: 'string', valueName: 'USER', description: 'user issuing the commands (default IBMUSER)' },
    { name: 'clock', type: 'string', valueName: 'ISO', description: 'the current date/time, e.g. 2026-11-24 or 2026-11-24T10:00:00Z' },
  ],
  positionals: { name: 'DECK', description: 'RACF command decks (TSO/E command text); - for stdin', min: 1 },
  async run(inv) {
    const clockText = stringFlag(inv.args, 'clock');
    const clock = clockText !== undefined ? parseClock(clockText) : undefined;
    if (clockText !== undefined && clock === undefined) throw new UsageError(`--clock '${clockText}' is not an ISO date or date-time`);
    const issuer = stringFlag(inv.args, 'issuer');
    const loaded = await loadState(inv, false);
    const diagnostics: Diagnostic[] = [...loaded.diagnostics];
    if (loaded.state === undefined) return { json: { decks: inv.args.positionals, outputs: [] }, diagnostics };
    let state = loaded.state;
    const texts: { path: string; text: string }[] = [];
    for (const path of inv.args.positionals) texts.push({ path, text: await inv.readInput(path) });
    const outputs: { source: string; line: number; command: string; output: string[] }[] = [];
    for (const { path, text } of texts) {
      // @ztwin/keyring's applyDeck runs RACDCERT too (certificates, rings) and the rest through racf-model.
      const r = await applyDeck(state, text, {
        source: path,
        ...(issuer !== undefined ? { issuer } : {}),
        ...(clock !== undefined ? { clock } : {}),
      });
      state = r.state;
      diagnostics.push(...r.diagnostics);
      for (const o of r.outputs)
        if (o.output.length > 0) outputs.push({ source: path, line: o.command.span.start.line, command: o.command.text, output: o.output });
    }
    const out = stringFlag(inv.args, 'out');
    if (out !== undefined) await inv.io.writeFile(out, stateText(state, { redact: booleanFlag(inv.args, 'redact') }));
    const text = outputs.map((o) => o.output.join('\n')).join('\n');
    return { text, json: { decks: inv.args.positionals, outputs, ...(out !== undefined ? { out } : {}) }, diagnostics };
  },
};

const racfAccess: Command = {
  path: ['racf', 'access'],
  summary: 'would RACF allow USER access A to resource R in class C? With the profile and the reasons',
  flags: [
    { ...stateFlag, required: true },
    { name: 'user', type: 'string', required: true, valueName: 'U', description: 'user ID' },
    { name: 'class', type: 'string', required: true, valueName: 'C', description: 'resource class (DATASET for data sets)' },
    { name: 'resource', type: 'string', required: true, valueName: 'R', description: 'resource or data set name' },
    { name: 'access', type: 'string', required: true, valueName: 'A', description: `access level: ${ACCESS_LEVELS.join(', ')}` },
  ],
  positionals: { name: '', description: '', min: 0, max: 0 },
  async run(inv) {
    const f = (n: string): string => stringFlag(inv.args, n) ?? '';
    const access = f('access').toUpperCase();
    if (!isAccessLevel(access)) throw new UsageError(`--access '${f('access')}' is not one of ${ACCESS_LEVELS.join(', ')}`);
    const loaded = await loadState(inv, true);
    if (loaded.state === undefined) return { diagnostics: loaded.diagnostics };
    const d = checkAccess(loaded.state, { user: f('user'), class: f('class'), resource: f('resource'), access });
    const prof = d.profile === null ? 'no profile' : `profile ${d.profile.name}${d.profile.generic ? ' (G)' : ''} in class ${d.profile.class}`;
    const text = [`${d.decision}: ${prof}`, ...d.reasons.map((r) => `  ${r}`)].join('\n');
    return { text, json: { decision: d.decision, profile: d.profile, reasons: d.reasons }, diagnostics: loaded.diagnostics };
  },
};

const racfDeck: Command = {
  path: ['racf', 'deck'],
  summary: 'the canonical deck that rebuilds the state from a fresh RACF database',
  flags: [{ ...stateFlag, required: true }],
  positionals: { name: '', description: '', min: 0, max: 0 },
  async run(inv) {
    const loaded = await loadState(inv, true);
    if (loaded.state === undefined) return { json: { deck: null }, diagnostics: loaded.diagnostics };
    const deck = renderState(loaded.state);
    return { text: deck, json: { deck }, diagnostics: loaded.diagnostics };
  },
};

/** `ztwin racf apply|access|deck`. */
export const racfCommands: readonly Command[] = [racfApply, racfAccess, racfDeck];
