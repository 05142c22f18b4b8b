// Checks that every ```ts block of docs/guides/*.md and of the root README.md that is the text of an example here is that
// file verbatim, and that running the compiled example prints exactly the ```text block that
// follows it in the guide. Run after `npx tsc -p .` (run.sh does both).
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const guides = join(__dirname, '..');
const examples = new Map(
  readdirSync(__dirname).filter((f) => f.endsWith('.ts')).map((f) => [readFileSync(join(__dirname, f), 'utf8').trimEnd(), f.replace(/\.ts$/, '')]),
);
let failures = 0;
let checked = 0;
const docs = [...readdirSync(guides).filter((f) => f.endsWith('.md')).map((f) => [f, join(guides, f)]), ['README.md (root)', join(guides, '..', '..', 'README.md')]];
for (const [md, file] of docs) {
  const text = readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)\n```/g)].map((m) => ({ lang: m[1], body: m[2] }));
  blocks.forEach((b, i) => {
    if (b.lang !== 'ts') return;
    const name = examples.get(b.body.trimEnd());
    if (name === undefined || name === 'e2e-files') return;
    const out = blocks.slice(i + 1).find((x) => x.lang === 'text');
    const got = execFileSync(process.execPath, [join(__dirname, 'dist', `${name}.js`)], { cwd: __dirname, encoding: 'utf8' }).trimEnd();
    checked++;
    if (out === undefined || out.body.trimEnd() !== got) {
      failures++;
      console.log(`${md}: output of ${name}.ts differs from the guide`);
    } else console.log(`${md}: ${name}.ts ok`);
  });
}
console.log(`${checked} example(s) checked, ${failures} difference(s)`);
process.exitCode = failures === 0 && checked > 0 ? 0 : 1;
