import * as net from 'node:net';
import * as tls from 'node:tls';
import * as t from 'io-ts';
import { evaluateDetailed } from './engine';
import type { SimulationFacts, TlsEndpoint, TlsProtocol } from './facts';
import type { SimulationResult } from './result';
import { TLS_PROTOCOLS } from './facts';
import { clientSendsCertificate, type ClientAuth, type HandshakePrediction, type HandshakeSetup } from './handshake';
import { TimeShifter } from './timeshift';

/**
 * Real-TLS cross-check: replay a predicted handshake with node:tls on 127.0.0.1 (ephemeral port)
 * using the same certificates, keys, trust anchors, protocol range and client-certificate policy,
 * and report whether reality agrees with the prediction.
 *
 * Mapping of the model to node:tls:
 * - server: key + certificate chain of the server endpoint, `ca` = its trusted CAs (an empty list
 *   trusts nothing, exactly like a ring without CERTAUTH certificates); clientAuth `optional` or
 *   `required` → requestCert, and OpenSSL's verdict on the client certificate (authorizationError)
 *   decides: a presented certificate that does not verify ends the connection (JSSE validates a
 *   certificate it asked for), and `required` without one ends it too.
 * - client: its certificate and key when it has them, `ca` = its trusted CAs, rejectUnauthorized,
 *   host name checking off (not modelled, see certs.ts), no SNI.
 * - protocols: node only takes a range, so min/max of the enabled set (a set with holes, e.g.
 *   TLSv1 + TLSv1.2 only, is widened: the report notes it). TLSv1/1.1 need OpenSSL security level 0.
 * - clock: certificates are time-shifted (timeshift.ts) so the real clock plays the simulated one.
 * - success means application data went both ways (a TLS 1.3 server rejects a client certificate
 *   only after the client already considers the handshake complete).
 */

export const RealHandshake = t.type({
  ok: t.boolean,
  protocol: t.union([t.string, t.null]),
  clientError: t.union([t.string, t.null]),
  serverError: t.union([t.string, t.null]),
  detectedBy: t.union([t.keyof({ client: null, server: null }), t.null]),
});
export type RealHandshake = t.TypeOf<typeof RealHandshake>;

export const CrossCheckResult = t.intersection([
  t.type({
    verdict: t.keyof({ agree: null, disagree: null, inconclusive: null }),
    predicted: t.type({
      ok: t.boolean,
      protocol: t.union([t.string, t.null]),
      failure: t.union([t.string, t.null]),
      detectedBy: t.union([t.keyof({ client: null, server: null }), t.null]),
    }),
    real: t.union([RealHandshake, t.null]),
  }),
  t.partial({ note: t.string }),
]);
export type CrossCheckResult = t.TypeOf<typeof CrossCheckResult>;

export interface CrossCheckOptions {
  /** The simulated clock the prediction was made at. */
  readonly at: Date;
  /** The real clock (default: now); injectable so the shift is reproducible. */
  readonly realNow?: Date;
  /** Private key (PKCS#8 PEM) of a certificate, for re-signing what it issued; CA keys at least. */
  readonly keyOf: (certPem: string) => string | undefined;
  /**
   * Further certificates that may have issued the presented ones (e.g. every CERTAUTH certificate
   * of the RACF database): needed when a side presents a certificate whose CA neither side trusts.
   */
  readonly issuers?: readonly string[];
  /** Give up after this long (default 8000 ms). */
  readonly timeoutMs?: number;
}

function range(ps: readonly TlsProtocol[]): { min: TlsProtocol; max: TlsProtocol; widened: boolean } | undefined {
  const idx = ps.map((p) => TLS_PROTOCOLS.indexOf(p)).filter((i) => i >= 0).sort((a, b) => a - b);
  const lo = idx[0];
  const hi = idx[idx.length - 1];
  if (lo === undefined || hi === undefined) return undefined;
  const min = TLS_PROTOCOLS[lo];
  const max = TLS_PROTOCOLS[hi];
  if (min === undefined || max === undefined) return undefined;
  return { min, max, widened: hi - lo + 1 !== idx.length };
}

