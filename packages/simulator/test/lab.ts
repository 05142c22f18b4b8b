import { fixedClock } from '@ztwin/core';
import { isRight } from 'fp-ts/Either';
import { SimulationResult, crossCheckSimulation } from '@ztwin/simulator';
import type {
  AccessResult,
  AttlsFacts,
  AttlsMatch,
  AuthenticateResult,
  JobFacts,
  RacfFacts,
  ServerFacts,
  SimulationFacts,
  TlsEndpoint,
} from '@ztwin/simulator';
import { makeCa, makeLeaf, type Issued } from './pki';

/**
 * The seed lab as hand-made facts (phase A): the certificates of ZCEETLSS/ZCEETLSC (P-256 here),
 * the rings of MVSTLS/ZCEETLSC, a RACF with the ZCEERACF pre-state's users and groups, the
 * zCEE server (HTTP 9080, HTTPS 9443 with clientAuthentication=true), the NCA AT-TLS rule
 * zCEEClientRule~1 (job USER1GET, outbound to 9443, TLSv1.2, ring Liberty.KeyRing) and the API
 * provider reached with zCEE.KeyRing.
 */
export interface LabPki {
  readonly libertyCa: Issued;
  readonly zceeCa: Issued;
  readonly serverCert: Issued; // 'Liberty Client Cert' (LIBSERV), presented on 9443
  readonly user1Cert: Issued; // 'USER1'
  readonly zceeClientCert: Issued; // 'zCEE Client Cert' (LIBSERV), NOTAFTER 2022/12/31
  readonly keyOf: (pem: string) => string | undefined;
  readonly cas: readonly string[];
}

export async function labPki(): Promise<LabPki> {
  const libertyCa = await makeCa('CN=Liberty CA,OU=ATS,O=IBM', '2020-01-01T00:00:00Z', '2040-12-31T23:59:59Z');
  const zceeCa = await makeCa('CN=zCEE CA,OU=ATS,O=IBM', '2020-01-01T00:00:00Z', '2040-12-31T23:59:59Z');
  const serverCert = await makeLeaf('CN=wg31.washington.ibm.com,OU=LIBERTY,O=IBM', libertyCa, '2020-01-02T00:00:00Z', '2040-12-31T23:59:59Z');
  const user1Cert = await makeLeaf('CN=USER1,OU=ATS,O=IBM', libertyCa, '2020-01-02T00:00:00Z', '2040-12-31T23:59:59Z');
  const zceeClientCert = await makeLeaf('CN=zCEE Client Cert,OU=ATS,O=IBM', zceeCa, '2020-06-01T00:00:00Z', '2022-12-31T23:59:59Z');
  const keys = new Map<string, string>();
  for (const i of [libertyCa, zceeCa, serverCert, user1Cert, zceeClientCert]) keys.set(i.certPem.trim(), i.keyPem);
  return { libertyCa, zceeCa, serverCert, user1Cert, zceeClientCert, keyOf: (pem) => keys.get(pem.trim()), cas: [libertyCa.certPem, zceeCa.certPem] };
}

export const LAB_DATE = '2020-12-11T15:00:00Z';
export const TODAY = '2026-11-24T12:00:00Z';
export const WG31 = '192.168.17.201';

interface User {
  readonly password?: string;
  readonly name: string;
  readonly dfltgrp: string;
  readonly groups: readonly string[];
  readonly revoked?: boolean;
}

export type Users = Record<string, User>;

export const LAB_USERS: Users = {
  USER1: { password: 'USER1', name: 'WORKSHOP USER1', dfltgrp: 'SYS1', groups: ['SYS1', 'ZCEEUSRS', 'GMADMIN'] },
  USER2: { password: 'USER2', name: 'WORKSHOP USER2', dfltgrp: 'SYS1', groups: ['SYS1', 'ZCEEUSRS'] },
  FRED: { password: 'FRED', name: 'FRED', dfltgrp: 'SYS1', groups: ['SYS1', 'ZCEEUSRS', 'GMINVOKE'] },
  LIBSERV: { name: 'ZCEE SERVER', dfltgrp: 'LIBGRP', groups: ['LIBGRP', 'ZCEEUSRS', 'GMINVOKE'] },
};

