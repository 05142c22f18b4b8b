import type { Clock } from '@ztwin/core';

/**
 * The normalized input of one simulated API requester call: a batch job running the zCEE
 * communication stub (BAQCSTUB) calls a z/OS Connect EE server, which calls the API provider.
 * Everything the engine needs is here as data or as pure lookups, so `evaluate` is deterministic;
 * the adapters in `simulate.ts` build these facts from racf-model/keyring/attls-policy/zcee-config.
 */
export interface SimulationFacts {
  readonly job: JobFacts;
  readonly network: NetworkFacts;
  readonly server: ServerFacts;
  /** AT-TLS as configured in the Policy Agent; `null` = TCPCONFIG NOTTLS or no policy installed. */
  readonly attls: AttlsFacts | null;
  readonly racf: RacfFacts;
  /** "Now" for certificate validity (injected; never the real clock inside the engine). */
  readonly clock: Clock;
}

/** TLS protocol versions as AT-TLS (TLSv1.2 On) and Liberty (sslProtocol) name them. */
export type TlsProtocol = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TLS_PROTOCOLS: readonly TlsProtocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * What one side of a TLS handshake holds: the "TLS view" of a key ring or key store.
 * - `certChainPem`: the certificate it presents (the ring's DEFAULT PERSONAL certificate, or the
 *   one named by CertificateLabel / serverKeyAlias), leaf first, then any intermediates. Empty when
 *   it has none (a client then sends no certificate; a server cannot do TLS at all).
 * - `keyPem`: that certificate's private key, PKCS#8 PEM. SECRET: the engine only checks that it
 *   exists; it never appears in results, traces, messages or toJSON.
 * - `trustedCaPems`: the CERTAUTH (and SITE/other CA) certificates connected to the ring: what this
 *   side trusts when it validates the peer.
 * - `label` / `owner`: RACF label and owner of the presented certificate; the owner is the SAF user
 *   a peer maps the certificate to (RACF maps a certificate to the ID that owns it).
 * - `source`: where it came from, e.g. `safkeyring://LIBSERV/zCEE.KeyRing`.
 */
export interface TlsEndpoint {
  readonly source: string;
  readonly certChainPem: readonly string[];
  readonly keyPem?: string;
  /**
   * The private key exists in RACF but this view does not carry it (a state file written without
   * secrets): enough to predict a handshake, not to replay it for real.
   */
  readonly keyPresent?: boolean;
  readonly trustedCaPems: readonly string[];
  readonly label?: string;
  readonly owner?: string;
}

/** The batch job running the API requester program. */
export interface JobFacts {
  /** JOB card name; AT-TLS rules match it with `Jobname`. */
  readonly jobName: string;
  /**
   * ID1, the job owner: the JOB card's USER= or, without it, the submitter. The zCEE stub asserts
   * it (idAssertion) and AT-TLS uses it to find the key ring (`Keyring ring` = this user's ring).
   */
  readonly user: string;
  /** Who submitted the job (TSO user). With USER= different from it, SURROGAT `<user>.SUBMIT` applies. */
  readonly submitter: string;
  /**
   * The stub's environment variables as Language Environment passes them (ENVAR in CEEOPTS).
   * BAQPASSWORD is a secret: the engine compares it through `racf.authenticate` only.
   */
  readonly env: {
    readonly BAQURI?: string;
    readonly BAQPORT?: string;
    readonly BAQUSERNAME?: string;
    readonly BAQPASSWORD?: string;
  };
  /**
   * Whether LE saw the run-time options at all: only a DD named CEEOPTS is read. A misnamed DD
   * (the lab's `CEEOPS`) is silently ignored, so none of `env` reaches the stub.
   */
  readonly ceeoptsFound: boolean;
  /** Human explanation when `ceeoptsFound` is false (e.g. "DD CEEOPS is not CEEOPTS"). */
  readonly ceeoptsNote?: string;
  /** The API requester the program calls (`<api>_<version>`, e.g. cscvincapi_1.0.0). */
  readonly requester: string;
}

