/**
 * The catalog of server.xml elements a z/OS Connect EE V3 server uses: which are singletons and
 * which are factories (merged by id), their attributes with types and defaults, nested
 * sub-elements, and what `...Ref` attributes point to.
 *
 * Sources: Liberty "Configuration element merging rules" and the server configuration reference
 * (keyStore, ssl, sslDefault, httpEndpoint, include, variable, saf*); z/OS Connect EE V3.0
 * "Configuration elements" (zosconnect_*). Defaults noted here are the documented ones; an
 * attribute without `default` has none (absent means "not set").
 */

export type AttributeType =
  | { readonly kind: 'string' }
  | { readonly kind: 'password' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'int'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'duration' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly caseInsensitive?: boolean }
  /** id(s) of elements of the target kinds; `list` = comma separated. */
  | { readonly kind: 'ref'; readonly targets: readonly string[]; readonly list?: boolean }
  /** comma separated SAF group names. */
  | { readonly kind: 'groups' };

export interface AttributeSpec {
  readonly type: AttributeType;
  readonly default?: string;
  /** Liberty refuses the element (or it cannot work) without this attribute. */
  readonly required?: boolean;
}

export interface ElementSpec {
  /** singleton: every occurrence merges into one; factory: occurrences merge when ids match. */
  readonly shape: 'singleton' | 'factory' | 'nested' | 'special';
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  /** Known nested sub-elements, by name. */
  readonly children?: Readonly<Record<string, ElementSpec>>;
  /** Element whose body is text (e.g. <feature>). */
  readonly textBody?: boolean;
  /** The nested element identifies itself with this attribute (e.g. apiRequester `name`). */
  readonly key?: string;
}

const S: AttributeSpec = { type: { kind: 'string' } };
const PW: AttributeSpec = { type: { kind: 'password' } };
const bool = (d?: boolean): AttributeSpec => (d === undefined ? { type: { kind: 'boolean' } } : { type: { kind: 'boolean' }, default: String(d) });
const int = (d?: number, min?: number, max?: number): AttributeSpec => ({ type: { kind: 'int', min, max }, ...(d === undefined ? {} : { default: String(d) }) });
const dur = (d?: string): AttributeSpec => ({ type: { kind: 'duration' }, ...(d === undefined ? {} : { default: d }) });
const en = (values: readonly string[], d?: string, caseInsensitive = false): AttributeSpec => ({ type: { kind: 'enum', values, caseInsensitive }, ...(d === undefined ? {} : { default: d }) });
const ref = (targets: readonly string[], d?: string, list = false): AttributeSpec => ({ type: { kind: 'ref', targets, list }, ...(d === undefined ? {} : { default: d }) });
const groups: AttributeSpec = { type: { kind: 'groups' } };
const req = (a: AttributeSpec): AttributeSpec => ({ ...a, required: true });

export const ID_ASSERTION = ['OFF', 'ASSERT_ONLY', 'ASSERT_SURROGATE'] as const;
export const KEYSTORE_TYPES = ['JKS', 'JCEKS', 'PKCS12', 'JCERACFKS', 'JCECCARACFKS', 'JCEHYBRIDRACFKS', 'PKCS11'] as const;
export const ON_CONFLICT = ['MERGE', 'REPLACE', 'IGNORE'] as const;

const AUTH_CONFIG_TARGETS = ['zosconnect_authData', 'zosconnect_authToken', 'zosconnect_oAuthConfig', 'zosconnect_awsConfig'];
const INTERCEPTOR_TARGETS = ['zosconnect_authorizationInterceptor', 'zosconnect_auditInterceptor', 'zosconnect_fileSystemLoggingInterceptor', 'zosconnect_zosConnectInterceptor'];

const groupAttrs = {
  adminGroup: groups,
  operationsGroup: groups,
  invokeGroup: groups,
  readerGroup: groups,
};

const apiRequester: ElementSpec = {
  shape: 'nested',
  key: 'name',
  attributes: {
    name: req(S),
    requireAuth: bool(),
    requireSecure: bool(),
    idAssertion: en(ID_ASSERTION),
    interceptorsRef: ref(['zosconnect_zosConnectInterceptors']),
    runGlobalInterceptors: bool(true),
    ...groupAttrs,
  },
};

