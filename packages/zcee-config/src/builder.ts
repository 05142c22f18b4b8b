/**
 * Pure builders for server.xml and include files. Each returns an `XmlElement`; `serverFile`
 * lays them out in a `<server>` document and `renderFileSet` writes a whole set of files.
 * Values are escaped on rendering (see `renderXml`); values XML cannot carry are refused there.
 */
import type { Diagnostic } from '@ztwin/core';
import type { IdAssertion } from './model';
import { Secret } from './secret';
import { type RenderOptions, type XmlDocument, type XmlElement, type XmlNode, comment, element, renderXml, text } from './xml';

type Attrs = Record<string, string | undefined>;
const b = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : String(v));
const n = (v: number | undefined): string | undefined => (v === undefined ? undefined : String(v));
const list = (v: readonly string[] | undefined): string | undefined => (v === undefined ? undefined : v.join(','));
const pw = (v: string | Secret | undefined): string | undefined => (v === undefined ? undefined : v instanceof Secret ? v.reveal() : v);

export function featureManager(features: readonly string[]): XmlElement {
  return element('featureManager', {}, features.map((f) => element('feature', {}, [text(f)])));
}

export interface IncludeInit {
  readonly location: string;
  readonly optional?: boolean;
  readonly onConflict?: 'MERGE' | 'REPLACE' | 'IGNORE';
}
export function include(i: IncludeInit): XmlElement {
  return element('include', { location: i.location, optional: b(i.optional), onConflict: i.onConflict });
}

export function variable(v: { readonly name: string; readonly value?: string; readonly defaultValue?: string }): XmlElement {
  return element('variable', { name: v.name, value: v.value, defaultValue: v.defaultValue });
}

export interface HttpEndpointInit {
  readonly id?: string;
  readonly host?: string;
  readonly httpPort?: number;
  readonly httpsPort?: number;
  readonly enabled?: boolean;
}
export function httpEndpoint(e: HttpEndpointInit): XmlElement {
  return element('httpEndpoint', { id: e.id ?? 'defaultHttpEndpoint', host: e.host, httpPort: n(e.httpPort), httpsPort: n(e.httpsPort), enabled: b(e.enabled) });
}

/** `safkeyring:///RING` (the server user's ring) or `safkeyring://OWNER/RING`. */
export function safKeyringUrl(ring: string, owner?: string, scheme: 'safkeyring' | 'safkeyringhw' | 'safkeyringhybrid' = 'safkeyring'): string {
  return `${scheme}://${owner ?? ''}/${ring}`;
}

/**
 * The URL of a RACF virtual key ring: a user's (`safkeyring://LIBSERV/*`; without an owner the server
 * user's, `safkeyring:///*`), CERTAUTH's (`safkeyring://*AUTH*` + `/*`) or SITE's. A virtual ring has
 * no DEFAULT certificate: a key store on a user's virtual ring needs serverKeyAlias/clientKeyAlias.
 */
export function virtualSafKeyringUrl(
  owner?: { readonly kind: 'ID'; readonly id: string } | { readonly kind: 'CERTAUTH' } | { readonly kind: 'SITE' },
  scheme: 'safkeyring' | 'safkeyringhw' | 'safkeyringhybrid' = 'safkeyring',
): string {
  const o = owner === undefined ? '' : owner.kind === 'ID' ? owner.id.toUpperCase() : owner.kind === 'CERTAUTH' ? '*AUTH*' : '*SITE*';
  return `${scheme}://${o}/*`;
}

export interface KeyStoreInit {
  readonly id: string;
  readonly location: string;
  readonly password: string | Secret;
  readonly type?: 'JCERACFKS' | 'JCECCARACFKS' | 'JCEHYBRIDRACFKS' | 'PKCS12' | 'JKS' | 'JCEKS';
  readonly fileBased?: boolean;
  readonly readOnly?: boolean;
}
/** A key store. For a SAF key ring the usual settings (type JCERACFKS, fileBased false, readOnly true) are the defaults here. */
export function keyStore(k: KeyStoreInit): XmlElement {
  const saf = /^safkeyring/i.test(k.location);
  return element('keyStore', {
    id: k.id,
    location: k.location,
    password: pw(k.password),
    type: k.type ?? (saf ? 'JCERACFKS' : undefined),
    fileBased: b(k.fileBased ?? (saf ? false : undefined)),
    readOnly: b(k.readOnly ?? (saf ? true : undefined)),
  });
}

