import { test, fc } from '@fast-check/jest';
import { splitTsoLine, tsoCommands } from '@ztwin/jcl';

describe('splitTsoLine', () => {
  const word = fc.string({ unit: fc.constantFrom(...'ABCXYZ019()\',.=/*-+'.split('')), minLength: 1, maxLength: 30 });
  const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));

  test.prop([line, fc.integer({ min: -5, max: 100 }), fc.boolean()])('always ends, every piece fits max (at least 8)', (l, max, prev) => {
    const r = splitTsoLine(l, max, prev);
    for (const piece of r.lines) expect(piece.length).toBeLessThanOrEqual(Math.max(8, max));
  });

  test.prop([fc.array(fc.stringMatching(/^[A-Z0-9()'.=]{1,12}$/), { minLength: 2, maxLength: 12 }), fc.integer({ min: -5, max: 40 })])(
    'a comment-free command reads back as the same command whatever max',
    (ws, max) => {
      const l = ws.join(' ');
      const r = splitTsoLine(l, max, false);
      expect(r.dropped).toBe(false);
      expect(tsoCommands(r.lines.join('\n')).map((c) => c.text)).toEqual(tsoCommands(l).map((c) => c.text));
    },
  );

  it('a max too small to make progress is taken as 8 instead of looping', () => {
    expect(splitTsoLine('ADDUSER ALICE', 0, false).lines).toEqual(['ADDUSER-', ' ALICE']);
    expect(splitTsoLine('/* a comment */', 1, false).lines).toEqual(['/* a */', '/* co */', '/* mm */', '/* en */', '/* t */']);
  });
});