/** Elements the checker knows, by name (element names are case-sensitive in Liberty). */
export const CATALOG: Readonly<Record<string, ElementSpec>> = {
  include: {
    shape: 'special',
    attributes: { location: S, optional: bool(false), onConflict: en(ON_CONFLICT, 'MERGE', true) },
  },
  variable: { shape: 'special', attributes: { name: S, value: S, defaultValue: S } },
  featureManager: {
    shape: 'singleton',
    attributes: { onError: en(['WARN', 'FAIL', 'IGNORE'], 'WARN') },
    children: { feature: { shape: 'nested', attributes: {}, textBody: true } },
  },
  httpEndpoint: {
    shape: 'factory',
    attributes: {
      id: S,
      host: { type: { kind: 'string' }, default: 'localhost' },
      httpPort: int(undefined, -1, 65535),
      httpsPort: int(undefined, -1, 65535),
      enabled: bool(true),
      sslOptionsRef: ref(['sslOptions']),
      httpOptionsRef: ref(['httpOptions']),
      tcpOptionsRef: ref(['tcpOptions']),
      accessLoggingRef: ref(['httpAccessLogging']),
      onError: en(['WARN', 'FAIL', 'IGNORE']),
    },
  },
  keyStore: {
    shape: 'factory',
    attributes: {
      id: S,
      location: S,
      type: en(KEYSTORE_TYPES, 'PKCS12'),
      password: req(PW),
      fileBased: bool(true),
      readOnly: bool(false),
      pollingRate: dur('500ms'),
      updateTrigger: en(['disabled', 'polled', 'mbean'], 'disabled'),
      provider: S,
    },
  },
  ssl: {
    shape: 'factory',
    attributes: {
      id: S,
      keyStoreRef: req(ref(['keyStore'])),
      trustStoreRef: ref(['keyStore']),
      clientAuthentication: bool(false),
      clientAuthenticationSupported: bool(false),
      sslProtocol: S,
      enabledCiphers: S,
      securityLevel: en(['HIGH', 'MEDIUM', 'LOW', 'CUSTOM'], 'HIGH'),
      serverKeyAlias: S,
      clientKeyAlias: S,
      verifyHostname: bool(true),
      trustDefaultCerts: bool(false),
    },
  },
  sslDefault: {
    shape: 'singleton',
    attributes: { sslRef: ref(['ssl'], 'defaultSSLConfig'), outboundSSLRef: ref(['ssl']) },
  },
  sslOptions: { shape: 'factory', attributes: { id: S, sslRef: ref(['ssl']), sessionTimeout: dur('1d'), suppressHandshakeErrors: bool(false) } },
  safRegistry: {
    shape: 'factory',
    attributes: { id: S, realm: S, enableFailover: bool(true), reportPasswordExpired: bool(false), reportUserRevoked: bool(false), includeSafGroups: bool(false) },
  },
  safAuthorization: {
    shape: 'factory',
    attributes: { id: S, racRouteLog: en(['NONE', 'ASIS', 'NOFAIL'], 'ASIS'), roleMapper: S, reportAuthorizationCheckDetails: bool(false), enableDelegation: bool(false) },
  },
  safCredentials: {
    shape: 'singleton',
    attributes: {
      profilePrefix: { type: { kind: 'string' }, default: 'BBGZDFLT' },
      unauthenticatedUser: { type: { kind: 'string' }, default: 'WSGUEST' },
      mapDistributedIdentities: bool(false),
      suppressAuthFailureMessages: bool(true),
    },
  },
  webAppSecurity: {
    shape: 'singleton',
    attributes: { allowFailOverToBasicAuth: bool(false), ssoCookieName: S, httpOnlyCookies: bool(true), ssoRequiresSSL: bool(false), overrideHttpAuthMethod: S },
  },
  authData: { shape: 'factory', attributes: { id: S, user: S, password: PW } },
  basicRegistry: {
    shape: 'factory',
    attributes: { id: S, realm: S, ignoreCaseForAuthentication: bool(false) },
    children: {
      user: { shape: 'nested', key: 'name', attributes: { name: S, password: PW } },
      group: { shape: 'nested', key: 'name', attributes: { name: S }, children: { member: { shape: 'nested', key: 'name', attributes: { name: S } } } },
    },
  },
  logging: {
    shape: 'singleton',
    attributes: { traceSpecification: S, maxFiles: int(), maxFileSize: int(), consoleLogLevel: S, messageFileName: S, traceFileName: S },
  },
  webApplication: { shape: 'factory', attributes: { id: S, name: S, location: S, contextRoot: S, autoStart: bool(true) } },
  application: { shape: 'factory', attributes: { id: S, name: S, location: S, type: S, context_root: S, autoStart: bool(true) } },
  zosconnect_zosConnectManager: {
    shape: 'singleton',
    attributes: {
      requireAuth: bool(true),
      requireSecure: bool(true),
      globalAdminGroup: groups,
      globalOperationsGroup: groups,
      globalInvokeGroup: groups,
      globalReaderGroup: groups,
      globalInterceptorsRef: ref(['zosconnect_zosConnectInterceptors']),
      setUTF8ResponseEncoding: bool(false),
      operationMode: S,
    },
  },
  zosconnect_apiRequesters: {
    shape: 'singleton',
    attributes: {
      location: S,
      idAssertion: en(ID_ASSERTION, 'OFF'),
      requireAuth: bool(),
      requireSecure: bool(),
      updateTrigger: en(['disabled', 'polled', 'mbean'], 'disabled'),
      pollingRate: dur('5s'),
      interceptorsRef: ref(['zosconnect_zosConnectInterceptors']),
      ...groupAttrs,
    },
    children: { apiRequester },
  },
  zosconnect_endpointConnection: {
    shape: 'factory',
    attributes: {
      id: S,
      host: req(S),
      port: req(int(undefined, 1, 65535)),
      domainBasePath: S,
      authenticationConfigRef: ref(AUTH_CONFIG_TARGETS),
      basicAuthRef: ref(['zosconnect_authData']),
      sslCertsRef: ref(['ssl']),
      connectionTimeout: dur('30s'),
      receiveTimeout: dur('60s'),
      proxyHost: S,
      proxyPort: int(),
    },
  },
  zosconnect_authData: { shape: 'factory', attributes: { id: S, user: req(S), password: req(PW) } },
  zosconnect_authToken: { shape: 'factory', attributes: { id: S, authServerRef: S, header: S } },
  zosconnect_services: {
    shape: 'singleton',
    attributes: { location: S, updateTrigger: en(['disabled', 'polled', 'mbean'], 'disabled'), pollingRate: dur('5s') },
    children: { service: { shape: 'nested', key: 'name', attributes: { name: S, interceptorsRef: ref(['zosconnect_zosConnectInterceptors']), ...groupAttrs } } },
  },
  zosconnect_zosConnectAPIs: {
    shape: 'singleton',
    attributes: { location: S, updateTrigger: en(['disabled', 'polled', 'mbean'], 'disabled'), pollingRate: dur('5s') },
    children: { zosConnectAPI: { shape: 'nested', key: 'name', attributes: { name: S, requireAuth: bool(), requireSecure: bool(), interceptorsRef: ref(['zosconnect_zosConnectInterceptors']), ...groupAttrs } } },
  },
  zosconnect_zosConnectInterceptors: { shape: 'factory', attributes: { id: S, interceptorRef: ref(INTERCEPTOR_TARGETS, undefined, true) } },
  zosconnect_authorizationInterceptor: { shape: 'factory', attributes: { id: S, sequence: int(0, 0) } },
  zosconnect_auditInterceptor: { shape: 'factory', attributes: { id: S, sequence: int(0, 0), apiProviderSmfVersion: int(1, 1, 2), apiRequesterSmfVersion: int(1, 1, 2) } },
  zosconnect_cicsIpicConnection: {
    shape: 'factory',
    attributes: { id: S, host: req(S), port: req(int(undefined, 1, 65535)), transid: S, transidUsage: S, sharedPort: bool(false), authDataRef: ref(['zosconnect_authData']), sslCertsRef: ref(['ssl']), zosConnectNetworkid: S, zosConnectApplid: S },
  },
};