interface Shifted {
  readonly chain: string[];
  readonly trusted: string[];
  readonly keyPem: string | undefined;
}

async function shiftEndpoint(e: TlsEndpoint, s: TimeShifter): Promise<Shifted | string> {
  const chain: string[] = [];
  for (const pem of e.certChainPem) {
    const r = await s.shift(pem);
    if (!r.ok) return r.reason;
    chain.push(r.pem);
  }
  const trusted: string[] = [];
  for (const pem of e.trustedCaPems) {
    const r = await s.shift(pem);
    if (!r.ok) return r.reason;
    trusted.push(r.pem);
  }
  return { chain, trusted, keyPem: e.keyPem };
}

const LOW_SECLEVEL = 'DEFAULT@SECLEVEL=0';

function errCode(e: unknown): string {
  if (e instanceof Error) {
    const c = (e as NodeJS.ErrnoException).code;
    return c !== undefined ? `${c}: ${e.message}` : e.message;
  }
  return String(e);
}

/** A client error caused by the peer (alert, reset, close) rather than by the client's own checks. */
function peerCaused(code: string): boolean {
  return /ALERT|ECONNRESET|EPIPE|socket hang up|closed|ended|disconnected/i.test(code);
}

function realDetectedBy(clientError: string | null, serverError: string | null): 'client' | 'server' | null {
  if (clientError !== null && !peerCaused(clientError)) return 'client';
  if (serverError !== null) return 'server';
  if (clientError !== null) return 'server';
  return null;
}

interface RunConfig {
  readonly server: tls.TlsOptions | null; // null: a clear-text listener that answers HTTP 400
  readonly client: tls.ConnectionOptions | null; // null: a clear-text HTTP client
  readonly clientAuth: ClientAuth;
  readonly timeoutMs: number;
}

