// Benchmark of @ztwin/zcee-config (built package): render, read + merge + validate, job read.
// Run: npm run bench -w @ztwin/zcee-config (after building).
'use strict';
const os = require('node:os');
const z = require('../dist');

function time(label, n, fn) {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  console.log(`${label.padEnd(58)} ${ms.toFixed(3).padStart(9)} ms/op`);
  return ms;
}

/** A server with `files` includes of `per` endpoint connections, key stores and ssl each. */
function bigServer(files, per) {
  const set = {
    'server.xml': z.serverFile('bench', [
      z.featureManager(['zosconnect:zosConnect-2.0', 'zosconnect:apiRequester-1.0', 'transportSecurity-1.0']),
      z.httpEndpoint({ host: '*', httpPort: 9080, httpsPort: 9443 }),
      z.safRegistry(),
      z.variable({ name: 'ring.owner', value: 'LIBSERV' }),
      ...Array.from({ length: files }, (_, f) => z.include({ location: `\${server.config.dir}/includes/f${f}.xml` })),
    ]),
  };
  for (let f = 0; f < files; f++) {
    const items = [];
    for (let i = 0; i < per; i++) {
      const id = `f${f}i${i}`;
      items.push(z.keyStore({ id: `ks${id}`, location: z.safKeyringUrl(`Ring.${id}`, '${ring.owner}'), password: 'password' }));
      items.push(z.ssl({ id: `ssl${id}`, keyStoreRef: `ks${id}` }));
      items.push(z.endpointConnection({ id: `ec${id}`, host: 'https://api.example.test', port: 9443, sslCertsRef: `ssl${id}`, connectionTimeout: '10s' }));
    }
    set[`includes/f${f}.xml`] = z.serverFile(`file ${f}`, items);
  }
  return set;
}

console.log(`@ztwin/zcee-config bench — node ${process.version}, ${os.cpus()[0].model}`);
const docs = bigServer(20, 50); // 21 files, 3000 elements
const rendered = z.renderFileSet(docs).value;
let bytes = 0;
for (const t of rendered.values()) bytes += t.length;
console.log(`input: ${rendered.size} files, ${bytes} characters, 3000 configuration elements`);
time('renderFileSet (21 files, 3000 elements)', 20, () => z.renderFileSet(docs));
const one = rendered.get('includes/f0.xml');
time('parseXml (one include, 150 elements)', 200, () => z.parseXml(one, 'f0.xml'));
time('checkServerConfig (read, merge, validate; no facts)', 10, () => z.checkServerConfig({ files: rendered, serverConfigDir: '/config' }));
const facts = z.inMemorySecurityFacts(z.labSecurityFacts());
time('checkServerConfig (with SecurityFacts, server user)', 10, () =>
  z.checkServerConfig({ files: rendered, serverConfigDir: '/config' }, { facts, serverUser: 'LIBSERV' }),
);
const lab = z.renderFileSet(z.labServerFiles()).value;
time('checkServerConfig (seed lab, 7 files, with facts)', 200, () =>
  z.checkServerConfig({ files: lab, serverConfigDir: z.LAB_SERVER_CONFIG_DIR }, { facts, serverUser: 'LIBSERV' }),
);
const job = z.buildApiRequesterJob({
  jobName: 'REQGET1', user: 'REQUSR1', program: 'GETAPI', parm: '111111', steplib: ['A.LOADLIB', 'ZCEE30.SBAQLIB'],
  env: { BAQURI: 'zos.example.test', BAQPORT: '9443', BAQUSERNAME: 'REQUSR1', BAQPASSWORD: new z.Secret('x') },
}).value;
time('readApiRequesterJob (GETAPI job)', 500, () => z.readApiRequesterJob(job, 'GETAPI.jcl'));

// SecurityFacts over a real RACF state (racf-model + keyring, built packages).
const fs = require('node:fs');
const path = require('node:path');
const racf = require('@ztwin/racf-model');
const kr = require('@ztwin/keyring');
const { fixedClock } = require('@ztwin/core');

async function stateBench() {
  const decks = ['ZCEERACF.racf', 'ZCEETLSS.racf', 'MVSTLS.racf', 'ZCEETLSC.racf'];
  const dir = path.join(__dirname, '../../../examples/zcee-attls-lab/fixtures/racf');
  const keys = kr.readPem(fs.readFileSync(path.join(__dirname, '../test/fixtures/lab-rsa-keys.pem'), 'utf8')).map((b) => b.der);
  const build = async () => {
    let s = racf.createState();
    const ctx = { clock: fixedClock('2020-06-01T12:00:00Z'), keySource: kr.fixedKeySource(keys) };
    for (const d of decks) s = (await kr.applyDeck(s, fs.readFileSync(path.join(dir, d), 'utf8'), { ...ctx, source: d })).state;
    return s;
  };
  let state = await build();
  const n = 10;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) state = await build();
  console.log(`${'lab decks applied (4 decks, 5 RSA GENCERTs, fixed keys)'.padEnd(58)} ${(Number(process.hrtime.bigint() - t0) / 1e6 / n).toFixed(3).padStart(9)} ms/op`);
  const today = fixedClock('2026-11-24T12:00:00Z');
  time('checkServerConfig (seed lab, 7 files, facts from state)', 200, () =>
    z.checkServerConfig({ files: lab, serverConfigDir: z.LAB_SERVER_CONFIG_DIR }, { facts: z.securityFactsFromState(state), serverUser: 'LIBSERV', clock: today }),
  );
  // The 3000-element server against a state holding its 1000 rings (each: the lab's server
  // certificate as DEFAULT, Liberty CA as CERTAUTH): every key store's ring is read and checked.
  let big = state;
  for (let f = 0; f < 20; f++)
    for (let i = 0; i < 50; i++)
      big = racf.withRing(big, {
        owner: 'LIBSERV',
        name: `Ring.f${f}i${i}`,
        connections: [
          { certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'Liberty Client Cert', usage: 'PERSONAL', default: true },
          { certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA', usage: 'CERTAUTH', default: false },
        ],
      });
  const bigFacts = z.securityFactsFromState(big);
  const r = z.checkServerConfig({ files: rendered, serverConfigDir: '/config' }, { facts: bigFacts, serverUser: 'LIBSERV', clock: today });
  if (r.diagnostics.some((d) => d.code.startsWith('ZCEE_RING'))) throw new Error('bench state: unexpected ring findings');
  time('checkServerConfig (3000 elements, 1000 rings from state)', 10, () =>
    z.checkServerConfig({ files: rendered, serverConfigDir: '/config' }, { facts: bigFacts, serverUser: 'LIBSERV', clock: today }),
  );
}
stateBench().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
