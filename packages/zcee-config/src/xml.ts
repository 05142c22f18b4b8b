/**
 * A small, lossless-enough XML tree for Liberty configuration files: elements with ordered
 * attributes, text (whitespace and blank lines kept), comments, processing instructions and CDATA.
 * Parsing goes through @xmldom/xmldom (its locator gives line/column); rendering is ours, with
 * escaping that no value can break.
 *
 * DOCTYPE declarations and entity references are never resolved: Liberty's own parser refuses
 * DTDs, and an external entity (XXE) must not be able to pull a file into the model.
 */
import { DOMParser } from '@xmldom/xmldom';
import * as t from 'io-ts';
import { type Diagnostic, diagnostic } from '@ztwin/core';

/** Where a node starts in its file (1-based line/column). */
export const XmlLocation = t.type({ source: t.string, line: t.number, column: t.number });
export type XmlLocation = t.TypeOf<typeof XmlLocation>;

export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
  readonly at?: XmlLocation;
}
export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
  readonly at?: XmlLocation;
}
export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
  readonly at?: XmlLocation;
}
export interface XmlComment {
  readonly kind: 'comment';
  readonly text: string;
  readonly at?: XmlLocation;
}
export interface XmlCData {
  readonly kind: 'cdata';
  readonly text: string;
  readonly at?: XmlLocation;
}
export interface XmlProcessingInstruction {
  readonly kind: 'pi';
  readonly target: string;
  readonly data: string;
  readonly at?: XmlLocation;
}
export type XmlNode = XmlElement | XmlText | XmlComment | XmlCData | XmlProcessingInstruction;

/** A parsed file: what comes before the root (declaration, comments), the root, and what follows. */
export interface XmlDocument {
  readonly prolog: readonly XmlNode[];
  readonly root: XmlElement;
  readonly epilog: readonly XmlNode[];
}

const XmlAttributeC = t.intersection([t.type({ name: t.string, value: t.string }), t.partial({ at: XmlLocation })]);
export const XmlNodeC: t.Type<XmlNode> = t.recursion('XmlNode', () =>
  t.union([
    t.intersection([
      t.type({ kind: t.literal('element'), name: t.string, attributes: t.readonlyArray(XmlAttributeC), children: t.readonlyArray(XmlNodeC) }),
      t.partial({ at: XmlLocation }),
    ]),
    t.intersection([t.type({ kind: t.literal('text'), text: t.string }), t.partial({ at: XmlLocation })]),
    t.intersection([t.type({ kind: t.literal('comment'), text: t.string }), t.partial({ at: XmlLocation })]),
    t.intersection([t.type({ kind: t.literal('cdata'), text: t.string }), t.partial({ at: XmlLocation })]),
    t.intersection([t.type({ kind: t.literal('pi'), target: t.string, data: t.string }), t.partial({ at: XmlLocation })]),
  ]),
);
const XmlElementC = t.intersection([
  t.type({ kind: t.literal('element'), name: t.string, attributes: t.readonlyArray(XmlAttributeC), children: t.readonlyArray(XmlNodeC) }),
  t.partial({ at: XmlLocation }),
]);
/** io-ts codec for a parsed document. */
export const XmlDocumentC = t.type({ prolog: t.readonlyArray(XmlNodeC), root: XmlElementC, epilog: t.readonlyArray(XmlNodeC) });

export function element(name: string, attributes: Readonly<Record<string, string | undefined>> = {}, children: readonly XmlNode[] = []): XmlElement {
  const attrs: XmlAttribute[] = [];
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) attrs.push({ name: k, value: v });
  return { kind: 'element', name, attributes: attrs, children };
}
export const text = (s: string): XmlText => ({ kind: 'text', text: s });
export const comment = (s: string): XmlComment => ({ kind: 'comment', text: s });

/** The value of an attribute (first occurrence), or undefined. */
export function attr(e: XmlElement, name: string): string | undefined {
  for (const a of e.attributes) if (a.name === name) return a.value;
  return undefined;
}
export function childElements(e: XmlElement): XmlElement[] {
  return e.children.filter((c): c is XmlElement => c.kind === 'element');
}
/** Concatenated text content (text and CDATA children, not descendants). */
export function textContent(e: XmlElement): string {
  return e.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : '')).join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Minimal view of the xmldom nodes we walk (its typings are DOM-lib based; we avoid `any`). */
