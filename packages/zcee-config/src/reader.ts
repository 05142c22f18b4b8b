/**
 * Reads server.xml and its includes the way Liberty does and produces the effective
 * configuration.
 *
 * - Includes are processed inline where they stand; `optional="true"` skips a missing file;
 *   `onConflict` says what happens when an element of the included file conflicts with one
 *   already read (same singleton, or same factory id): MERGE (default, attribute by attribute,
 *   last wins), REPLACE (the included element replaces the earlier one), IGNORE (the included
 *   element is dropped). Liberty docs: "Using include elements in configuration files".
 * - A relative include location is searched relative to the including file, then in
 *   ${server.config.dir}; an absolute one is used as is. Repeated slashes collapse (Java `File`).
 * - configDropins/defaults/*.xml are read before server.xml and configDropins/overrides/*.xml
 *   after it, so overrides win.
 * - Variables in an include location are those declared before the include; attribute values
 *   see every variable of the whole configuration.
 * - Merging: singletons always merge; factory elements merge when they have the same id; factory
 *   elements without id never merge ("Configuration element merging rules").
 * - Variables: `<variable value>` beats bootstrap.properties, which beats the process
 *   environment, which beats `<variable defaultValue>` (Open Liberty "Variable substitution";
 *   IBM "Using variables in configuration files"). `${env.X}` reads environment variable X; a name
 *   not found is also looked up with non-alphanumerics as `_` and in upper case.
 */
import * as path from 'node:path';
import * as t from 'io-ts';
import { type Diagnostic, diagnostic, didYouMean } from '@ztwin/core';
import { CATALOG, isSecretAttribute } from './catalog';
import { REDACTED, Secret, SecretC } from './secret';
import { type FileReader, normalizePath } from './files';
import { type XmlDocument, type XmlElement, type XmlLocation, XmlLocation as XmlLocationC, attr, childElements, parseXml, textContent } from './xml';

export type OnConflict = 'MERGE' | 'REPLACE' | 'IGNORE';

export const EffectiveAttribute = t.intersection([t.type({ raw: t.string, value: t.string, at: XmlLocationC }), t.partial({ secret: SecretC })]);
/**
 * An attribute after variable substitution; `raw` is what the file says. For a secret attribute
 * (a password) `raw` and `value` are `*****` and the resolved value is in `secret`.
 */
export type EffectiveAttribute = t.TypeOf<typeof EffectiveAttribute>;

export interface EffectiveElement {
  readonly name: string;
  readonly id: string | undefined;
  readonly attributes: Readonly<Record<string, EffectiveAttribute>>;
  readonly children: readonly EffectiveElement[];
  /** Text body (e.g. a feature name), trimmed, variables resolved. */
  readonly text: string;
  /** Every declaration that contributed, in order. */
  readonly declaredAt: readonly XmlLocation[];
}
export const EffectiveElementC: t.Type<EffectiveElement, unknown> = t.recursion<EffectiveElement, unknown>('EffectiveElement', () =>
  t.type({
    name: t.string,
    id: t.union([t.string, t.undefined]),
    attributes: t.record(t.string, EffectiveAttribute),
    children: t.readonlyArray(EffectiveElementC),
    text: t.string,
    declaredAt: t.readonlyArray(XmlLocationC),
  }),
);

export interface ConfigFile {
  readonly path: string;
  /** The file as parsed (it says what the file says, passwords included: not part of its JSON). */
  readonly document: XmlDocument;
  /** The include element that brought this file in (undefined for the root). */
  readonly includedFrom?: XmlLocation;
}

function configFile(p: string, document: XmlDocument, includedFrom: XmlLocation | undefined): ConfigFile {
  const f = includedFrom === undefined ? { path: p, document } : { path: p, document, includedFrom };
  // JSON of a read configuration lists its files but never their text (which may hold passwords)
  Object.defineProperty(f, 'toJSON', { enumerable: false, value: () => (includedFrom === undefined ? { path: p } : { path: p, includedFrom }) });
  return f;
}

