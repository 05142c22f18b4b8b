/**
 * RACDCERT EXPORT PBE(...): the documented sub-operands (MACALG, ENCRYPTALG, ITERATIONS) are typed,
 * anything else is a diagnostic, and a PASSWORD written inside PBE is a Secret like the EXPORT
 * operand PASSWORD: never in the AST's JSON, the command text, diagnostics or inspection.
 */
import { inspect } from 'node:util';
import { Secret, parseDeck, renderCommand, type RacdcertCommand } from '@ztwin/racf-model';

const SECRET = 'Pa55w0rdXyz';
const EXPORT = "RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('USER1.P12') FORMAT(PKCS12DER)";

function exportOf(text: string): { f: Extract<RacdcertCommand['function'], { function: 'EXPORT' }>; all: ReturnType<typeof parseDeck> } {
  const all = parseDeck(text);
  const c = all.commands[0];
  if (c === undefined || c.kind !== 'RACDCERT' || c.function.function !== 'EXPORT') throw new Error(`not an EXPORT: ${text}`);
  return { f: c.function, all };
}

describe('RACDCERT EXPORT PBE', () => {
  test('documented sub-operands are typed', () => {
    const { f, all } = exportOf(`${EXPORT} PASSWORD('x') PBE(MACALG(HMACSHA256) ENCRYPTALG(AES256) ITERATIONS(10000))`);
    expect(all.diagnostics).toEqual([]);
    expect(f.pbe).toEqual({ MACALG: 'HMACSHA256', ENCRYPTALG: 'AES256', ITERATIONS: 10000 });
    const legacy = exportOf(`${EXPORT} PASSWORD('x') PBE(macalg(hmacsha1) encryptalg(3des))`);
    expect(legacy.all.diagnostics).toEqual([]);
    expect(legacy.f.pbe).toEqual({ MACALG: 'HMACSHA1', ENCRYPTALG: '3DES' });
  });

  test('bare PBE is an empty group (every sub-operand takes its default)', () => {
    const { f, all } = exportOf(`${EXPORT} PASSWORD('x') PBE`);
    expect(all.diagnostics).toEqual([]);
    expect(f.pbe).toEqual({});
  });

  test('unknown sub-keywords and values outside the documented sets are diagnostics', () => {
    const bad = [
      [`${EXPORT} PBE(KEYALG(AES256))`, 'IKJ56712I'],
      [`${EXPORT} PBE(MACALG(HMACMD5))`, 'IKJ56702I'],
      [`${EXPORT} PBE(ENCRYPTALG(RC2))`, 'IKJ56702I'],
      [`${EXPORT} PBE(ITERATIONS(many))`, 'IKJ56702I'],
    ] as const;
    for (const [text, code] of bad) {
      const all = parseDeck(text);
      expect(all.diagnostics.map((d) => d.code)).toContain(code);
      // a command with an error in it is not kept (nothing unknown reaches a state)
      expect(all.commands).toEqual([]);
    }
  });

  test('a PASSWORD inside PBE is a Secret: not in JSON, text, inspect or diagnostics', () => {
    for (const text of [`${EXPORT} PBE(PASSWORD('${SECRET}') MACALG(HMACSHA256))`, `${EXPORT} PBE(PASSWORD(${SECRET}) ITERATIONS(7))`]) {
      const { f, all } = exportOf(text);
      const c = all.commands[0];
      expect(f.pbe?.PASSWORD).toBeInstanceOf(Secret);
      expect(f.pbe?.PASSWORD?.reveal()).toBe(SECRET);
      expect(JSON.stringify(c)).not.toContain(SECRET);
      expect(inspect(c, { depth: 10 })).not.toContain(SECRET);
      expect(c?.text).not.toContain(SECRET);
      expect(JSON.stringify(all.diagnostics)).not.toContain(SECRET);
    }
  });

  test('a secret PBE(PASSWORD(...)) next to an error is not quoted by any diagnostic', () => {
    const all = parseDeck(`${EXPORT} PBE(PASSWORD(${SECRET}) PASSWORD(${SECRET}(Q)) BOGUS(1) MACALG(MD5))`);
    expect(all.diagnostics.length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toContain(SECRET);
  });

  test('renders back to a command that parses to the same PBE', () => {
    const { f, all } = exportOf(`${EXPORT} PASSWORD('x') PBE(ITERATIONS(4096) ENCRYPTALG(3DES) MACALG(HMACSHA1))`);
    const c = all.commands[0];
    if (c === undefined) throw new Error('no command');
    const again = exportOf(renderCommand(c));
    expect(again.all.diagnostics).toEqual([]);
    expect(again.f.pbe).toEqual(f.pbe);
  });
});
