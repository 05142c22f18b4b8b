import type { LabOptions } from '@ztwin/zcee-config';
import type { ExpectedOutcome, ScenarioBasis } from './report';

/** The GETAPI job variants the lab submits (file names under jobs/). */
export type JobVariant = 'GETAPI' | 'as-printed' | 'https' | 'user2' | 'bad-password' | 'userx' | 'other-job';
/** The server.xml variants (directories under server/). */
export type ServerVariant = 'server' | 'server-http' | 'seed-keyring' | 'seed-requesters' | 'seed-include';

export interface ScenarioSpec {
  readonly id: number;
  readonly name: string;
  readonly step: string;
  readonly basis: ScenarioBasis;
  readonly job: JobVariant;
  readonly server: ServerVariant;
  readonly policy: boolean;
  /** Who submits the job (default: the job card's USER=). */
  readonly submitter?: string;
  /** Run at "today" instead of the lab day. */
  readonly today?: boolean;
  readonly expected: ExpectedOutcome;
}

export const SERVER_VARIANTS: Readonly<Record<ServerVariant, LabOptions>> = {
  server: {},
  'server-http': { requireSecure: false },
  'seed-keyring': { inboundRing: 'Keyring.LIBERTY' },
  'seed-requesters': { apiRequestersElement: 'zoscconnect_apiRequesters', requireSecure: false },
  'seed-include': { keyringIncludeName: 'keyringOutboundMutua.xml' },
};

const REDIRECT: ExpectedOutcome = {
  outcome: 'redirect',
  httpStatus: 302,
  leg: 'requester',
  stubErrorCode: 5,
  messages: ['BAQI0005E'],
  texts: ['RC=262', 'RSC=6'],
};
const OK_HTTP: ExpectedOutcome = {
  outcome: 'ok',
  httpStatus: 200,
  leg: null,
  identity: { asserted: 'USER1', authenticated: 'USER1', provider: 'LIBSERV' },
};
const OUTBOUND_EXPIRED: ExpectedOutcome = {
  outcome: 'tls-handshake-failed',
  httpStatus: 500,
  leg: 'outbound',
};

/**
 * Every step the seed lab walks through, with the outcome it documents, then the seed's own
 * mistakes and the lab re-run today (predictions beyond the seed).
 */