/** A RACF stand-in: APPL BBGZDFLT and the zosConnectAccess EJBROLE permitted to ZCEEUSRS (ZCEERACF). */
export function labRacf(users: Users = LAB_USERS, permits: Record<string, readonly string[]> = defaultPermits()): RacfFacts {
  return {
    authenticate(user: string, password: string): AuthenticateResult {
      const u = users[user];
      if (u === undefined) return 'unknown-user';
      if (u.password === undefined) return 'protected';
      if (u.revoked === true) return 'revoked';
      return u.password.toUpperCase() === password.toUpperCase() ? 'ok' : 'invalid-password';
    },
    userExists: (user) => users[user] !== undefined,
    userName: (user) => users[user]?.name,
    defaultGroup: (user) => users[user]?.dfltgrp,
    groupsOf: (user) => users[user]?.groups ?? [],
    checkAccess(user: string, cls: string, resource: string): AccessResult {
      const acl = permits[`${cls} ${resource}`];
      if (acl === undefined) return 'no-profile';
      const ids = [user, ...(users[user]?.groups ?? [])];
      return ids.some((id) => acl.includes(id)) ? 'allowed' : 'denied';
    },
  };
}

export function defaultPermits(): Record<string, readonly string[]> {
  return {
    'APPL BBGZDFLT': ['ZCEEUSRS', 'WSGUEST'],
    'EJBROLE BBGZDFLT.zos.connect.access.roles.zosConnectAccess': ['ZCEEUSRS'],
  };
}

export function endpoint(source: string, leaf: Issued | null, trusted: readonly Issued[], label?: string, owner?: string): TlsEndpoint {
  return {
    source,
    certChainPem: leaf === null ? [] : [leaf.certPem],
    ...(leaf !== null ? { keyPem: leaf.keyPem } : {}),
    trustedCaPems: trusted.map((t) => t.certPem),
    ...(label !== undefined ? { label } : {}),
    ...(owner !== undefined ? { owner } : {}),
  };
}

/** USER1's Liberty.KeyRing (MVSTLS): USER1 (default) + Liberty CA. Other users have no such ring. */
export function user1Ring(pki: LabPki): TlsEndpoint {
  return endpoint('safkeyring://USER1/Liberty.KeyRing', pki.user1Cert, [pki.libertyCa], 'USER1', 'USER1');
}

/** The NCA policy of the lab: zCEEClientRule~1. */
export function labAttls(
  pki: LabPki,
  opts: { port?: number; protocols?: AttlsMatch['protocols']; enabled?: boolean; inbound?: { port: number; role: 'Server' | 'ServerWithClientAuth' | 'Client'; clientAuthType?: AttlsMatch['clientAuthType'] } } = {},
): AttlsFacts {
  const port = opts.port ?? 9443;
  return {
    match(conn) {
      const ib = opts.inbound;
      if (ib !== undefined && conn.direction === 'Inbound' && conn.jobName === 'BAQSTRT' && conn.localPort === ib.port) {
        // an inbound rule for the server (Keyring Liberty.KeyRing = LIBSERV's ring)
        return {
          rule: 'zCEEServerRule~1',
          actions: ['gAct1~zCEEServer', 'eAct1~zCEEServer', 'cAct1~zCEEServer'],
          enabled: true,
          handshakeRole: ib.role,
          ...(ib.clientAuthType !== undefined ? { clientAuthType: ib.clientAuthType } : {}),
          protocols: ['TLSv1.2'],
          endpoint: endpoint('safkeyring://LIBSERV/Liberty.KeyRing', pki.serverCert, [pki.libertyCa, pki.zceeCa], 'Liberty Client Cert', 'LIBSERV'),
        };
      }
      if (conn.direction !== 'Outbound' || conn.jobName !== 'USER1GET' || conn.remotePort !== port) return null;
      if (conn.localPort < 1024 || conn.localPort > 65535) return null;
      const ring = conn.userid === 'USER1' ? user1Ring(pki) : null;
      return {
        rule: 'zCEEClientRule~1',
        actions: ['gAct1~zCEEClient', 'eAct1~zCEEClient', 'cAct1~zCEEClient'],
        enabled: opts.enabled ?? true,
        handshakeRole: 'Client',
        protocols: opts.protocols ?? ['TLSv1.2'],
        endpoint: ring,
        ...(ring === null ? { keyringNote: `${conn.userid} has no key ring Liberty.KeyRing` } : {}),
      };
    },
  };
}