export interface ReadOptions {
  /** ${server.config.dir}; defaults to the directory of the root file. */
  readonly serverConfigDir?: string;
  /** ${wlp.user.dir}; defaults to two levels above the server config dir (usr/servers/NAME). */
  readonly wlpUserDir?: string;
  /** ${shared.config.dir}; defaults to ${wlp.user.dir}/shared/config. */
  readonly sharedConfigDir?: string;
  /** Process environment (never the real one unless you pass it). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** bootstrap.properties. */
  readonly bootstrap?: Readonly<Record<string, string>>;
  /** Read ${server.config.dir}/configDropins/{defaults,overrides}/*.xml (needs `reader.list`); default true. */
  readonly configDropins?: boolean;
}

export interface ServerConfig {
  readonly root: string;
  readonly files: readonly ConfigFile[];
  /** The effective top-level elements in first-declaration order (include/variable excluded). */
  readonly elements: readonly EffectiveElement[];
  /**
   * Resolved variables (predefined and user). A variable that holds a secret (a password attribute
   * refers to it, or its name says password) shows as `*****`; the attribute's `secret` has the value.
   */
  readonly variables: Readonly<Record<string, string>>;
  readonly diagnostics: readonly Diagnostic[];
}

interface Decl {
  readonly element: XmlElement;
  readonly mode: OnConflict;
  readonly fromInclude: boolean;
}

interface VarDecl {
  readonly name: string;
  readonly value?: string;
  readonly defaultValue?: string;
}

const VAR_REF = /\$\{([^}]*)\}/g;
/** Includes nested deeper than this are not read (see load). */
const MAX_INCLUDE_DEPTH = 64;

