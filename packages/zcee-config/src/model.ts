/**
 * The typed model of a z/OS Connect EE server: what the effective configuration means, with
 * Liberty/zCEE defaults applied. Built from `readServerConfig`'s effective elements.
 */
import * as t from 'io-ts';
import { ID_ASSERTION } from './catalog';
import type { EffectiveElement, ServerConfig } from './reader';
import { type Secret, SecretC } from './secret';
import { XmlLocation } from './xml';

const loc = t.partial({ at: XmlLocation });

export const IdAssertion = t.keyof({ OFF: null, ASSERT_ONLY: null, ASSERT_SURROGATE: null });
export type IdAssertion = t.TypeOf<typeof IdAssertion>;

/**
 * `safkeyring:///Ring` (owner = the server's user ID) or `safkeyring://OWNER/Ring`. A ring name of
 * `*` is a RACF virtual key ring (`virtual`): every certificate of the owner (`ID`; `safkeyring:///*`
 * is the server user's), or of CERTAUTH (`safkeyring://*AUTH*` + `/*`) or SITE (`*SITE*`). RACF
 * (Security Administrator's Guide, "Using a virtual key ring") lets any program that reads rings
 * through R_datalib — as z/OS Java's JCERACFKS does — name a virtual ring wherever a real one is
 * expected; Liberty's own docs say nothing of them, so the checks treat them conservatively.
 */
export const SafKeyringUrl = t.intersection([
  t.type({ scheme: t.keyof({ safkeyring: null, safkeyringhw: null, safkeyringhybrid: null }), ring: t.string }),
  t.partial({ owner: t.string, virtual: t.keyof({ ID: null, CERTAUTH: null, SITE: null }) }),
]);
export type SafKeyringUrl = t.TypeOf<typeof SafKeyringUrl>;

/**
 * Parse a SAF key ring URL. The owner is upper-cased (RACF user IDs are); the ring name is kept
 * exactly (RACF ring names are case-sensitive). Undefined when it is not a SAF key ring URL.
 */
export function parseSafKeyringUrl(location: string): SafKeyringUrl | undefined {
  const m = /^(safkeyring|safkeyringhw|safkeyringhybrid):\/\/([^/]*)\/(.*)$/i.exec(location.trim());
  if (m === null) return undefined;
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme !== 'safkeyring' && scheme !== 'safkeyringhw' && scheme !== 'safkeyringhybrid') return undefined;
  const owner = (m[2] ?? '').trim().toUpperCase();
  const ring = m[3] ?? '';
  const base: SafKeyringUrl = owner === '' ? { scheme, ring } : { scheme, ring, owner };
  if (ring !== '*') return base;
  // Virtual rings: the CERTAUTH and SITE owners as R_datalib writes them (*AUTH*, *SITE*) or by their
  // reserved user IDs (irrcerta, irrsitec).
  const virtual = owner === '*AUTH*' || owner === 'IRRCERTA' ? 'CERTAUTH' : owner === '*SITE*' || owner === 'IRRSITEC' ? 'SITE' : 'ID';
  return { ...base, virtual };
}
/** The keystore type a SAF key ring URL scheme goes with (z/OS Java: JCERACFKS etc.). */
export const SCHEME_TYPE: Readonly<Record<SafKeyringUrl['scheme'], string>> = {
  safkeyring: 'JCERACFKS',
  safkeyringhw: 'JCECCARACFKS',
  safkeyringhybrid: 'JCEHYBRIDRACFKS',
};

export const HttpEndpoint = t.intersection([
  t.type({ id: t.string, host: t.string, httpPort: t.number, httpsPort: t.number, enabled: t.boolean }),
  t.partial({ sslOptionsRef: t.string }),
  loc,
]);
export type HttpEndpoint = t.TypeOf<typeof HttpEndpoint>;

export const KeyStore = t.intersection([
  t.type({ id: t.string, type: t.string, fileBased: t.boolean, readOnly: t.boolean }),
  t.partial({ location: t.string, password: SecretC, safKeyring: SafKeyringUrl }),
  loc,
]);
export type KeyStore = t.TypeOf<typeof KeyStore>;

export const SslConfig = t.intersection([
  t.type({ id: t.string, clientAuthentication: t.boolean, clientAuthenticationSupported: t.boolean }),
  t.partial({ keyStoreRef: t.string, trustStoreRef: t.string, sslProtocol: t.string, enabledCiphers: t.string, serverKeyAlias: t.string, clientKeyAlias: t.string }),
  loc,
]);
export type SslConfig = t.TypeOf<typeof SslConfig>;

