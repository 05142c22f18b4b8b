import * as path from 'node:path';
import { type Clock, type Diagnostic, fixedClock, systemClock } from '@ztwin/core';
import { buildNcaPolicy, renderPolicy } from '@ztwin/attls-policy';
import { applyDeck } from '@ztwin/keyring';
import { createState, type RacfState } from '@ztwin/racf-model';
import { type SimulationResult, formatResult, simulate } from '@ztwin/simulator';
import { LAB_SERVER_CONFIG_DIR, type LabOptions, checkServerConfig, labServerFiles, readApiRequesterJob, renderFileSet } from '@ztwin/zcee-config';
import { booleanFlag, stringFlag } from '../args';
import { type Command, type Invocation, UsageError } from '../command';
import { clockFlag } from '../flags';
import { stateText } from '../state-file';

/*
 * `ztwin lab`: the seed lab end to end. NOTE: no lab runner was exported by the example package
 * (examples/zcee-attls-lab/src) or by @ztwin/simulator when this command was written, so the
 * scenarios are composed here from what the packages export: the example's fixtures (RACF decks,
 * GETAPI jobs), zcee-config's `labServerFiles`, attls-policy's `buildNcaPolicy` with the objects
 * the lab enters in the NCA, and simulator's `simulate`. The scenario list is the one of
 * docs/guides/end-to-end.md, step 6. When a `runLab` appears, this command should call it.
 */

/** The lab day and the day its decks were prepared (docs/guides/end-to-end.md). */
export const LAB_DAY = '2020-12-11T12:00:00Z';
export const LAB_PREP_DAY = '2020-06-01T00:00:00Z';
const HOSTS = { 'wg31.washington.ibm.com': '192.168.17.201' };
const DECKS = ['ZCEERACF', 'ZCEETLSS', 'MVSTLS', 'ZCEETLSC'] as const;

type JobVariant = 'GETAPI' | 'as-printed' | 'https' | 'other-job';
type ServerVariant = 'server' | 'seed' | 'server-http';

interface Scenario {
  readonly id: number;
  readonly name: string;
  readonly job: JobVariant;
  readonly server: ServerVariant;
  readonly policy: boolean;
  /** Run at --clock ("today") instead of the lab day. */
  readonly today?: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  { id: 1, name: 'GETAPI over HTTP 9080, requireSecure=true', job: 'GETAPI', server: 'server', policy: true },
  { id: 2, name: 'the job as the seed prints it (CEEOPS DD)', job: 'as-printed', server: 'server', policy: true },
  { id: 3, name: 'HTTPS 9443 through zCEEClientRule~1', job: 'https', server: 'server', policy: true },
  { id: 4, name: 'another job name (USER1GEX) on 9443', job: 'other-job', server: 'server', policy: true },
  { id: 5, name: '9443 without AT-TLS', job: 'https', server: 'server', policy: false },
  { id: 6, name: "9443 with the seed's server.xml (Keyring.LIBERTY)", job: 'https', server: 'seed', policy: true },
  { id: 7, name: '9080 with requireSecure=false', job: 'GETAPI', server: 'server-http', policy: true },
  { id: 8, name: 'scenario 3 today', job: 'https', server: 'server', policy: true, today: true },
];

const SERVER_OPTIONS: Readonly<Record<ServerVariant, LabOptions>> = {
  server: {},
  seed: { inboundRing: 'Keyring.LIBERTY', apiRequestersElement: 'zoscconnect_apiRequesters' },
  'server-http': { requireSecure: false },
};

/** The objects the lab enters in the z/OSMF Network Configuration Assistant. */
function labPolicy(): ReturnType<typeof buildNcaPolicy> {
  return buildNcaPolicy({
    image: { name: 'WG31', keyring: 'Liberty.KeyRing', release: 'V2R3', traceLevel: 7 },
    stack: { name: 'TCPIP1' },
    trafficDescriptors: [{ name: 'zCEEClient', localPort: 'ephemeral', remotePort: 9443, direction: 'outbound', jobname: 'USER1GET', handshakeRole: 'Client' }],
    securityLevels: [{ name: 'zCEESecurity', protocols: { 'TLSv1.2': true } }],
    requirementMaps: [{ name: 'zCEERequirementMap', mappings: [{ trafficDescriptor: 'zCEEClient', securityLevel: 'zCEESecurity' }] }],
    rules: [{ name: 'zCEEClientRule', local: 'All_IPv4_Addresses', remote: 'All_IPv4_Addresses', requirementMap: 'zCEERequirementMap' }],
  });
}