export const SCENARIOS: readonly ScenarioSpec[] = [
  {
    id: 1,
    name: 'GETAPI over HTTP 9080, requireSecure=true',
    step: 'submit GETAPI against the HTTP port while the API requester requires TLS',
    basis: 'seed',
    job: 'GETAPI',
    server: 'server',
    policy: true,
    expected: REDIRECT,
  },
  {
    id: 2,
    name: 'requireSecure=false, HTTP 9080',
    step: 'set requireSecure="false" on apiRequester cscvincapi_1.0.0 and resubmit',
    basis: 'seed',
    job: 'GETAPI',
    server: 'server-http',
    policy: true,
    expected: OK_HTTP,
  },
  {
    id: 3,
    name: 'USER=USER2 on the job card',
    step: 'USER1 submits the job with USER=USER2 (SURROGAT USER2.SUBMIT): ID1 is USER2',
    basis: 'seed',
    job: 'user2',
    server: 'server-http',
    policy: true,
    submitter: 'USER1',
    expected: { outcome: 'forbidden', httpStatus: 403, leg: 'requester', messages: ['BAQR7115E'], texts: ['USER2'], identity: { asserted: 'USER2' } },
  },
  {
    id: 4,
    name: 'wrong BAQPASSWORD',
    step: 'BAQPASSWORD=password: RACF verification of ID2 fails',
    basis: 'seed',
    job: 'bad-password',
    server: 'server-http',
    policy: true,
    expected: { outcome: 'unauthenticated', httpStatus: 401, leg: 'requester', messages: ['ICH408I', 'IRR013I'], texts: ['INVALID PASSWORD'] },
  },
  {
    id: 5,
    name: 'unknown BAQUSERNAME USERX',
    step: 'BAQUSERNAME=USERX: no such RACF user',
    basis: 'seed',
    job: 'userx',
    server: 'server-http',
    policy: true,
    expected: { outcome: 'unauthenticated', httpStatus: 401, leg: 'requester', messages: ['IRR012I'] },
  },
  {
    id: 6,
    name: 'HTTPS 9443 through zCEEClientRule~1',
    step: 'requireSecure back on, BAQPORT=9443: AT-TLS does the handshake for USER1GET',
    basis: 'seed',
    job: 'https',
    server: 'server',
    policy: true,
    expected: {
      outcome: 'ok',
      httpStatus: 200,
      leg: null,
      identity: { asserted: 'USER1', provider: 'LIBSERV' },
      messages: ['EZD1281I'],
      texts: ['RULE: zCEEClientRule~1'],
      tls: { rule: 'zCEEClientRule~1', protocol: 'TLSv1.2', clientCertLabel: 'USER1', serverCertLabel: 'Liberty Client Cert' },
    },
  },
  {
    id: 7,
    name: 'another job name on 9443',
    step: 'rename the job (USER1GEX): no AT-TLS rule, clear text reaches the HTTPS port',
    basis: 'seed',
    job: 'other-job',
    server: 'server',
    policy: true,
    expected: { outcome: 'plaintext-to-tls-port', httpStatus: null, leg: 'requester', stubErrorCode: 5, messages: ['BAQI0005E', 'CWWKO0801E'], texts: ['Connectivity appears to be lost'] },
  },
  {
    id: 8,
    name: 'the job as printed (CEEOPS DD)',
    step: "the seed's GETAPI listing: its DD is CEEOPS, so Language Environment reads no ENVAR and BAQURI is never set",
    basis: 'prediction',
    job: 'as-printed',
    server: 'server',
    policy: true,
    expected: { outcome: 'connection-refused', httpStatus: null, leg: 'requester' },
  },
  {
    id: 9,
    name: "seed server.xml: Keyring.LIBERTY on 9443",
    step: "the seed's keyStore names safkeyring:///Keyring.LIBERTY; LIBSERV's ring is Liberty.KeyRing (ring names are case-sensitive): the HTTPS port does not open",
    basis: 'prediction',
    job: 'https',
    server: 'seed-keyring',
    policy: true,
    expected: { outcome: 'connection-refused', httpStatus: null, leg: 'requester' },
  },
  {
    id: 10,
    name: 'seed server.xml: zoscconnect_apiRequesters, 9080',
    step: "the seed's misspelled element is ignored by Liberty, so requireSecure=\"false\" never applies",
    basis: 'prediction',
    job: 'GETAPI',
    server: 'seed-requesters',
    policy: true,
    expected: REDIRECT,
  },
  {
    id: 11,
    name: 'seed server.xml: include keyringOutboundMutua.xml, 9443',
    step: "the seed's include names a file that does not exist: no TLS configuration, the HTTPS port does not open",
    basis: 'prediction',
    job: 'https',
    server: 'seed-include',
    policy: true,
    expected: { outcome: 'connection-refused', httpStatus: null, leg: 'requester' },
  },
  {
    id: 12,
    name: 'scenario 6 today',
    step: "the lab's HTTPS call today: 'zCEE Client Cert' (NOTAFTER 2022/12/31) has expired",
    basis: 'prediction',
    job: 'https',
    server: 'server',
    policy: true,
    today: true,
    expected: OUTBOUND_EXPIRED,
  },
  {
    id: 13,
    name: 'scenario 2 today',
    step: "the lab's HTTP call today: the outbound leg still uses the expired 'zCEE Client Cert'",
    basis: 'prediction',
    job: 'GETAPI',
    server: 'server-http',
    policy: true,
    today: true,
    expected: OUTBOUND_EXPIRED,
  },
];
