import { X509Certificate } from 'node:crypto';
import { crossCheckTls, predictHandshake, TimeShifter, verifyChain, type HandshakeSetup, type TlsEndpoint } from '@ztwin/simulator';
import { makeCa, makeLeaf, type Issued } from './pki';

let ca: Issued;
let otherCa: Issued;
let server: Issued;
let client: Issued;
let expiredClient: Issued;
const keyByCert = new Map<string, string>();

beforeAll(async () => {
  ca = await makeCa('CN=Liberty CA,OU=ATS,O=IBM', '2020-01-01T00:00:00Z', '2040-12-31T00:00:00Z');
  otherCa = await makeCa('CN=zCEE CA,OU=ATS,O=IBM', '2020-01-01T00:00:00Z', '2040-12-31T00:00:00Z');
  server = await makeLeaf('CN=wg31.washington.ibm.com,OU=LIBERTY,O=IBM', ca, '2020-02-01T00:00:00Z', '2040-12-31T00:00:00Z');
  client = await makeLeaf('CN=USER1,OU=ATS,O=IBM', ca, '2020-02-01T00:00:00Z', '2040-12-31T00:00:00Z');
  expiredClient = await makeLeaf('CN=zCEE Client Cert,OU=ATS,O=IBM', otherCa, '2020-02-01T00:00:00Z', '2022-12-31T00:00:00Z');
  for (const i of [ca, otherCa, server, client, expiredClient]) keyByCert.set(i.certPem.trim(), i.keyPem);
});

const keyOf = (pem: string): string | undefined => keyByCert.get(pem.trim());
const LAB = new Date('2020-12-11T12:00:00Z');
const TODAY = new Date('2026-11-24T12:00:00Z');

function ep(source: string, leaf: Issued | null, trusted: Issued[], owner?: string): TlsEndpoint {
  return {
    source,
    certChainPem: leaf === null ? [] : [leaf.certPem],
    ...(leaf !== null ? { keyPem: leaf.keyPem } : {}),
    trustedCaPems: trusted.map((t) => t.certPem),
    ...(owner !== undefined ? { owner } : {}),
  };
}

async function predictAndCheck(setup: HandshakeSetup, at: Date) {
  const prediction = predictHandshake(setup, at);
  const check = await crossCheckTls(prediction, setup, { at, keyOf, issuers: [ca.certPem, otherCa.certPem] });
  if (check.verdict !== 'agree') console.log(JSON.stringify(check, null, 1));
  return { prediction, check };
}

describe('verifyChain', () => {
  test('trusted, expired, untrusted and not-yet-valid chains', () => {
    expect(verifyChain([client.certPem], [ca.certPem], LAB).ok).toBe(true);
    const exp = verifyChain([expiredClient.certPem], [otherCa.certPem], TODAY);
    expect(exp.ok ? 'ok' : exp.problem).toBe('expired');
    const untrusted = verifyChain([client.certPem], [otherCa.certPem], LAB);
    expect(untrusted.ok ? 'ok' : untrusted.problem).toBe('untrusted');
    const early = verifyChain([client.certPem], [ca.certPem], new Date('2020-01-15T00:00:00Z'));
    expect(early.ok ? 'ok' : early.problem).toBe('not-yet-valid');
    const none = verifyChain([], [ca.certPem], LAB);
    expect(none.ok ? 'ok' : none.problem).toBe('no-certificate');
    const bad = verifyChain(['garbage'], [ca.certPem], LAB);
    expect(bad.ok ? 'ok' : bad.problem).toBe('unparsable');
  });
  test('a leaf used as its own trust anchor is not a CA', () => {
    const r = verifyChain([client.certPem], [client.certPem], LAB);
    expect(r.ok).toBe(false);
  });
});

