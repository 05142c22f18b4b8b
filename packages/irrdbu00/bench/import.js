/* Benchmark: generate a synthetic IRRDBU00 unload to a temp file, then time reading and importing it.
 * Usage: node bench/import.js [records≈7000000]   (requires the built package: npx tsc -b packages/irrdbu00) */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateUnload, readUnload, importUnloadDatabase } = require('../dist');

const target = Number(process.argv[2] || 7_000_000);
// Roughly 4 records per profile and 8 per user with these options (see generate.ts).
const scale = target / 7_000_000;
const options = {
  users: Math.round(200_000 * scale),
  groups: Math.max(1, Math.round(2_000 * scale)),
  datasetProfiles: Math.round(800_000 * scale),
  profilesPerClass: Math.round(100_000 * scale),
  classes: ['FACILITY', 'APPL', 'STARTED', 'XFACILIT'],
  permitsPerProfile: 3,
  certificates: Math.min(1000, Math.round(1000 * scale)),
  seed: 7,
};

async function writeUnload(file) {
  const out = fs.createWriteStream(file);
  let batch = [];
  let n = 0;
  for (const line of generateUnload(options)) {
    batch.push(line);
    n++;
    if (batch.length === 20000) {
      if (!out.write(batch.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
      batch = [];
    }
  }
  out.write(batch.join('\n') + '\n');
  await new Promise((r) => out.end(r));
  return n;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irrdbu00-bench-'));
  const file = path.join(dir, 'unload.txt');
  try {
    const t0 = Date.now();
    const lines = await writeUnload(file);
    const size = fs.statSync(file).size;
    console.log(`generated ${lines.toLocaleString('en-US')} records, ${(size / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    console.log(`node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} CPU(s)`);
    // Warm the page cache so the figures measure parsing, not the disk.
    for await (const _ of fs.createReadStream(file, { highWaterMark: 1 << 20 })) void _;

    let n = 0;
    let t = process.hrtime.bigint();
    const read = await readUnload(file, () => n++);
    let s = Number(process.hrtime.bigint() - t) / 1e9;
    console.log(`read (decode only):   ${read.counts.records.toLocaleString('en-US')} records in ${s.toFixed(2)} s = ${(read.counts.records / s / 1e6).toFixed(2)} M records/s (${(size / 2 ** 20 / s).toFixed(0)} MiB/s), ${read.diagnostics.length} diagnostics`);

    let peak = 0;
    t = process.hrtime.bigint();
    const res = await importUnloadDatabase(file, { onProgress: () => { const h = process.memoryUsage().heapUsed; if (h > peak) peak = h; } });
    s = Number(process.hrtime.bigint() - t) / 1e9;
    const db = res.database;
    console.log(`import (to database): ${res.counts.records.toLocaleString('en-US')} records in ${s.toFixed(2)} s = ${(res.counts.records / s / 1e6).toFixed(2)} M records/s; peak heap ${(peak / 2 ** 20).toFixed(0)} MiB; ` +
      `${db.users.length} users, ${db.groups.length} groups, ${db.profiles.length} profiles, ${db.certificates.length} certificates, ${db.rings.length} rings, ${res.diagnostics.length} diagnostics`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