export interface SslInit {
  readonly id: string;
  readonly keyStoreRef: string;
  readonly trustStoreRef?: string;
  readonly clientAuthenticationSupported?: boolean;
  readonly clientAuthentication?: boolean;
  readonly sslProtocol?: string;
  readonly enabledCiphers?: string;
  readonly serverKeyAlias?: string;
  readonly clientKeyAlias?: string;
}
export function ssl(s: SslInit): XmlElement {
  return element('ssl', {
    id: s.id,
    keyStoreRef: s.keyStoreRef,
    trustStoreRef: s.trustStoreRef,
    clientAuthenticationSupported: b(s.clientAuthenticationSupported),
    clientAuthentication: b(s.clientAuthentication),
    sslProtocol: s.sslProtocol,
    enabledCiphers: s.enabledCiphers,
    serverKeyAlias: s.serverKeyAlias,
    clientKeyAlias: s.clientKeyAlias,
  });
}

export function sslDefault(s: { readonly sslRef?: string; readonly outboundSSLRef?: string }): XmlElement {
  return element('sslDefault', { sslRef: s.sslRef, outboundSSLRef: s.outboundSSLRef });
}

export function safRegistry(s: { readonly id?: string; readonly realm?: string } = {}): XmlElement {
  return element('safRegistry', { id: s.id ?? 'saf', realm: s.realm });
}
export function safAuthorization(s: { readonly id?: string; readonly racRouteLog?: 'NONE' | 'ASIS' | 'NOFAIL'; readonly roleMapper?: string } = {}): XmlElement {
  return element('safAuthorization', { id: s.id ?? 'saf', racRouteLog: s.racRouteLog, roleMapper: s.roleMapper });
}
export function safCredentials(s: { readonly profilePrefix?: string; readonly unauthenticatedUser?: string } = {}): XmlElement {
  return element('safCredentials', { profilePrefix: s.profilePrefix, unauthenticatedUser: s.unauthenticatedUser });
}

export interface GroupsInit {
  readonly adminGroup?: readonly string[];
  readonly operationsGroup?: readonly string[];
  readonly invokeGroup?: readonly string[];
  readonly readerGroup?: readonly string[];
}
const groupAttrs = (g: GroupsInit): Attrs => ({
  adminGroup: list(g.adminGroup),
  operationsGroup: list(g.operationsGroup),
  invokeGroup: list(g.invokeGroup),
  readerGroup: list(g.readerGroup),
});

export interface ZosConnectManagerInit {
  readonly requireAuth?: boolean;
  readonly requireSecure?: boolean;
  readonly globalAdminGroup?: readonly string[];
  readonly globalOperationsGroup?: readonly string[];
  readonly globalInvokeGroup?: readonly string[];
  readonly globalReaderGroup?: readonly string[];
  readonly globalInterceptorsRef?: string;
}
export function zosConnectManager(m: ZosConnectManagerInit): XmlElement {
  return element('zosconnect_zosConnectManager', {
    requireAuth: b(m.requireAuth),
    requireSecure: b(m.requireSecure),
    globalInterceptorsRef: m.globalInterceptorsRef,
    globalAdminGroup: list(m.globalAdminGroup),
    globalOperationsGroup: list(m.globalOperationsGroup),
    globalInvokeGroup: list(m.globalInvokeGroup),
    globalReaderGroup: list(m.globalReaderGroup),
  });
}

export interface ApiRequesterInit extends GroupsInit {
  /** `<api>_<version>`, e.g. cscvincapi_1.0.0. */
  readonly name: string;
  readonly requireSecure?: boolean;
  readonly requireAuth?: boolean;
  readonly idAssertion?: IdAssertion;
}
export interface ApiRequestersInit extends GroupsInit {
  readonly location?: string;
  readonly idAssertion?: IdAssertion;
  readonly requireAuth?: boolean;
  readonly requireSecure?: boolean;
  readonly requesters?: readonly ApiRequesterInit[];
}
export function apiRequesters(a: ApiRequestersInit): XmlElement {
  return element(
    'zosconnect_apiRequesters',
    { location: a.location, idAssertion: a.idAssertion, requireAuth: b(a.requireAuth), requireSecure: b(a.requireSecure), ...groupAttrs(a) },
    (a.requesters ?? []).map((r) =>
      element('apiRequester', { name: r.name, requireSecure: b(r.requireSecure), requireAuth: b(r.requireAuth), idAssertion: r.idAssertion, ...groupAttrs(r) }),
    ),
  );
}