/** Name resolution and addresses on the z/OS TCP/IP stack. */
export interface NetworkFacts {
  /** Resolver lookup (TCPIP.DATA / hosts); undefined = the name does not resolve. */
  resolve(host: string): string | undefined;
  /** Address of the batch job's side of the connection (its stack's address). */
  readonly clientAddr: string;
  /** The ephemeral local port the stub's socket gets (AT-TLS LocalPortRange 1024-65535 matches it). */
  readonly ephemeralPort: number;
}

/** One TLS server side: a Liberty `ssl` configuration with its key store and trust store. */
export interface TlsServerFacts {
  readonly endpoint: TlsEndpoint;
  /** Enabled protocols (Liberty sslProtocol / AT-TLS TLSvN On). */
  readonly protocols: readonly TlsProtocol[];
  /** Liberty clientAuthentication="true": a client certificate is required. */
  readonly clientAuthentication: boolean;
  /** Liberty clientAuthenticationSupported="true": a client certificate is requested, optional. */
  readonly clientAuthenticationSupported: boolean;
}

/** ID assertion mode of the API requester (zosconnect_apiRequesters / apiRequester idAssertion). */
export type IdAssertion = 'OFF' | 'ASSERT_ONLY' | 'ASSERT_SURROGATE';

/** The effective security settings of one API requester, already resolved across levels. */
export interface RequesterFacts {
  readonly name: string;
  /** requireSecure: apiRequester attr > zosconnect_apiRequesters > zosconnect_zosConnectManager [true]. */
  readonly requireSecure: boolean;
  /** requireAuth resolved the same way [true]. */
  readonly requireAuth: boolean;
  readonly idAssertion: IdAssertion;
  /** Groups allowed to invoke (invokeGroup, else globalInvokeGroup). */
  readonly invokeGroups: readonly string[];
  /** Admin groups (adminGroup, else globalAdminGroup); admins may invoke too. */
  readonly adminGroups: readonly string[];
  /** Operations groups (operationsGroup, else globalOperationsGroup); may invoke too. */
  readonly operationsGroups?: readonly string[];
}

/** The z/OS Connect EE server (Liberty) as its effective server.xml configures it. */
export interface ServerFacts {
  /** Server name for messages (e.g. BAQSTRT / myServer). */
  readonly name: string;
  /**
   * The server's job name (the started task, e.g. BAQSTRT) and user ID (STARTED STDATA USER,
   * e.g. LIBSERV): what an inbound AT-TLS rule on the server's stack matches (Jobname/Userid), and
   * whose key ring `Keyring ring` names there.
   */
  readonly jobName: string;
  readonly userId: string;
  /** Addresses the httpEndpoint listens on; `['*']` = all (host="*"). */
  readonly listenAddrs: readonly string[];
  /** httpEndpoint httpPort; null = -1 or not configured. */
  readonly httpPort: number | null;
  /** httpEndpoint httpsPort; null = -1 or not configured. */
  readonly httpsPort: number | null;
  /**
   * The inbound SSL configuration; null = the HTTPS port does not start (no transportSecurity-1.0,
   * no key store, or the key ring could not be opened).
   */
  readonly tls: TlsServerFacts | null;
  /** Why `tls` is null, for the trace (e.g. "keyStore safkeyring:///Keyring.LIBERTY: ring not found"). */
  readonly tlsNote?: string;
  /** appSecurity-2.0 configured: security constraints (authentication, roles) are enforced. */
  readonly appSecurity: boolean;
  /**
   * safAuthorization configured: roles are EJBROLE profiles `<profilePrefix>.<role>` checked with
   * RACROUTE AUTH (no profile = not authorized). False: role bindings in server.xml (not modelled).
   */
  readonly safAuthorization: boolean;
  /** safCredentials profilePrefix [BBGZDFLT]: APPL class profile and EJBROLE prefix. */
  readonly profilePrefix: string;
  /** safCredentials unauthenticatedUser [WSGUEST]. */
  readonly unauthenticatedUser: string;
  /** The API requester the job calls. */
  readonly requester: RequesterFacts;
  /** The call from zCEE to the API provider (endpointConnection); null = not modelled. */
  readonly outbound: OutboundFacts | null;
}

