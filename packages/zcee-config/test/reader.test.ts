import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fc, test as prop } from '@fast-check/jest';
import { type EffectiveElement, checkServerConfig, memoryFileReader, nodeFileReader, readServerConfig, renderXml, serverModel } from '@ztwin/zcee-config';

const DIR = '/u/zcee/servers/s1';
const read = (files: Record<string, string>, opts: Parameters<typeof readServerConfig>[2] = {}) =>
  readServerConfig(`${DIR}/server.xml`, memoryFileReader(files, DIR), { serverConfigDir: DIR, ...opts });
const el = (els: readonly EffectiveElement[], name: string, id?: string) => els.find((e) => e.name === name && (id === undefined || e.id === id));
const val = (e: EffectiveElement | undefined, a: string) => e?.attributes[a]?.value;

describe('includes', () => {
  test('relative to the including file, then ${server.config.dir}; absolute as is; // collapses', () => {
    const r = read({
      'server.xml': '<server><include location="inc/a.xml"/><include location="//u//zcee/servers/s1/c.xml"/></server>',
      'inc/a.xml': '<server><include location="b.xml"/><include location="top.xml"/></server>',
      'inc/b.xml': '<server><logging maxFiles="3"/></server>',
      'top.xml': '<server><logging maxFiles="4" traceFileName="t.log"/></server>',
      'c.xml': '<server><logging maxFiles="5"/></server>',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => path.posix.relative(DIR, f.path))).toEqual(['server.xml', 'inc/a.xml', 'inc/b.xml', 'top.xml', 'c.xml']);
    const logging = el(r.elements, 'logging');
    expect(val(logging, 'maxFiles')).toBe('5'); // last wins
    expect(val(logging, 'traceFileName')).toBe('t.log'); // singleton merged attribute-wise
    expect(logging?.declaredAt.map((l) => path.posix.basename(l.source))).toEqual(['b.xml', 'top.xml', 'c.xml']);
  });

  test('a chain of includes thousands deep ends in a diagnostic at depth 64, not a stack overflow', () => {
    const files: Record<string, string> = { 'server.xml': '<server><include location="i0.xml"/></server>' };
    for (let i = 0; i < 3000; i++) files[`i${i}.xml`] = `<server><include location="i${i + 1}.xml"/></server>`;
    const r = read(files);
    // server.xml includes i0.xml (depth 1) ... i63.xml includes i64.xml (depth 65), which is not read
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'ZCEE_INCLUDE_CYCLE', source: `${DIR}/i63.xml`, message: `include of '${DIR}/i64.xml' is nested more than 64 deep; it is not read` }),
    ]);
    expect(r.files).toHaveLength(65);
  });

  test('optional include that is missing is skipped; a required one is an error at the include', () => {
    const r = read({ 'server.xml': '<server>\n  <include optional="true" location="nope.xml"/>\n  <include location="${server.config.dir}/gone.xml"/>\n</server>' });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['ZCEE_INCLUDE_OPTIONAL_MISSING', 'info', 2],
      ['ZCEE_INCLUDE_NOT_FOUND', 'error', 3],
    ]);
  });

  test('a location ending in / includes the directory\'s .xml files in order', () => {
    const r = read({
      'server.xml': '<server><include location="${server.config.dir}/conf.d/"/></server>',
      'conf.d/b.xml': '<server><logging maxFiles="2"/></server>',
      'conf.d/a.xml': '<server><logging maxFiles="1" traceFileName="a"/></server>',
      'conf.d/readme.txt': 'x',
    });
    expect(r.files.map((f) => path.posix.basename(f.path))).toEqual(['server.xml', 'a.xml', 'b.xml']);
    expect([val(el(r.elements, 'logging'), 'maxFiles'), val(el(r.elements, 'logging'), 'traceFileName')]).toEqual(['2', 'a']);
  });

  test('include and variable attributes are checked too', () => {
    const r = read({ 'server.xml': '<server><include location="a.xml" optinal="true" onConflict="OVERWRITE"/><variable name="v" valu="1"/></server>', 'a.xml': '<server/>' });
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['ZCEE_UNKNOWN_ATTRIBUTE', 'did you mean optional?'],
      ['ZCEE_ATTRIBUTE_VALUE', undefined],
      ['ZCEE_UNKNOWN_ATTRIBUTE', 'did you mean value?'],
      ['ZCEE_VARIABLE_VALUE', undefined],
    ]);
  });

  test('include cycles are reported, not followed forever', () => {
    const r = read({ 'server.xml': '<server><include location="a.xml"/></server>', 'a.xml': '<server><include location="server.xml"/></server>' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZCEE_INCLUDE_CYCLE']);
  });

  test('onConflict MERGE / REPLACE / IGNORE', () => {
    const base = '<server><ssl id="s" keyStoreRef="k1" sslProtocol="TLSv1.2"/><include location="i.xml" onConflict="MODE"/></server>';
    const inc = '<server><ssl id="s" keyStoreRef="k2"/><ssl id="t" keyStoreRef="k3"/></server>';
    const run = (mode: string) => read({ 'server.xml': base.replace('MODE', mode), 'i.xml': inc }).elements;
    const merge = run('MERGE');
    expect([val(el(merge, 'ssl', 's'), 'keyStoreRef'), val(el(merge, 'ssl', 's'), 'sslProtocol')]).toEqual(['k2', 'TLSv1.2']);
    const replace = run('REPLACE');
    expect([val(el(replace, 'ssl', 's'), 'keyStoreRef'), val(el(replace, 'ssl', 's'), 'sslProtocol')]).toEqual(['k2', undefined]);
    const ignore = run('IGNORE');
    expect([val(el(ignore, 'ssl', 's'), 'keyStoreRef'), val(el(ignore, 'ssl', 's'), 'sslProtocol')]).toEqual(['k1', 'TLSv1.2']);
    // non-conflicting elements of the include are always taken
    for (const els of [merge, replace, ignore]) expect(val(el(els, 'ssl', 't'), 'keyStoreRef')).toBe('k3');
  });
});