export function labServer(pki: LabPki, over: Partial<ServerFacts> = {}, requester: Partial<ServerFacts['requester']> = {}): ServerFacts {
  const libservInbound = endpoint('safkeyring://LIBSERV/Liberty.KeyRing', pki.serverCert, [pki.libertyCa, pki.zceeCa], 'Liberty Client Cert', 'LIBSERV');
  return {
    name: 'BAQSTRT',
    jobName: 'BAQSTRT',
    userId: 'LIBSERV',
    listenAddrs: ['*'],
    httpPort: 9080,
    httpsPort: 9443,
    tls: { endpoint: libservInbound, protocols: ['TLSv1.2'], clientAuthentication: true, clientAuthenticationSupported: true },
    appSecurity: true,
    safAuthorization: true,
    profilePrefix: 'BBGZDFLT',
    unauthenticatedUser: 'WSGUEST',
    requester: {
      name: 'cscvincapi_1.0.0',
      requireSecure: true,
      requireAuth: true,
      idAssertion: 'ASSERT_ONLY',
      invokeGroups: ['GMINVOKE'],
      adminGroups: ['GMADMIN'],
      ...requester,
    },
    outbound: {
      connection: 'cscvincAPI',
      scheme: 'https',
      host: 'wg31.washington.ibm.com',
      port: 9443,
      client: {
        endpoint: endpoint('safkeyring:///zCEE.KeyRing (LIBSERV)', pki.zceeClientCert, [pki.zceeCa, pki.libertyCa], 'zCEE Client Cert', 'LIBSERV'),
        protocols: ['TLSv1.2'],
      },
      provider: {
        name: 'CICS API provider (Liberty, LIBSERV Liberty.KeyRing)',
        addr: WG31,
        listening: true,
        tls: { endpoint: libservInbound, protocols: ['TLSv1.2'], clientAuthentication: true, clientAuthenticationSupported: true },
      },
    },
    ...over,
  };
}

export function labJob(over: Partial<JobFacts> = {}, env: JobFacts['env'] = {}): JobFacts {
  return {
    jobName: 'USER1GET',
    user: 'USER1',
    submitter: 'USER1',
    env: { BAQURI: 'wg31.washington.ibm.com', BAQPORT: '9080', BAQUSERNAME: 'USER1', BAQPASSWORD: 'USER1', ...env },
    ceeoptsFound: true,
    requester: 'cscvincapi_1.0.0',
    ...over,
  };
}

export function labFacts(
  pki: LabPki,
  o: { job?: JobFacts; server?: ServerFacts; attls?: AttlsFacts | null; racf?: RacfFacts; at?: string; hosts?: Record<string, string> } = {},
): SimulationFacts {
  const hosts = o.hosts ?? { 'wg31.washington.ibm.com': WG31 };
  return {
    job: o.job ?? labJob(),
    network: { resolve: (h) => hosts[h.toLowerCase()], clientAddr: WG31, ephemeralPort: 7419 },
    server: o.server ?? labServer(pki),
    attls: o.attls === undefined ? labAttls(pki) : o.attls,
    racf: o.racf ?? labRacf(),
    clock: fixedClock(o.at ?? LAB_DATE),
  };
}

/**
 * Evaluate `facts`, check the result's JSON shape and that it carries no secret, and replay every
 * TLS leg with real node:tls: each must agree with the prediction (else the test fails).
 */
export async function crossChecked(pki: LabPki, facts: SimulationFacts): Promise<SimulationResult> {
  const { result, checks } = await crossCheckSimulation(facts, { keyOf: pki.keyOf, issuers: pki.cas });
  expect(isRight(SimulationResult.decode(JSON.parse(JSON.stringify(result))))).toBe(true);
  expect(JSON.stringify(result)).not.toMatch(/PRIVATE KEY|BAQPASSWORD=/);
  for (const c of checks) {
    if (c.check.verdict !== 'agree') throw new Error(`${c.leg} leg: real TLS disagrees: ${JSON.stringify(c.check)}`);
  }
  return result;
}
