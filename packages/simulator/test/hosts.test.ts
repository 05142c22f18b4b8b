import { test, fc } from '@fast-check/jest';
import { parseHosts, renderHosts } from '@ztwin/simulator';

describe('parseHosts', () => {
  test('the lab resolver', () => {
    const r = parseHosts('wg31.washington.ibm.com=192.168.17.201, LOCALHOST=127.0.0.1,v6=::1');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ 'wg31.washington.ibm.com': '192.168.17.201', localhost: '127.0.0.1', v6: '::1' });
  });
  test('bad entries are reported where they start and left out', () => {
    const r = parseHosts('a=1.2.3.4,b,c=notanip,=1.1.1.1,d_x=1.1.1.1');
    expect(r.value).toEqual({ a: '1.2.3.4' });
    expect(r.diagnostics.map((d) => d.column)).toEqual([11, 13, 23, 32]);
  });

  test.prop([fc.string({ maxLength: 80 })])('never throws; columns stay inside the input', (s) => {
    const r = parseHosts(s);
    for (const d of r.diagnostics) {
      expect(d.line).toBe(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeLessThanOrEqual(s.length + 1);
    }
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
  const addr = fc.oneof(fc.ipV4(), fc.ipV6());
  test.prop([fc.dictionary(host, addr, { maxKeys: 6 })])('round trip: render then parse gives the same table', (table) => {
    const r = parseHosts(renderHosts(table));
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual(table);
  });
});
