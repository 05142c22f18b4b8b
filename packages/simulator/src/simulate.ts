import { type Clock, type Diagnostic, diagnostic } from '@ztwin/core';
import { match as attlsMatch, parseKeyringRef, type Policy } from '@ztwin/attls-policy';
import {
  canReadRing,
  certStoreOf,
  readPem,
  tlsView,
  writePem,
  type CertStore,
  type VirtualRingOwner,
  virtualRingAccess,
  virtualRingAnchors,
  virtualRingCertificate,
  virtualRingName,
} from '@ztwin/keyring';
import {
  checkAccess,
  getCertificate,
  getUser,
  listCertificates,
  listRings,
  verifyPassword,
  type CertOwner,
  type RacfState,
} from '@ztwin/racf-model';
import { envText, hasFeature, readApiRequesterJob, type ApiRequesterJob, type ServerModel, type SslConfig } from '@ztwin/zcee-config';
import { evaluateDetailed, type Evaluation } from './engine';
import { msg } from './messages';
import type {
  AccessResult,
  AttlsFacts,
  AttlsMatch,
  JobFacts,
  OutboundFacts,
  ProviderDecision,
  ProviderFacts,
  RacfFacts,
  RequesterFacts,
  ServerFacts,
  SimulationFacts,
  TlsEndpoint,
  TlsProtocol,
  TlsServerFacts,
} from './facts';
import { TLS_PROTOCOLS } from './facts';
import type { SimulationResult } from './result';
import { guardSecrets } from './secrets';

/**
 * Adapters: build `SimulationFacts` from the other packages' models and run the engine.
 * - RACF: racf-model `verifyPassword`, `checkAccess`, users and connects.
 * - Key rings: keyring `tlsView` over the state's certificates and rings, and keyring `canReadRing`
 *   (RDATALIB / FACILITY IRR.DIGTCERT.LISTRING) for the ring and the presented certificate's key.
 * - AT-TLS: attls-policy `match` with its effective actions (TTLSEnabled, protocols, role, Keyring).
 * - zCEE: zcee-config's `ServerModel` (effective server.xml) and `ApiRequesterJob` (GETAPI).
 */

/** An API provider the outbound endpointConnection may reach, other than the zCEE server itself. */
export interface ProviderSpec {
  readonly name: string;
  /** `host:port` as the endpointConnection names it (host without scheme). */
  readonly hostPort: string;
  /** The provider's TLS server side: its key ring (owner/ring) and client-certificate policy; omit for HTTP. */
  readonly tls?: { readonly owner: string; readonly ring: string; readonly clientAuthentication: boolean; readonly protocols?: readonly TlsProtocol[] };
  readonly status?: number;
}

export interface SimulateInput {
  /** The RACF database, certificates and rings included (after the decks were applied). */
  readonly state: RacfState;
  /** The zCEE server's effective configuration (zcee-config `checkServerConfig(...).model`). */
  readonly server: ServerModel;
  /** The user ID the server runs as (STARTED profile STDATA USER), e.g. LIBSERV. */
  readonly serverUser: string;
  /** Server name for messages (default: serverJobName). */
  readonly serverName?: string;
  /** The server's started task job name, for inbound AT-TLS rules (default BAQSTRT). */
  readonly serverJobName?: string;
  /** The installed AT-TLS policy; undefined = AT-TLS not active (TCPCONFIG NOTTLS). */
  readonly policy?: Policy;
  /** The API requester job: JCL text, or zcee-config's ApiRequesterJob. */
  readonly job: string | ApiRequesterJob;
  /** Who submitted the job (default: the job's USER=, else IBMUSER). */
  readonly submitter?: string;
  /** API requester name; default: the only one configured. */
  readonly requester?: string;
  /** endpointConnection id the requester uses (its .ara names it); default: the only one configured. */
  readonly endpointConnection?: string;
  readonly clock: Clock;
  /** Host name → address (the resolver). */
  readonly hosts: Readonly<Record<string, string>>;
  /** The batch job's stack address (default: the address BAQURI resolves to: same LPAR). */
  readonly clientAddr?: string;
  readonly ephemeralPort?: number;
  /** Other API providers (the zCEE server's own HTTPS/HTTP ports are recognised without this). */
  readonly providers?: readonly ProviderSpec[];
}

