import * as t from 'io-ts';
import { CertSummary, parseCertificate, summarize, verifyChain, type ChainProblem } from './certs';
import { TLS_PROTOCOLS, type TlsEndpoint, type TlsProtocol } from './facts';

/** The client end of a connection: TLS with an endpoint (AT-TLS or JSSE), or clear text (null). */
export interface TlsClientSide {
  readonly endpoint: TlsEndpoint;
  readonly protocols: readonly TlsProtocol[];
  /**
   * JSSE (Liberty outbound) picks a client certificate only when its chain leads to one of the CAs
   * the server names in CertificateRequest (its trust store); System SSL (AT-TLS) and OpenSSL send
   * the configured certificate regardless. Default false.
   */
  readonly selectByIssuer?: boolean;
}

/**
 * Client certificate policy of a TLS server: `none`; `optional` = requested, validated if sent
 * (Liberty clientAuthenticationSupported, AT-TLS ClientAuthType Full); `required` = must be sent and
 * valid (Liberty clientAuthentication, AT-TLS Required/SAFCheck); `passthru` = requested, accepted
 * unvalidated (AT-TLS ClientAuthType PassThru).
 */
export type ClientAuth = 'none' | 'optional' | 'required' | 'passthru';

/** The server end: a TLS listener (null = a clear-text listener). */
export interface TlsServerSide {
  readonly endpoint: TlsEndpoint;
  readonly protocols: readonly TlsProtocol[];
  readonly clientAuth: ClientAuth;
}

/** Everything that decides one handshake; also the input of the real-TLS cross-check. */
export interface HandshakeSetup {
  readonly client: TlsClientSide | null;
  readonly server: TlsServerSide | null;
}

export const HandshakeMode = t.keyof({ tls: null, 'plaintext-to-tls': null, 'tls-to-plaintext': null, plaintext: null });
export type HandshakeMode = t.TypeOf<typeof HandshakeMode>;

export const HandshakeFailureCode = t.keyof({
  'plaintext-to-tls': null,
  'tls-to-plaintext': null,
  'no-common-protocol': null,
  'server-no-certificate': null,
  'server-cert-rejected': null,
  'client-cert-missing': null,
  'client-cert-rejected': null,
});
export type HandshakeFailureCode = t.TypeOf<typeof HandshakeFailureCode>;

export const HandshakePrediction = t.type({
  mode: HandshakeMode,
  ok: t.boolean,
  protocol: t.union([t.string, t.null]),
  failure: t.union([
    t.intersection([
      t.type({ code: HandshakeFailureCode, detectedBy: t.keyof({ client: null, server: null }), detail: t.string }),
      t.partial({ chainProblem: t.string }),
    ]),
    t.null,
  ]),
  clientCertSent: t.boolean,
  clientCert: t.union([CertSummary, t.null]),
  serverCert: t.union([CertSummary, t.null]),
});
/** The predicted handshake: success with a protocol, or the first failure and which side detects it. */
export type HandshakePrediction = t.TypeOf<typeof HandshakePrediction>;

function leafSummary(e: TlsEndpoint): CertSummary | null {
  const pem = e.certChainPem[0];
  if (pem === undefined) return null;
  const c = parseCertificate(pem);
  if (c === undefined) return null;
  return summarize(c, { ...(e.label !== undefined ? { label: e.label } : {}), ...(e.owner !== undefined ? { owner: e.owner } : {}) });
}

/**
 * Whether the client answers a CertificateRequest with its certificate: it needs one with a key,
 * and a JSSE client (`selectByIssuer`) only offers it when its chain ends at a CA the server trusts.
 */
export function clientSendsCertificate(client: TlsClientSide, server: TlsServerSide): boolean {
  if (!hasUsableCert(client.endpoint)) return false;
  if (client.selectByIssuer !== true) return true;
  const trusted = new Set(server.endpoint.trustedCaPems.map((p) => parseCertificate(p)?.subject).filter((x): x is string => x !== undefined));
  return client.endpoint.certChainPem.some((p) => {
    const c = parseCertificate(p);
    return c !== undefined && (trusted.has(c.issuer) || trusted.has(c.subject));
  });
}

/** Highest protocol both sides enable; undefined when they share none. */
export function negotiateProtocol(a: readonly TlsProtocol[], b: readonly TlsProtocol[]): TlsProtocol | undefined {
  for (let i = TLS_PROTOCOLS.length - 1; i >= 0; i--) {
    const p = TLS_PROTOCOLS[i];
    if (p !== undefined && a.includes(p) && b.includes(p)) return p;
  }
  return undefined;
}

function hasUsableCert(e: TlsEndpoint): boolean {
  return e.certChainPem.length > 0 && ((e.keyPem !== undefined && e.keyPem.length > 0) || e.keyPresent === true);
}

