import { fc, test as prop } from '@fast-check/jest';
import {
  checkServerConfig,
  element,
  escapeAttribute,
  firstIllegalChar,
  keyStore,
  parseXml,
  renderXml,
  serverFile,
  text,
  withoutLocations,
  comment,
  type XmlDocument,
  type XmlNode,
} from '@ztwin/zcee-config';

const doc = (root: ReturnType<typeof element>): XmlDocument => ({ prolog: [], root, epilog: [] });

/** Strings XML can carry (no C0 controls but tab/CR/LF, no lone surrogates, no U+FFFE/FFFF). */
const xmlString = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => firstIllegalChar(s) === undefined);
const nasty = fc.oneof(
  xmlString,
  fc.constantFrom('a"b', "it's", '&amp;', 'x < y > z', '${server.config.dir}', 'line1\nline2', 'tab\there', 'cr\r\nlf', ']]>', '--', '"\'<&>'),
);

describe('parseXml', () => {
  test('keeps comments, blank lines and ${...} text; CRLF reads the same as LF', () => {
    const src = '<?xml version="1.0"?>\r\n<server>\r\n  <!-- keep me -->\r\n\r\n  <keyStore id="k" location="${server.config.dir}/k.p12"/>\r\n</server>\r\n';
    const crlf = parseXml(src, 'a.xml');
    const lf = parseXml(src.replace(/\r\n/g, '\n'), 'a.xml');
    expect(crlf.diagnostics).toEqual([]);
    expect(lf.diagnostics).toEqual([]);
    if (crlf.value === undefined || lf.value === undefined) throw new Error('the CRLF or LF text did not parse');
    expect(withoutLocations(crlf.value.root)).toEqual(withoutLocations(lf.value.root));
    expect(crlf.value.root.children).toContainEqual(expect.objectContaining({ kind: 'comment', text: ' keep me ' }));
    expect(crlf.value.root.children).toContainEqual(expect.objectContaining({ kind: 'text', text: '\n\n  ' }));
    const ks = crlf.value.root.children.find((c) => c.kind === 'element');
    expect(ks).toMatchObject({ name: 'keyStore', at: { source: 'a.xml', line: 5, column: 3 } });
    // rendering again keeps the comment and the blank line
    const again = renderXml(crlf.value, 'a.xml');
    expect(again.value).toContain('<!-- keep me -->\n\n  <keyStore');
  });

  test('an XXE attempt yields a diagnostic, never the file contents', () => {
    const src = '<?xml version="1.0"?>\n<!DOCTYPE server [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<server><variable name="x" value="&xxe;"/>&xxe;</server>';
    const r = parseXml(src, 'evil.xml');
    expect(r.diagnostics.map((d) => d.code)).toContain('ZCEE_XML_DOCTYPE');
    expect(r.diagnostics.find((d) => d.code === 'ZCEE_XML_DOCTYPE')).toMatchObject({ line: 2, severity: 'warning' });
    // each use of the entity is an error: it is not expanded
    expect(r.diagnostics.filter((d) => d.code === 'ZCEE_XML_ENTITY').map((d) => [d.severity, d.line])).toEqual([
      ['error', 3],
      ['error', 3],
    ]);
    expect(JSON.stringify(r.value)).not.toMatch(/root:/);
  });

  test('malformed XML gives diagnostics with a position', () => {
    const r = parseXml('<server>\n  <keyStore id="a">\n</server>', 'bad.xml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'ZCEE_XML_SYNTAX', severity: 'error', source: 'bad.xml' });
    expect(parseXml('', 'e.xml').diagnostics[0]?.code).toBe('ZCEE_XML_SYNTAX');
    expect(parseXml('<server>\u0001</server>', 'c.xml').diagnostics[0]).toMatchObject({ code: 'ZCEE_XML_CHAR', line: 1, column: 9 });
  });

  test('elements nested thousands deep are one diagnostic, not a stack overflow (here or in the reader)', () => {
    const nest = (n: number): string => `<server>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</server>`;
    const deep = parseXml(nest(20000), 'deep.xml');
    expect(deep.value).toBeUndefined();
    expect(deep.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_XML_SYNTAX', source: 'deep.xml', line: 1, column: 1 + 8 + 3 * 255 })]);
    expect(checkServerConfig({ files: { 'server.xml': nest(2000) } }).diagnostics.map((d) => d.code)).toEqual(['ZCEE_XML_SYNTAX']);
    // the first element too deep is the 256th <a> (server is level 1); 256 levels still read
    expect(parseXml(nest(255), 'ok.xml').diagnostics).toEqual([]);
  });

  test('an unquoted attribute value is an error that does not repeat the value (it may be a password)', () => {
    const r = parseXml('<server>\n  <authData id="a" user="U" password=S3CRETPW/>\n</server>', 'pw.xml');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_XML_SYNTAX', severity: 'error', source: 'pw.xml', line: 2 })]);
    expect(JSON.stringify(r.diagnostics)).not.toContain('S3CRETPW');
  });

  prop.prop([fc.stringMatching(/^[A-Za-z0-9#$@!%*]{0,16}$/).map((s) => `Pw7${s}`), fc.constantFrom(' ', '/', '\n')])('no diagnostic repeats an unquoted password', (pw, after) => {
    const r = parseXml(`<server><keyStore id="k" password=${pw}${after}/></server>`, 'k.xml');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    for (const d of r.diagnostics) expect(d.message).not.toContain(pw);
  });

  prop.prop([fc.string({ unit: 'binary', maxLength: 300 })])('never throws on arbitrary text; diagnostics point inside the input', (s) => {
    const r = parseXml(s, 'f.xml');
    const lines = s.split('\n').length;
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
    }
  });

  prop.prop([fc.array(fc.constantFrom('<server>', '</server>', '<a x="1">', '</a>', '<!--c-->', '&amp;', '&x;', '<!DOCTYPE s>', '"', '\r\n', '\n', ' ', 'text', '<?pi x?>', '<![CDATA[d]]>', '<b\ny="2"/>'), { maxLength: 30 })])(
    'never throws on XML-ish fragments; every node location is inside the input',
    (parts) => {
      const s = parts.join('');
      const r = parseXml(s, 'f.xml');
      expect(r.value !== undefined || r.diagnostics.length > 0).toBe(true);
      const lines = s.split('\n');
      const inside = (n: XmlNode): void => {
        if (n.at !== undefined) {
          expect(n.at.line).toBeLessThanOrEqual(lines.length);
          expect(n.at.column).toBeLessThanOrEqual((lines[n.at.line - 1] ?? '').length + 1);
        }
        if (n.kind === 'element') {
          for (const a of n.attributes) if (a.at !== undefined) expect(a.at.line).toBeLessThanOrEqual(lines.length);
          n.children.forEach(inside);
        }
      };
      if (r.value !== undefined) [...r.value.prolog, r.value.root, ...r.value.epilog].forEach(inside);
    },
  );
});

describe('renderXml escaping', () => {
  test('attribute values with quotes, &, <, >, newlines and ${...}', () => {
    expect(escapeAttribute('a"b&c<d>e\nf\tg\rh ${v}')).toBe('a&quot;b&amp;c&lt;d&gt;e&#10;f&#9;g&#13;h ${v}');
  });

  test('refuses a tree nested deeper than parseXml reads (256 levels), with a diagnostic and no text', () => {
    const nest = (n: number) => {
      let e = element('a', {});
      for (let i = 1; i < n; i++) e = element('a', {}, [e]);
      return e;
    };
    const r = renderXml(doc(nest(20000)), 'deep.xml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_XML_RENDER', message: 'elements are nested more than 256 deep' })]);
    const ok = renderXml(doc(nest(256)), 'ok.xml');
    expect(ok.diagnostics).toEqual([]);
    expect(parseXml(ok.value ?? '', 'ok.xml').diagnostics).toEqual([]);
  });

  test('refuses characters XML cannot carry, with a diagnostic and no text', () => {
    const r = renderXml(doc(element('server', {}, [keyStore({ id: 'k', location: 'safkeyring:///R', password: 'Sekr3t\u0000X' })])), 'out.xml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'ZCEE_XML_RENDER' });
    expect(JSON.stringify(r.diagnostics)).not.toContain('Sekr3t');
    expect(renderXml(doc(element('server', {}, [comment('a -- b')])), 'o.xml').value).toBeUndefined();
    expect(renderXml(doc(element('bad name')), 'o.xml').value).toBeUndefined();
  });

  prop.prop([nasty, nasty, nasty])('builder output always parses back to the same values', (id, location, password) => {
    const built = serverFile('d', [keyStore({ id, location, password })]);
    const r = renderXml(built, 'p.xml');
    expect(r.diagnostics).toEqual([]);
    const back = parseXml(r.value ?? '', 'p.xml');
    expect(back.diagnostics).toEqual([]);
    expect(back.value && withoutLocations(back.value.root)).toEqual(withoutLocations(built.root));
  });

  prop.prop([fc.array(fc.oneof(nasty.map((s) => text(s)), nasty.filter((s) => !s.includes('--') && !s.endsWith('-') && !s.includes('\r')).map((s) => comment(s))), { maxLength: 6 })])(
    'text and comments round-trip, also when written with CRLF line ends',
    (children) => {
      const built = doc(element('server', { a: 'x' }, children));
      const r = renderXml(built, 'p.xml', { eol: '\r\n' });
      expect(r.diagnostics).toEqual([]);
      const back = parseXml(r.value ?? '', 'p.xml');
      expect(back.value && withoutLocations(back.value.root)).toEqual(withoutLocations(built.root));
    },
  );
});
