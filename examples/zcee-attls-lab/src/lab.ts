import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { type Clock, type Diagnostic, diagnostic, fixedClock, systemClock } from '@ztwin/core';
import { buildNcaPolicy, type NcaConfig, parsePolicy, type Policy, renderPolicy, samePolicy, validatePolicy } from '@ztwin/attls-policy';
import { racfJob } from '@ztwin/jcl';
import { applyDeck, type KeySource, writePem } from '@ztwin/keyring';
import { createState, listCertificates, listRings, parseDeck, type RacfState, serializeState } from '@ztwin/racf-model';
import { crossCheckSimulation, issuersFromState, keysFromState, simulate, type SimulationResult } from '@ztwin/simulator';
import {
  type ApiRequesterJob,
  type ApiRequesterJobSpec,
  buildApiRequesterJob,
  checkServerConfig,
  envText,
  LAB_SERVER_CONFIG_DIR,
  labServerFiles,
  readApiRequesterJob,
  renderFileSet,
  Secret,
  securityFactsFromState,
  type ServerModel,
} from '@ztwin/zcee-config';
import type { ExpectedOutcome, LabDeck, LabInputCheck, LabReport, LabScenario, LabToday, TlsReplay } from './report';
import { type JobVariant, SCENARIOS, SERVER_VARIANTS, type ServerVariant } from './scenarios';

/** The lab day (the seed's screenshots: December 2020) and the day its decks were applied. */
export const LAB_DAY = '2020-12-11T12:00:00Z';
export const LAB_PREP_DAY = '2020-06-01T00:00:00Z';
/** The lab's RACF decks, in the order they run. */
export const LAB_DECKS = ['ZCEERACF', 'ZCEETLSS', 'MVSTLS', 'ZCEETLSC'] as const;
/** The lab's resolver: wg31 is the one LPAR. */
export const LAB_HOSTS: Readonly<Record<string, string>> = { 'wg31.washington.ibm.com': '192.168.17.201' };
/** The fixtures shipped with this package. */
export const LAB_FIXTURES = path.join(__dirname, '..', 'fixtures');