function runReal(cfg: RunConfig): Promise<RealHandshake> {
  return new Promise((resolve) => {
    let serverError: string | null = null;
    let clientError: string | null = null;
    let protocol: string | null = null;
    let pong = false;
    let done = false;
    const sockets: net.Socket[] = [];
    let srv: net.Server;
    const timer = setTimeout(() => {
      clientError ??= 'timeout';
      finish();
    }, cfg.timeoutMs);
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      srv.close();
      const ok = pong && clientError === null && serverError === null;
      resolve({ ok, protocol: ok ? protocol : null, clientError, serverError, detectedBy: ok ? null : realDetectedBy(clientError, serverError) });
    };
    // Both ends must have had their say before the verdict: the client's close can overtake the
    // server's error event, so wait (bounded) for the server side to settle too.
    let serverSettled = false;
    let clientClosed = false;
    const settle = (): void => {
      serverSettled = true;
      if (clientClosed) setImmediate(finish);
    };
    const later = (): void => {
      clientClosed = true;
      if (serverSettled) setImmediate(finish);
      else setTimeout(finish, 1500);
    };
    // node verifies the peer's certificate only once its own handshake is complete, while System
    // SSL and JSSE verify it as it arrives. The server's certificate comes before the client's
    // (TLS 1.2 and 1.3), so a real client that rejects it aborts before the server ever judges the
    // client's certificate. A server-side rejection therefore waits until the node client has
    // reached its own verdict (bounded), so that a rejection by both sides is the client's.
    let clientVerdict = cfg.client === null;
    const clientWaiters: (() => void)[] = [];
    const clientDecided = (): void => {
      clientVerdict = true;
      for (const w of clientWaiters.splice(0)) w();
    };
    const afterClientVerdict = (f: () => void): void => {
      if (clientVerdict) return f();
      const t = setTimeout(() => clientDecided(), 500);
      clientWaiters.push(() => {
        clearTimeout(t);
        f();
      });
    };
    const reject = (sock: tls.TLSSocket, why: string): void => {
      serverError ??= why;
      afterClientVerdict(() => {
        sock.destroy();
        settle();
      });
    };
    if (cfg.server !== null) {
      const tsrv = tls.createServer(cfg.server, (sock) => {
        sockets.push(sock);
        sock.on('error', (e) => {
          serverError ??= errCode(e);
        });
        sock.on('close', settle);
        if (cfg.clientAuth === 'optional' || cfg.clientAuth === 'required') {
          // OpenSSL's verdict on the client certificate (node keeps it in authorizationError).
          const peer = sock.getPeerCertificate();
          const presented = peer !== null && Object.keys(peer).length > 0;
          if (presented && !sock.authorized) {
            reject(sock, `client certificate rejected: ${String(sock.authorizationError)}`);
            return;
          }
          if (!presented && cfg.clientAuth === 'required') {
            reject(sock, 'no client certificate');
            return;
          }
        }
        sock.on('data', () => {
          sock.write('pong');
        });
      });
      tsrv.on('tlsClientError', (e) => {
        serverError ??= errCode(e);
        settle();
      });
      srv = tsrv;
    } else {
      srv = net.createServer((sock) => {
        sockets.push(sock);
        sock.on('error', () => undefined);
        sock.on('close', settle);
        sock.on('data', () => {
          sock.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        });
      });
    }
    srv.on('error', (e) => {
      serverError ??= errCode(e);
      finish();
    });
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = addr !== null && typeof addr === 'object' ? addr.port : 0;
      if (cfg.client !== null) {
        const c = tls.connect({ ...cfg.client, host: '127.0.0.1', port });
        sockets.push(c);
        c.on('secureConnect', () => {
          protocol = c.getProtocol();
          clientDecided();
          c.write('ping');
        });
        c.on('data', () => {
          pong = true;
          finish();
        });
        c.on('error', (e) => {
          clientError ??= errCode(e);
          clientDecided();
        });
        c.on('close', () => {
          clientDecided();
          later();
        });
      } else {
        const c = net.connect(port, '127.0.0.1', () => {
          c.write('GET /zosConnect/apiRequesters HTTP/1.1\r\nHost: localhost\r\n\r\n');
        });
        sockets.push(c);
        c.on('data', () => {
          // A clear-text answer would mean the port is not TLS: record it as a (clear-text) success.
          pong = true;
          finish();
        });
        c.on('error', (e) => {
          clientError ??= errCode(e);
        });
        c.on('close', () => {
          clientError ??= 'connection closed by the server';
          later();
        });
      }
    });
  });
}

/**
 * Replay `setup` for real and compare with `prediction` (made at `options.at`): agree when both
 * succeed with the same protocol, or both fail and the same side detects the failure.
 */