export const SslDefault = t.intersection([t.type({ sslRef: t.string }), t.partial({ outboundSSLRef: t.string }), loc]);
export type SslDefault = t.TypeOf<typeof SslDefault>;

export const SafCredentials = t.intersection([t.type({ profilePrefix: t.string, unauthenticatedUser: t.string }), loc]);
export type SafCredentials = t.TypeOf<typeof SafCredentials>;

const Groups = t.readonlyArray(t.string);
export const ZosConnectManager = t.intersection([
  t.type({
    requireAuth: t.boolean,
    requireSecure: t.boolean,
    globalAdminGroup: Groups,
    globalOperationsGroup: Groups,
    globalInvokeGroup: Groups,
    globalReaderGroup: Groups,
  }),
  t.partial({ globalInterceptorsRef: t.string }),
  loc,
]);
export type ZosConnectManager = t.TypeOf<typeof ZosConnectManager>;

/** One API requester with the settings that apply to it (own, else zosconnect_apiRequesters, else global). */
export const ApiRequester = t.intersection([
  t.type({
    name: t.string,
    requireAuth: t.boolean,
    requireSecure: t.boolean,
    idAssertion: IdAssertion,
    adminGroup: Groups,
    operationsGroup: Groups,
    invokeGroup: Groups,
    readerGroup: Groups,
    /**
     * Whether the z/OS Connect authorization interceptor runs for this requester (global
     * interceptors, unless runGlobalInterceptors=false, or its own interceptorsRef): only then are
     * the admin/operations/invoke/reader groups checked.
     */
    authorizationInterceptor: t.boolean,
  }),
  loc,
]);
export type ApiRequester = t.TypeOf<typeof ApiRequester>;

export const ApiRequesters = t.intersection([
  t.type({
    idAssertion: IdAssertion,
    requesters: t.readonlyArray(ApiRequester),
    /** What an API requester without its own <apiRequester> element gets (name `*`). */
    defaults: ApiRequester,
  }),
  t.partial({ location: t.string, requireAuth: t.boolean, requireSecure: t.boolean }),
  loc,
]);
export type ApiRequesters = t.TypeOf<typeof ApiRequesters>;

export const EndpointConnection = t.intersection([
  t.type({ id: t.string, host: t.string, connectionTimeout: t.string, receiveTimeout: t.string }),
  t.partial({ scheme: t.keyof({ http: null, https: null }), port: t.number, authenticationConfigRef: t.string, sslCertsRef: t.string }),
  loc,
]);
export type EndpointConnection = t.TypeOf<typeof EndpointConnection>;

export const AuthData = t.intersection([t.type({ id: t.string, element: t.string }), t.partial({ user: t.string, password: SecretC }), loc]);
export type AuthData = t.TypeOf<typeof AuthData>;

export const ServerModel = t.intersection([
  t.type({
    features: t.readonlyArray(t.string),
    httpEndpoints: t.readonlyArray(HttpEndpoint),
    keyStores: t.readonlyArray(KeyStore),
    ssl: t.readonlyArray(SslConfig),
    sslDefault: SslDefault,
    safRegistry: t.boolean,
    safAuthorization: t.boolean,
    safCredentials: SafCredentials,
    zosConnectManager: ZosConnectManager,
    endpointConnections: t.readonlyArray(EndpointConnection),
    authData: t.readonlyArray(AuthData),
  }),
  t.partial({ apiRequesters: ApiRequesters, servicesLocation: t.string, apisLocation: t.string }),
]);
/** What the server's configuration means (defaults applied). Secrets serialise as `*****`. */
export type ServerModel = t.TypeOf<typeof ServerModel>;

// ---------------------------------------------------------------------------------------------

/** Liberty booleans: `true`/`false`, case-insensitive; anything else gives the default. */
export function parseBoolean(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  const s = v.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : dflt;
}
function parseBooleanOpt(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}
export function parseInteger(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*[-+]?\d+\s*$/.test(v)) return undefined;
  return Number.parseInt(v, 10);
}
/** A comma separated list, trimmed, empty entries dropped. */
export function parseList(v: string | undefined): string[] {
  return v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
function parseIdAssertion(v: string | undefined): IdAssertion | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().toUpperCase();
  return (ID_ASSERTION as readonly string[]).includes(s) ? (s as IdAssertion) : undefined;
}

const a = (e: EffectiveElement | undefined, name: string): string | undefined => e?.attributes[name]?.value;
const secret = (e: EffectiveElement, name: string): Secret | undefined => e.attributes[name]?.secret;
const at = (e: EffectiveElement): { at?: XmlLocation } => {
  const l = e.declaredAt[0];
  return l === undefined ? {} : { at: l };
};
const defined = <T extends object>(o: T): T => {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r as T;
};

