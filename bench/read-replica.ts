/**
 * Read replicas of a ~1.5 GB source (sysbench tables, 8 × 600k rows by default, class db.m5.large:
 * a 128 MiB buffer pool), each figure beside its floor from the same run:
 * - CreateDBInstanceReadReplica of the idle source → available and replicating, beside `cp -a`
 *   of the source's data directory without its binary logs (a replica needs none of them), page
 *   cache dropped before both;
 * - the same while the source takes `oltp_write_only --threads=8`, beside the same floor: once on
 *   tables that fit its buffer pool (thousands of tps), once across all its data (disk-bound);
 * - catch-up after a burst (bench/catch-up), on the same source;
 * - snapshots, restores, point-in-time restore and a blue/green switchover (bench/snapshots).
 *
 *   node dist/bench/read-replica.js [--runs 3] [--loaded-runs 3] [--catch-up-runs 2] [--tables 8] [--table-size 600000] [--class db.m5.large] [--burst-seconds 60] [--snapshot-runs 3] [--pitr-seconds 20]
 */
import { DeleteDBInstanceCommand } from '@aws-sdk/client-rds';
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import type { RowDataPacket } from 'mysql2/promise';
import { inMemoryBurst, measureCatchUp } from './catch-up.js';
import { startBenchService, type BenchService } from './support/bench-service.js';
import { benchSnapshots, type SnapshotBenchOptions } from './snapshots.js';
import { BINARY_LOGS, dropCaches, megabytes, timedToolCopy } from './support/copies.js';
import { figureTable, median, type Figure } from './support/stats.js';
import { prepareTables, startLoad, type SysbenchTables } from './support/sysbench.js';

const run = promisify(execFile);

/** One copy made while the source took a load: how long it took, and the source's rate meanwhile. */
interface LoadedCopy {
  readonly ms: number;
  readonly tps: number;
}

export interface ReadReplicaBenchOptions {
  readonly runs: number;
  /** Copies under each load. */
  readonly loadedRuns: number;
  /** Catch-up bursts whose working set fits the buffer pool (the disk-bound one runs once). */
  readonly catchUpRuns: number;
  readonly tables: number;
  readonly tableSize: number;
  readonly instanceClass: string;
  readonly burstSeconds: number;
  /** Snapshots, restores and switchovers of the same source (bench/snapshots). */
  readonly snapshots: SnapshotBenchOptions;
}

/** The floor: `cp -a` of everything in the data directory but the binary and relay logs. */
async function copyWithoutLogs(dataDir: string, target: string): Promise<number> {
  const entries = (await readdir(dataDir)).filter((name) => !BINARY_LOGS.test(name));
  await mkdir(target);
  const t0 = performance.now();
  await run('cp', ['-a', ...entries.map((name) => join(dataDir, name)), target]);
  const elapsed = performance.now() - t0;
  await rm(target, { recursive: true, force: true });
  return elapsed;
}

/** Creates a read replica of `sourceId` and waits until it is available; returns the milliseconds. */
async function timedReplica(bench: BenchService, id: string, sourceId: string): Promise<number> {
  const t0 = performance.now();
  await bench.create(id, { replicaOf: sourceId });
  const elapsed = performance.now() - t0;
  await bench.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true }));
  await bench.service.control.settled();
  return elapsed;
}

/** One value from the source (a master-user connection for one query). */
async function valueOf(bench: BenchService, port: number, expression: string): Promise<string> {
  const conn = await bench.connect(port);
  try {
    const [[row]] = await conn.query<RowDataPacket[]>(`SELECT ${expression} AS v`);
    return String(row!.v);
  } finally {
    await conn.end();
  }
}

/** The source's committed transactions so far (one GTID each). */
async function transactions(bench: BenchService, port: number): Promise<number> {
  return Number((await valueOf(bench, port, '@@global.gtid_binlog_pos')).split('-').pop());
}