/** Read a server configuration through `reader`, starting at `rootPath`. Never throws. */
export function readServerConfig(rootPath: string, reader: FileReader, opts: ReadOptions = {}): ServerConfig {
  const root = normalizePath(rootPath);
  const serverConfigDir = normalizePath(opts.serverConfigDir ?? path.posix.dirname(root));
  const wlpUserDir = normalizePath(opts.wlpUserDir ?? path.posix.dirname(path.posix.dirname(serverConfigDir)));
  const predefined: Record<string, string> = {
    'server.config.dir': serverConfigDir,
    'server.output.dir': serverConfigDir,
    'wlp.user.dir': wlpUserDir,
    'shared.config.dir': normalizePath(opts.sharedConfigDir ?? `${wlpUserDir}/shared/config`),
    'shared.resource.dir': normalizePath(`${wlpUserDir}/shared/resources`),
    'shared.app.dir': normalizePath(`${wlpUserDir}/shared/apps`),
    'server.name': path.posix.basename(serverConfigDir),
  };
  const env = opts.env ?? {};
  const bootstrap = opts.bootstrap ?? {};
  const diagnostics: Diagnostic[] = [];
  const files: ConfigFile[] = [];
  const decls: Decl[] = [];
  const varDecls: VarDecl[] = [];

  const lookup = (name: string): string | undefined => {
    let v: string | undefined;
    let d: string | undefined;
    for (const vd of varDecls) {
      if (vd.name !== name) continue;
      if (vd.value !== undefined) v = vd.value;
      if (vd.defaultValue !== undefined) d = vd.defaultValue;
    }
    if (v !== undefined) return v;
    if (Object.prototype.hasOwnProperty.call(bootstrap, name)) return bootstrap[name];
    if (Object.prototype.hasOwnProperty.call(predefined, name)) return predefined[name];
    const e = envLookup(env, name);
    if (e !== undefined) return e;
    return d;
  };
  const resolve = (s: string, at: XmlLocation | undefined, report: boolean): string => expand(s, lookup, at, report ? diagnostics : undefined);

  // One load reads and parses each resolved path once: a file included from many places (or
  // looked for as an include candidate, then loaded) is not read again. Each time it is loaded its
  // parse diagnostics are reported again, as before, so the result does not depend on the cache.
  const texts = new Map<string, string | undefined>();
  const readFile = (file: string): string | undefined => {
    if (texts.has(file)) return texts.get(file);
    const text = reader.read(file);
    texts.set(file, text);
    return text;
  };
  const parsedFiles = new Map<string, { readonly document: XmlDocument | undefined; readonly diagnostics: readonly Diagnostic[] }>();
  const parseFile = (file: string, text: string): { readonly document: XmlDocument | undefined; readonly diagnostics: readonly Diagnostic[] } => {
    const hit = parsedFiles.get(file);
    if (hit !== undefined) return hit;
    const parsed = parseXml(text, file);
    const r = { document: parsed.value, diagnostics: parsed.diagnostics };
    parsedFiles.set(file, r);
    return r;
  };

  const load = (file: string, mode: OnConflict, includedFrom: XmlLocation | undefined, stack: readonly string[]): void => {
    if (stack.length - 1 > MAX_INCLUDE_DEPTH) {
      // reading goes one call deeper per level: a generated chain thousands deep would end in a RangeError
      diagnostics.push(
        diagnostic({ code: 'ZCEE_INCLUDE_CYCLE', message: `include of '${file}' is nested more than ${MAX_INCLUDE_DEPTH} deep; it is not read` }, includedFrom ?? { source: file }),
      );
      return;
    }
    const text = readFile(file);
    if (text === undefined) return; // caller reports
    const parsed = parseFile(file, text);
    diagnostics.push(...parsed.diagnostics);
    const doc = parsed.document;
    if (doc === undefined) return;
    files.push(configFile(file, doc, includedFrom));
    if (doc.root.name !== 'server') {
      diagnostics.push(
        diagnostic({ code: 'ZCEE_ROOT_ELEMENT', message: `the root element must be <server>, not <${doc.root.name}>; Liberty ignores this file` }, doc.root.at ?? { source: file }),
      );
      return;
    }
    for (const el of childElements(doc.root)) {
      if (el.name === 'include' || el.name === 'variable') checkSpecialAttributes(el, diagnostics);
      if (el.name === 'include') {
        include(el, file, stack);
        continue;
      }
      if (el.name === 'variable') {
        const name = attr(el, 'name');
        if (name === undefined || name === '') {
          diagnostics.push(diagnostic({ code: 'ZCEE_VARIABLE_NAME', message: '<variable> has no name' }, el.at ?? { source: file }));
          continue;
        }
        const value = attr(el, 'value');
        const defaultValue = attr(el, 'defaultValue');
        if (value === undefined && defaultValue === undefined)
          diagnostics.push(diagnostic({ code: 'ZCEE_VARIABLE_VALUE', severity: 'warning', message: `variable '${name}' has neither value nor defaultValue` }, el.at ?? { source: file }));
        varDecls.push({ name, ...(value === undefined ? {} : { value }), ...(defaultValue === undefined ? {} : { defaultValue }) });
        continue;
      }
      decls.push({ element: el, mode, fromInclude: includedFrom !== undefined });
    }
  };

  const include = (el: XmlElement, parent: string, stack: readonly string[]): void => {
    const at = el.at ?? { source: parent, line: 1, column: 1 };
    const rawLoc = attr(el, 'location');
    if (rawLoc === undefined || rawLoc.trim() === '') {
      diagnostics.push(diagnostic({ code: 'ZCEE_INCLUDE_LOCATION', message: '<include> has no location' }, at));
      return;
    }
    const optional = (attr(el, 'optional') ?? 'false').trim().toLowerCase() === 'true';
    const oc = (attr(el, 'onConflict') ?? 'MERGE').trim().toUpperCase();
    const mode: OnConflict = oc === 'REPLACE' || oc === 'IGNORE' ? oc : 'MERGE';
    const loc = resolve(rawLoc.trim(), at, true);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(loc) && !loc.toLowerCase().startsWith('file:')) {
      diagnostics.push(
        diagnostic({ code: 'ZCEE_INCLUDE_URL', severity: 'warning', message: `include location '${loc}' is a URL; it is not read by this checker, so its content is not validated` }, at),
      );
      return;
    }
    const plain = loc.toLowerCase().startsWith('file:') ? loc.replace(/^file:(\/\/)?/i, '') : loc;
    const candidates = path.posix.isAbsolute(plain) || plain.startsWith('/')
      ? [normalizePath(plain)]
      : [normalizePath(path.posix.join(path.posix.dirname(parent), plain)), normalizePath(path.posix.join(serverConfigDir, plain))];
    // A location ending in '/' names a directory: its .xml files are included in alphabetical
    // order (Open Liberty "Include configuration files from a directory").
    if (plain.endsWith('/') && reader.list !== undefined) {
      const list = reader.list;
      const dir = candidates.find((c) => list(c).length > 0);
      if (dir !== undefined) {
        for (const n of list(dir).filter((x) => x.toLowerCase().endsWith('.xml')).sort()) {
          const f = normalizePath(`${dir}/${n}`);
          if (stack.includes(f)) diagnostics.push(diagnostic({ code: 'ZCEE_INCLUDE_CYCLE', message: `include of '${f}' forms a cycle` }, at));
          else load(f, mode, at, [...stack, f]);
        }
        return;
      }
    }
    const found = candidates.find((c) => readFile(c) !== undefined);
    if (found === undefined) {
      if (optional) {
        diagnostics.push(diagnostic({ code: 'ZCEE_INCLUDE_OPTIONAL_MISSING', severity: 'info', message: `optional include '${rawLoc}' not found (looked for ${candidates.join(', ')}); skipped` }, at));
        return;
      }
      const want = candidates[0] ?? plain;
      const dir = path.posix.dirname(want);
      const near = reader.list === undefined ? undefined : didYouMean(path.posix.basename(want), reader.list(dir));
      diagnostics.push(
        diagnostic(
          {
            code: 'ZCEE_INCLUDE_NOT_FOUND',
            message: `include file '${want}' does not exist; Liberty reports CWWKG0090E and none of its configuration applies`,
            ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
          },
          at,
        ),
      );
      return;
    }
    if (stack.includes(found)) {
      diagnostics.push(diagnostic({ code: 'ZCEE_INCLUDE_CYCLE', message: `include of '${found}' forms a cycle (${[...stack, found].join(' -> ')})` }, at));
      return;
    }
    load(found, mode, at, [...stack, found]);
  };

  // configDropins: defaults before server.xml, overrides after, each directory in alphabetical
  // order of the lower-cased names (Liberty "Using the configuration dropins folder").
  const dropins = (kind: 'defaults' | 'overrides'): string[] => {
    if (opts.configDropins === false || reader.list === undefined) return [];
    const dir = `${serverConfigDir}/configDropins/${kind}`;
    return reader
      .list(dir)
      .filter((n) => n.toLowerCase().endsWith('.xml'))
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
      .map((n) => normalizePath(`${dir}/${n}`));
  };
  for (const f of dropins('defaults')) load(f, 'MERGE', undefined, [f]);
  if (readFile(root) === undefined) {
    diagnostics.push(diagnostic({ code: 'ZCEE_SERVER_XML_NOT_FOUND', message: `server configuration '${root}' does not exist` }, { source: root }));
  } else load(root, 'MERGE', undefined, [root]);
  for (const f of dropins('overrides')) load(f, 'MERGE', undefined, [f]);

  // -- merge
  const merged = new Map<string, EffectiveElement>();
  const order: string[] = [];
  let anon = 0;
  for (const d of decls) {
    const el = d.element;
    const spec = CATALOG[el.name];
    const rawId = attr(el, 'id');
    const id = rawId === undefined ? undefined : resolve(rawId, el.at, false);
    const key = spec?.shape === 'singleton' ? el.name : id === undefined ? `${el.name}#\u0000${anon++}` : `${el.name}#${id}`;
    const fresh = toEffective(el, resolve);
    const prev = merged.get(key);
    if (prev === undefined) {
      merged.set(key, fresh);
      order.push(key);
      continue;
    }
    if (d.fromInclude && d.mode === 'IGNORE') continue;
    if (d.fromInclude && d.mode === 'REPLACE') {
      merged.set(key, { ...fresh, declaredAt: [...prev.declaredAt, ...fresh.declaredAt] });
      continue;
    }
    if (spec?.shape !== 'singleton' && id !== undefined) {
      const first = prev.declaredAt[0];
      const conflicts = Object.keys(fresh.attributes).filter((k) => k !== 'id' && prev.attributes[k] !== undefined && prev.attributes[k]?.value !== fresh.attributes[k]?.value);
      diagnostics.push(
        diagnostic(
          {
            code: 'ZCEE_DUPLICATE_ID',
            severity: 'warning',
            message:
              `<${el.name} id="${id}"> is also defined at ${first === undefined ? '?' : `${first.source}:${first.line}`}; Liberty merges the two, last value wins` +
              (conflicts.length > 0 ? ` (${conflicts.join(', ')} differ)` : ''),
          },
          el.at ?? { source: root },
        ),
      );
    }
    merged.set(key, mergeInto(prev, fresh));
  }
  const elements = order.map((k) => merged.get(k)).filter((e): e is EffectiveElement => e !== undefined);

  // A variable that a password attribute refers to (directly or through other variables), or
  // whose name says password (Liberty's own keystore_password), holds a secret: it lists as *****.
  const secretVars = new Set<string>();
  const markRefs = (raw: string): void => {
    for (const m of raw.matchAll(VAR_REF)) {
      const name = (m[1] ?? '').trim();
      if (secretVars.has(name)) continue;
      secretVars.add(name);
      for (const vd of varDecls) if (vd.name === name) for (const v of [vd.value, vd.defaultValue]) if (v !== undefined) markRefs(v);
    }
  };
  const markSecretAttributes = (el: XmlElement): void => {
    for (const a of el.attributes) if (isSecretAttribute(el.name, a.name)) markRefs(a.value);
    for (const c of childElements(el)) markSecretAttributes(c);
  };
  for (const d of decls) markSecretAttributes(d.element);
  for (const vd of varDecls) if (/passw(or)?d|pwd/i.test(vd.name)) markRefs(`\${${vd.name}}`);

  const variables: Record<string, string> = { ...predefined };
  for (const vd of varDecls) {
    const v = lookup(vd.name);
    if (v !== undefined) variables[vd.name] = secretVars.has(vd.name) ? REDACTED : resolve(v, undefined, false);
  }
  return { root, files, elements, variables, diagnostics };
}