/** The objects the lab enters in the z/OSMF Network Configuration Assistant. */
export const LAB_NCA: NcaConfig = {
  image: { name: 'WG31', keyring: 'Liberty.KeyRing', release: 'V2R3', traceLevel: 7 },
  stack: { name: 'TCPIP1' },
  trafficDescriptors: [{ name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' }],
  securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
  requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
  rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
  backingStore: 'USER1',
  installHistory: ['2020-06-12 14:18:57 : Save To Disk'],
};

/** The GETAPI job of the lab as data (what fixtures/jcl/GETAPI.jcl holds). */
export function labJobSpec(over: Partial<ApiRequesterJobSpec> = {}, env: Readonly<Record<string, string | Secret>> = {}): ApiRequesterJobSpec {
  return {
    jobName: 'USER1GET',
    msgclass: 'H',
    notify: '&SYSUID',
    user: 'USER1',
    stepName: 'GETAPI',
    program: 'GETAPI',
    parm: '111111',
    steplib: ['USER1.ZCEE30.LOADLIB', 'ZCEE30.SBAQLIB'],
    env: { BAQURI: 'wg31.washington.ibm.com', BAQPORT: '9080', BAQUSERNAME: 'USER1', BAQPASSWORD: new Secret('USER1'), ...env },
    ...over,
  };
}

const JOB_SPECS: Readonly<Record<Exclude<JobVariant, 'GETAPI' | 'as-printed'>, { file: string; spec: ApiRequesterJobSpec }>> = {
  https: { file: 'GETAPI-9443.jcl', spec: labJobSpec({}, { BAQPORT: '9443' }) },
  user2: { file: 'GETAPI-USER2.jcl', spec: labJobSpec({ user: 'USER2' }) },
  'bad-password': { file: 'GETAPI-bad-password.jcl', spec: labJobSpec({}, { BAQPASSWORD: new Secret('password') }) },
  userx: { file: 'GETAPI-USERX.jcl', spec: labJobSpec({}, { BAQUSERNAME: 'USERX' }) },
  'other-job': { file: 'USER1GEX-9443.jcl', spec: labJobSpec({ jobName: 'USER1GEX' }, { BAQPORT: '9443' }) },
};

export interface RunLabOptions {
  /** The lab day for the seed scenarios (default 2020-12-11). */
  readonly labClock?: Clock;
  /** "Today" for the expiry rows (default: the system clock). */
  readonly today?: Clock;
  /** Write the artifacts here (decks, JCL, jobs, server.xml, policy, PEMs, LISTRING, report.json). */
  readonly outDir?: string;
  /** Key pairs for RACDCERT GENCERT (default: real RSA keys from WebCrypto, as RACF generates). */
  readonly keySource?: KeySource;
  /** Where the fixtures are (default: this package's fixtures/). */
  readonly fixturesDir?: string;
  /** Also write the private keys: lab-with-keys.json (the state with keys) and keys/*.key.pem. Default false. */
  readonly writePrivateKeys?: boolean;
  /** Replay every TLS leg with node:tls (default true). */
  readonly replayTls?: boolean;
  /** How artifacts are written (default: node:fs); e.g. the CLI's in-memory files in its tests. */
  readonly files?: LabFileWriter;
}

/** Where `runLab` writes its artifacts. */
export interface LabFileWriter {
  writeFile(path: string, text: string): Promise<void>;
  /** Create a directory and its parents; fine when it exists. */
  makeDir(path: string): Promise<void>;
}

/** The file system. */
export const nodeFileWriter: LabFileWriter = {
  writeFile: (p, text) => fsp.writeFile(p, text),
  makeDir: async (p) => {
    await fsp.mkdir(p, { recursive: true });
  },
};

interface Server {
  readonly variant: ServerVariant;
  readonly files: Map<string, string>;
  readonly model: ServerModel;
}

interface Job {
  readonly file: string;
  readonly text: string;
  readonly job: ApiRequesterJob | undefined;
}

async function applyDecks(
  decks: readonly { name: string; text: string }[],
  clock: Clock,
  keySource: KeySource | undefined,
  start: RacfState = createState(),
): Promise<{ state: RacfState; decks: LabDeck[]; before: Map<string, RacfState> }> {
  let state = start;
  const out: LabDeck[] = [];
  const before = new Map<string, RacfState>();
  for (const d of decks) {
    before.set(d.name, state);
    const source = `${d.name}.racf`;
    const r = await applyDeck(state, d.text, { source, clock, ...(keySource !== undefined ? { keySource } : {}) });
    state = r.state;
    out.push({
      name: d.name,
      commands: parseDeck(d.text, { source }).commands.length,
      errors: r.diagnostics.filter((x) => x.severity === 'error').length,
      warnings: r.diagnostics.filter((x) => x.severity === 'warning').length,
      diagnostics: r.diagnostics,
    });
  }
  return { state, decks: out, before };
}

/** Compare a prediction with what is expected; each difference in words. */
export function compareOutcome(expected: ExpectedOutcome, r: SimulationResult | null): string[] {
  if (r === null) return ['no prediction'];
  const d: string[] = [];
  if (r.outcome !== expected.outcome) d.push(`outcome ${r.outcome}, expected ${expected.outcome}`);
  if (r.httpStatus !== expected.httpStatus) d.push(`HTTP ${String(r.httpStatus)}, expected ${String(expected.httpStatus)}`);
  if (expected.leg !== undefined && r.leg !== expected.leg) d.push(`leg ${String(r.leg)}, expected ${String(expected.leg)}`);
  if (expected.stubErrorCode !== undefined && r.stubErrorCode !== expected.stubErrorCode) d.push(`stub error ${String(r.stubErrorCode)}, expected ${String(expected.stubErrorCode)}`);
  for (const id of expected.messages ?? []) if (!r.messages.some((m) => m.id === id)) d.push(`no message ${id}`);
  for (const text of expected.texts ?? []) if (!r.messages.some((m) => m.text.includes(text))) d.push(`no message says '${text}'`);
  const idn = expected.identity ?? {};
  for (const k of ['asserted', 'authenticated', 'provider'] as const) {
    const want = idn[k];
    if (want !== undefined && r.identity[k] !== want) d.push(`${k} identity ${String(r.identity[k])}, expected ${String(want)}`);
  }
  const tls = expected.tls;
  if (tls !== undefined) {
    if (r.tls === null) d.push('no TLS on the requester leg');
    else {
      if (tls.rule !== undefined && r.tls.rule !== tls.rule) d.push(`AT-TLS rule ${String(r.tls.rule)}, expected ${tls.rule}`);
      if (tls.protocol !== undefined && r.tls.protocol !== tls.protocol) d.push(`protocol ${String(r.tls.protocol)}, expected ${tls.protocol}`);
      if (tls.clientCertLabel !== undefined && r.tls.clientCert?.label !== tls.clientCertLabel) d.push(`client certificate ${String(r.tls.clientCert?.label)}, expected ${tls.clientCertLabel}`);
      if (tls.serverCertLabel !== undefined && r.tls.serverCert?.label !== tls.serverCertLabel) d.push(`server certificate ${String(r.tls.serverCert?.label)}, expected ${tls.serverCertLabel}`);
    }
  }
  return d;
}

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/**
 * The seed lab end to end: RACF decks (certificates and rings included) at the prep date,
 * server.xml variants, the NCA AT-TLS policy, the GETAPI jobs, every scenario predicted and
 * compared with what the seed documents, each TLS leg replayed with node:tls, and (with
 * `outDir`) the artifacts written. Never throws for bad input: problems are diagnostics.
 */
export async function runLab(options: RunLabOptions = {}): Promise<LabReport> {
  const fixtures = options.fixturesDir ?? LAB_FIXTURES;
  const labClock = options.labClock ?? fixedClock(LAB_DAY);
  const today = options.today ?? systemClock;
  const prep = fixedClock(LAB_PREP_DAY);
  const diagnostics: Diagnostic[] = [];
  const read = async (rel: string): Promise<string | undefined> => {
    try {
      return await fsp.readFile(path.join(fixtures, rel), 'utf8');
    } catch {
      diagnostics.push(diagnostic({ code: 'LAB_FIXTURE', severity: 'error', message: `the lab fixture ${rel} cannot be read from ${fixtures}` }, { source: rel }));
      return undefined;
    }
  };

  // 1. RACF: the pre-state and the lab's decks, RACDCERT included, at the prep date.
  const deckTexts: { name: string; text: string }[] = [];
  for (const name of LAB_DECKS) {
    const text = await read(`racf/${name}.racf`);
    if (text !== undefined) deckTexts.push({ name, text });
  }
  // ZCEERACF sets SETROPTS GRPLIST, as the lab system evidently runs: USER1's default group is
  // SYS1 (the seed's ICH408I shows GROUP(SYS1)) while the APPL and EJBROLE permits go to ZCEEUSRS.
  const applied = await applyDecks(deckTexts, prep, options.keySource);
  const state = applied.state;

  // 2. The AT-TLS policy from the NCA objects, checked against the seed's appendix.
  const nca = buildNcaPolicy(LAB_NCA);
  for (const e of nca.errors) diagnostics.push(diagnostic({ code: e.code, severity: 'error', message: e.message }, { source: 'nca' }));
  const policy: Policy = nca.policy;
  const rendered = renderPolicy(policy);
  diagnostics.push(...rendered.diagnostics);
  const appendixText = await read('attls/seed-appendix.policy');
  const appendix = appendixText === undefined ? undefined : parsePolicy(appendixText, 'seed-appendix.policy');
  const typoText = await read('attls/seed-appendix-typo.policy');
  const typo = typoText === undefined ? undefined : parsePolicy(typoText, 'seed-appendix-typo.policy');
  const policyCheck = {
    stack: LAB_NCA.stack.name,
    equalsSeedAppendix: appendix !== undefined && samePolicy(policy, appendix.policy),
    seedTypo: typo === undefined ? [] : [...typo.diagnostics, ...validatePolicy(typo.policy, { release: 'V2R3' })],
    diagnostics: validatePolicy(policy, { release: 'V2R3' }),
  };

  // 3. server.xml + includes for each variant, checked against the lab's RACF (rings, users).
  const inputs: LabInputCheck[] = [];
  const facts = securityFactsFromState(state, { clock: labClock });
  const servers = new Map<ServerVariant, Server>();
  for (const variant of Object.keys(SERVER_VARIANTS) as ServerVariant[]) {
    const files = renderFileSet(labServerFiles(SERVER_VARIANTS[variant]));
    diagnostics.push(...files.diagnostics);
    if (files.value === undefined) continue;
    const checked = checkServerConfig({ files: Object.fromEntries(files.value), serverConfigDir: LAB_SERVER_CONFIG_DIR }, { facts, serverUser: 'LIBSERV', clock: labClock });
    inputs.push({ kind: 'server', name: variant, diagnostics: checked.diagnostics });
    servers.set(variant, { variant, files: files.value, model: checked.model });
  }

  // 4. The GETAPI jobs: the fixtures, and the variants built from the job as data.
  const jobs = new Map<JobVariant, Job>();
  const getapiText = await read('jcl/GETAPI.jcl');
  const printedText = await read('jcl/GETAPI-as-printed.jcl');
  const readJob = (file: string, text: string): Job => {
    const r = readApiRequesterJob(text, file);
    inputs.push({ kind: 'job', name: file, diagnostics: r.diagnostics });
    return { file, text, job: r.value };
  };
  if (getapiText !== undefined) {
    const fixtureJob = readJob('GETAPI.jcl', getapiText);
    jobs.set('GETAPI', fixtureJob);
    // The builder gives the same job as the fixture (same ENVARs, step, program, user).
    const built = buildApiRequesterJob(labJobSpec());
    diagnostics.push(...built.diagnostics);
    const again = built.value === undefined ? undefined : readApiRequesterJob(built.value, 'built GETAPI').value;
    if (again === undefined || fixtureJob.job === undefined || !sameJob(again, fixtureJob.job))
      diagnostics.push(diagnostic({ code: 'LAB_JOB_BUILD', severity: 'error', message: 'the GETAPI job built from its spec does not read like fixtures/jcl/GETAPI.jcl' }, { source: 'GETAPI.jcl' }));
  }
  if (printedText !== undefined) jobs.set('as-printed', readJob('GETAPI-as-printed.jcl', printedText));
  for (const [variant, { file, spec }] of Object.entries(JOB_SPECS) as [JobVariant, { file: string; spec: ApiRequesterJobSpec }][]) {
    const built = buildApiRequesterJob(spec);
    diagnostics.push(...built.diagnostics);
    if (built.value !== undefined) jobs.set(variant, readJob(file, built.value));
  }

  // 5. Each scenario: predict, compare with the seed, replay the TLS legs.
  const keyOf = keysFromState(state);
  const issuers = issuersFromState(state);
  const scenarios: LabScenario[] = [];
  for (const s of SCENARIOS) {
    const clock = s.today === true ? today : labClock;
    const server = servers.get(s.server);
    const job = jobs.get(s.job);
    let result: SimulationResult | null = null;
    const replay: TlsReplay[] = [];
    if (server !== undefined && job?.job !== undefined) {
      const out = simulate({
        state,
        server: server.model,
        serverUser: 'LIBSERV',
        job: job.job,
        clock,
        hosts: LAB_HOSTS,
        ...(s.submitter !== undefined ? { submitter: s.submitter } : {}),
        ...(s.policy ? { policy } : {}),
      });
      diagnostics.push(...out.diagnostics.filter((d) => d.severity === 'error'));
      result = out.result ?? null;
      if (options.replayTls !== false && 'facts' in out) {
        const { checks } = await crossCheckSimulation(out.facts, { keyOf, issuers });
        for (const c of checks) replay.push({ leg: c.leg, verdict: c.check.verdict, ...(c.check.note !== undefined ? { note: c.check.note } : {}) });
      }
    }
    const differences = compareOutcome(s.expected, result);
    scenarios.push({
      id: s.id,
      name: s.name,
      step: s.step,
      basis: s.basis,
      job: job?.file ?? s.job,
      server: s.server,
      policy: s.policy,
      clock: clock.now().toISOString(),
      expected: s.expected,
      result,
      outcome: result?.outcome ?? null,
      leg: result?.leg ?? null,
      httpStatus: result?.httpStatus ?? null,
      agrees: differences.length === 0,
      differences,
      replay,
    });
  }

  // 6. Today: expired certificates in the lab's rings; ZCEETLSC run again today.
  const now = today.now();
  const expired: LabToday['expired'] = [];
  for (const c of listCertificates(state)) {
    if (Date.parse(c.notAfter) >= now.getTime()) continue;
    const owner = c.owner.kind === 'ID' ? c.owner.id : c.owner.kind;
    const rings = listRings(state)
      .filter((r) => r.connections.some((k) => k.label === c.label && JSON.stringify(k.certOwner) === JSON.stringify(c.owner)))
      .map((r) => `${r.owner}/${r.name}`);
    expired.push({ owner, label: c.label, notAfter: c.notAfter, rings });
  }
  // (on the state before ZCEETLSC ran: its GENCERT has NOTAFTER 2022/12/31 and no NOTBEFORE, so
  // NOTBEFORE defaults to today, after NOTAFTER: IRRD133I, no certificate, and the ring is empty)
  const tlsc = deckTexts.find((d) => d.name === 'ZCEETLSC');
  const beforeTlsc = applied.before.get('ZCEETLSC');
  const again = tlsc === undefined || beforeTlsc === undefined ? undefined : (await applyDecks([tlsc], today, options.keySource, beforeTlsc)).decks[0];
  const zceetlscToday = {
    ok: again !== undefined && again.errors === 0,
    messages: (again?.diagnostics ?? []).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
  };

  const labServer = servers.get('server');
  const serverFindings =
    labServer === undefined
      ? []
      : checkServerConfig(
          { files: Object.fromEntries(labServer.files), serverConfigDir: LAB_SERVER_CONFIG_DIR },
          { facts: securityFactsFromState(state, { clock: today }), serverUser: 'LIBSERV', clock: today },
        ).diagnostics;

  const report: LabReport = {
    labDay: labClock.now().toISOString(),
    prepDay: prep.now().toISOString(),
    decks: applied.decks,
    policy: policyCheck,
    inputs,
    scenarios,
    today: { clock: now.toISOString(), expired, zceetlscToday, serverFindings, scenarios: SCENARIOS.filter((s) => s.today === true).map((s) => s.id) },
    artifacts: [],
    diagnostics,
  };

  if (options.outDir !== undefined) {
    const out = options.outDir;
    const files = new Map<string, string>();
    for (const d of deckTexts) {
      files.set(`racf/${d.name}.racf`, d.text);
      const job = racfJob(d.text, { jobName: `${d.name}`.slice(0, 8), msgclass: 'H' });
      diagnostics.push(...job.diagnostics.filter((x) => x.severity === 'error'));
      if (job.value !== undefined) files.set(`jcl/${d.name}.jcl`, job.value);
    }
    for (const j of jobs.values()) files.set(`jobs/${j.file}`, j.text);
    for (const s of servers.values()) for (const [rel, text] of s.files) files.set(`server/${s.variant}/${rel}`, text);
    if (rendered.text !== undefined) files.set(`attls/${LAB_NCA.stack.name}.policy`, rendered.text);
    for (const c of listCertificates(state)) {
      if (c.der === undefined) continue;
      const owner = c.owner.kind === 'ID' ? c.owner.id : c.owner.kind;
      files.set(`certs/${safeName(owner)}-${safeName(c.label)}.pem`, writePem('CERTIFICATE', Uint8Array.from(Buffer.from(c.der, 'base64'))));
    }
    for (const r of listRings(state)) {
      const l = await applyDeck(state, `RACDCERT ID(${r.owner}) LISTRING(${r.name})\n`, { source: 'listring', clock: labClock });
      files.set(`rings/${safeName(r.owner)}.${safeName(r.name)}.listring.txt`, l.outputs.flatMap((o) => o.output).join('\n') + '\n');
    }
    files.set('lab.json', JSON.stringify(serializeState(state, { includeSecrets: false }), null, 2) + '\n');
    if (options.writePrivateKeys === true) {
      // SECRET material, written only when asked for: the state with keys and each key as PEM.
      files.set('lab-with-keys.json', JSON.stringify(serializeState(state, { includeSecrets: true }), null, 2) + '\n');
      for (const c of listCertificates(state)) {
        if (c.privateKey === undefined) continue;
        const owner = c.owner.kind === 'ID' ? c.owner.id : c.owner.kind;
        files.set(`keys/${safeName(owner)}-${safeName(c.label)}.key.pem`, writePem('PRIVATE KEY', Uint8Array.from(Buffer.from(c.privateKey.pkcs8, 'base64'))));
      }
    }
    const artifacts = [...files.keys(), 'report.json'].sort();
    const final: LabReport = { ...report, artifacts };
    files.set('report.json', JSON.stringify(final, null, 2) + '\n');
    const writer = options.files ?? nodeFileWriter;
    const written: string[] = [];
    for (const [rel, text] of files) {
      const p = path.join(out, rel);
      try {
        await writer.makeDir(path.dirname(p));
        await writer.writeFile(p, text);
        written.push(rel);
      } catch (e: unknown) {
        // stop at the first failure: the report lists what was written
        diagnostics.push(diagnostic({ code: 'LAB_WRITE', severity: 'error', message: `cannot write ${p}: ${e instanceof Error ? e.message : String(e)}` }, { source: p }));
        return { ...final, artifacts: written.sort() };
      }
    }
    return final;
  }
  return report;
}

function sameJob(a: ApiRequesterJob, b: ApiRequesterJob): boolean {
  const env = (j: ApiRequesterJob): string =>
    JSON.stringify(
      Object.keys(j.env)
        .sort()
        .map((k) => [k, envText(j, k)]),
    );
  return (
    a.jobName === b.jobName &&
    a.stepName === b.stepName &&
    a.program === b.program &&
    a.user === b.user &&
    a.parm === b.parm &&
    JSON.stringify(a.steplib) === JSON.stringify(b.steplib) &&
    a.ceeoptsFound === b.ceeoptsFound &&
    env(a) === env(b)
  );
}
