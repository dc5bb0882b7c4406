/**
 * `npm run bench`: every benchmark, one table, written to docs/benchmarks.md as well.
 * Sizes (defaults finish in under 10 minutes on 2 cores): BENCH_RUNS, BENCH_REPLICA_RUNS, BENCH_LOADED_RUNS, BENCH_CATCHUP_RUNS,
 * BENCH_TABLES and BENCH_TABLE_SIZE (the replicas' ~1.5 GB source), BENCH_REPLICA_CLASS,
 * BENCH_BURST_SECONDS, BENCH_SNAPSHOT_RUNS, BENCH_PITR_SECONDS, BENCH_PARALLEL, BENCH_FLEET_ROUNDS, BENCH_DESCRIBE_INSTANCES, BENCH_GUARD_INSTANCES.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchCreateInstance } from './create-instance.js';
import { benchFleet } from './fleet.js';
import { benchGuard } from './guard.js';
import { benchReadReplica } from './read-replica.js';
import { benchReplicationControl } from './replication-control.js';
import { figureTable } from './support/stats.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const started = Date.now();

const figures = await benchCreateInstance(env('BENCH_RUNS', 15));
figures.push(...(await benchFleet(env('BENCH_PARALLEL', 20), env('BENCH_DESCRIBE_INSTANCES', 50), env('BENCH_FLEET_ROUNDS', 3))));
figures.push(...(await benchGuard(env('BENCH_GUARD_INSTANCES', 20), env('BENCH_RUNS', 15))));
figures.push(...(await benchReplicationControl(env('BENCH_RUNS', 15) * 3)));
const replicas = await benchReadReplica({
  runs: env('BENCH_REPLICA_RUNS', 5),
  loadedRuns: env('BENCH_LOADED_RUNS', 3),
  catchUpRuns: env('BENCH_CATCHUP_RUNS', 2),
  tables: env('BENCH_TABLES', 8),
  tableSize: env('BENCH_TABLE_SIZE', 600_000),
  instanceClass: process.env.BENCH_REPLICA_CLASS ?? 'db.m5.large',
  burstSeconds: env('BENCH_BURST_SECONDS', 60),
  snapshots: { runs: env('BENCH_SNAPSHOT_RUNS', 3), burstSeconds: env('BENCH_PITR_SECONDS', 20) },
});
figures.push(...replicas.figures);

const table = figureTable(figures);
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const report = `# openrds benchmarks

Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${machine}, in ${((Date.now() - started) / 60_000).toFixed(1)} min.
Each figure stands beside its floor, measured in the same run by the same script; ratio = median / floor median.
These machines are noisy: compare ratios, and rerun before drawing conclusions.
What sets each figure, and where a floor sits at its goal: [performance.md](performance.md).

${table}

${replicas.notes.map((n) => `- ${n}`).join('\n')}
`;
console.log(table);
const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
await mkdir(docs, { recursive: true });
await writeFile(`${docs}benchmarks.md`, report);
console.log(`\nwritten to docs/benchmarks.md`);
