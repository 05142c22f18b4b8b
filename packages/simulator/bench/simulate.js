// Benchmarks for @ztwin/simulator (requires the built package: npm run build first).
// Prints: evaluate() throughput on the lab's facts (HTTP and AT-TLS paths, chain checks included),
// time-shift re-signing per certificate, and one real node:tls cross-check round trip.
'use strict';
require('reflect-metadata');
const os = require('node:os');
const { webcrypto } = require('node:crypto');
const x509 = require('@peculiar/x509');
const sim = require('../dist');

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const pem = (der) => `-----BEGIN PRIVATE KEY-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
let serial = 1;
async function ca(name) {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: (serial++).toString(16).padStart(2, '0'), name, notBefore: new Date('2020-01-01'), notAfter: new Date('2040-01-01'), keys, signingAlgorithm: alg,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)] }, webcrypto);
  return { certPem: cert.toString('pem'), keyPem: pem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), keys, cert };
}
async function leaf(name, issuer, notAfter) {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create(
    { serialNumber: (serial++).toString(16).padStart(2, '0'), subject: name, issuer: issuer.cert.subjectName, notBefore: new Date('2020-01-02'), notAfter: new Date(notAfter),
      publicKey: keys.publicKey, signingKey: issuer.keys.privateKey, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(false, undefined, true)] }, webcrypto);
  return { certPem: cert.toString('pem'), keyPem: pem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)) };
}
const ep = (source, l, trusted, owner) => ({ source, certChainPem: l ? [l.certPem] : [], ...(l ? { keyPem: l.keyPem } : {}), trustedCaPems: trusted.map((t) => t.certPem), ...(owner ? { owner, label: owner } : {}) });

function time(label, n, fn) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label}: ${n} in ${ms.toFixed(1)} ms = ${((n / ms) * 1000).toFixed(0)}/s (${((ms * 1000) / n).toFixed(1)} µs each)`);
}

(async () => {
  console.log(`node ${process.version} on ${os.cpus()[0].model}`);
  const libCa = await ca('CN=Liberty CA'), zCa = await ca('CN=zCEE CA');
  const server = await leaf('CN=wg31', libCa, '2040-01-01'), user1 = await leaf('CN=USER1', libCa, '2040-01-01'), zc = await leaf('CN=zCEE Client Cert', zCa, '2022-12-31');
  const inbound = ep('LIBSERV/Liberty.KeyRing', server, [libCa, zCa], 'LIBSERV');
  const users = { USER1: ['SYS1', 'ZCEEUSRS', 'GMADMIN'] };
  const racf = {
    authenticate: (u, p) => (users[u] ? (p === u ? 'ok' : 'invalid-password') : 'unknown-user'),
    userExists: (u) => users[u] !== undefined, userName: () => 'X', defaultGroup: () => 'SYS1', groupsOf: (u) => users[u] || [],
    checkAccess: (u) => (users[u] ? 'allowed' : 'denied'),
  };
  const facts = (port, at, requireSecure) => ({
    job: { jobName: 'USER1GET', user: 'USER1', submitter: 'USER1', env: { BAQURI: 'wg31', BAQPORT: String(port), BAQUSERNAME: 'USER1', BAQPASSWORD: 'USER1' }, ceeoptsFound: true, requester: 'r_1' },
    network: { resolve: (h) => (h === 'wg31' ? '10.1.1.1' : undefined), clientAddr: '10.1.1.1', ephemeralPort: 7000 },
    server: { name: 'S', jobName: 'S', userId: 'LIBSERV', listenAddrs: ['*'], httpPort: 9080, httpsPort: 9443, tls: { endpoint: inbound, protocols: ['TLSv1.2'], clientAuthentication: true, clientAuthenticationSupported: true },
      appSecurity: true, safAuthorization: true, profilePrefix: 'BBGZDFLT', unauthenticatedUser: 'WSGUEST',
      requester: { name: 'r_1', requireSecure, requireAuth: true, idAssertion: 'ASSERT_ONLY', invokeGroups: ['GMINVOKE'], adminGroups: ['GMADMIN'] },
      outbound: { connection: 'c', scheme: 'https', host: 'wg31', port: 9443, client: { endpoint: ep('LIBSERV/zCEE.KeyRing', zc, [zCa, libCa], 'LIBSERV'), protocols: ['TLSv1.2'] },
        provider: { name: 'P', addr: '10.1.1.1', listening: true, tls: { endpoint: inbound, protocols: ['TLSv1.2'], clientAuthentication: true, clientAuthenticationSupported: true } } } },
    attls: { match: (c) => (c.jobName === 'USER1GET' && c.remotePort === 9443 ? { rule: 'R~1', actions: [], enabled: true, handshakeRole: 'Client', protocols: ['TLSv1.2'], endpoint: ep('USER1/Liberty.KeyRing', user1, [libCa], 'USER1') } : null) },
    racf, clock: { now: () => at },
  });
  const lab = new Date('2020-12-11T00:00:00Z'), today = new Date('2026-11-24T00:00:00Z');
  const fRedirect = facts(9080, lab, true), fHttp = facts(9080, lab, false), fTls = facts(9443, lab, true), fExpired = facts(9443, today, true);
  time('evaluate, HTTP redirect (no TLS)', 20000, () => sim.evaluate(fRedirect));
  time('evaluate, HTTP 200 + outbound mutual TLS (2 chain checks)', 5000, () => sim.evaluate(fHttp));
  time('evaluate, AT-TLS + outbound mutual TLS (4 chain checks)', 5000, () => sim.evaluate(fTls));
  time('evaluate, AT-TLS, outbound cert expired', 5000, () => sim.evaluate(fExpired));

  const keys = new Map([libCa, zCa, server, user1, zc].map((i) => [i.certPem.trim(), i.keyPem]));
  const keyOf = (p) => keys.get(p.trim());
  let t0 = process.hrtime.bigint();
  const shifter = new sim.TimeShifter(86400000 * 365, [libCa.certPem, zCa.certPem], keyOf);
  const n = 50;
  for (let i = 0; i < n; i++) await new sim.TimeShifter(86400000 * (i + 1), [libCa.certPem, zCa.certPem], keyOf).shift(zc.certPem);
  let ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`time shift (re-sign one P-256 certificate): ${(ms / n).toFixed(2)} ms each`);
  void shifter;

  const runs = 10;
  t0 = process.hrtime.bigint();
  let agree = 0;
  for (let i = 0; i < runs; i++) {
    const r = await sim.crossCheckSimulation(fTls, { keyOf, issuers: [libCa.certPem, zCa.certPem] });
    agree += r.checks.filter((c) => c.check.verdict === 'agree').length;
  }
  ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`crossCheckSimulation (AT-TLS lab path: 2 real handshakes, time-shifted certificates): ${(ms / runs).toFixed(1)} ms per simulation, ${agree}/${runs * 2} legs agree`);
})();
