#!/bin/sh
# Re-runs every CLI command of docs/guides/end-to-end.md and cli.md in a scratch directory
# (default /tmp/lab) and writes each transcript to $OUT/out-e2e-NAME.txt (default /tmp), so the
# pages can be compared with what the current build prints. Needs `npm run build` and
# `./run.sh` (which compiles e2e-files.ts) first.
set -u
ROOT=$(cd "$(dirname "$0")/../../.." && pwd); export ROOT
LAB=${LAB:-/tmp/lab}
OUT=${OUT:-/tmp}
rm -rf "$LAB" && mkdir -p "$LAB" && cd "$LAB"
cp $ROOT/examples/zcee-attls-lab/fixtures/racf/*.racf $ROOT/examples/zcee-attls-lab/fixtures/jcl/*.jcl .
cat > z.sh <<'EOS'
#!/bin/sh
echo "\$ ztwin $*"
node "$ROOT/packages/cli/dist/main.js" "$@" 2>&1
echo "(exit $?)"
EOS
chmod +x z.sh
node "$ROOT/docs/guides/examples/dist/e2e-files.js" "$LAB" > "$OUT/out-e2e-files.txt"
sed 's/BAQPORT=9080/BAQPORT=9443/' GETAPI.jcl > GETAPI-9443.jcl
sed 's/\/\/USER1GET JOB/\/\/USER1GEX JOB/' GETAPI-9443.jcl > GETAPI-other-job.jcl
sed 's/^TTLSKeyringParms /TLSKeyringParms /' TCPIP1.policy > typo.policy
sed 's/USER=USER1/USER=USER2/' GETAPI.jcl > GETAPI-user2.jcl
sed 's/BAQPASSWORD=USER1/BAQPASSWORD=password/' GETAPI.jcl > GETAPI-badpw.jcl
r() { n=$1; shift; ./z.sh "$@" > "$OUT/out-e2e-$n.txt" 2>&1; }
H='--hosts wg31.washington.ibm.com=192.168.17.201'
r apply racf apply ZCEERACF.racf ZCEETLSS.racf MVSTLS.racf ZCEETLSC.racf --out lab.json --clock 2020-06-01T00:00:00Z
r access-libserv racf access --state lab.json --user LIBSERV --class FACILITY --resource IRR.DIGTCERT.LISTRING --access READ
r access-role racf access --state lab.json --user USER1 --class EJBROLE --resource BBGZDFLT.zos.connect.access.roles.zosConnectAccess --access READ
r ringlist-libserv ring list --state lab.json --owner LIBSERV --ring '*'
sed -i "s/--ring \*$/--ring '*'/" "$OUT/out-e2e-ringlist-libserv.txt"
r ringlist-user1 ring list --state lab.json --owner USER1 --ring Liberty.KeyRing
r ringlist-user1-json ring list --state lab.json --owner USER1 --ring Liberty.KeyRing --json
r ringlist-usage ring list --state lab.json --owner USER1
r ringcheck-lab ring check --state lab.json --owner LIBSERV --ring zCEE.KeyRing --clock 2020-12-11T12:00:00Z
r ringcheck-today ring check --state lab.json --owner LIBSERV --ring zCEE.KeyRing --clock 2026-11-24T12:00:00Z
r ringcheck-case ring check --state lab.json --owner LIBSERV --ring Keyring.LIBERTY
r attls-check attls check TCPIP1.policy --state lab.json --job-user USER1GET=USER1 --release V2R3 --clock 2020-12-11T12:00:00Z
r attls-match attls match TCPIP1.policy --jobname USER1GET --userid USER1 --local 192.168.17.201:7419 --remote 192.168.17.201:9443 --direction outbound --release V2R3
r attls-match2 attls match TCPIP1.policy --jobname USER1GEX --local 192.168.17.201:7420 --remote 192.168.17.201:9443 --direction outbound --json
r attls-typo attls check typo.policy
r zcee-fixed zcee check server/server.xml --state lab.json --server-user LIBSERV --clock 2020-12-11T12:00:00Z
r zcee-seed zcee check seed/server.xml --state lab.json --server-user LIBSERV --clock 2026-11-24T12:00:00Z
r jcl-ok jcl check GETAPI.jcl --submitter USER1
r jcl-printed jcl check GETAPI-as-printed.jcl --submitter USER1
C="--state lab.json --server-user LIBSERV --policy TCPIP1.policy"
r sim-http simulate $C --server server/server.xml --job GETAPI.jcl --clock 2020-12-11T12:00:00Z $H
r sim-printed simulate $C --server server/server.xml --job GETAPI-as-printed.jcl --clock 2020-12-11T12:00:00Z $H
r sim-https simulate $C --server server/server.xml --job GETAPI-9443.jcl --clock 2020-12-11T12:00:00Z $H
r sim-otherjob simulate $C --server server/server.xml --job GETAPI-other-job.jcl --clock 2020-12-11T12:00:00Z $H
r sim-noattls simulate --state lab.json --server-user LIBSERV --server server/server.xml --job GETAPI-9443.jcl --clock 2020-12-11T12:00:00Z $H
r sim-seedserver simulate $C --server seed/server.xml --job GETAPI-9443.jcl --clock 2020-12-11T12:00:00Z $H
r sim-http-nosecure simulate $C --server server-http/server.xml --job GETAPI.jcl --clock 2020-12-11T12:00:00Z $H
r sim-today simulate $C --server server/server.xml --job GETAPI-9443.jcl --clock 2026-11-24T12:00:00Z $H
r sim-user2 simulate $C --server server-http/server.xml --job GETAPI-user2.jcl --submitter USER1 --clock 2020-12-11T12:00:00Z $H
r sim-badpw simulate $C --server server-http/server.xml --job GETAPI-badpw.jcl --clock 2020-12-11T12:00:00Z $H
r lab lab --clock 2026-11-24T12:00:00Z --out lab-out
( cd lab-out && find . -type f | sort ) > "$OUT/out-e2e-lab-files.txt"
node -e "const {generateUnload}=require('$ROOT/node_modules/@ztwin/irrdbu00');process.stdout.write([...generateUnload({users:5,groups:2,datasetProfiles:4,profilesPerClass:2,certificates:2,seed:7})].join('\n')+'\n')" > SYNTH.UNLOAD
r import racf import SYNTH.UNLOAD --classact all --generic DATASET,FACILITY --egn --out imported.json
r import-access racf access --state imported.json --user U0000003 --class DATASET --resource U0000000.D0000000.PAYROLL --access READ