describe('time shift', () => {
  test('keeps subject, issuer, serial, key and extensions; moves validity; chain still verifies', async () => {
    const delta = 6 * 365 * 86400000;
    const s = new TimeShifter(delta, [ca.certPem, expiredClient.certPem, otherCa.certPem], keyOf);
    const r = await s.shift(expiredClient.certPem);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const before = new X509Certificate(expiredClient.certPem);
    const after = new X509Certificate(r.pem);
    expect(after.subject).toBe(before.subject);
    expect(after.issuer).toBe(before.issuer);
    expect(after.serialNumber).toBe(before.serialNumber);
    expect(after.publicKey.export({ format: 'der', type: 'spki' }).equals(before.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
    expect(new Date(after.validTo).getTime() - new Date(before.validTo).getTime()).toBe(delta);
    expect(after.verify(new X509Certificate(otherCa.certPem).publicKey)).toBe(true);
    expect(after.raw.equals(before.raw)).toBe(false);
  });
  test('without the issuer key the shift is refused', async () => {
    const s = new TimeShifter(1000, [ca.certPem, client.certPem], () => undefined);
    const r = await s.shift(client.certPem);
    expect(r.ok).toBe(false);
  });
});

describe('predicted handshakes agree with real node:tls handshakes', () => {
  const serverSide = (clientAuth: 'none' | 'optional' | 'required' | 'passthru', trusted: Issued[] = [ca, otherCa]) => ({
    endpoint: ep('LIBSERV/Liberty.KeyRing', server, trusted, 'LIBSERV'),
    protocols: ['TLSv1.2' as const],
    clientAuth,
  });

  test('mutual TLS 1.2 succeeds at the lab date', async () => {
    const { prediction, check } = await predictAndCheck(
      { client: { endpoint: ep('USER1/Liberty.KeyRing', client, [ca], 'USER1'), protocols: ['TLSv1.2'] }, server: serverSide('required') },
      LAB,
    );
    expect(prediction.ok).toBe(true);
    expect(prediction.protocol).toBe('TLSv1.2');
    expect(prediction.clientCertSent).toBe(true);
    expect(check.verdict).toBe('agree');
  });

  test('expired client certificate: the server rejects it (real clock shifted to 2026)', async () => {
    const setup: HandshakeSetup = {
      client: { endpoint: ep('LIBSERV/zCEE.KeyRing', expiredClient, [otherCa, ca], 'LIBSERV'), protocols: ['TLSv1.2'] },
      server: serverSide('required'),
    };
    const { prediction, check } = await predictAndCheck(setup, TODAY);
    expect(prediction.failure?.code).toBe('client-cert-rejected');
    expect(prediction.failure?.chainProblem).toBe('expired');
    expect(check.verdict).toBe('agree');
    expect(check.real?.serverError ?? '').toMatch(/expired/i);
    // and the same setup at the lab date works
    const lab = await predictAndCheck(setup, LAB);
    expect(lab.prediction.ok).toBe(true);
    expect(lab.check.verdict).toBe('agree');
  });

  test('untrusted server certificate: the client rejects it', async () => {
    const { prediction, check } = await predictAndCheck(
      { client: { endpoint: ep('USER1/Liberty.KeyRing', client, [otherCa]), protocols: ['TLSv1.2'] }, server: serverSide('none') },
      LAB,
    );
    expect(prediction.failure?.code).toBe('server-cert-rejected');
    expect(prediction.failure?.detectedBy).toBe('client');
    expect(check.verdict).toBe('agree');
  });

  test('no common protocol', async () => {
    const { prediction, check } = await predictAndCheck(
      { client: { endpoint: ep('USER1/Liberty.KeyRing', client, [ca]), protocols: ['TLSv1.3'] }, server: serverSide('none') },
      LAB,
    );
    expect(prediction.failure?.code).toBe('no-common-protocol');
    expect(check.verdict).toBe('agree');
  });

  test('required client certificate missing', async () => {
    const { prediction, check } = await predictAndCheck(
      { client: { endpoint: ep('USER2 (no ring)', null, [ca]), protocols: ['TLSv1.2'] }, server: serverSide('required') },
      LAB,
    );
    expect(prediction.failure?.code).toBe('client-cert-missing');
    expect(check.verdict).toBe('agree');
  });

  test('optional client authentication without a client certificate succeeds', async () => {
    const { prediction, check } = await predictAndCheck(
      { client: { endpoint: ep('anonymous', null, [ca]), protocols: ['TLSv1.2', 'TLSv1.3'] }, server: { ...serverSide('optional'), protocols: ['TLSv1.2', 'TLSv1.3'] } },
      LAB,
    );
    expect(prediction.ok).toBe(true);
    expect(prediction.protocol).toBe('TLSv1.3');
    expect(check.verdict).toBe('agree');
  });

  test('optional client authentication with an untrusted client certificate fails', async () => {
    const { prediction, check } = await predictAndCheck(
      { client: { endpoint: ep('LIBSERV/zCEE.KeyRing', expiredClient, [ca]), protocols: ['TLSv1.2'] }, server: serverSide('optional', [ca]) },
      LAB,
    );
    expect(prediction.failure?.code).toBe('client-cert-rejected');
    expect(check.verdict).toBe('agree');
  });

  test('PassThru accepts an untrusted, expired client certificate that Full (optional) rejects', async () => {
    const client = { endpoint: ep('LIBSERV/zCEE.KeyRing', expiredClient, [ca]), protocols: ['TLSv1.2' as const] };
    const pass = await predictAndCheck({ client, server: serverSide('passthru', [ca]) }, TODAY);
    expect(pass.prediction.ok).toBe(true);
    expect(pass.prediction.clientCertSent).toBe(true);
    expect(pass.check.verdict).toBe('agree');
    const full = await predictAndCheck({ client, server: serverSide('optional', [ca]) }, TODAY);
    expect(full.prediction.ok).toBe(false);
    expect(full.check.verdict).toBe('agree');
  });

  test('expired server certificate at the clock', async () => {
    const { prediction, check } = await predictAndCheck(
      {
        client: { endpoint: ep('LIBSERV/zCEE.KeyRing', null, [otherCa]), protocols: ['TLSv1.2'] },
        server: { endpoint: ep('provider', expiredClient, []), protocols: ['TLSv1.2'], clientAuth: 'none' },
      },
      TODAY,
    );
    expect(prediction.failure?.code).toBe('server-cert-rejected');
    expect(prediction.failure?.chainProblem).toBe('expired');
    expect(check.verdict).toBe('agree');
  });

  test('clear text to a TLS port and TLS to a clear-text port', async () => {
    const a = await predictAndCheck({ client: null, server: serverSide('none') }, LAB);
    expect(a.prediction.mode).toBe('plaintext-to-tls');
    expect(a.check.verdict).toBe('agree');
    const b = await predictAndCheck({ client: { endpoint: ep('USER1/Liberty.KeyRing', client, [ca]), protocols: ['TLSv1.2'] }, server: null }, LAB);
    expect(b.prediction.mode).toBe('tls-to-plaintext');
    expect(b.check.verdict).toBe('agree');
  });

  test('a JSSE client offers its certificate only to a server that trusts its issuer', async () => {
    const jsse = { endpoint: ep('LIBSERV/zCEE.KeyRing', expiredClient, [ca, otherCa], 'LIBSERV'), protocols: ['TLSv1.2' as const], selectByIssuer: true };
    const optional = await predictAndCheck({ client: jsse, server: serverSide('optional', [ca]) }, LAB);
    expect(optional.prediction.ok).toBe(true);
    expect(optional.prediction.clientCertSent).toBe(false);
    expect(optional.check.verdict).toBe('agree');
    const required = await predictAndCheck({ client: jsse, server: serverSide('required', [ca]) }, LAB);
    expect(required.prediction.failure?.code).toBe('client-cert-missing');
    expect(required.prediction.failure?.detail).toContain('JSSE');
    expect(required.check.verdict).toBe('agree');
    // trusted issuer: offered and accepted
    const trusted = await predictAndCheck({ client: jsse, server: serverSide('required', [ca, otherCa]) }, LAB);
    expect(trusted.prediction.clientCertSent).toBe(true);
    expect(trusted.check.verdict).toBe('agree');
  });

  test('a wrong prediction is reported as disagree', async () => {
    const setup: HandshakeSetup = { client: { endpoint: ep('USER1/Liberty.KeyRing', client, [ca]), protocols: ['TLSv1.2'] }, server: serverSide('none') };
    const truth = predictHandshake(setup, LAB);
    const wrong = { ...truth, ok: false, protocol: null, failure: { code: 'server-cert-rejected' as const, detectedBy: 'client' as const, detail: 'made up' } };
    const check = await crossCheckTls(wrong, setup, { at: LAB, keyOf });
    expect(check.verdict).toBe('disagree');
    expect(check.real?.ok).toBe(true);
  });
});
