/**
 * The lexer scans words and quoted strings in tight loops; test/reference-lexer.ts is the plain
 * per-character state machine it was derived from. Both must give the same tokens, spans and
 * diagnostics for any input (continuations, comments, quotes, doubled quotes, parentheses).
 */
import { fc, test } from '@fast-check/jest';
import { lex } from '@ztwin/racf-model';
import { lex as referenceLex } from './reference-lexer';

const piece = fc.constantFrom('A', 'bc', ' ', '  ', '(', ')', "'", "''", '/*', '*/', '/', '*', '-', '+', ',', '\n', '\r\n', '.', '1', 'X', '\t', 'ADDUSER', 'NAME(', "'a b'", '-\n', '+\n', ' -\n ', ' +\n  ');
const deck = fc.oneof(fc.string({ maxLength: 60 }), fc.array(piece, { maxLength: 80 }).map((a) => a.join('')));

const plain = (r: object): unknown => JSON.parse(JSON.stringify(r));

test.prop([deck], { numRuns: 2000 })('the fast lexer equals the reference lexer', (text) => {
  expect(plain(lex(text, 'D'))).toEqual(plain(referenceLex(text, 'D')));
});