function toEffective(el: XmlElement, resolve: (s: string, at: XmlLocation | undefined, report: boolean) => string): EffectiveElement {
  const at = el.at ?? { source: '<built>', line: 1, column: 1 };
  const attributes: Record<string, EffectiveAttribute> = {};
  for (const a of el.attributes) {
    const aat = a.at ?? at;
    const value = resolve(a.value, aat, true);
    attributes[a.name] = isSecretAttribute(el.name, a.name) ? { raw: REDACTED, value: REDACTED, at: aat, secret: new Secret(value) } : { raw: a.value, value, at: aat };
  }
  const idAttr = attributes['id'];
  return {
    name: el.name,
    id: idAttr?.value,
    attributes,
    children: childElements(el).map((c) => toEffective(c, resolve)),
    text: resolve(textContent(el).trim(), at, true),
    declaredAt: [at],
  };
}

/** Merge `b` into `a`: attributes last wins; children appended, nested keyed children merged. */
function mergeInto(a: EffectiveElement, b: EffectiveElement): EffectiveElement {
  const children: EffectiveElement[] = [...a.children];
  for (const c of b.children) {
    const key = nestedKey(c);
    const i = key === undefined ? -1 : children.findIndex((x) => x.name === c.name && nestedKey(x) === key);
    const existing = i < 0 ? undefined : children[i];
    if (existing === undefined || i < 0) children.push(c);
    else children[i] = mergeInto(existing, c);
  }
  return {
    name: a.name,
    id: b.id ?? a.id,
    attributes: { ...a.attributes, ...b.attributes },
    children,
    text: b.text !== '' ? b.text : a.text,
    declaredAt: [...a.declaredAt, ...b.declaredAt],
  };
}

