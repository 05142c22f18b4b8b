/* Benchmark: generate a synthetic IRRDBU00 unload to a temp file, then time reading and importing it,
 * each in a fresh node process (as the CLI runs one import per process).
 * Usage: node bench/import.js [records≈7000000] [--file PATH] [--runs N]
 *          (requires the built package: npx tsc -b packages/irrdbu00). With --file the unload is kept
 *          at PATH and reused when it exists (delete it yourself afterwards); --runs N (default 3) times
 *          each phase N times (fresh processes, alternating) and prints the medians.
 *        node bench/import.js --phase read|import FILE   (one timed phase; used by the above) */
'use strict';
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { generateUnload, readUnload, importUnload } = require('../dist');

const argv = process.argv.slice(2);
function option(name) {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}
const keepFile = argv[0] === '--phase' ? undefined : option('--file');
const runs = argv[0] === '--phase' ? 1 : Math.max(1, Number(option('--runs') || 3));
const target = Number((argv[0] !== '--phase' && argv[0]) || 7_000_000);
// These options give about 6.28 M records per unit of scale (about 4 records per profile, 8 per user).
const scale = target / 6_280_000;
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

/** CPU seconds of this process's main thread (Linux /proc; undefined elsewhere): the import's critical path. */
function mainThreadCpu() {
  try {
    const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

async function phase(which, file) {
  const size = fs.statSync(file).size;
  let peak = 0;
  let calls = 0;
  // process.memoryUsage() costs ~0.2 ms on a 1 GB heap: sample every 8th progress call (8 MiB)
  const sample = () => {
    if ((calls++ & 7) !== 0) return;
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  const m0 = mainThreadCpu();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let n = 0;
  // 'read' is the single-threaded reader (issue #7's records/s figure); 'import' uses the reading
  // worker as importUnload does by default for a file this size; 'import-1t' is the import on one thread.
  const res =
    which === 'read'
      ? await readUnload(file, () => n++, { onProgress: sample, workerThreshold: Infinity })
      : await importUnload(file, { onProgress: sample, classes: { active: 'all', generic: 'all' }, workerThreshold: which === 'import-1t' ? Infinity : undefined });
  calls = 0;
  sample();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  const m1 = mainThreadCpu();
  const mainCpu = m0 === undefined || m1 === undefined ? '' : ` (main thread ${(m1 - m0).toFixed(2)} s)`;
  const recs = res.counts.records;
  const label =
    which === 'read' ? 'read (decode every record, one thread)' : which === 'import-1t' ? 'import on one thread (to a racf-model state)' : 'import (to a racf-model state, reading worker)';
  console.log(
    `${label}: ${recs.toLocaleString('en-US')} records in ${wall.toFixed(2)} s wall = ${(recs / wall / 1e6).toFixed(2)} M records/s (${(size / 2 ** 20 / wall).toFixed(0)} MiB/s); ` +
      `process CPU ${cpu.toFixed(2)} s${mainCpu}; peak heap ${(peak / 2 ** 20).toFixed(0)} MiB; ${res.diagnostics.length} diagnostics; load ${os.loadavg()[0].toFixed(1)}`,
  );
  if (which !== 'read') {
    const st = res.state;
    console.log(`state: ${st.users.size} users, ${st.groups.size} groups, ${st.connects.size} connects, ${st.certificates.size} certificates, ${st.rings.size} rings`);
  }
}

async function main() {
  if (argv[0] === '--phase') return phase(argv[1], argv[2]);
  const dir = keepFile === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'irrdbu00-bench-')) : undefined;
  const file = keepFile ?? path.join(dir, 'unload.txt');
  try {
    if (keepFile !== undefined && fs.existsSync(file)) {
      console.log(`reusing ${file}, ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
    } else {
      const t0 = Date.now();
      const lines = await writeUnload(file);
      const size = fs.statSync(file).size;
      // Wait until the kernel has written the new file out: its background writeback of 1.5 GB would
      // otherwise compete with the timed runs for both CPUs.
      const fd = fs.openSync(file, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      console.log(`generated ${lines.toLocaleString('en-US')} records, ${(size / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    console.log(`node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} CPU(s)`);
    // Warm the page cache so the figures measure parsing, not the disk.
    for await (const _ of fs.createReadStream(file, { highWaterMark: 1 << 20 })) void _;
    const walls = { read: [], import: [], 'import-1t': [] };
    for (let r = 0; r < runs; r++) {
      for (const which of ['read', 'import', 'import-1t']) {
        const out = execFileSync(process.execPath, [__filename, '--phase', which, file], { encoding: 'utf8' });
        process.stdout.write(out);
        const m = /in ([\d.]+) s wall/.exec(out);
        if (m) walls[which].push(Number(m[1]));
      }
      console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    }
    // (an even count takes the upper of the two middle values: never the flattering one)
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    if (runs > 1)
      console.log(
        `median of ${runs} runs (wall): read ${median(walls.read).toFixed(2)} s, import ${median(walls.import).toFixed(2)} s, import on one thread ${median(walls['import-1t']).toFixed(2)} s`,
      );
  } finally {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
