/**
 * The imported state answers like the same database built from RACF commands: a synthetic unload is
 * imported, the same objects are defined with a deck (ADDGROUP, ADDUSER, CONNECT, ADDSD, RDEFINE,
 * PERMIT ...) applied by racf-model, and checkAccess must agree on every question asked.
 */
import { Readable } from 'node:stream';
import { type AccessLevel, applyDeck, checkAccess, createState, getRing, listRings } from '@ztwin/racf-model';
import { type UnloadDatabase, generateUnload, importUnload, importUnloadDatabase, syntheticGroupName, syntheticUserId } from '@ztwin/irrdbu00';

const OPTIONS = { users: 12, groups: 3, datasetProfiles: 16, profilesPerClass: 6, classes: ['FACILITY', 'APPL', 'STARTED'], permitsPerProfile: 4, certificates: 3, seed: 42 };
const CLASSES = OPTIONS.classes;

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The RACF commands that define what the unload describes (test oracle, written independently of to-state.ts). */
function deckFor(db: UnloadDatabase): string {
  const out: string[] = [
    'SETROPTS NOADDCREATOR',
    'SETROPTS GENERIC(DATASET) EGN',
    `SETROPTS CLASSACT(${CLASSES.join(' ')}) GENERIC(${CLASSES.join(' ')})`,
  ];
  for (const g of db.groups) if (g.name !== 'SYS1') out.push(`ADDGROUP ${g.name} SUPGROUP(${g.superior}) OWNER(${g.owner})${g.gid !== undefined ? ` OMVS(GID(${g.gid}))` : ''}`);
  for (const u of db.users) {
    if (u.id === 'IBMUSER') {
      // A fresh database's IBMUSER has SPECIAL and OPERATIONS; make it what the unload says.
      out.push(`ALTUSER IBMUSER ${u.special ? 'SPECIAL' : 'NOSPECIAL'} ${u.operations ? 'OPERATIONS' : 'NOOPERATIONS'}`);
      continue;
    }
    const attrs = [u.special ? 'SPECIAL' : '', u.operations ? 'OPERATIONS' : '', u.auditor ? 'AUDITOR' : '', u.restricted ? 'RESTRICTED' : ''].filter((x) => x !== '').join(' ');
    out.push(`ADDUSER ${u.id} DFLTGRP(${u.defaultGroup}) OWNER(${u.owner}) NAME(${q(u.name)}) ${attrs}`.trimEnd());
    if (u.revoked) out.push(`ALTUSER ${u.id} REVOKE`);
    if (u.clauth.length > 0) out.push(`ALTUSER ${u.id} CLAUTH(${u.clauth.join(' ')})`);
  }
  for (const c of db.connects) {
    if (c.user === 'IBMUSER') continue;
    const u = db.users.find((x) => x.id === c.user);
    if (u?.defaultGroup === c.group) {
      if (c.authority !== 'USE') out.push(`CONNECT ${c.user} GROUP(${c.group}) AUTHORITY(${c.authority})`);
    } else out.push(`CONNECT ${c.user} GROUP(${c.group}) AUTHORITY(${c.authority})`);
  }
  for (const p of db.profiles) {
    const ds = p.class === 'DATASET';
    const common = `UACC(${p.uacc}) OWNER(${p.owner})${p.warning ? ' WARNING' : ''}`;
    if (ds) out.push(`ADDSD ${q(p.name)} ${common}${p.generic ? ' GENERIC' : ' NOSET'}`);
    else {
      const st = p.segments['STDATA'];
      const std = st !== undefined ? ` STDATA(USER(${String(st['USER'])}) GROUP(${String(st['GROUP'])}) TRUSTED(${st['TRUSTED'] === true ? 'YES' : 'NO'}))` : '';
      out.push(`RDEFINE ${p.class} ${p.name} ${common}${std}`);
    }
    const target = ds ? q(p.name) : `${p.name} CLASS(${p.class})`;
    for (const a of p.accessList) out.push(`PERMIT ${target} ID(${a.id}) ACCESS(${a.access})${ds && p.generic ? ' GENERIC' : ''}`);
    for (const c of p.conditionalAccessList) out.push(`PERMIT ${target} ID(${c.id}) ACCESS(${c.access}) WHEN(${c.when.kind}(${c.when.value}))${ds && p.generic ? ' GENERIC' : ''}`);
  }
  return out.join('\n');
}