/** The typed model of an effective configuration. */
export function serverModel(cfg: Pick<ServerConfig, 'elements'>): ServerModel {
  const of = (name: string): EffectiveElement[] => cfg.elements.filter((e) => e.name === name);
  const one = (name: string): EffectiveElement | undefined => of(name)[0];

  const features = of('featureManager').flatMap((fm) => fm.children.filter((c) => c.name === 'feature').map((c) => c.text));

  const endpoints = of('httpEndpoint');
  const httpEndpoints: HttpEndpoint[] = (endpoints.length > 0 ? endpoints : []).map((e) =>
    defined({
      id: e.id ?? 'defaultHttpEndpoint',
      host: a(e, 'host') ?? 'localhost',
      httpPort: parseInteger(a(e, 'httpPort')) ?? 9080,
      httpsPort: parseInteger(a(e, 'httpsPort')) ?? 9443,
      enabled: parseBoolean(a(e, 'enabled'), true),
      sslOptionsRef: a(e, 'sslOptionsRef'),
      ...at(e),
    }),
  );

  const keyStores: KeyStore[] = of('keyStore').map((e) => {
    const location = a(e, 'location');
    const pw = secret(e, 'password');
    const saf = location === undefined ? undefined : parseSafKeyringUrl(location);
    return defined({
      id: e.id ?? '',
      type: a(e, 'type') ?? 'PKCS12',
      fileBased: parseBoolean(a(e, 'fileBased'), true),
      readOnly: parseBoolean(a(e, 'readOnly'), false),
      location,
      password: pw,
      safKeyring: saf,
      ...at(e),
    });
  });

  const ssl: SslConfig[] = of('ssl').map((e) =>
    defined({
      id: e.id ?? '',
      clientAuthentication: parseBoolean(a(e, 'clientAuthentication'), false),
      clientAuthenticationSupported: parseBoolean(a(e, 'clientAuthenticationSupported'), false),
      keyStoreRef: a(e, 'keyStoreRef'),
      trustStoreRef: a(e, 'trustStoreRef'),
      sslProtocol: a(e, 'sslProtocol'),
      enabledCiphers: a(e, 'enabledCiphers'),
      serverKeyAlias: a(e, 'serverKeyAlias'),
      clientKeyAlias: a(e, 'clientKeyAlias'),
      ...at(e),
    }),
  );

  const sd = one('sslDefault');
  const sslDefault: SslDefault = defined({ sslRef: a(sd, 'sslRef') ?? 'defaultSSLConfig', outboundSSLRef: a(sd, 'outboundSSLRef'), ...(sd === undefined ? {} : at(sd)) });

  const sc = one('safCredentials');
  const safCredentials: SafCredentials = { profilePrefix: a(sc, 'profilePrefix') ?? 'BBGZDFLT', unauthenticatedUser: a(sc, 'unauthenticatedUser') ?? 'WSGUEST', ...(sc === undefined ? {} : at(sc)) };

  const m = one('zosconnect_zosConnectManager');
  const zosConnectManager: ZosConnectManager = defined({
    requireAuth: parseBoolean(a(m, 'requireAuth'), true),
    requireSecure: parseBoolean(a(m, 'requireSecure'), true),
    globalAdminGroup: parseList(a(m, 'globalAdminGroup')),
    globalOperationsGroup: parseList(a(m, 'globalOperationsGroup')),
    globalInvokeGroup: parseList(a(m, 'globalInvokeGroup')),
    globalReaderGroup: parseList(a(m, 'globalReaderGroup')),
    globalInterceptorsRef: a(m, 'globalInterceptorsRef'),
    ...(m === undefined ? {} : at(m)),
  });

  // interceptor lists: which of them contain an authorization interceptor
  const authzIds = new Set(of('zosconnect_authorizationInterceptor').map((e) => e.id ?? ''));
  const listHasAuthz = new Map(of('zosconnect_zosConnectInterceptors').map((e) => [e.id ?? '', parseList(a(e, 'interceptorRef')).some((i) => authzIds.has(i))]));
  const refHasAuthz = (ref: string | undefined): boolean => ref !== undefined && parseList(ref).some((r) => listHasAuthz.get(r) === true);
  const globalAuthz = refHasAuthz(a(m, 'globalInterceptorsRef'));
  const ar = one('zosconnect_apiRequesters');
  let apiRequesters: ApiRequesters | undefined;
  if (ar !== undefined) {
    const idAssertion = parseIdAssertion(a(ar, 'idAssertion')) ?? 'OFF';
    const reqAuth = parseBooleanOpt(a(ar, 'requireAuth'));
    const reqSec = parseBooleanOpt(a(ar, 'requireSecure'));
    const grp = (e: EffectiveElement | undefined, own: string, global: readonly string[]): string[] => {
      const v = a(e, own) ?? a(ar, own);
      return v === undefined ? [...global] : parseList(v);
    };
    const settings = (c: EffectiveElement | undefined, name: string): ApiRequester => ({
      name,
      requireAuth: parseBooleanOpt(a(c, 'requireAuth')) ?? reqAuth ?? zosConnectManager.requireAuth,
      requireSecure: parseBooleanOpt(a(c, 'requireSecure')) ?? reqSec ?? zosConnectManager.requireSecure,
      idAssertion: parseIdAssertion(a(c, 'idAssertion')) ?? idAssertion,
      adminGroup: grp(c, 'adminGroup', zosConnectManager.globalAdminGroup),
      operationsGroup: grp(c, 'operationsGroup', zosConnectManager.globalOperationsGroup),
      invokeGroup: grp(c, 'invokeGroup', zosConnectManager.globalInvokeGroup),
      readerGroup: grp(c, 'readerGroup', zosConnectManager.globalReaderGroup),
      authorizationInterceptor:
        (parseBoolean(a(c, 'runGlobalInterceptors'), true) && globalAuthz) || refHasAuthz(a(c, 'interceptorsRef') ?? a(ar, 'interceptorsRef')),
      ...(c === undefined ? {} : at(c)),
    });
    const requesters = ar.children.filter((c) => c.name === 'apiRequester').map((c) => settings(c, a(c, 'name') ?? ''));
    apiRequesters = defined({ idAssertion, requesters, defaults: settings(undefined, '*'), location: a(ar, 'location'), requireAuth: reqAuth, requireSecure: reqSec, ...at(ar) });
  }

  const endpointConnections: EndpointConnection[] = of('zosconnect_endpointConnection').map((e) => {
    const host = a(e, 'host') ?? '';
    const sm = /^(https?):\/\//i.exec(host);
    const scheme = sm === null ? undefined : (sm[1] ?? '').toLowerCase() === 'https' ? ('https' as const) : ('http' as const);
    return defined({
      id: e.id ?? '',
      host,
      scheme,
      port: parseInteger(a(e, 'port')),
      authenticationConfigRef: a(e, 'authenticationConfigRef') ?? a(e, 'basicAuthRef'),
      sslCertsRef: a(e, 'sslCertsRef'),
      connectionTimeout: a(e, 'connectionTimeout') ?? '30s',
      receiveTimeout: a(e, 'receiveTimeout') ?? '60s',
      ...at(e),
    });
  });

  const authData: AuthData[] = [...of('zosconnect_authData'), ...of('authData')].map((e) => {
    return defined({ id: e.id ?? '', element: e.name, user: a(e, 'user'), password: secret(e, 'password'), ...at(e) });
  });

  const services = one('zosconnect_services');
  const apis = one('zosconnect_zosConnectAPIs');
  return defined({
    features,
    httpEndpoints: httpEndpoints.length > 0 ? httpEndpoints : [{ id: 'defaultHttpEndpoint', host: 'localhost', httpPort: 9080, httpsPort: 9443, enabled: true }],
    keyStores,
    ssl,
    sslDefault,
    safRegistry: of('safRegistry').length > 0,
    safAuthorization: of('safAuthorization').length > 0,
    safCredentials,
    zosConnectManager,
    endpointConnections,
    authData,
    apiRequesters,
    servicesLocation: a(services, 'location'),
    apisLocation: a(apis, 'location'),
  });
}

/** True when a feature list enables `name` (Liberty compares feature names case-insensitively). */
export function hasFeature(features: readonly string[], ...names: string[]): boolean {
  const set = new Set(features.map((f) => f.trim().toLowerCase()));
  return names.some((n) => set.has(n.toLowerCase()));
}

/**
 * The settings that apply to an API requester by name (`<api>_<version>`): its own
 * `<apiRequester>` element, else the zosconnect_apiRequesters/global defaults. Undefined when the
 * server has no zosconnect_apiRequesters (then no API requester is configured at all).
 */
export function apiRequesterSettings(model: ServerModel, name: string): ApiRequester | undefined {
  const ar = model.apiRequesters;
  if (ar === undefined) return undefined;
  return ar.requesters.find((r) => r.name === name) ?? { ...ar.defaults, name };
}