interface DomNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly firstChild: DomNodeLike | null;
  readonly nextSibling: DomNodeLike | null;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
  readonly attributes?: { readonly length: number; item(i: number): DomAttrLike | null };
  readonly target?: string;
  readonly data?: string;
}
interface DomAttrLike {
  readonly name: string;
  readonly value: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
}

export interface ParseXmlResult {
  readonly value: XmlDocument | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parse a configuration file. Never throws. CRLF line ends are accepted (XML normalises them to
 * LF). Any DOCTYPE is reported (ZCEE_XML_DOCTYPE) and its entities are not expanded.
 */
export function parseXml(input: string, source: string): ParseXmlResult {
  const diagnostics: Diagnostic[] = [];
  const loc = (line: number | undefined, column: number | undefined): XmlLocation => ({
    source,
    line: line !== undefined && line > 0 ? line : 1,
    column: column !== undefined && column > 0 ? column : 1,
  });
  const bad = firstIllegalChar(input);
  if (bad !== undefined) {
    const before = input.slice(0, bad);
    const line = before.split('\n').length;
    const column = bad - before.lastIndexOf('\n');
    diagnostics.push(
      diagnostic(
        {
          code: 'ZCEE_XML_CHAR',
          message: `character U+${(input.codePointAt(bad) ?? 0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML; Liberty cannot read this file`,
        },
        { source, line, column },
      ),
    );
    return { value: undefined, diagnostics };
  }
  let doc: DomNodeLike | undefined;
  try {
    const parser = new DOMParser({
      locator: true,
      onError: (level, message, ctx: unknown) => {
        const l = locatorOf(ctx);
        const raw = String(message).replace(/\s*\n?@#\[line:.*$/s, '');
        const unquoted = unquotedValueMessage(raw);
        // xmldom only warns and keeps the value; Liberty's XML parser stops at an unquoted value
        const severity = level === 'warning' && unquoted === undefined ? 'warning' : 'error';
        const text = unquoted ?? raw;
        diagnostics.push(diagnostic({ code: entityMessage(text) ? 'ZCEE_XML_ENTITY' : 'ZCEE_XML_SYNTAX', severity, message: entityMessage(text) ? `${text} (entities are never expanded)` : text }, loc(l.line, l.column)));
      },
    });
    doc = parser.parseFromString(input, 'text/xml') as unknown as DomNodeLike;
  } catch {
    // fatal errors were already reported through onError
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push(diagnostic({ code: 'ZCEE_XML_SYNTAX', message: 'not well-formed XML' }, { source }));
    return { value: undefined, diagnostics };
  }
  const deep = nestedTooDeep(doc);
  if (deep !== undefined) {
    diagnostics.push(
      diagnostic({ code: 'ZCEE_XML_SYNTAX', message: `elements are nested more than ${MAX_XML_DEPTH} deep; this is not a Liberty configuration` }, loc(deep.lineNumber, deep.columnNumber)),
    );
    return { value: undefined, diagnostics };
  }
  const prolog: XmlNode[] = [];
  const epilog: XmlNode[] = [];
  let root: XmlElement | undefined;
  for (let n = doc.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === 10) {
      diagnostics.push(
        diagnostic(
          {
            code: 'ZCEE_XML_DOCTYPE',
            severity: 'warning',
            message: 'DOCTYPE declarations do not belong in Liberty configuration; it is ignored here and its entities are never expanded',
          },
          loc(n.lineNumber, n.columnNumber),
        ),
      );
      continue;
    }
    const conv = convert(n, loc);
    if (conv === undefined) continue;
    if (conv.kind === 'element') root = conv;
    else (root === undefined ? prolog : epilog).push(conv);
  }
  if (root === undefined) {
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push(diagnostic({ code: 'ZCEE_XML_SYNTAX', message: 'missing root element' }, { source }));
    return { value: undefined, diagnostics };
  }
  return { value: { prolog, root, epilog }, diagnostics };
}

/**
 * xmldom's message for an unquoted attribute value (`attribute "VALUE" missed quot(")!`) echoes the
 * value, which may be a password: say what is wrong without it.
 */
function unquotedValueMessage(m: string): string | undefined {
  return /^attribute "[\s\S]*" missed quot\(/.test(m) ? 'an attribute value is not in quotes (XML needs "..." or \'...\')' : undefined;
}

function entityMessage(m: string): boolean {
  return /entity/i.test(m);
}

function locatorOf(ctx: unknown): { line?: number; column?: number } {
  if (typeof ctx !== 'object' || ctx === null || !('locator' in ctx)) return {};
  const l: unknown = ctx.locator;
  if (typeof l !== 'object' || l === null) return {};
  const line = 'lineNumber' in l && typeof l.lineNumber === 'number' ? l.lineNumber : undefined;
  const column = 'columnNumber' in l && typeof l.columnNumber === 'number' ? l.columnNumber : undefined;
  return { line, column };
}

/**
 * Element nesting deeper than this is refused: server.xml is a few levels deep, and the readers
 * after the parser recurse once per level (thousands of levels ended in a RangeError).
 */
const MAX_XML_DEPTH = 256;

/** The first node deeper than MAX_XML_DEPTH, found without recursion. */
function nestedTooDeep(doc: DomNodeLike): DomNodeLike | undefined {
  const todo: Array<readonly [DomNodeLike, number]> = [];
  for (let n = doc.firstChild; n !== null; n = n.nextSibling) todo.push([n, 1]);
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    const [n, depth] = item;
    if (depth > MAX_XML_DEPTH) return n;
    for (let c = n.firstChild; c !== null; c = c.nextSibling) todo.push([c, depth + 1]);
  }
  return undefined;
}

function convert(n: DomNodeLike, loc: (l: number | undefined, c: number | undefined) => XmlLocation): XmlNode | undefined {
  const at = loc(n.lineNumber, n.columnNumber);
  switch (n.nodeType) {
    case 1: {
      const attributes: XmlAttribute[] = [];
      const as = n.attributes;
      if (as !== undefined)
        for (let i = 0; i < as.length; i++) {
          const a = as.item(i);
          if (a !== null) attributes.push({ name: a.name, value: a.value, at: loc(a.lineNumber ?? n.lineNumber, a.columnNumber ?? n.columnNumber) });
        }
      const children: XmlNode[] = [];
      for (let c = n.firstChild; c !== null; c = c.nextSibling) {
        const cc = convert(c, loc);
        if (cc !== undefined) children.push(cc);
      }
      return { kind: 'element', name: n.nodeName, attributes, children, at };
    }
    case 3:
      return { kind: 'text', text: n.nodeValue ?? '', at };
    case 4:
      return { kind: 'cdata', text: n.nodeValue ?? '', at };
    case 7:
      return { kind: 'pi', target: n.target ?? n.nodeName, data: n.data ?? n.nodeValue ?? '', at };
    case 8:
      return { kind: 'comment', text: n.nodeValue ?? '', at };
    case 5: // entity reference: kept as literal text, never expanded
      return { kind: 'text', text: `&${n.nodeName};`, at };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** Index of the first character XML 1.0 cannot carry (even as a character reference), if any. */
export function firstIllegalChar(s: string): number | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 0x20 || c === 0xfffe || c === 0xffff) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return undefined;
}

/**
 * Escape an attribute value for a double-quoted attribute. `&`, `<`, `>` and `"` become entity
 * references; tab, CR and LF become character references, because an XML parser replaces a
 * literal one with a space (attribute-value normalisation) and the value would read back changed.
 * `${...}` is left as written: it is Liberty's variable syntax and is meant to be expanded.
 */
export function escapeAttribute(v: string): string {
  return v.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}
/** Escape character data (element text). CR is referenced so that it is not turned into LF. */
export function escapeText(v: string): string {
  return v.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;

export interface RenderOptions {
  /** Line end for the file; text nodes keep their own newlines, which are converted. Default LF. */
  readonly eol?: '\n' | '\r\n';
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` when the document has no declaration. Default true. */
  readonly declaration?: boolean;
}

/**
 * Render a document. Refuses (diagnostics, no text) anything that would not read back as the
 * same tree: characters XML cannot carry, bad names, `--` in comments, `]]>` in CDATA, `?>` in a PI.
 */
export function renderXml(doc: XmlDocument, source: string, opts: RenderOptions = {}): { value: string | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: string[] = [];
  const refuse = (message: string, at: XmlLocation | undefined): void => {
    diagnostics.push(diagnostic({ code: 'ZCEE_XML_RENDER', message }, at ?? { source }));
  };
  const chars = (s: string, what: string, at: XmlLocation | undefined): boolean => {
    const i = firstIllegalChar(s);
    if (i === undefined) return true;
    refuse(`${what} contains U+${(s.codePointAt(i) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`, at);
    return false;
  };
  const node = (n: XmlNode, depth: number): void => {
    switch (n.kind) {
      case 'element': {
        // parseXml refuses what is nested deeper (and this recursion would end in a RangeError)
        if (depth > MAX_XML_DEPTH) {
          refuse(`elements are nested more than ${MAX_XML_DEPTH} deep`, n.at);
          return;
        }
        if (!NAME.test(n.name)) refuse(`'${n.name}' is not an XML element name`, n.at);
        out.push('<', n.name);
        const seen = new Set<string>();
        for (const a of n.attributes) {
          if (!NAME.test(a.name)) refuse(`'${a.name}' is not an XML attribute name`, a.at ?? n.at);
          if (seen.has(a.name)) refuse(`attribute '${a.name}' appears twice on <${n.name}>`, a.at ?? n.at);
          seen.add(a.name);
          if (chars(a.value, `attribute ${n.name}/@${a.name}`, a.at ?? n.at)) out.push(' ', a.name, '="', escapeAttribute(a.value), '"');
        }
        if (n.children.length === 0) out.push('/>');
        else {
          out.push('>');
          for (const c of n.children) node(c, depth + 1);
          out.push('</', n.name, '>');
        }
        return;
      }
      case 'text':
        if (chars(n.text, 'text', n.at)) out.push(escapeText(n.text));
        return;
      case 'comment':
        if (n.text.includes('--') || n.text.endsWith('-')) refuse("a comment cannot contain '--' or end with '-'", n.at);
        else if (n.text.includes('\r')) refuse('a comment cannot keep a carriage return (XML turns it into a line feed)', n.at);
        else if (chars(n.text, 'comment', n.at)) out.push('<!--', n.text, '-->');
        return;
      case 'cdata':
        if (n.text.includes(']]>') || n.text.includes('\r')) refuse("CDATA cannot contain ']]>' or a carriage return", n.at);
        else if (chars(n.text, 'CDATA', n.at)) out.push('<![CDATA[', n.text, ']]>');
        return;
      case 'pi':
        if (!NAME.test(n.target) || n.data.includes('?>') || n.data.includes('\r')) refuse(`processing instruction '${n.target}' cannot be written`, n.at);
        else out.push('<?', n.target, n.data === '' ? '' : ' ', n.data, '?>');
        return;
    }
  };
  const hasDecl = doc.prolog.some((n) => n.kind === 'pi' && n.target === 'xml');
  if (!hasDecl && opts.declaration !== false) out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  for (const n of doc.prolog) node(n, 1);
  node(doc.root, 1);
  for (const n of doc.epilog) node(n, 1);
  if (diagnostics.length > 0) return { value: undefined, diagnostics };
  let s = out.join('');
  if (!s.endsWith('\n')) s += '\n';
  if (opts.eol === '\r\n') s = s.replace(/\n/g, '\r\n');
  return { value: s, diagnostics };
}

/**
 * Strip locations and merge adjacent text nodes (a parser always delivers them merged), for
 * comparing trees read from different texts.
 */
export function withoutLocations<N extends XmlNode>(n: N): N {
  switch (n.kind) {
    case 'element': {
      const children: XmlNode[] = [];
      for (const c of n.children.map(withoutLocations)) {
        const last = children[children.length - 1];
        if (c.kind === 'text' && c.text === '') continue;
        if (c.kind === 'text' && last !== undefined && last.kind === 'text') children[children.length - 1] = { kind: 'text', text: last.text + c.text };
        else children.push(c);
      }
      const e: XmlElement = { kind: 'element', name: n.name, attributes: n.attributes.map((a) => ({ name: a.name, value: a.value })), children };
      return e as N;
    }
    case 'pi':
      return { kind: 'pi', target: n.target, data: n.data } as N;
    default:
      return { kind: n.kind, text: n.text } as N;
  }
}
