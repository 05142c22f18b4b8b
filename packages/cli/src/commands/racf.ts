import { type Diagnostic, parseClock } from '@ztwin/core';
import { applyDeck } from '@ztwin/keyring';
import { type ClassSettings, importUnload, progressReporter } from '@ztwin/irrdbu00';
import { ACCESS_LEVELS, checkAccess, isAccessLevel, renderState } from '@ztwin/racf-model';
import { booleanFlag, stringFlag } from '../args';
import { type Command, type Invocation, UsageError } from '../command';
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
    // a value no command can carry is refused by the renderer: its diagnostics make the exit 1
    const refused: Diagnostic[] = [];
    const deck = renderState(loaded.state, { diagnostics: refused });
    const source = stringFlag(inv.args, 'state') ?? '<state>';
    return { text: deck, json: { deck }, diagnostics: [...loaded.diagnostics, ...refused.map((d) => (d.source === '<render>' ? { ...d, source } : d))] };
  },
};

/** A repeatable, comma-separated class list flag; `all` where the unload's classes may be meant. */
function classList(inv: Invocation, name: string, allowAll: boolean): readonly string[] | 'all' | undefined {
  const v = inv.args.flags[name];
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  if (raw.length === 0) return undefined;
  const names = raw.flatMap((x) => x.split(/[\s,]+/)).filter((x) => x !== '').map((x) => x.toUpperCase());
  if (names.includes('ALL')) {
    if (!allowAll || names.length > 1) throw new UsageError(`--${name}: ${allowAll ? "'all' stands alone" : "'all' is not possible here"}`);
    return 'all';
  }
  for (const n of names) if (!/^[A-Z0-9#$@]{1,8}$/.test(n)) throw new UsageError(`--${name}: '${n}' is not a class name`);
  return names;
}

const racfImport: Command = {
  path: ['racf', 'import'],
  summary: 'import an IRRDBU00 unload (RACF database unload, transferred as text) as a state',
  details:
    'An unload does not say which classes are active, RACLISTed or generic, nor the SETROPTS options:\n' +
    'give them (as SETROPTS LIST shows them) with --classact, --raclist, --generic, --grplist, --egn.\n' +
    'Certificates come in as metadata only (RACF does not unload certificate data). A progress bar is\n' +
    'drawn on stderr when it is a terminal. --json: { unload, counts, users, groups, certificates, rings, out? }.',
  flags: [
    { name: 'out', type: 'string', valueName: 'OUT.json', description: 'write the imported state here' },
    { name: 'redact', type: 'boolean', description: 'leave password hashes and private keys out of --out (an unload has none anyway)' },
    { name: 'classact', type: 'string', repeatable: true, valueName: 'CLASS,...|all', description: 'active classes (SETROPTS CLASSACT); all = every class with profiles' },
    { name: 'raclist', type: 'string', repeatable: true, valueName: 'CLASS,...', description: 'RACLISTed classes (SETROPTS RACLIST)' },
    { name: 'generic', type: 'string', repeatable: true, valueName: 'CLASS,...|all', description: 'classes with generic profile checking (SETROPTS GENERIC)' },
    { name: 'grplist', type: 'boolean', description: 'SETROPTS GRPLIST is in effect' },
    { name: 'egn', type: 'boolean', description: 'SETROPTS EGN is in effect' },
  ],
  positionals: { name: 'UNLOAD', description: 'the unload file (IRRDBU00 output); - for stdin', min: 1, max: 1 },
  async run(inv) {
    const file = inv.args.positionals[0] ?? '';
    const active = classList(inv, 'classact', true);
    const raclist = classList(inv, 'raclist', false);
    const generic = classList(inv, 'generic', true);
    const classes: ClassSettings = {
      ...(active !== undefined ? { active } : {}),
      ...(raclist !== undefined && raclist !== 'all' ? { raclist } : {}),
      ...(generic !== undefined ? { generic } : {}),
    };
    let opened;
    try {
      opened = await inv.io.openRead(file);
    } catch (e) {
      throw new UsageError(`cannot read '${file}': ${e instanceof Error ? e.message : String(e)}`);
    }
    const term = inv.io.stderrTerminal;
    const progress = progressReporter({
      target: { isTTY: term.isTTY, ...(term.columns !== undefined ? { columns: term.columns } : {}), write: (s) => inv.io.stderr(s) },
      ...(opened.size !== undefined ? { totalBytes: opened.size } : {}),
    });
    const source = file === '-' ? '<stdin>' : file;
    const r = await importUnload(opened.stream, {
      source,
      onProgress: progress.update,
      classes,
      setropts: { ...(booleanFlag(inv.args, 'grplist') ? { grplist: true } : {}), ...(booleanFlag(inv.args, 'egn') ? { egn: true } : {}) },
    });
    progress.done();
    const out = stringFlag(inv.args, 'out');
    if (out !== undefined) await inv.io.writeFile(out, stateText(r.state, { redact: booleanFlag(inv.args, 'redact') }));
    const c = r.counts;
    const profiles = [...r.state.profiles.values()].reduce((n, cp) => n + cp.discrete.size + cp.generic.size, 0);
    const summary = {
      users: r.state.users.size,
      groups: r.state.groups.size,
      profiles,
      certificates: r.state.certificates.size,
      rings: r.state.rings.size,
    };
    const unknown = Object.entries(c.unknown).map(([k, v]) => `${k} x${v}`);
    const text = [
      `${source}: ${c.records} records in ${c.lines} lines${c.malformed > 0 ? `, ${c.malformed} malformed` : ''}${unknown.length > 0 ? `; skipped record types ${unknown.join(', ')}` : ''}`,
      `imported ${summary.users} users, ${summary.groups} groups, ${summary.profiles} profiles, ${summary.certificates} certificates, ${summary.rings} key rings${out !== undefined ? ` into ${out}` : ''}`,
    ].join('\n');
    return { text, json: { unload: source, counts: c, ...summary, ...(out !== undefined ? { out } : {}) }, diagnostics: r.diagnostics };
  },
};

/** `ztwin racf apply|access|deck|import`. */
export const racfCommands: readonly Command[] = [racfApply, racfAccess, racfDeck, racfImport];
