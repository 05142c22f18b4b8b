import { connect as tlsConnect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '@ztwin/core';
import { type CertStore, type TlsView, addCertificate, addRing, connect, remove, tlsView } from '@ztwin/keyring';
import { labStore, make } from './fixtures';

type Outcome = { ok: true; serverSawClient: string | undefined } | { ok: false; clientError?: string; serverError?: string };

/** A real mutual-TLS handshake on 127.0.0.1 between two ring views. */
async function handshake(server: TlsView, client: TlsView): Promise<Outcome> {
  let serverError: string | undefined;
  let serverSawClient: string | undefined;
  // The server checks the client certificate itself (rejectUnauthorized: false + authorized), so
  // the reason is reported reliably also under TLS 1.3, where the client finishes first.
  const srv = createServer({ cert: server.cert, key: server.key, ca: server.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' }, (s: TLSSocket) => {
    if (!s.authorized) {
      serverError = String(s.authorizationError);
      s.destroy();
      return;
    }
    const cn = s.getPeerCertificate().subject?.CN;
    serverSawClient = Array.isArray(cn) ? cn.join(',') : cn;
    s.end('ok');
  });
  srv.on('tlsClientError', (e: NodeJS.ErrnoException) => (serverError ??= e.code ?? e.message));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  try {
    return await new Promise<Outcome>((resolve) => {
      const sock = tlsConnect({ host: '127.0.0.1', port, cert: client.cert, key: client.key, ca: client.ca, rejectUnauthorized: true, minVersion: 'TLSv1.2' });
      sock.on('data', () => {
        sock.end();
        resolve({ ok: true, serverSawClient });
      });
      sock.on('error', (e: NodeJS.ErrnoException) => setTimeout(() => resolve({ ok: false, clientError: e.code ?? e.message, ...(serverError ? { serverError } : {}) }), 20));
      sock.on('close', () => setTimeout(() => resolve({ ok: false, ...(serverError ? { serverError } : {}) }), 20));
    });
  } finally {
    await new Promise((r) => srv.close(r));
  }
}

function view(s: CertStore, owner: string, ring: string): TlsView {
  const v = tlsView(s, owner, ring, { clock: fixedClock('2026-11-24') });
  if (!v.value) throw new Error(JSON.stringify(v.diagnostics));
  return v.value;
}

/** MVSTLS on records: USER1's Liberty.KeyRing with USER1 (default) and Liberty CA. */
function mvstls(s0: CertStore, withCa = true): CertStore {
  let s = addRing(s0, 'USER1', 'Liberty.KeyRing').store;
  s = connect(s, { ringOwner: 'USER1', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'USER1' }, label: 'USER1', default: true }).store;
  if (withCa) s = connect(s, { ringOwner: 'USER1', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA' }).store;
  return s;
}

describe('TLS view and real handshakes', () => {
  test('the view presents the default cert + key and trusts CERTAUTH certs; toJSON hides the key', async () => {
    const s = mvstls(await labStore());
    const v = view(s, 'USER1', 'Liberty.KeyRing');
    expect(v.presentedLabel).toBe('USER1');
    expect(v.trustedLabels).toEqual(['Liberty CA']);
    expect(v.key).toContain('BEGIN PRIVATE KEY');
    expect(JSON.stringify(v)).not.toContain('BEGIN PRIVATE KEY');
  });

  test('mutual TLS succeeds when both rings hold the CA', async () => {
    const s = mvstls(await labStore());
    const out = await handshake(view(s, 'LIBSERV', 'Liberty.KeyRing'), view(s, 'USER1', 'Liberty.KeyRing'));
    expect(out).toEqual({ ok: true, serverSawClient: 'USER1' });
  });

  test('fails when the client ring lacks the CA that signed the server certificate', async () => {
    const s = mvstls(await labStore(), false);
    const out = await handshake(view(s, 'LIBSERV', 'Liberty.KeyRing'), view(s, 'USER1', 'Liberty.KeyRing'));
    expect(out.ok).toBe(false);
    // OpenSSL completes the server's chain from its trust store, so the root arrives untrusted.
    expect(out.ok ? '' : out.clientError).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  test('fails when the server ring lacks the CA of the client certificate', async () => {
    let s = mvstls(await labStore());
    s = remove(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'Liberty CA' }).store;
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'CERTAUTH' }, label: 'zCEE CA' }).store;
    const out = await handshake(view(s, 'LIBSERV', 'Liberty.KeyRing'), view(s, 'USER1', 'Liberty.KeyRing'));
    expect(out.ok).toBe(false);
    expect(out.ok ? '' : out.serverError).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  test('fails when the presented certificate has really expired (NOTAFTER 2022/12/31)', async () => {
    let s = mvstls(await labStore());
    const ca = s.certificates.get('CERTAUTH/Liberty CA');
    if (!ca) throw new Error('fixture');
    const old = await make(
      { owner: { kind: 'ID', id: 'LIBSERV' }, label: 'old', subject: { CN: 'old' }, signWith: ca, notBefore: { date: '2021/01/01' }, notAfter: { date: '2022/12/31' }, altName: { ip: '127.0.0.1' }, keyType: 'NISTECC', size: 256 },
      'old',
      '2021-06-01T00:00:00Z',
    );
    s = addCertificate(s, old.certificate).store;
    s = connect(s, { ringOwner: 'LIBSERV', ring: 'Liberty.KeyRing', certOwner: { kind: 'ID', id: 'LIBSERV' }, label: 'old', default: true }).store;
    const out = await handshake(view(s, 'LIBSERV', 'Liberty.KeyRing'), view(s, 'USER1', 'Liberty.KeyRing'));
    expect(out.ok).toBe(false);
    expect(out.ok ? '' : out.clientError).toBe('CERT_HAS_EXPIRED');
  });

  test('no default, missing ring', async () => {
    const s = await labStore();
    expect(tlsView(s, 'USER1', 'Liberty.KeyRing').diagnostics.map((d) => d.code)).toEqual(['KR-RING-NOT-FOUND']);
    const t = addRing(s, 'USER1', 'Empty').store;
    expect(tlsView(t, 'USER1', 'Empty').diagnostics.map((d) => d.code)).toEqual(['KR-TLS-NO-CERT']);
  });
});
