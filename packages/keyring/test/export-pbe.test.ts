/**
 * RACDCERT EXPORT ... FORMAT(PKCS12DER|PKCS12B64) PBE(MACALG ENCRYPTALG ITERATIONS): the package is
 * written with the algorithms and iteration count asked for (checked by reading the PFX's own
 * AlgorithmIdentifiers, and by openssl where present), and PBE misuse is diagnosed, never quoting
 * a password.
 */
import { fixedClock } from '@ztwin/core';
import { createState, getDataSet, type RacfState } from '@ztwin/racf-model';
import { applyDeck, exportCertificate, readCertificatePackage, seededKeySource } from '@ztwin/keyring';
// Internals, not in the package's public API.
import { children, parseDer, readOid, readSmallInt, unb64, type Node } from '../src/der';
import { make } from './fixtures';
import { openssl, tmp, withOpenssl, writeTmp } from './helpers';

const TODAY = fixedClock('2026-11-24T12:00:00Z');
const OID = { pbes2: '1.2.840.113549.1.5.13', pbeSha3DES: '1.2.840.113549.1.12.1.3', sha1: '1.3.14.3.2.26', sha256: '2.16.840.1.101.3.4.2.1' };

async function leaf() {
  return (await make({ owner: { kind: 'ID', id: 'USER1' }, label: 'Srv', subject: { CN: 'srv' }, keyType: 'NISTECC', size: 256 }, 'pbe')).certificate;
}

function at(n: Node | undefined, ...path: number[]): Node | undefined {
  let cur = n;
  for (const i of path) cur = cur === undefined ? undefined : children(cur)?.[i];
  return cur;
}
/** The PFX's MAC digest OID and iteration count, and the shrouded key bag's encryption OID and iteration count. */
function algorithmsOf(p12: Uint8Array): { mac: string | undefined; macIter: number | undefined; keyAlg: string | undefined; keyIter: number | undefined } {
  const pfx = parseDer(p12);
  const macData = at(pfx, 2);
  const authSafe = parseDer(at(pfx, 1, 1, 0)?.content ?? new Uint8Array());
  // the key is in the last SafeContents (certificates first)
  const safes = children(authSafe ?? fail()) ?? [];
  const keySafe = safes[safes.length - 1];
  const bags = parseDer(at(keySafe, 1, 0)?.content ?? new Uint8Array());
  const alg = at(bags, 0, 1, 0, 0);
  const algOid = readOid(at(alg, 0) ?? fail());
  const keyIter = algOid === OID.pbes2 ? readSmallInt(at(alg, 1, 0, 1, 1) ?? fail()) : readSmallInt(at(alg, 1, 1) ?? fail());
  return { mac: readOid(at(macData, 0, 0, 0) ?? fail()), macIter: readSmallInt(at(macData, 2) ?? fail()), keyAlg: algOid, keyIter };
}
function fail(): never {
  throw new Error('missing');
}