function nestedKey(e: EffectiveElement): string | undefined {
  if (e.name === 'feature') return e.text.toLowerCase();
  for (const k of ['id', 'name']) {
    const v = e.attributes[k];
    if (v !== undefined) return v.value;
  }
  return undefined;
}

function envLookup(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  if (name.startsWith('env.')) return env[name.slice(4)];
  const tries = [name, name.replace(/[^A-Za-z0-9]/g, '_'), name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()];
  for (const n of tries) {
    const v = env[n];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Above this many characters a variable's expansion stops (`${a}` written ten times in ten levels would be 10^10). */
const MAX_EXPANSION = 1_000_000;

/**
 * Replace `${name}` references. Unknown names stay as written (Liberty does the same) and are
 * reported as a warning when `out` is given. Nested references in values are expanded; a variable
 * met again inside its own expansion is a cycle and stays as written, and the expansion of one
 * value is bounded (MAX_EXPANSION characters), so a blow-up ends in a diagnostic.
 */
function expand(
  s: string,
  lookup: (n: string) => string | undefined,
  at: XmlLocation | undefined,
  out: Diagnostic[] | undefined,
  stack: readonly string[] = [],
  budget: { left: number; reported: boolean } = { left: MAX_EXPANSION, reported: false },
): string {
  if (!s.includes('${')) return s;
  return s.replace(VAR_REF, (whole, nameRaw: string) => {
    const name = nameRaw.trim();
    const v = lookup(name);
    if (v === undefined) {
      if (out !== undefined && at !== undefined)
        out.push(diagnostic({ code: 'ZCEE_VARIABLE_UNDEFINED', severity: 'warning', message: `variable \${${name}} is not defined; Liberty uses the text '${whole}' as is` }, at));
      return whole;
    }
    if (stack.includes(name)) {
      if (out !== undefined && at !== undefined) out.push(diagnostic({ code: 'ZCEE_VARIABLE_CYCLE', message: `variable \${${name}} refers to itself` }, at));
      return whole;
    }
    const e = budget.left < 0 ? whole : expand(v, lookup, at, out, [...stack, name], budget);
    budget.left -= e.length;
    if (budget.left >= 0) return e;
    if (!budget.reported && out !== undefined && at !== undefined)
      out.push(diagnostic({ code: 'ZCEE_VARIABLE_CYCLE', message: `variable \${${name}} expands to more than ${MAX_EXPANSION} characters; it is left as written` }, at));
    budget.reported = true;
    return whole;
  });
}

/** include and variable are not merged like other elements; their attributes are checked here. */
function checkSpecialAttributes(el: XmlElement, out: Diagnostic[]): void {
  const spec = CATALOG[el.name];
  if (spec === undefined) return;
  for (const a of el.attributes) {
    const at = a.at ?? el.at ?? { source: '<unknown>', line: 1, column: 1 };
    const as = spec.attributes[a.name];
    if (as === undefined) {
      const near = didYouMean(a.name, Object.keys(spec.attributes));
      out.push(
        diagnostic(
          {
            code: 'ZCEE_UNKNOWN_ATTRIBUTE',
            severity: near === undefined ? 'warning' : 'error',
            message: `<${el.name}> has no attribute '${a.name}'; Liberty ignores it`,
            ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
          },
          at,
        ),
      );
      continue;
    }
    const ty = as.type;
    if (ty.kind === 'boolean' && !/^\s*(true|false)\s*$/i.test(a.value))
      out.push(diagnostic({ code: 'ZCEE_ATTRIBUTE_VALUE', message: `${el.name}/@${a.name} must be true or false, not '${a.value}'` }, at));
    if (ty.kind === 'enum' && !ty.values.some((v) => v.toUpperCase() === a.value.trim().toUpperCase()))
      out.push(diagnostic({ code: 'ZCEE_ATTRIBUTE_VALUE', message: `${el.name}/@${a.name} '${a.value}' is not one of ${ty.values.join(', ')}; Liberty uses ${as.default ?? 'the default'}` }, at));
  }
}