/** Resources to ask about: each profile's name made concrete, plus names no profile protects. */
function resourcesFor(db: UnloadDatabase): { class: string; resource: string }[] {
  const concrete = (n: string): string => n.replace(/\*\*/g, 'X.Y').replace(/\*/g, 'Z').replace(/%/g, 'Q');
  const res = db.profiles.map((p) => ({ class: p.class, resource: concrete(p.name) }));
  res.push({ class: 'DATASET', resource: 'NOPROF.ANY.DATA' }, { class: 'FACILITY', resource: 'NOT.DEFINED' }, { class: 'XFACILIT', resource: 'SYN.XFACILIT.R0000001' });
  return res;
}

describe('imported state equals the state built from RACF commands', () => {
  test('checkAccess gives the same decision and profile for every user, resource and access level', async () => {
    const text = [...generateUnload(OPTIONS)].join('\n');
    const { database } = await importUnloadDatabase(Readable.from([text]));
    const imported = await importUnload(Readable.from([text]), { source: 'SYN.UNLOAD', classes: { active: CLASSES, generic: [...CLASSES, 'DATASET'] }, setropts: { egn: true, addcreator: false } });
    expect(imported.diagnostics).toEqual([]);

    const deck = deckFor(database);
    const built = applyDeck(createState(), deck, { source: 'SYN.DECK', issuer: 'IBMUSER' });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const users = ['IBMUSER', ...Array.from({ length: OPTIONS.users }, (_, i) => syntheticUserId(i)), 'NOSUCHU'];
    const levels: AccessLevel[] = ['READ', 'UPDATE', 'ALTER'];
    let asked = 0;
    let allowed = 0;
    for (const { class: cls, resource } of resourcesFor(database))
      for (const user of users)
        for (const access of levels) {
          const a = checkAccess(imported.state, { user, class: cls, resource, access });
          const b = checkAccess(built.state, { user, class: cls, resource, access });
          expect({ user, cls, resource, access, decision: a.decision, profile: a.profile }).toEqual({ user, cls, resource, access, decision: b.decision, profile: b.profile });
          asked++;
          if (a.decision === 'allowed') allowed++;
        }
    // The comparison is not vacuous: both outcomes occur.
    expect(asked).toBeGreaterThan(1000);
    expect(allowed).toBeGreaterThan(50);
    expect(asked - allowed).toBeGreaterThan(50);
  });

  test('rings and their connections are in the state, as the unload says', async () => {
    const { state, diagnostics } = await importUnload(Readable.from([[...generateUnload(OPTIONS)].join('\n')]));
    expect(diagnostics).toEqual([]);
    expect(listRings(state)).toHaveLength(3);
    const ring = getRing(state, syntheticUserId(1), 'Synthetic.Ring1');
    expect(ring?.connections).toEqual([
      { certOwner: { kind: 'ID', id: syntheticUserId(1) }, label: 'Synthetic Cert 1', usage: 'PERSONAL', default: true },
      { certOwner: { kind: 'CERTAUTH' }, label: 'Synthetic Root CA', usage: 'CERTAUTH', default: false },
    ]);
    expect(state.certificates.get(`ID(${syntheticUserId(1)})/Synthetic Cert 1`)).toMatchObject({ trust: 'TRUST', hasPrivateKey: true, keyType: 'NISTECC', issuerDn: 'CN=Synthetic Root CA.OU=ztwin.O=Example' });
    expect(state.groups.get(syntheticGroupName(0))?.segments).toEqual({ OMVS: { GID: 1000 } });
  });

  test('decks apply on top of an imported state', async () => {
    const { state } = await importUnload(Readable.from([[...generateUnload(OPTIONS)].join('\n')]), { classes: { active: CLASSES, generic: CLASSES } });
    const u = syntheticUserId(2);
    const before = checkAccess(state, { user: u, class: 'FACILITY', resource: 'NEW.RESOURCE', access: 'READ' });
    expect(before.decision).toBe('denied');
    const after = applyDeck(state, `RDEFINE FACILITY NEW.RESOURCE UACC(NONE)\nPERMIT NEW.RESOURCE CLASS(FACILITY) ID(${u}) ACCESS(READ)`, { issuer: 'IBMUSER' });
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checkAccess(after.state, { user: u, class: 'FACILITY', resource: 'NEW.RESOURCE', access: 'READ' }).decision).toBe('allowed');
  });
});