describe('EXPORT PBE options', () => {
  test('exportCertificate writes the asked MAC, encryption and iteration count; the package reads back', async () => {
    const rec = await leaf();
    const cases = [
      [{}, { mac: OID.sha256, keyAlg: OID.pbes2, iter: 2048 }],
      [{ encryptAlg: '3DES', macAlg: 'HMACSHA1', iterations: 1000 }, { mac: OID.sha1, keyAlg: OID.pbeSha3DES, iter: 1000 }],
      [{ encryptAlg: 'AES256', macAlg: 'HMACSHA1', iterations: 3000 }, { mac: OID.sha1, keyAlg: OID.pbes2, iter: 3000 }],
      [{ encryptAlg: '3DES', macAlg: 'HMACSHA256' }, { mac: OID.sha256, keyAlg: OID.pbeSha3DES, iter: 2048 }],
    ] as const;
    for (const [pkcs12, want] of cases) {
      const x = exportCertificate(rec, 'PKCS12DER', { password: 'pw x', pkcs12 });
      expect(x.diagnostics).toEqual([]);
      const bytes = x.value?.bytes ?? fail();
      expect(algorithmsOf(bytes)).toEqual({ mac: want.mac, macIter: want.iter, keyAlg: want.keyAlg, keyIter: want.iter });
      const back = readCertificatePackage(bytes, 'pw x');
      expect(back.diagnostics).toEqual([]);
      expect(back.value?.privateKey).toBeDefined();
      expect(readCertificatePackage(bytes, 'wrong').value).toBeUndefined();
    }
  });

  withOpenssl('openssl reads the 3DES / HMAC-SHA1 package and names its algorithms', async () => {
    const rec = await leaf();
    const bytes = exportCertificate(rec, 'PKCS12DER', { password: 'pw', pkcs12: { encryptAlg: '3DES', macAlg: 'HMACSHA1', iterations: 1500 } }).value?.bytes ?? fail();
    const f = writeTmp(tmp(), 'p.p12', bytes);
    const info = openssl(['pkcs12', '-info', '-nodes', '-in', f, '-passin', 'pass:pw']);
    expect(info.status).toBe(0);
    expect(info.stderr).toMatch(/MAC: sha1, Iteration 1500/);
    expect(info.stderr).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 1500/);
    expect(info.stdout).toContain('-----BEGIN PRIVATE KEY-----');
  });

  describe('through a deck', () => {
    let state: RacfState;
    beforeAll(async () => {
      const r = await applyDeck(
        createState(),
        ['ADDUSER USER1', "RACDCERT ID(USER1) GENCERT SUBJECTSDN(CN('srv')) WITHLABEL('Srv') NISTECC SIZE(256)"].join('\n'),
        { clock: TODAY, keySource: seededKeySource('pbe-deck') },
      );
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      state = r.state;
    });
    const run = async (cmd: string) => applyDeck(state, cmd, { clock: TODAY });

    test('PBE(...) is honoured', async () => {
      const r = await run("RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.P12') FORMAT(PKCS12DER) PASSWORD('pw') PBE(ENCRYPTALG(3DES) MACALG(HMACSHA1) ITERATIONS(1200))");
      expect(r.diagnostics).toEqual([]);
      const ds = getDataSet(r.state, 'U.P12') ?? fail();
      expect(algorithmsOf(unb64(ds.content))).toEqual({ mac: OID.sha1, macIter: 1200, keyAlg: OID.pbeSha3DES, keyIter: 1200 });
      const b64 = await run("RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.B64') FORMAT(PKCS12B64) PASSWORD('pw') PBE");
      expect(b64.diagnostics).toEqual([]);
      const text = new TextDecoder().decode(unb64(getDataSet(b64.state, 'U.B64')?.content ?? fail()));
      expect(algorithmsOf(unb64(text.replace(/\s+/g, '')))).toEqual({ mac: OID.sha256, macIter: 2048, keyAlg: OID.pbes2, keyIter: 2048 });
    });

    test('PBE misuse is diagnosed and writes nothing; a password in PBE is never quoted', async () => {
      const bad = [
        ["RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.PEM') FORMAT(CERTB64) PBE(ITERATIONS(5000))", 'KR-EXPORT-PBE-FORMAT'],
        ["RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.PEM') PBE", 'KR-EXPORT-PBE-FORMAT'],
        ["RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.PEM') FORMAT(PKCS12DER) PASSWORD('pw') PBE(ITERATIONS(0))", 'KR-EXPORT-PBE-ITERATIONS'],
        ["RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.PEM') FORMAT(PKCS12DER) PASSWORD('pw') PBE(ITERATIONS(99999999))", 'KR-EXPORT-PBE-ITERATIONS'],
        ["RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.PEM') FORMAT(PKCS12DER) PBE(PASSWORD('Sekr1tPw'))", 'KR-EXPORT-PBE-PASSWORD'],
        ["RACDCERT ID(USER1) EXPORT(LABEL('Srv')) DSN('U.PEM') FORMAT(PKCS12DER) PASSWORD('pw') PBE(PASSWORD('Sekr1tPw'))", 'KR-EXPORT-PBE-PASSWORD'],
      ] as const;
      for (const [cmd, code] of bad) {
        const r = await run(cmd);
        expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
        expect(r.diagnostics[0]?.severity).toBe('error');
        expect(getDataSet(r.state, 'U.PEM')).toBeUndefined();
        expect(JSON.stringify(r.diagnostics)).not.toContain('Sekr1tPw');
        expect(JSON.stringify(r.outputs)).not.toContain('Sekr1tPw');
      }
    });
  });
});