export async function crossCheckTls(prediction: HandshakePrediction, setup: HandshakeSetup, options: CrossCheckOptions): Promise<CrossCheckResult> {
  const predicted = {
    ok: prediction.ok,
    protocol: prediction.protocol,
    failure: prediction.failure?.code ?? null,
    detectedBy: prediction.failure?.detectedBy ?? null,
  };
  if (setup.client === null && setup.server === null) {
    return { verdict: 'inconclusive', predicted, real: null, note: 'clear text on both ends: no TLS to cross-check' };
  }
  for (const e of [setup.client?.endpoint, setup.server?.endpoint]) {
    if (e !== undefined && e.keyPresent === true && e.keyPem === undefined) {
      return { verdict: 'inconclusive', predicted, real: null, note: `${e.source}: the private key is not carried (state without secrets): nothing to replay with` };
    }
  }
  const realNow = options.realNow ?? new Date();
  const pool = [
    ...(setup.client?.endpoint.certChainPem ?? []),
    ...(setup.client?.endpoint.trustedCaPems ?? []),
    ...(setup.server?.endpoint.certChainPem ?? []),
    ...(setup.server?.endpoint.trustedCaPems ?? []),
    ...(options.issuers ?? []),
  ];
  const shifter = new TimeShifter(realNow.getTime() - options.at.getTime(), pool, options.keyOf);
  const notes: string[] = [];
  let clientOpts: tls.ConnectionOptions | null = null;
  let serverOpts: tls.TlsOptions | null = null;
  let clientAuth: ClientAuth = 'none';
  if (setup.client !== null) {
    const s = await shiftEndpoint(setup.client.endpoint, shifter);
    if (typeof s === 'string') return { verdict: 'inconclusive', predicted, real: null, note: `cannot time-shift the client side: ${s}` };
    const r = range(setup.client.protocols);
    if (r === undefined) return { verdict: 'inconclusive', predicted, real: null, note: 'the client enables no protocol' };
    if (r.widened) notes.push(`client protocols widened to ${r.min}-${r.max}`);
    clientOpts = {
      ca: s.trusted,
      rejectUnauthorized: true,
      checkServerIdentity: () => undefined,
      minVersion: r.min,
      maxVersion: r.max,
      ...(r.min === 'TLSv1' || r.min === 'TLSv1.1' ? { ciphers: LOW_SECLEVEL } : {}),
      // a JSSE client that would not offer its certificate to this server is given none
      ...(s.chain.length > 0 && s.keyPem !== undefined && (setup.server === null || clientSendsCertificate(setup.client, setup.server))
        ? { cert: s.chain.join('\n'), key: s.keyPem }
        : {}),
    };
  }
  if (setup.server !== null) {
    const s = await shiftEndpoint(setup.server.endpoint, shifter);
    if (typeof s === 'string') return { verdict: 'inconclusive', predicted, real: null, note: `cannot time-shift the server side: ${s}` };
    const r = range(setup.server.protocols);
    if (r === undefined) return { verdict: 'inconclusive', predicted, real: null, note: 'the server enables no protocol' };
    if (r.widened) notes.push(`server protocols widened to ${r.min}-${r.max}`);
    clientAuth = setup.server.clientAuth;
    serverOpts = {
      ca: s.trusted,
      requestCert: setup.server.clientAuth !== 'none',
      rejectUnauthorized: false,
      minVersion: r.min,
      maxVersion: r.max,
      ...(r.min === 'TLSv1' || r.min === 'TLSv1.1' ? { ciphers: LOW_SECLEVEL } : {}),
      ...(s.chain.length > 0 && s.keyPem !== undefined ? { cert: s.chain.join('\n'), key: s.keyPem } : {}),
    };
  }
  const real = await runReal({ server: serverOpts, client: clientOpts, clientAuth, timeoutMs: options.timeoutMs ?? 8000 });
  let agree: boolean;
  if (prediction.mode === 'plaintext-to-tls') {
    agree = !real.ok && real.serverError !== null;
  } else if (prediction.ok) {
    agree = real.ok && real.protocol === prediction.protocol;
  } else {
    agree = !real.ok && real.detectedBy === predicted.detectedBy;
  }
  const result: CrossCheckResult = { verdict: agree ? 'agree' : 'disagree', predicted, real };
  if (notes.length > 0) result.note = notes.join('; ');
  return result;
}

/** One leg's cross-check inside a whole simulation. */
export interface LegCrossCheck {
  readonly leg: 'requester' | 'outbound';
  readonly check: CrossCheckResult;
}

/**
 * Evaluate `facts` and replay every TLS handshake the prediction went through (the job → zCEE leg
 * and the zCEE → provider leg, as far as the request got) with real node:tls.
 */
export async function crossCheckSimulation(
  facts: SimulationFacts,
  options: Omit<CrossCheckOptions, 'at'>,
): Promise<{ readonly result: SimulationResult; readonly checks: readonly LegCrossCheck[] }> {
  const ev = evaluateDetailed(facts);
  const at = facts.clock.now();
  const checks: LegCrossCheck[] = [];
  for (const h of ev.handshakes) {
    checks.push({ leg: h.leg, check: await crossCheckTls(h.prediction, h.setup, { ...options, at }) });
  }
  return { result: ev.result, checks };
}
