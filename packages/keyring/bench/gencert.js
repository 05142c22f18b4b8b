/* GENCERT, RSA and ring-scale benchmarks for @ztwin/keyring (requires the built package: dist/). */
'use strict';
const os = require('node:os');
const { webcrypto } = require('node:crypto');
const { fixedClock } = require('@ztwin/core');
const k = require('../dist');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => `${x.toFixed(3)} ms`;

async function timeEach(n, f) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  console.log(`node ${process.version} on ${os.cpus()[0].model} (${os.cpus().length} cpus)`);
  const clock = fixedClock('2026-11-24T12:00:00Z');
  const keySource = k.webCryptoKeySource();
  const ca = (await k.gencert({ owner: { kind: 'CERTAUTH' }, label: 'CA', subject: { CN: 'Bench CA', O: 'IBM' }, keyType: 'NISTECC', size: 256 }, { clock, keySource })).value.certificate;

  // 1. P-256 leaf signed by a P-256 CA.
  let signer = ca;
  const p = async (i) => {
    const r = await k.gencert(
      { owner: { kind: 'ID', id: 'USER1' }, label: `L${i}`, subject: { CN: `user ${i}`, OU: ['ATS'], O: 'IBM' }, keyType: 'NISTECC', size: 256, signWith: signer, keyUsage: ['HANDSHAKE'] },
      { clock, keySource },
    );
    signer = r.value.signer;
  };
  await timeEach(300, p); // warm-up
  const p256 = await timeEach(3000, p);
  console.log(`GENCERT P-256 signed by P-256 CA: median ${ms(median(p256))} (n=${p256.length})`);

  // 2. RSA-2048 GENCERT vs raw RSA-2048 key generation.
  const n = 25;
  const raw = await timeEach(n, () =>
    webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']),
  );
  const rsa = await timeEach(n, (i) => k.gencert({ owner: { kind: 'ID', id: 'U' }, label: `R${i}`, subject: { CN: `r${i}` }, size: 2048, signWith: ca }, { clock, keySource }));
  console.log(`RSA-2048 raw WebCrypto keygen: median ${ms(median(raw))}; GENCERT RSA-2048: median ${ms(median(rsa))}; ratio ${(median(rsa) / median(raw)).toFixed(2)} (n=${n}; RSA keygen time varies a lot run to run)`);

  // 3. 10,000 certificates across 1,000 rings: LISTRING + ring health.
  const certs = [];
  const cas = [];
  for (let c = 0; c < 10; c++) {
    const r = await k.gencert({ owner: { kind: 'CERTAUTH' }, label: `CA ${c}`, subject: { CN: `CA ${c}` }, keyType: 'NISTECC', size: 256 }, { clock, keySource });
    cas.push(r.value.certificate);
  }
  const rings = [];
  for (let r = 0; r < 1000; r++) {
    const owner = `USER${r}`;
    const caIdx = r % 10;
    const conns = [{ certOwner: { kind: 'CERTAUTH' }, label: `CA ${caIdx}`, usage: 'CERTAUTH', default: false }];
    const per = r < 990 ? 10 : 9; // 10 CA certs + 9,990 user certs = 10,000
    for (let j = 0; j < per; j++) {
      const g = await k.gencert({ owner: { kind: 'ID', id: owner }, label: `C${j}`, subject: { CN: `${owner} ${j}` }, keyType: 'NISTECC', size: 256, signWith: cas[caIdx] }, { clock, keySource });
      cas[caIdx] = g.value.signer;
      certs.push(g.value.certificate);
      conns.push({ certOwner: { kind: 'ID', id: owner }, label: `C${j}`, usage: 'PERSONAL', default: j === 0 });
    }
    rings.push({ owner, name: 'Liberty.KeyRing', connections: conns });
  }
  const store = k.storeFrom([...cas, ...certs], rings);
  const run = () => {
    let lines = 0;
    let diags = 0;
    for (const r of rings) {
      lines += k.listringText(store, r.owner, r.name).length;
      diags += k.ringHealth(store, r.owner, r.name, clock).diagnostics.length;
    }
    return { lines, diags };
  };
  const t0 = performance.now();
  const res = run();
  const cold = performance.now() - t0;
  const t1 = performance.now();
  run();
  const warm = performance.now() - t1;
  console.log(`${store.certificates.size} certificates, ${rings.length} rings: LISTRING + health cold ${ms(cold)}, warm ${ms(warm)} (${res.diags} diagnostics)`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