/** Feature names the checker knows (compared case-insensitively, as Liberty does). */
export const KNOWN_FEATURES = [
  'zosconnect:zosConnect-2.0',
  'zosconnect:apiRequester-1.0',
  'zosconnect:cicsService-1.0',
  'zosconnect:imsmobile-2.0',
  'zosconnect:zosConnectCommands-1.0',
  'transportSecurity-1.0',
  'ssl-1.0',
  'appSecurity-2.0',
  'appSecurity-3.0',
  'zosSecurity-1.0',
  'zosLocalAdapters-1.0',
  'zosTransaction-1.0',
  'servlet-3.1',
  'servlet-4.0',
  'jaxrs-2.0',
  'jaxrs-2.1',
  'json-1.0',
  'jsonp-1.0',
  'restConnector-2.0',
  'adminCenter-1.0',
  'openidConnectClient-1.0',
  'openidConnectServer-1.0',
  'jwt-1.0',
  'mpJwt-1.1',
  'monitor-1.0',
  'localConnector-1.0',
] as const;

/** An attribute that carries a secret: its value never appears in messages or JSON. */
export function isSecretAttribute(element: string, attribute: string): boolean {
  const spec = CATALOG[element]?.attributes[attribute];
  return spec?.type.kind === 'password' || /password/i.test(attribute);
}