export async function benchReadReplica(options: ReadReplicaBenchOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  await using bench = await startBenchService('24400-24499');
  const port = await bench.create('source', { dbName: 'sbtest', instanceClass: options.instanceClass });
  const tables: SysbenchTables = { port, database: 'sbtest', tables: options.tables, tableSize: options.tableSize };
  await prepareTables(tables);
  const hot = inMemoryBurst(port, options.catchUpRuns);
  await prepareTables(hot.tables);
  const sourceData = join(bench.home, 'instances', 'source', 'data');
  const size = await megabytes(sourceData);
  const poolMegabytes = Number(await valueOf(bench, port, '@@innodb_buffer_pool_size')) / 2 ** 20;
  const notes = [`read replicas: the source (${options.instanceClass}) holds ${size} MB without its binary logs (${options.tables} sysbench tables of ${options.tableSize} rows)`];

  const idle: number[] = [];
  const floor: number[] = [];
  const tool: number[] = [];
  let cold = true;
  for (let i = 0; i < options.runs; i++) {
    cold = (await dropCaches()) && cold;
    floor.push(await copyWithoutLogs(sourceData, join(bench.home, `floor-${i}`)));
    cold = (await dropCaches()) && cold;
    tool.push(await timedToolCopy(bench, 'source'));
    cold = (await dropCaches()) && cold;
    idle.push(await timedReplica(bench, `idle-replica-${i}`, 'source'));
  }

  // Under load: sysbench runs throughout; its rate during each copy is read from the source's GTIDs.
  // Two loads: on the tables that fit the buffer pool (the source commits thousands of transactions
  // a second: the goal's case), and across all the data (every write may read from disk).
  const duringCopy = async (copy: () => Promise<number>): Promise<LoadedCopy> => {
    cold = (await dropCaches()) && cold;
    const before = await transactions(bench, port);
    const ms = await copy();
    return { ms, tps: ((await transactions(bench, port)) - before) / (ms / 1000) };
  };
  const loads = [
    { tables: hot.tables, label: 'with its working set in the buffer pool', goal: '≤ 4×' },
    { tables, label: `across all ${size} MB (disk-bound)`, goal: '— (the source waits on the disk: see notes)' },
  ];
  const underLoad: { label: string; goal: string; replica: LoadedCopy[]; tool: LoadedCopy[] }[] = [];
  for (const { tables: loaded, label, goal } of loads) {
    const load = startLoad(loaded, 8);
    const replica: LoadedCopy[] = [];
    const tool: LoadedCopy[] = [];
    try {
      await sleep(3000);
      for (let i = 0; i < options.loadedRuns; i++) {
        tool.push(await duringCopy(() => timedToolCopy(bench, 'source')));
        replica.push(await duringCopy(() => timedReplica(bench, `loaded-replica-${i}`, 'source')));
      }
    } finally {
      load.kill('SIGKILL');
    }
    underLoad.push({ label, goal, replica, tool });
    notes.push(
      `read replica under load (oltp_write_only, 8 threads, ${label}): the source committed ${median(replica.map((r) => r.tps)).toFixed(0)} tps (median) while replicas were made, ` +
        `${median(tool.map((r) => r.tps)).toFixed(0)} tps while the hot-copy tool alone ran`,
    );
  }

  const floorName = `cp -a of the source data directory without binary logs (${cold ? 'page cache dropped' : 'warm cache: dropping it is not allowed here'})`;
  const catchUp = await measureCatchUp(
    bench,
    'source',
    port,
    [hot, { tables, label: `working set ${size} MB, ~${Math.round(size / poolMegabytes)}× the buffer pool`, goal: '— (disk-bound: see notes)', runs: 1 }],
    options.burstSeconds,
  );
  notes.push(...catchUp.notes);
  const snapshots = await benchSnapshots(bench, { id: 'source', port, instanceClass: options.instanceClass, dataDir: sourceData, megabytes: size, burst: hot.tables }, options.snapshots);
  notes.push(...snapshots.notes);
  return {
    figures: [
      { name: `CreateDBInstanceReadReplica of an idle ~${size} MB source → available`, samples: idle, floorName, floorSamples: floor, goal: '≤ 2×' },
      {
        name: `the hot-copy tool alone on the idle source (mariadb-backup --backup --parallel=4, --prepare)`,
        samples: tool,
        floorName,
        floorSamples: floor,
        goal: '— (what any hot copy costs here)',
      },
      ...underLoad.flatMap(({ label, goal, replica, tool }) => [
        {
          name: `CreateDBInstanceReadReplica of that source while it takes ~${Math.round(median(replica.map((r) => r.tps)))} tps ${label}`,
          samples: replica.map((r) => r.ms),
          floorName,
          floorSamples: floor,
          goal,
        },
        { name: `the hot-copy tool alone under the same load`, samples: tool.map((r) => r.ms), floorName, floorSamples: floor, goal: '— (what any hot copy costs here)' },
      ]),
      ...catchUp.figures,
      ...snapshots.figures,
    ],
    notes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'loaded-runs': { type: 'string', default: '3' },
      'catch-up-runs': { type: 'string', default: '2' },
      tables: { type: 'string', default: '8' },
      'table-size': { type: 'string', default: '600000' },
      class: { type: 'string', default: 'db.m5.large' },
      'burst-seconds': { type: 'string', default: '60' },
      'snapshot-runs': { type: 'string', default: '3' },
      'pitr-seconds': { type: 'string', default: '20' },
    },
  });
  const { figures, notes } = await benchReadReplica({
    runs: Number(values.runs),
    loadedRuns: Number(values['loaded-runs']),
    catchUpRuns: Number(values['catch-up-runs']),
    tables: Number(values.tables),
    tableSize: Number(values['table-size']),
    instanceClass: values.class,
    burstSeconds: Number(values['burst-seconds']),
    snapshots: { runs: Number(values['snapshot-runs']), burstSeconds: Number(values['pitr-seconds']) },
  });
  console.log(figureTable(figures));
  for (const note of notes) console.log(`- ${note}`);
}
