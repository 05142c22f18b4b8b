import * as t from 'io-ts';
import { CertSummary } from './certs';

/**
 * What the job sees, in the CLI contract's words:
 * - `ok`: the API was called (HTTP 200 from the provider, or whatever it answered)
 * - `redirect`: zCEE answered 302 (requireSecure on plain HTTP); the stub fails with error 5
 * - `unauthenticated`: 401 from zCEE
 * - `forbidden`: 403 from zCEE
 * - `plaintext-to-tls-port`: clear text was sent to an HTTPS port
 * - `tls-handshake-failed`: a TLS handshake failed (on the leg named by `leg`)
 * - `connection-refused`: no connection at all (no URI, name not resolved, port not listening)
 */
export const Outcome = t.keyof({
  ok: null,
  redirect: null,
  unauthenticated: null,
  forbidden: null,
  'plaintext-to-tls-port': null,
  'tls-handshake-failed': null,
  'connection-refused': null,
});
export type Outcome = t.TypeOf<typeof Outcome>;

/** Where it failed: the job → zCEE leg, or zCEE → API provider. */
export const Leg = t.keyof({ requester: null, outbound: null });
export type Leg = t.TypeOf<typeof Leg>;

/**
 * Where a message appears:
 * - `stub`: the job's output (BAQ-STATUS-MESSAGE of the communication stub)
 * - `server`: the zCEE server's messages.log / JES log
 * - `syslog`: the z/OS console / SYSLOG (RACF ICH/IRR messages)
 * - `ttls`: the Policy Agent / TCP/IP syslogd (EZD messages)
 * - `provider`: the API provider's log
 * - `ztwin`: the twin's own explanation where IBM has no message (code ZTW-...)
 */
export const MessageWhere = t.keyof({ stub: null, server: null, syslog: null, ttls: null, provider: null, ztwin: null });
export type MessageWhere = t.TypeOf<typeof MessageWhere>;

/**
 * The message z/OS itself shows for a situation the twin reports under a ztwin code (`ZTW-SIM-*`):
 * its IBM id, its text as IBM documents it (filled in for this request), where it appears, and
 * optionally what a return code in it means (e.g. System SSL 435: "Certification authority is
 * unknown.").
 */
export const IbmMessage = t.intersection([t.type({ id: t.string, where: MessageWhere, text: t.string }), t.partial({ explanation: t.string })]);
export type IbmMessage = t.TypeOf<typeof IbmMessage>;

/**
 * One predicted message. `id` is the IBM message id, or a `ZTW-SIM-*` code where the twin explains
 * the situation itself; such a message carries `ibmMessage` when z/OS shows a documented message for
 * it (additive: ids, texts and the other fields are unchanged).
 */
export const SimMessage = t.intersection([t.type({ id: t.string, where: MessageWhere, text: t.string }), t.partial({ ibmMessage: IbmMessage })]);
export type SimMessage = t.TypeOf<typeof SimMessage>;

/** One reasoning step: what was checked, what was found, whether it let the request through. */
export const TraceStep = t.type({ step: t.string, detail: t.string, ok: t.boolean });
export type TraceStep = t.TypeOf<typeof TraceStep>;

/** The TLS facts of a leg: which AT-TLS rule (if any), negotiated protocol, certificates used. */
export const TlsSummary = t.type({
  rule: t.union([t.string, t.null]),
  protocol: t.union([t.string, t.null]),
  clientCert: t.union([CertSummary, t.null]),
  serverCert: t.union([CertSummary, t.null]),
});
export type TlsSummary = t.TypeOf<typeof TlsSummary>;

/**
 * Identities: `asserted` = ID1 (job USER= or submitter) when the request asserts it;
 * `authenticated` = ID2 (BAQUSERNAME, or the client certificate's owner); `authorized` = the ID
 * zCEE authorized the call for; `provider` = the ID the API provider sees (client-certificate owner
 * on mutual TLS, or the basic-auth user).
 */
export const Identity = t.type({
  authenticated: t.union([t.string, t.null]),
  asserted: t.union([t.string, t.null]),
  authorized: t.union([t.string, t.null]),
  provider: t.union([t.string, t.null]),
});
export type Identity = t.TypeOf<typeof Identity>;

/** BAQ-RETURN-CODE of the stub: who reported the error (BAQRINFO copybook 88-levels). */
export const ErrorOrigin = t.keyof({ API: null, ZCEE: null, STUB: null });
export type ErrorOrigin = t.TypeOf<typeof ErrorOrigin>;

/** The prediction for one request; also the `ztwin simulate --json` shape. */
export const SimulationResult = t.type({
  outcome: Outcome,
  leg: t.union([Leg, t.null]),
  /** HTTP status the stub received (null when no HTTP response came back). */
  httpStatus: t.union([t.number, t.null]),
  /** BAQ-STATUS-CODE when the stub itself failed (e.g. 5 for BAQI0005E), else null. */
  stubErrorCode: t.union([t.number, t.null]),
  /** Who reported the failure (BAQ-ERROR-IN-API/ZCEE/STUB); null on success. */
  errorOrigin: t.union([ErrorOrigin, t.null]),
  messages: t.array(SimMessage),
  /** The job → zCEE connection's TLS (null = clear text / no connection). */
  tls: t.union([TlsSummary, t.null]),
  /** zCEE → API provider TLS (null = not reached or clear text). */
  outboundTls: t.union([TlsSummary, t.null]),
  identity: Identity,
  trace: t.array(TraceStep),
});
export type SimulationResult = t.TypeOf<typeof SimulationResult>;