export interface SimulateOutput {
  readonly result: SimulationResult;
  /** The facts the prediction was made from (for cross-checking). Its private keys and BAQPASSWORD print (JSON, inspect) as `*****`. */
  readonly facts: SimulationFacts;
  readonly evaluation: Evaluation;
  /** Problems met while building the facts (e.g. a job that does not read). */
  readonly diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// RACF

/** RacfFacts over a racf-model state. */
export function racfFacts(state: RacfState): RacfFacts {
  return {
    authenticate(user, password) {
      const r = verifyPassword(state, user, password);
      if (r === 'no-password') return 'protected';
      if (r === 'ok' && getUser(state, user)?.passwordExpired === true) return 'expired';
      return r;
    },
    userExists: (user) => getUser(state, user) !== undefined,
    userName: (user) => getUser(state, user)?.name,
    defaultGroup: (user) => getUser(state, user)?.dfltgrp,
    groupsOf: (user) => getUser(state, user)?.groups ?? [],
    checkAccess(user, cls, resource, access): AccessResult {
      const d = checkAccess(state, { user, class: cls, resource, access });
      if (d.decision === 'allowed' || d.decision === 'warning') return 'allowed';
      if (d.decision === 'class-not-active') return 'class-not-active';
      return d.profile === null && getUser(state, user) !== undefined ? 'no-profile' : 'denied';
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Key rings

function ownerId(o: CertOwner): string | undefined {
  return o.kind === 'ID' ? o.id : undefined;
}

/** The TLS view of `owner`'s `ring` as a TlsEndpoint, read by `reader`; a string says why not. */
export function ringEndpoint(state: RacfState, store: CertStore, reader: string, owner: string, ring: string, clock: Clock, label?: string): TlsEndpoint | string {
  const v = tlsView(store, owner.toUpperCase(), ring, { clock, ...(label !== undefined ? { label } : {}) });
  const view = v.value;
  if (view === undefined) return v.diagnostics.map((d) => d.message).join(' ') || `ring ${owner}/${ring} cannot be read`;
  const ringRec = listRings(state, owner).find((r) => r.name === ring);
  if (view.cert === undefined && ringRec !== undefined) {
    // A state without secrets: the certificate says it has a private key that the file does not
    // carry. Predict with it (keyPresent); a real replay is then impossible.
    const pick = label !== undefined ? ringRec.connections.find((c) => c.label === label) : ringRec.connections.find((c) => c.default);
    const rec = pick === undefined ? undefined : getCertificate(state, pick.certOwner, pick.label);
    if (pick !== undefined && rec !== undefined && rec.der !== undefined && rec.privateKey === undefined && rec.hasPrivateKey === true && rec.trust !== 'NOTRUST') {
      const ringAccess = canReadRing(state, reader, owner, ring);
      if (!ringAccess.allowed) return `${reader.toUpperCase()} may not read ring ${owner.toUpperCase()}/${ring} (${ringAccess.reasons.join('; ')})`;
      const keyOk = canReadRing(state, reader, owner, ring, { privateKey: true, certOwner: pick.certOwner }).allowed;
      const id = ownerId(pick.certOwner);
      return {
        source: `safkeyring://${owner.toUpperCase()}/${ring}`,
        certChainPem: keyOk ? [writePem('CERTIFICATE', Uint8Array.from(Buffer.from(rec.der, 'base64')))] : [],
        ...(keyOk ? { keyPresent: true, label: pick.label } : {}),
        trustedCaPems: [...view.ca],
        ...(keyOk && id !== undefined ? { owner: id } : {}),
      };
    }
  }
  const conn = ringRec?.connections.find((c) => c.label === view.presentedLabel);
  // R_datalib (keyring's canReadRing): the ring itself, then the presented certificate's private key.
  const ringAccess = canReadRing(state, reader, owner, ring);
  if (!ringAccess.allowed) return `${reader.toUpperCase()} may not read ring ${owner.toUpperCase()}/${ring} (${ringAccess.reasons.join('; ')})`;
  const keyAccess =
    view.key === undefined || conn === undefined ? { allowed: false } : canReadRing(state, reader, owner, ring, { privateKey: true, certOwner: conn.certOwner });
  const presents = view.cert !== undefined && view.key !== undefined && keyAccess.allowed;
  const certOwner = presents && conn !== undefined ? ownerId(conn.certOwner) : undefined;
  const chain = presents && view.cert !== undefined ? readPem(view.cert).map((b) => writePem(b.type, b.der)) : [];
  return {
    source: `safkeyring://${owner.toUpperCase()}/${ring}`,
    certChainPem: chain,
    ...(presents && view.key !== undefined ? { keyPem: view.key } : {}),
    trustedCaPems: [...view.ca],
    ...(presents && view.presentedLabel !== undefined ? { label: view.presentedLabel } : {}),
    ...(certOwner !== undefined ? { owner: certOwner } : {}),
  };
}

/**
 * For the real-TLS cross-check: the private key (PKCS#8 PEM) of any certificate in the RACF
 * database, looked up by the certificate's PEM (the twin holds the keys RACDCERT generated or
 * imported). SECRET material: use only to drive the cross-check.
 */
export function keysFromState(state: RacfState): (certPem: string) => string | undefined {
  const byDer = new Map<string, string>();
  for (const c of listCertificates(state)) {
    if (c.der === undefined || c.privateKey === undefined) continue;
    byDer.set(c.der, writePem('PRIVATE KEY', Uint8Array.from(Buffer.from(c.privateKey.pkcs8, 'base64'))));
  }
  return (certPem) => {
    const b = readPem(certPem)[0];
    return b === undefined ? undefined : byDer.get(Buffer.from(b.der).toString('base64'));
  };
}

/** Every CERTAUTH and SITE certificate of the database as PEM (the possible issuers, for the cross-check). */
export function issuersFromState(state: RacfState): string[] {
  return listCertificates(state)
    .filter((c) => c.owner.kind !== 'ID' && c.der !== undefined)
    .map((c) => writePem('CERTIFICATE', Uint8Array.from(Buffer.from(c.der ?? '', 'base64'))));
}

/**
 * The TLS view of a RACF virtual key ring (keyring's virtual-ring.ts has IBM's rules), read by
 * `reader`; a string says why it cannot be used:
 * - trust anchors: the trusted certificates of the CERTAUTH or SITE ring; none in a user's ring
 *   (all its certificates have PERSONAL usage);
 * - presented: only from a user's ring, and only the certificate named by `label` (a virtual ring
 *   has no DEFAULT), when `reader` may have its private key; CERTAUTH/SITE rings present nothing.
 *   The chain is the certificate alone (a user's ring holds no CA certificates). An expired
 *   certificate is still presented: the peer rejects it, as it would on z/OS.
 * - without a label, a user's ring presents nothing; with `needCertificate` (a server) that is an
 *   error, as System SSL cannot start a server environment without a certificate.
 */
export function virtualRingEndpoint(
  state: RacfState,
  reader: string,
  owner: VirtualRingOwner,
  clock: Clock,
  opts: { readonly label?: string; readonly needCertificate?: boolean; readonly source?: string } = {},
): TlsEndpoint | string {
  const name = virtualRingName(owner);
  const source = opts.source ?? name;
  const access = virtualRingAccess(state, reader, owner);
  if (!access.allowed) return `${reader.toUpperCase()} may not read the virtual key ring ${name} (${access.reasons.join('; ')})`;
  const trustedCaPems = virtualRingAnchors(state, owner)
    .filter((c) => c.der !== undefined)
    .map((c) => writePem('CERTIFICATE', Uint8Array.from(Buffer.from(c.der ?? '', 'base64'))));
  const base: TlsEndpoint = { source, certChainPem: [], trustedCaPems };
  const label = opts.label;
  if (label === undefined) {
    if (opts.needCertificate === true)
      return owner.kind === 'ID'
        ? `the virtual key ring ${name} has no default certificate: name one of ${owner.id.toUpperCase()}'s certificates with a label (AT-TLS CertificateLabel, Liberty serverKeyAlias)`
        : `the ${owner.kind} virtual key ring ${name} has no certificate to present (its certificates have ${owner.kind} usage)`;
    return base;
  }
  const c = virtualRingCertificate(state, owner, label, clock.now());
  if (c === undefined) return `${owner.kind === 'ID' ? owner.id.toUpperCase() : owner.kind} has no certificate labelled '${label}' (virtual key ring ${name}; labels are case-sensitive)`;
  const blockers = c.reasons.filter((r) => !/expired on|not valid before/.test(r));
  if (blockers.length > 0) return `certificate '${label}' of the virtual key ring ${name} cannot be presented: ${blockers.join('; ')}`;
  const keyOk = virtualRingAccess(state, reader, owner, { privateKey: true }).allowed;
  if (!keyOk || c.record.der === undefined) return opts.needCertificate === true ? `${reader.toUpperCase()} may not use the private key of '${label}' in the virtual key ring ${name}` : base;
  const certPem = writePem('CERTIFICATE', Uint8Array.from(Buffer.from(c.record.der, 'base64')));
  const id = owner.kind === 'ID' ? owner.id.toUpperCase() : undefined;
  const key = c.record.privateKey;
  return {
    ...base,
    certChainPem: [certPem],
    ...(key !== undefined ? { keyPem: writePem('PRIVATE KEY', Uint8Array.from(Buffer.from(key.pkcs8, 'base64'))) } : { keyPresent: true }),
    label,
    ...(id !== undefined ? { owner: id } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// AT-TLS

function protocolsOf(p: Readonly<Record<string, boolean>>): TlsProtocol[] {
  return TLS_PROTOCOLS.filter((v) => p[v] === true);
}

function clientAuthTypeOf(v: string | undefined): { clientAuthType?: 'PassThru' | 'Full' | 'Required' | 'SAFCheck' } {
  const k = (v ?? '').toLowerCase();
  return k === 'passthru' ? { clientAuthType: 'PassThru' } : k === 'full' ? { clientAuthType: 'Full' } : k === 'safcheck' ? { clientAuthType: 'SAFCheck' } : k === 'required' ? { clientAuthType: 'Required' } : {};
}

/** AttlsFacts over an installed policy, with key rings from the RACF state. */
export function attlsFacts(policy: Policy, state: RacfState, store: CertStore, clock: Clock): AttlsFacts {
  return {
    match(conn): AttlsMatch | null {
      const m = attlsMatch(
        policy,
        {
          jobname: conn.jobName,
          userid: conn.userid,
          localAddr: conn.localAddr,
          localPort: conn.localPort,
          remoteAddr: conn.remoteAddr,
          remotePort: conn.remotePort,
          direction: conn.direction === 'Inbound' ? 'inbound' : 'outbound',
          time: clock.now().toISOString(),
        },
        { now: () => clock.now() },
      );
      if (m.rule === null || m.actions === null) return null;
      const a = m.actions;
      const actions = [a.group.name, a.environment?.name, a.connection?.name].filter((n): n is string => typeof n === 'string');
      const base = {
        rule: m.rule.name,
        actions,
        enabled: a.tls.enabled,
        handshakeRole: a.tls.handshakeRole ?? 'Client',
        protocols: protocolsOf(a.tls.protocols),
        ...clientAuthTypeOf(a.tls.clientAuthType),
      };
      if (a.tls.keyring === undefined) return { ...base, endpoint: null, keyringNote: 'no TTLSKeyringParms Keyring' };
      const ref = parseKeyringRef(a.tls.keyring);
      if (ref.kind === 'virtual') {
        const owner: VirtualRingOwner = ref.owner === 'ID' ? { kind: 'ID', id: ref.id } : { kind: ref.owner };
        const server = base.handshakeRole === 'Server' || base.handshakeRole === 'ServerWithClientAuth';
        const v = virtualRingEndpoint(state, conn.userid.toUpperCase(), owner, clock, {
          ...(a.tls.certificateLabel !== undefined ? { label: a.tls.certificateLabel } : {}),
          needCertificate: server,
        });
        return typeof v === 'string' ? { ...base, endpoint: null, keyringNote: v } : { ...base, endpoint: v };
      }
      if (ref.kind !== 'saf') return { ...base, endpoint: null, keyringNote: `Keyring ${a.tls.keyring}: key databases and tokens are not modelled` };
      const owner = ref.owner ?? conn.userid.toUpperCase();
      const e = ringEndpoint(state, store, conn.userid.toUpperCase(), owner, ref.ring, clock, a.tls.certificateLabel);
      if (typeof e !== 'string') return { ...base, endpoint: e };
      // System SSL rc 202 at Environment Init: the ring does not exist for its owner, or the user
      // may not read it (IP Diagnosis Guide, AT-TLS return codes, Table 1).
      const openFailed = !listRings(state, owner).some((r) => r.name === ref.ring) || !canReadRing(state, conn.userid.toUpperCase(), owner, ref.ring).allowed;
      return { ...base, endpoint: null, keyringNote: e, ...(openFailed ? { keyringOpenFailed: true } : {}) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// zCEE server

/** Liberty sslProtocol → enabled protocols ("TLSv1.2", "TLSv1.2,TLSv1.3"; "TLS"/unset: TLSv1.2, the V3 default). */
export function libertyProtocols(sslProtocol: string | undefined): TlsProtocol[] {
  if (sslProtocol === undefined || sslProtocol.trim() === '' || /^(TLS|SSL_TLSv2|SSL_TLS)$/i.test(sslProtocol.trim())) return ['TLSv1.2'];
  const want = sslProtocol.split(/[\s,]+/).map((s) => s.trim().toLowerCase());
  return TLS_PROTOCOLS.filter((p) => want.includes(p.toLowerCase()));
}

function virtualOwnerOf(kind: 'ID' | 'CERTAUTH' | 'SITE', owner: string): VirtualRingOwner {
  return kind === 'ID' ? { kind: 'ID', id: owner } : { kind };
}

function sslSide(
  model: ServerModel,
  ssl: SslConfig | undefined,
  serverUser: string,
  state: RacfState,
  store: CertStore,
  clock: Clock,
  alias: 'server' | 'client',
): { endpoint: TlsEndpoint | null; protocols: TlsProtocol[]; note?: string } {
  if (ssl === undefined) return { endpoint: null, protocols: ['TLSv1.2'], note: 'no ssl configuration' };
  const ks = model.keyStores.find((k) => k.id === ssl.keyStoreRef);
  const ts = model.keyStores.find((k) => k.id === (ssl.trustStoreRef ?? ssl.keyStoreRef));
  const protocols = libertyProtocols(ssl.sslProtocol);
  if (ks === undefined) return { endpoint: null, protocols, note: `ssl ${ssl.id}: keyStore '${ssl.keyStoreRef ?? ''}' is not defined` };
  if (ks.safKeyring === undefined) return { endpoint: null, protocols, note: `keyStore ${ks.id} (${ks.location ?? 'no location'}) is not a SAF key ring: not modelled` };
  const label = alias === 'server' ? ssl.serverKeyAlias : ssl.clientKeyAlias;
  const owner = ks.safKeyring.owner ?? serverUser.toUpperCase();
  const e =
    ks.safKeyring.virtual !== undefined
      ? // A virtual ring has no DEFAULT: Liberty names the certificate (serverKeyAlias / clientKeyAlias).
        virtualRingEndpoint(state, serverUser, virtualOwnerOf(ks.safKeyring.virtual, owner), clock, {
          ...(label !== undefined ? { label } : {}),
          needCertificate: alias === 'server',
          source: ks.location ?? `safkeyring://${owner}/*`,
        })
      : ringEndpoint(state, store, serverUser, owner, ks.safKeyring.ring, clock, label);
  if (typeof e === 'string') return { endpoint: null, protocols, note: `keyStore ${ks.id} ${ks.location ?? ''}: ${e}` };
  let trusted = e.trustedCaPems;
  if (ts !== undefined && ts.id !== ks.id) {
    if (ts.safKeyring === undefined) return { endpoint: null, protocols, note: `trustStore ${ts.id} is not a SAF key ring: not modelled` };
    const tsOwner = ts.safKeyring.owner ?? serverUser.toUpperCase();
    const t =
      ts.safKeyring.virtual !== undefined
        ? virtualRingEndpoint(state, serverUser, virtualOwnerOf(ts.safKeyring.virtual, tsOwner), clock, { source: ts.location ?? `safkeyring://${tsOwner}/*` })
        : ringEndpoint(state, store, serverUser, tsOwner, ts.safKeyring.ring, clock);
    if (typeof t === 'string') return { endpoint: null, protocols, note: `trustStore ${ts.id} ${ts.location ?? ''}: ${t}` };
    trusted = t.trustedCaPems;
  }
  return { endpoint: { ...e, trustedCaPems: trusted }, protocols };
}

function serverTls(model: ServerModel, serverUser: string, state: RacfState, store: CertStore, clock: Clock): { tls: TlsServerFacts | null; note?: string } {
  if (!hasFeature(model.features, 'transportSecurity-1.0', 'ssl-1.0')) return { tls: null, note: 'neither transportSecurity-1.0 nor ssl-1.0 is enabled' };
  const ep = model.httpEndpoints[0];
  const sslId = ep?.sslOptionsRef ?? model.sslDefault.sslRef;
  const ssl = model.ssl.find((s) => s.id === sslId);
  const side = sslSide(model, ssl, serverUser, state, store, clock, 'server');
  if (side.endpoint === null) return { tls: null, note: side.note ?? 'no key store' };
  if (side.endpoint.certChainPem.length === 0 || (side.endpoint.keyPem === undefined && side.endpoint.keyPresent !== true)) {
    return { tls: null, note: `${side.endpoint.source} has no default certificate with a private key` };
  }
  return {
    tls: {
      endpoint: side.endpoint,
      protocols: side.protocols,
      clientAuthentication: ssl?.clientAuthentication ?? false,
      clientAuthenticationSupported: ssl?.clientAuthenticationSupported ?? false,
    },
  };
}

function listenAddrs(host: string, hosts: Readonly<Record<string, string>>): string[] {
  if (host === '*' || host === '0.0.0.0' || host === '::') return ['*'];
  if (host.toLowerCase() === 'localhost') return ['127.0.0.1'];
  return [hosts[host.toLowerCase()] ?? host];
}

function requesterFacts(model: ServerModel, name: string | undefined): { facts: RequesterFacts; note?: string } {
  const reqs = model.apiRequesters?.requesters ?? [];
  const r = name !== undefined ? reqs.find((x) => x.name === name) : reqs.length === 1 ? reqs[0] : undefined;
  if (r !== undefined) {
    return {
      facts: {
        name: r.name,
        requireSecure: r.requireSecure,
        requireAuth: r.requireAuth,
        idAssertion: r.idAssertion,
        invokeGroups: r.invokeGroup,
        adminGroups: r.adminGroup,
        operationsGroups: r.operationsGroup,
      },
    };
  }
  // No apiRequester element for it (or no zosconnect_apiRequesters at all, e.g. a misspelled
  // element name, which Liberty ignores): the zosConnectManager settings and global groups apply.
  const mgr = model.zosConnectManager;
  return {
    facts: {
      name: name ?? '(unnamed)',
      requireSecure: model.apiRequesters?.requireSecure ?? mgr.requireSecure,
      requireAuth: model.apiRequesters?.requireAuth ?? mgr.requireAuth,
      idAssertion: model.apiRequesters?.idAssertion ?? 'OFF',
      invokeGroups: mgr.globalInvokeGroup,
      adminGroups: mgr.globalAdminGroup,
      operationsGroups: mgr.globalOperationsGroup,
    },
    note:
      model.apiRequesters === undefined
        ? 'no zosconnect_apiRequesters element: manager defaults apply (idAssertion OFF)'
        : `no apiRequester ${name ?? ''}: zosconnect_apiRequesters and manager settings apply`,
  };
}

function outboundFacts(
  input: SimulateInput,
  model: ServerModel,
  store: CertStore,
  self: { addrs: readonly string[]; httpPort: number | null; httpsPort: number | null; tls: TlsServerFacts | null; name: string },
  diagnostics: Diagnostic[],
): OutboundFacts | null {
  const conns = model.endpointConnections;
  const ec = input.endpointConnection !== undefined ? conns.find((c) => c.id === input.endpointConnection) : conns.length === 1 ? conns[0] : undefined;
  if (ec === undefined) {
    if (conns.length > 0)
      diagnostics.push(diagnostic({ code: 'ZTW-SIM-ENDPOINT', severity: 'info', message: 'several endpointConnections and none chosen: the outbound leg is not simulated' }, { source: '<simulate>' }));
    return null;
  }
  const host = ec.host.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '');
  const scheme = ec.scheme ?? 'http';
  const port = ec.port ?? (scheme === 'https' ? 443 : 80);
  const sslId = ec.sslCertsRef ?? model.sslDefault.outboundSSLRef ?? model.sslDefault.sslRef;
  const ssl = model.ssl.find((s) => s.id === sslId);
  const side = sslSide(model, ssl, input.serverUser, input.state, store, input.clock, 'client');
  const authUser = ec.authenticationConfigRef !== undefined ? model.authData.find((a) => a.id === ec.authenticationConfigRef)?.user : undefined;
  const addr = input.hosts[host.toLowerCase()];
  let provider: ProviderFacts;
  const spec = input.providers?.find((p) => p.hostPort.toLowerCase() === `${host}:${port}`.toLowerCase());
  if (spec !== undefined) {
    let tls: TlsServerFacts | null = null;
    if (spec.tls !== undefined) {
      const e = ringEndpoint(input.state, store, spec.tls.owner, spec.tls.owner, spec.tls.ring, input.clock);
      if (typeof e === 'string') diagnostics.push(diagnostic({ code: 'ZTW-SIM-PROVIDER-RING', severity: 'warning', message: `provider ${spec.name}: ${e}` }, { source: '<simulate>' }));
      else tls = { endpoint: e, protocols: spec.tls.protocols ?? ['TLSv1.2'], clientAuthentication: spec.tls.clientAuthentication, clientAuthenticationSupported: spec.tls.clientAuthentication };
    }
    provider = { name: spec.name, addr: addr ?? host, listening: addr !== undefined, tls, ...(spec.status !== undefined ? { status: spec.status } : {}) };
  } else if (addr !== undefined && (self.addrs.includes('*') || self.addrs.includes(addr)) && (port === self.httpsPort || port === self.httpPort)) {
    // The endpoint is this very server (the lab's API provider is the same Liberty on wg31:9443):
    // its API provider side applies the same security to the identity zCEE presents.
    const tlsPort = port === self.httpsPort;
    provider = {
      name: `${self.name} (${tlsPort ? 'HTTPS' : 'HTTP'} port ${port})`,
      addr,
      listening: tlsPort ? self.tls !== null : true,
      tls: tlsPort ? self.tls : null,
      authorize: selfProviderSecurity(model, racfFacts(input.state)),
    };
  } else {
    diagnostics.push(
      diagnostic(
        { code: 'ZTW-SIM-PROVIDER', severity: 'info', message: `endpointConnection ${ec.id} ${host}:${port} is not a known provider (pass providers): the outbound leg is not simulated` },
        { source: '<simulate>' },
      ),
    );
    return null;
  }
  return {
    connection: ec.id,
    scheme,
    host,
    port,
    client: { endpoint: side.endpoint, protocols: side.protocols, ...(side.note !== undefined ? { note: side.note } : {}) },
    ...(authUser !== undefined ? { authDataUser: authUser.toUpperCase() } : {}),
    provider,
  };
}

/**
 * A z/OS Connect API provider's checks for the caller (this server as the provider): requireAuth,
 * APPL <profilePrefix>, the zosConnectAccess EJBROLE (with safAuthorization) and the global
 * admin/operations/invoke groups (API-level groups are in the .aar, not modelled). This is why the
 * lab connects LIBSERV, the owner of 'zCEE Client Cert', to ZCEEUSRS and GMINVOKE.
 */
function selfProviderSecurity(model: ServerModel, racf: RacfFacts): (user: string | null) => ProviderDecision {
  const prefix = model.safCredentials.profilePrefix;
  const mgr = model.zosConnectManager;
  return (user) => {
    if (!hasFeature(model.features, 'appSecurity-2.0', 'appSecurity-3.0', 'appSecurity-4.0')) return { ok: true, detail: 'no appSecurity: no checks' };
    if (user === null) {
      return mgr.requireAuth
        ? { ok: false, status: 401, detail: 'no identity and requireAuth=true', messages: [{ id: 'ZTW-SIM-PROVIDER-NOAUTH', text: 'The API provider received no credentials: 401.' }] }
        : { ok: true, detail: 'requireAuth=false' };
    }
    const appl = racf.checkAccess(user, 'APPL', prefix, 'READ');
    if (appl === 'denied') {
      return {
        ok: false,
        status: 401,
        detail: `${user} has no READ to APPL ${prefix}`,
        messages: [
          { id: 'CWWKS2907E', text: `CWWKS2907E: SAF Service IRRSIA00_CREATE did not succeed because user ${user} has insufficient authority to access APPL-ID ${prefix}. SAF return code 0x00000008. RACF return code 0x00000008. RACF reason code 0x00000020.` },
        ],
      };
    }
    if (model.safAuthorization) {
      const role = `${prefix}.zos.connect.access.roles.zosConnectAccess`;
      if (racf.checkAccess(user, 'EJBROLE', role, 'READ') !== 'allowed') {
        return {
          ok: false,
          status: 403,
          detail: `${user} has no READ to EJBROLE ${role}`,
          messages: [{ id: 'CWWKS9104A', text: `CWWKS9104A: Authorization failed for user ${user} while invoking zosConnect on /zosConnect/apis. The user is not granted access to any of the required roles: [zosConnectAccess].` }],
        };
      }
    }
    const groups = [...mgr.globalAdminGroup, ...mgr.globalOperationsGroup, ...mgr.globalInvokeGroup].map((g) => g.toUpperCase());
    if (groups.length > 0) {
      const mine = racf.groupsOf(user).map((g) => g.toUpperCase());
      const hit = groups.find((g) => mine.includes(g));
      if (hit === undefined) {
        return {
          ok: false,
          status: 403,
          detail: `${user} is in none of the global groups ${[...new Set(groups)].join(', ')}`,
          messages: [{ id: 'ZTW-SIM-PROVIDER-GROUPS', text: `User ID ${user} is not in an admin, operations or invoke group of the API provider: 403.` }],
        };
      }
      return { ok: true, detail: `${user} may use the API (group ${hit})` };
    }
    return { ok: true, detail: `${user} may use the API` };
  };
}

function jobFacts(input: SimulateInput, diagnostics: Diagnostic[], requester: string): JobFacts | undefined {
  let job: ApiRequesterJob | undefined;
  if (typeof input.job === 'string') {
    const r = readApiRequesterJob(input.job, '<job>');
    diagnostics.push(...r.diagnostics);
    job = r.value;
  } else {
    job = input.job;
  }
  if (job === undefined) return undefined;
  const env: { -readonly [K in keyof JobFacts['env']]: string } = {};
  for (const k of ['BAQURI', 'BAQPORT', 'BAQUSERNAME', 'BAQPASSWORD'] as const) {
    const v = envText(job, k);
    if (v !== undefined) env[k] = v;
  }
  const submitter = (input.submitter ?? job.user ?? 'IBMUSER').toUpperCase();
  return {
    jobName: job.jobName.toUpperCase(),
    user: (job.user ?? submitter).toUpperCase(),
    submitter,
    env,
    ceeoptsFound: job.ceeoptsFound,
    ...(job.ceeoptsNote !== undefined ? { ceeoptsNote: job.ceeoptsNote } : {}),
    requester,
  };
}

/**
 * `ztwin simulate`: predict one API requester call from the RACF state (with rings), the zCEE
 * server's effective configuration, the AT-TLS policy and the job. Never throws; a job that cannot
 * be read gives `result: undefined` with diagnostics.
 */
export function simulate(input: SimulateInput): SimulateOutput | { readonly result: undefined; readonly diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const store = certStoreOf(input.state);
  const model = input.server;
  const req = requesterFacts(model, input.requester);
  if (req.note !== undefined) diagnostics.push(diagnostic({ code: 'ZTW-SIM-REQUESTER', severity: 'info', message: req.note }, { source: '<simulate>' }));
  const job = jobFacts(input, diagnostics, req.facts.name);
  if (job === undefined) return { result: undefined, diagnostics };
  // JES + RACF at job submission: USER= naming another user needs SURROGAT <user>.SUBMIT READ for
  // the submitter (no password on the JOB card). Without it the job never runs: no prediction.
  if (job.user !== job.submitter) {
    const racf = racfFacts(input.state);
    const r = racf.checkAccess(job.submitter, 'SURROGAT', `${job.user}.SUBMIT`, 'READ');
    if (r !== 'allowed') {
      diagnostics.push(
        diagnostic(
          {
            code: 'ZTW-SIM-SURROGAT',
            message:
              `job ${job.jobName} does not run: ${job.submitter} may not submit jobs for ${job.user} (SURROGAT ${job.user}.SUBMIT READ: ${r}): ` +
              msg.submitterNotAuthorized(job.user, racf.defaultGroup(job.user), racf.userName(job.user), job.submitter),
          },
          { source: '<job>' },
        ),
      );
      return { result: undefined, diagnostics };
    }
  }
  const ep = model.httpEndpoints.find((e) => e.enabled);
  const addrs = ep === undefined ? [] : listenAddrs(ep.host, input.hosts);
  const tls = serverTls(model, input.serverUser, input.state, store, input.clock);
  const jobName = (input.serverJobName ?? 'BAQSTRT').toUpperCase();
  const name = input.serverName ?? jobName;
  const httpPort = ep !== undefined && ep.httpPort >= 0 ? ep.httpPort : null;
  const httpsPort = ep !== undefined && ep.httpsPort >= 0 ? ep.httpsPort : null;
  const outbound = outboundFacts(input, model, store, { addrs, httpPort, httpsPort, tls: tls.tls, name }, diagnostics);
  const server: ServerFacts = {
    name,
    jobName,
    userId: input.serverUser.toUpperCase(),
    listenAddrs: addrs,
    httpPort,
    httpsPort,
    tls: tls.tls,
    ...(tls.note !== undefined ? { tlsNote: tls.note } : {}),
    appSecurity: hasFeature(model.features, 'appSecurity-2.0', 'appSecurity-3.0', 'appSecurity-4.0'),
    safAuthorization: model.safAuthorization,
    profilePrefix: model.safCredentials.profilePrefix,
    unauthenticatedUser: model.safCredentials.unauthenticatedUser,
    requester: req.facts,
    outbound,
  };
  const uriHost = (job.env.BAQURI ?? '').replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '').toLowerCase();
  const facts: SimulationFacts = {
    job,
    network: {
      resolve: (h) => input.hosts[h.toLowerCase()],
      clientAddr: input.clientAddr ?? input.hosts[uriHost] ?? '127.0.0.1',
      ephemeralPort: input.ephemeralPort ?? 7419,
    },
    server,
    attls: input.policy === undefined ? null : attlsFacts(input.policy, input.state, store, input.clock),
    racf: racfFacts(input.state),
    clock: input.clock,
  };
  const evaluation = evaluateDetailed(facts);
  // facts and the handshakes hold private keys and BAQPASSWORD: they never print
  return { result: evaluation.result, facts: guardSecrets(facts), evaluation: guardSecrets(evaluation), diagnostics };
}