/** zCEE's outbound call to the API provider (zosconnect_endpointConnection). */
export interface OutboundFacts {
  /** endpointConnection id. */
  readonly connection: string;
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** zCEE's client side (sslCertsRef, else sslDefault outboundSSLRef): key store and trust store. */
  readonly client: { readonly endpoint: TlsEndpoint | null; readonly protocols: readonly TlsProtocol[]; readonly note?: string } | null;
  /** Basic-auth user zCEE sends (authenticationConfigRef → zosconnect_authData user), if any. */
  readonly authDataUser?: string;
  /** The API provider at the other end. */
  readonly provider: ProviderFacts;
}

/** The API provider zCEE calls (in the lab: a Liberty server with LIBSERV's Liberty.KeyRing). */
export interface ProviderFacts {
  readonly name: string;
  /** Address it listens on and whether the port is open there. */
  readonly addr: string;
  readonly listening: boolean;
  /** Its TLS server side; null = plain HTTP. */
  readonly tls: TlsServerFacts | null;
  /** What the API returns once the call is authorized (default 200). */
  readonly status?: number;
  /**
   * The provider's own security for the identity it sees (null = none): e.g. a z/OS Connect
   * provider checks APPL, the zosConnectAccess role and its invoke groups for the client
   * certificate's owner. Absent = the provider accepts every caller.
   */
  authorize?(user: string | null): ProviderDecision;
}

/** The API provider's answer to the identity zCEE presents. */
export type ProviderDecision =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly detail: string; readonly messages: readonly { readonly id: string; readonly text: string }[] };

/** An AT-TLS rule matched for a connection, with its effective actions. */
export interface AttlsMatch {
  /** TTLSRule name (e.g. zCEEClientRule~1). */
  readonly rule: string;
  /** Action names, for the EZD1281I-style trace. */
  readonly actions: readonly string[];
  /** TTLSGroupAction TTLSEnabled. */
  readonly enabled: boolean;
  /** Effective HandshakeRole (connection action overrides environment action). */
  readonly handshakeRole: 'Client' | 'Server' | 'ServerWithClientAuth';
  /** Effective protocols (TTLSEnvironment/ConnectionAdvancedParms). */
  readonly protocols: readonly TlsProtocol[];
  /** ClientAuthType for HandshakeRole ServerWithClientAuth [Required]. */
  readonly clientAuthType?: 'PassThru' | 'Full' | 'Required' | 'SAFCheck';
  /** The key ring's TLS view for the connection's user; null when it cannot be opened. */
  readonly endpoint: TlsEndpoint | null;
  /** Why `endpoint` is null (ring missing, no IRR.DIGTCERT.LISTRING access, no default cert...). */
  readonly keyringNote?: string;
  /**
   * The SAF key ring itself cannot be opened (it does not exist for the owner, or the user may not
   * read it): System SSL return code 202 at AT-TLS Environment Init.
   */
  readonly keyringOpenFailed?: boolean;
}

/** One TCP connection as the AT-TLS rule matcher sees it. */
export interface ConnectionFacts {
  readonly direction: 'Inbound' | 'Outbound';
  readonly jobName: string;
  readonly userid: string;
  readonly localAddr: string;
  readonly localPort: number;
  readonly remoteAddr: string;
  readonly remotePort: number;
}

export interface AttlsFacts {
  /** The first matching rule (priority order) with its actions; null = no rule: clear text. */
  match(conn: ConnectionFacts): AttlsMatch | null;
}

/** Result of RACF password verification (RACROUTE REQUEST=VERIFY / initACEE). */
export type AuthenticateResult = 'ok' | 'unknown-user' | 'invalid-password' | 'revoked' | 'expired' | 'protected';

/** RACF access decision for a resource check. */
export type AccessResult = 'allowed' | 'denied' | 'no-profile' | 'class-not-active';

/** The RACF database as the server sees it (through SAF). */
export interface RacfFacts {
  authenticate(user: string, password: string): AuthenticateResult;
  userExists(user: string): boolean;
  /** The user's NAME field (for ICH408I). */
  userName(user: string): string | undefined;
  /** The user's default group (ICH408I GROUP(...)). */
  defaultGroup(user: string): string | undefined;
  /** Groups the user is connected to. */
  groupsOf(user: string): readonly string[];
  /** RACROUTE REQUEST=AUTH for a general resource (APPL, EJBROLE, SURROGAT, ...). */
  checkAccess(user: string, cls: string, resource: string, access: 'READ' | 'UPDATE'): AccessResult;
}