export interface EndpointConnectionInit {
  readonly id: string;
  /** With its scheme: `https://host` or `http://host`. */
  readonly host: string;
  readonly port: number;
  readonly authenticationConfigRef?: string;
  readonly sslCertsRef?: string;
  readonly connectionTimeout?: string;
  readonly receiveTimeout?: string;
}
export function endpointConnection(e: EndpointConnectionInit): XmlElement {
  return element('zosconnect_endpointConnection', {
    id: e.id,
    host: e.host,
    port: String(e.port),
    authenticationConfigRef: e.authenticationConfigRef,
    sslCertsRef: e.sslCertsRef,
    connectionTimeout: e.connectionTimeout,
    receiveTimeout: e.receiveTimeout,
  });
}

export function authData(a: { readonly id: string; readonly user: string; readonly password: string | Secret }, name: 'zosconnect_authData' | 'authData' = 'zosconnect_authData'): XmlElement {
  return element(name, { id: a.id, user: a.user, password: pw(a.password) });
}

export function services(location: string): XmlElement {
  return element('zosconnect_services', { location });
}
export function zosConnectAPIs(location: string): XmlElement {
  return element('zosconnect_zosConnectAPIs', { location });
}
export function authorizationInterceptor(id: string): XmlElement {
  return element('zosconnect_authorizationInterceptor', { id });
}
export function auditInterceptor(id: string): XmlElement {
  return element('zosconnect_auditInterceptor', { id });
}
export function zosConnectInterceptors(id: string, interceptorRef: readonly string[]): XmlElement {
  return element('zosconnect_zosConnectInterceptors', { id, interceptorRef: interceptorRef.join(',') });
}
export function cicsIpicConnection(c: { readonly id: string; readonly host: string; readonly port: number; readonly authDataRef?: string }): XmlElement {
  return element('zosconnect_cicsIpicConnection', { id: c.id, host: c.host, port: String(c.port), authDataRef: c.authDataRef });
}
export function webApplication(w: { readonly id?: string; readonly name?: string; readonly location: string; readonly contextRoot?: string }): XmlElement {
  return element('webApplication', { id: w.id, name: w.name, location: w.location, contextRoot: w.contextRoot });
}
export function application(a: { readonly id?: string; readonly name?: string; readonly location: string; readonly type?: string }): XmlElement {
  return element('application', { id: a.id, name: a.name, location: a.location, type: a.type });
}
/** Any element (for configuration this package does not model); kept verbatim. */
export function rawElement(name: string, attributes: Readonly<Record<string, string | undefined>> = {}, children: readonly XmlNode[] = []): XmlElement {
  return element(name, attributes, children);
}

/** A body item of a file: an element, a comment, or a blank line. */
export type BodyItem = XmlElement | { readonly comment: string } | 'blank';

const INDENT = '  ';
function layout(e: XmlElement, depth: number): XmlElement {
  const kids = e.children;
  if (kids.length === 0 || kids.some((k) => k.kind !== 'element')) return e;
  const pad = INDENT.repeat(depth + 1);
  const children: XmlNode[] = [];
  for (const k of kids) {
    children.push(text(`\n${pad}`));
    children.push(k.kind === 'element' ? layout(k, depth + 1) : k);
  }
  children.push(text(`\n${INDENT.repeat(depth)}`));
  return { ...e, children };
}

/** A `<server>` document with the items indented one per line. */
export function serverFile(description: string | undefined, body: readonly BodyItem[]): XmlDocument {
  const children: XmlNode[] = [];
  for (const item of body) {
    if (item === 'blank') {
      children.push(text('\n'));
      continue;
    }
    children.push(text(`\n${INDENT}`));
    children.push('comment' in item ? comment(` ${item.comment} `) : layout(item, 1));
  }
  children.push(text('\n'));
  const root = element('server', description === undefined ? {} : { description }, children);
  return {
    prolog: [{ kind: 'pi', target: 'xml', data: 'version="1.0" encoding="UTF-8"' }, text('\n')],
    root,
    epilog: [],
  };
}

/** Render a set of files (path -> document). Refuses the whole set when any file cannot be written faithfully. */
export function renderFileSet(files: ReadonlyMap<string, XmlDocument> | Readonly<Record<string, XmlDocument>>, opts: RenderOptions = {}): { value: Map<string, string> | undefined; diagnostics: Diagnostic[] } {
  const out = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  for (const [p, doc] of entries) {
    const r = renderXml(doc, p, opts);
    diagnostics.push(...r.diagnostics);
    if (r.value !== undefined) out.set(p, r.value);
  }
  return diagnostics.length > 0 ? { value: undefined, diagnostics } : { value: out, diagnostics };
}