test('configDropins: defaults before server.xml, overrides after (alphabetical, case-insensitive)', () => {
  const r = read({
    'server.xml': '<server><logging maxFiles="2" traceFileName="server"/></server>',
    'configDropins/defaults/z.xml': '<server><logging maxFiles="1" consoleLogLevel="INFO" traceFileName="defaults"/></server>',
    'configDropins/overrides/B.xml': '<server><logging maxFiles="4"/></server>',
    'configDropins/overrides/a.xml': '<server><logging maxFiles="3"/></server>',
    'configDropins/overrides/notes.txt': 'not configuration',
  });
  const logging = el(r.elements, 'logging');
  expect([val(logging, 'maxFiles'), val(logging, 'traceFileName'), val(logging, 'consoleLogLevel')]).toEqual(['4', 'server', 'INFO']);
  expect(r.files.map((f) => path.posix.relative(DIR, f.path))).toEqual(['configDropins/defaults/z.xml', 'server.xml', 'configDropins/overrides/a.xml', 'configDropins/overrides/B.xml']);
  expect(read({ 'server.xml': '<server/>', 'configDropins/overrides/a.xml': '<server/>' }, { configDropins: false }).files).toHaveLength(1);
});

describe('merge rules', () => {
  test('factory elements merge by id (with a warning), never without id; features accumulate', () => {
    // the public WSC sample apiRequesterHTTPS.xml defines endpointConnection cscvincAPI twice
    const r = read({
      'server.xml':
        '<server>\n<featureManager><feature>a-1.0</feature></featureManager>\n<featureManager><feature>b-1.0</feature></featureManager>\n' +
        '<zosconnect_endpointConnection id="cscvincAPI" host="https://h" port="9443"/>\n<zosconnect_endpointConnection id="cscvincAPI" host="https://h" port="9444"/>\n' +
        '<webApplication location="a.war"/><webApplication location="b.war"/>\n</server>',
    });
    const m = serverModel(r);
    expect(m.features).toEqual(['a-1.0', 'b-1.0']);
    expect(m.endpointConnections).toHaveLength(1);
    expect(m.endpointConnections[0]?.port).toBe(9444);
    expect(r.elements.filter((e) => e.name === 'webApplication')).toHaveLength(2);
    const dup = r.diagnostics.filter((d) => d.code === 'ZCEE_DUPLICATE_ID');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'warning', line: 5 });
    expect(dup[0]?.message).toContain('port differ');
  });
});

test('unknown elements are kept: in the effective configuration and when the file is written again', () => {
  const src = '<server>\n  <myVendor_thing id="t1" mode="fast"><part n="1"/></myVendor_thing>\n</server>\n';
  const r = read({ 'server.xml': src });
  expect(el(r.elements, 'myVendor_thing', 't1')?.children.map((c) => c.name)).toEqual(['part']);
  const f = r.files[0];
  expect(f && renderXml(f.document, 'server.xml', { declaration: false }).value).toBe('<server>\n  <myVendor_thing id="t1" mode="fast"><part n="1"/></myVendor_thing>\n</server>\n');
});