/** The example's fixtures next to this package in the repository (src/commands and dist/commands alike). */
function defaultFixtures(): string {
  return path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'zcee-attls-lab', 'fixtures');
}

async function readFixture(inv: Invocation, dir: string, rel: string): Promise<string> {
  try {
    return await inv.io.readFile(path.join(dir, rel));
  } catch {
    throw new UsageError(`the lab fixture ${rel} is not in ${dir} (give --fixtures DIR: examples/zcee-attls-lab/fixtures)`);
  }
}

export interface LabScenarioResult {
  readonly id: number;
  readonly name: string;
  readonly job: string;
  readonly server: string;
  readonly policy: boolean;
  readonly clock: string;
  readonly outcome: SimulationResult['outcome'] | null;
  readonly leg: SimulationResult['leg'];
  readonly httpStatus: number | null;
  readonly result: SimulationResult | null;
}

const labCommand: Command = {
  path: ['lab'],
  summary: 'the seed lab end to end: RACF decks, rings, the NCA policy, server.xml, GETAPI, each scenario predicted',
  details:
    'The lab day is 2020-12-11 (decks applied at 2020-06-01); --clock is "today" for the last scenario\n' +
    '(default: now). --out DIR writes the artifacts: lab.json (the state, with keys), TCPIP1.policy,\n' +
    'server/, seed/, server-http/ (server.xml and includes), the GETAPI job variants and scenarios.json.\n' +
    '--json: { labDay, today, scenarios: [{ id, name, job, server, policy, clock, outcome, leg, httpStatus, result }] }.',
  flags: [
    { name: 'out', type: 'string', valueName: 'DIR', description: 'write the generated artifacts into DIR' },
    { name: 'clock', type: 'string', valueName: 'ISO', description: '"today" for the scenario that runs after the lab (default: now)' },
    { name: 'fixtures', type: 'string', valueName: 'DIR', description: 'the lab fixtures (default: examples/zcee-attls-lab/fixtures of this repository)' },
    { name: 'results', type: 'boolean', description: 'text mode: print each scenario\'s full prediction after the table' },
  ],
  positionals: { name: '', description: '', min: 0, max: 0 },
  async run(inv) {
    const today: Clock = clockFlag(inv) ?? systemClock;
    const dir = stringFlag(inv.args, 'fixtures') ?? defaultFixtures();
    const diagnostics: Diagnostic[] = [];

    // 1. RACF: the pre-state and the lab's decks, RACDCERT included, at the prep date.
    let state: RacfState = createState();
    for (const d of DECKS) {
      const r = await applyDeck(state, await readFixture(inv, dir, `racf/${d}.racf`), { source: `${d}.racf`, clock: fixedClock(LAB_PREP_DAY) });
      state = r.state;
      diagnostics.push(...r.diagnostics);
    }
    // The lab system runs with SETROPTS GRPLIST (USER1's default group is SYS1; the APPL and
    // EJBROLE permits go to ZCEEUSRS): see docs/guides/end-to-end.md, step 1.
    state = (await applyDeck(state, 'SETROPTS GRPLIST\n', { source: 'assumption' })).state;

    // 2. AT-TLS (NCA objects) and 3. server.xml variants.
    const nca = labPolicy();
    const policyText = renderPolicy(nca.policy).text;
    const servers = new Map<ServerVariant, { files: Map<string, string>; model: ReturnType<typeof checkServerConfig>['model'] }>();
    for (const v of ['server', 'seed', 'server-http'] as const) {
      const files = renderFileSet(labServerFiles(SERVER_OPTIONS[v]));
      diagnostics.push(...files.diagnostics);
      if (files.value === undefined) continue;
      servers.set(v, { files: files.value, model: checkServerConfig({ files: files.value, serverConfigDir: LAB_SERVER_CONFIG_DIR }).model });
    }

    // 4. The GETAPI job and its variants.
    const getapi = await readFixture(inv, dir, 'jcl/GETAPI.jcl');
    const jobs: Record<JobVariant, { file: string; text: string }> = {
      GETAPI: { file: 'GETAPI.jcl', text: getapi },
      'as-printed': { file: 'GETAPI-as-printed.jcl', text: await readFixture(inv, dir, 'jcl/GETAPI-as-printed.jcl') },
      https: { file: 'GETAPI-9443.jcl', text: getapi.replace('BAQPORT=9080', 'BAQPORT=9443') },
      'other-job': { file: 'GETAPI-other-job.jcl', text: getapi.replace('BAQPORT=9080', 'BAQPORT=9443').replace(/^\/\/USER1GET /m, '//USER1GEX ') },
    };

    // 5. Each scenario.
    const scenarios: LabScenarioResult[] = [];
    for (const s of SCENARIOS) {
      const clock = s.today === true ? today : fixedClock(LAB_DAY);
      const server = servers.get(s.server);
      const job = readApiRequesterJob(jobs[s.job].text, jobs[s.job].file);
      const base = { id: s.id, name: s.name, job: jobs[s.job].file, server: s.server, policy: s.policy, clock: clock.now().toISOString() };
      if (server === undefined || job.value === undefined) {
        diagnostics.push(...job.diagnostics);
        scenarios.push({ ...base, outcome: null, leg: null, httpStatus: null, result: null });
        continue;
      }
      const out = simulate({
        state,
        server: server.model,
        serverUser: 'LIBSERV',
        job: job.value,
        clock,
        hosts: HOSTS,
        ...(s.policy ? { policy: nca.policy } : {}),
      });
      const r = out.result ?? null;
      scenarios.push({ ...base, outcome: r?.outcome ?? null, leg: r?.leg ?? null, httpStatus: r?.httpStatus ?? null, result: r });
    }

    const labDay = LAB_DAY;
    const todayIso = today.now().toISOString();
    const outDir = stringFlag(inv.args, 'out');
    if (outDir !== undefined) {
      const w = async (rel: string, text: string): Promise<void> => {
        const p = path.join(outDir, rel);
        await inv.io.makeDir(path.dirname(p));
        await inv.io.writeFile(p, text);
      };
      await w('lab.json', stateText(state));
      if (policyText !== undefined) await w('TCPIP1.policy', policyText);
      for (const [v, s] of servers) for (const [rel, text] of s.files) await w(path.join(v, rel), text);
      for (const j of Object.values(jobs)) await w(j.file, j.text);
      await w('scenarios.json', JSON.stringify({ labDay, today: todayIso, scenarios }, null, 2) + '\n');
    }

    const cell = (v: string | number | null, n: number): string => String(v ?? '-').padEnd(n);
    const lines = [
      `seed lab: decks applied ${LAB_PREP_DAY.slice(0, 10)}, lab day ${labDay.slice(0, 10)}, today ${todayIso.slice(0, 10)}`,
      '',
      ` #  ${cell('scenario', 52)}${cell('outcome', 23)}${cell('HTTP', 6)}leg`,
      ...scenarios.map((s) => ` ${s.id}  ${cell(s.name, 52)}${cell(s.outcome, 23)}${cell(s.httpStatus, 6)}${s.leg ?? '-'}`),
    ];
    if (outDir !== undefined) lines.push('', `artifacts written to ${outDir}`);
    if (booleanFlag(inv.args, 'results')) {
      for (const s of scenarios) if (s.result !== null) lines.push('', `--- scenario ${s.id}: ${s.name}`, formatResult(s.result).trimEnd());
    }
    return {
      text: lines.join('\n'),
      json: { labDay, today: todayIso, scenarios, ...(outDir !== undefined ? { out: outDir } : {}) },
      diagnostics,
    };
  },
};

/** `ztwin lab`. */
export const labCommands: readonly Command[] = [labCommand];