function fail(
  mode: HandshakeMode,
  code: HandshakeFailureCode,
  detectedBy: 'client' | 'server',
  detail: string,
  extra: { chainProblem?: ChainProblem; protocol?: string | null; clientCertSent?: boolean; clientCert?: CertSummary | null; serverCert?: CertSummary | null },
): HandshakePrediction {
  const failure: HandshakePrediction['failure'] = { code, detectedBy, detail };
  if (extra.chainProblem !== undefined && failure !== null) failure.chainProblem = extra.chainProblem;
  return {
    mode,
    ok: false,
    protocol: extra.protocol ?? null,
    failure,
    clientCertSent: extra.clientCertSent ?? false,
    clientCert: extra.clientCert ?? null,
    serverCert: extra.serverCert ?? null,
  };
}

/**
 * Predict a TLS handshake at `at`, in the order TLS 1.2/1.3 performs it:
 * 1. ClientHello vs. the server's enabled protocols (no overlap: protocol_version alert, server);
 * 2. the server needs a certificate with its private key (else handshake_failure, server);
 * 3. the client validates the server's chain against its trusted CAs at `at` (client);
 * 4. when the server asks (clientAuth optional/required), the client sends its certificate if it has
 *    one with a key (System SSL and OpenSSL send the configured/default certificate); required and
 *    none sent: the server fails; sent: the server validates it against its trust store (server).
 * A clear-text client on a TLS port and a TLS client on a clear-text port fail before any of this.
 */
export function predictHandshake(setup: HandshakeSetup, at: Date): HandshakePrediction {
  const { client, server } = setup;
  if (client === null) {
    if (server === null) {
      return { mode: 'plaintext', ok: true, protocol: null, failure: null, clientCertSent: false, clientCert: null, serverCert: null };
    }
    // Liberty: CWWKO0801E ... javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?
    return fail('plaintext-to-tls', 'plaintext-to-tls', 'server', 'clear text (an HTTP request) arrived on a TLS port: the server sees no ClientHello', {
      serverCert: leafSummary(server.endpoint),
    });
  }
  if (server === null) {
    return fail('tls-to-plaintext', 'tls-to-plaintext', 'client', 'a ClientHello was sent to a clear-text port: the reply is not a TLS record', {
      clientCert: leafSummary(client.endpoint),
    });
  }
  const serverCert = leafSummary(server.endpoint);
  const clientCertSummary = leafSummary(client.endpoint);
  const protocol = negotiateProtocol(client.protocols, server.protocols);
  if (protocol === undefined) {
    return fail(
      'tls',
      'no-common-protocol',
      'server',
      `no protocol in common: client offers ${client.protocols.join(',') || 'none'}, server enables ${server.protocols.join(',') || 'none'}`,
      { serverCert, clientCert: clientCertSummary },
    );
  }
  if (!hasUsableCert(server.endpoint)) {
    return fail('tls', 'server-no-certificate', 'server', `the server's key store ${server.endpoint.source} has no certificate with a private key`, {
      protocol,
      serverCert,
      clientCert: clientCertSummary,
    });
  }
  const sv = verifyChain(server.endpoint.certChainPem, client.endpoint.trustedCaPems, at);
  if (!sv.ok) {
    return fail('tls', 'server-cert-rejected', 'client', `the client (${client.endpoint.source}) rejects the server certificate: ${sv.detail}`, {
      chainProblem: sv.problem,
      protocol,
      serverCert,
      clientCert: clientCertSummary,
    });
  }
  const asked = server.clientAuth !== 'none';
  const sends = asked && clientSendsCertificate(client, server);
  if (server.clientAuth === 'required' && !sends) {
    const why = hasUsableCert(client.endpoint)
      ? `offers none: JSSE only sends a certificate issued by a CA the server trusts, and the server trusts none of ${client.endpoint.label ?? 'its'} issuers`
      : 'has none with a private key';
    return fail('tls', 'client-cert-missing', 'server', `the server requires a client certificate and ${client.endpoint.source} ${why}`, {
      protocol,
      serverCert,
      clientCert: null,
    });
  }
  if (sends && server.clientAuth !== 'passthru') {
    const cv = verifyChain(client.endpoint.certChainPem, server.endpoint.trustedCaPems, at);
    if (!cv.ok) {
      return fail('tls', 'client-cert-rejected', 'server', `the server (${server.endpoint.source}) rejects the client certificate: ${cv.detail}`, {
        chainProblem: cv.problem,
        protocol,
        clientCertSent: true,
        serverCert,
        clientCert: clientCertSummary,
      });
    }
  }
  return { mode: 'tls', ok: true, protocol, failure: null, clientCertSent: sends, clientCert: sends ? clientCertSummary : null, serverCert };
}