describe('variables', () => {
  const files = (decl: string) => ({ 'server.xml': `<server>${decl}<httpEndpoint id="e" httpPort="\${http.port}"/></server>` });
  const port = (decl: string, opts: Parameters<typeof readServerConfig>[2] = {}) => serverModel(read(files(decl), opts)).httpEndpoints[0]?.httpPort;

  test('value beats bootstrap.properties beats environment beats defaultValue', () => {
    const env = { HTTP_PORT: '3' };
    const bootstrap = { 'http.port': '2' };
    expect(port('<variable name="http.port" defaultValue="4"/>')).toBe(4);
    expect(port('<variable name="http.port" defaultValue="4"/>', { env })).toBe(3);
    expect(port('<variable name="http.port" defaultValue="4"/>', { env, bootstrap })).toBe(2);
    expect(port('<variable name="http.port" defaultValue="4"/><variable name="http.port" value="1"/>', { env, bootstrap })).toBe(1);
    // last value wins, wherever it is declared (after use too)
    expect(port('<variable name="http.port" value="1"/>') ).toBe(1);
    expect(serverModel(read({ 'server.xml': '<server><httpEndpoint id="e" httpPort="${http.port}"/><variable name="http.port" value="7"/></server>' })).httpEndpoints[0]?.httpPort).toBe(7);
  });

  test('predefined directories, nested references, env.X, unknown variables kept with a warning', () => {
    const r = read(
      {
        'server.xml':
          '<server><variable name="base" value="${wlp.user.dir}/x"/><keyStore id="k" location="${base}/${env.KS}" password="p"/><keyStore id="j" location="${nope}"/></server>',
      },
      { env: { KS: 'key.p12' } },
    );
    expect(val(el(r.elements, 'keyStore', 'k'), 'location')).toBe('/u/zcee/x/key.p12');
    expect(val(el(r.elements, 'keyStore', 'k'), 'location')).not.toContain('$');
    expect(el(r.elements, 'keyStore', 'k')?.attributes['location']?.raw).toBe('${base}/${env.KS}');
    expect(val(el(r.elements, 'keyStore', 'j'), 'location')).toBe('${nope}');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZCEE_VARIABLE_UNDEFINED']);
    expect(r.variables['shared.config.dir']).toBe('/u/zcee/shared/config');
  });

  test('a variable that holds a password lists as ***** (in memory and JSON); the attribute still resolves it', () => {
    const r = read({
      'server.xml':
        '<server><variable name="inner" value="Vs3cr3t"/><variable name="pw" value="${inner}"/><variable name="keystore_password" value="Ks3cr3t"/>' +
        '<variable name="dir" value="/keys"/><authData id="a" user="U" password="${pw}"/><keyStore id="k" location="${dir}/k.p12" password="${keystore_password}"/></server>',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.variables).toMatchObject({ inner: '*****', pw: '*****', keystore_password: '*****', dir: '/keys' });
    const json = JSON.stringify(r);
    for (const s of ['Vs3cr3t', 'Ks3cr3t']) expect(json).not.toContain(s);
    expect(el(r.elements, 'authData', 'a')?.attributes['password']?.secret?.reveal()).toBe('Vs3cr3t');
    expect(el(r.elements, 'keyStore', 'k')?.attributes['password']?.secret?.reveal()).toBe('Ks3cr3t');
  });

  test('a variable that multiplies itself, or ten levels of ten references, ends in a diagnostic, not an exception', () => {
    const self = read({ 'server.xml': '<server><variable name="a" value="${a}${a}${a}${a}${a}${a}${a}${a}"/><logging traceFileName="${a}"/></server>' });
    expect(self.diagnostics.map((d) => d.code)).toContain('ZCEE_VARIABLE_CYCLE');
    expect(val(el(self.elements, 'logging'), 'traceFileName')).toBe('${a}'.repeat(8));
    const levels = Array.from({ length: 10 }, (_, i) => `<variable name="v${i + 1}" value="${`\${v${i}}`.repeat(10)}"/>`).join('');
    const laughs = read({ 'server.xml': `<server><variable name="v0" value="lol"/>${levels}<logging traceFileName="\${v10}"/></server>` });
    expect(laughs.diagnostics).toEqual([expect.objectContaining({ code: 'ZCEE_VARIABLE_CYCLE', message: expect.stringContaining('more than 1000000 characters') as unknown })]);
    expect(val(el(laughs.elements, 'logging'), 'traceFileName')?.length).toBeLessThanOrEqual(1_000_000);
    // below the bound it expands in full
    const small = read({ 'server.xml': `<server><variable name="v0" value="lol"/>${levels}<logging traceFileName="\${v4}"/></server>` });
    expect(small.diagnostics).toEqual([]);
    expect(val(el(small.elements, 'logging'), 'traceFileName')).toBe('lol'.repeat(10_000));
  });

  const varName = fc.constantFrom('a', 'b', 'c', 'd');
  const varValue = fc.array(fc.oneof(varName.map((n) => `\${${n}}`), fc.constantFrom('x', 'yy', '${env.Z}', '${')), { maxLength: 12 }).map((p) => p.join(''));
  prop.prop([fc.array(fc.tuple(varName, varValue, fc.boolean()), { maxLength: 6 }), varValue], { numRuns: 200 })(
    'never throws on any graph of variables; cycles are reported, values bounded',
    (decls, use) => {
      const vars = decls.map(([n, v, dflt]) => `<variable name="${n}" ${dflt ? 'defaultValue' : 'value'}="${v}"/>`).join('');
      const r = read({ 'server.xml': `<server>${vars}<logging traceFileName="${use}"/></server>` });
      expect(val(el(r.elements, 'logging'), 'traceFileName')?.length ?? 0).toBeLessThanOrEqual(1_000_000 + use.length);
      for (const d of r.diagnostics) expect(['ZCEE_VARIABLE_UNDEFINED', 'ZCEE_VARIABLE_CYCLE', 'ZCEE_VARIABLE_VALUE']).toContain(d.code);
    },
  );

  test('a variable that refers to itself is reported, not expanded forever', () => {
    const r = read({ 'server.xml': '<server><variable name="a" value="x${a}"/><logging traceFileName="${a}"/></server>' });
    expect(r.diagnostics.map((d) => d.code)).toContain('ZCEE_VARIABLE_CYCLE');
  });
});

describe('files', () => {
  test('the real-file-system reader reads CRLF files from disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zcee-'));
    try {
      fs.mkdirSync(path.join(dir, 'includes'));
      fs.writeFileSync(path.join(dir, 'server.xml'), '<server>\r\n  <include location="includes/k.xml"/>\r\n  <include location="includes/kk.xml"/>\r\n</server>\r\n');
      fs.writeFileSync(path.join(dir, 'includes', 'k.xml'), '<server>\r\n  <!-- c -->\r\n  <keyStore id="k" location="safkeyring:///R" password="p" type="JCERACFKS" fileBased="false" readOnly="true"/>\r\n</server>\r\n');
      const root = path.join(dir, 'server.xml').split(path.sep).join('/');
      const r = checkServerConfig(root, { reader: nodeFileReader });
      expect(r.model.keyStores.map((k) => k.safKeyring?.ring)).toEqual(['R']);
      const missing = r.diagnostics.find((d) => d.code === 'ZCEE_INCLUDE_NOT_FOUND');
      expect(missing).toMatchObject({ line: 3, hint: 'did you mean k.xml?' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing server.xml is a diagnostic', () => {
    const r = checkServerConfig({ files: {} });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZCEE_SERVER_XML_NOT_FOUND']);
  });

  const frag = fc.constantFrom(
    '<server>', '</server>', '<include location="i.xml"/>', '<include location="${x}" optional="true" onConflict="REPLACE"/>', '<variable name="x" value="i.xml"/>',
    '<keyStore id="k" location="safkeyring://A/B" password="p"/>', '<ssl id="s" keyStoreRef="k"/>', '<sslDefault sslRef="s"/>',
    '<zosconnect_apiRequesters><apiRequester name="a"/></zosconnect_apiRequesters>', '<httpEndpoint id="e" httpsPort="1"/>', '${', '"', '<!--', '-->', '&', '<', '>', '\r\n', 'x',
  );
  prop.prop([fc.array(frag, { maxLength: 25 }), fc.array(frag, { maxLength: 25 })])('reading never throws on configuration-like fragments', (a, b) => {
    const r = checkServerConfig({ files: { 'server.xml': a.join(''), 'i.xml': b.join('') } });
    for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
  });

  prop.prop([fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 })])('reading never throws, whatever the files say', (a, b) => {
    const r = checkServerConfig({ files: { 'server.xml': `<server><include location="i.xml"/>${a}</server>`, 'i.xml': b } });
    expect(Array.isArray(r.diagnostics)).toBe(true);
  });
});
