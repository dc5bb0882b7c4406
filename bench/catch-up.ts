/**
 * Catch-up: a read replica is stopped (rds_stop_replication) while the source takes a
 * `sysbench oltp_write_only --threads=8` burst, then started; the time it needs to apply the burst,
 * beside the burst's own duration. Also: CreateDBInstanceReadReplica while the source takes that
 * load, beside `cp -a` of the source's data directory.
 *
 *   node dist/bench/catch-up.js [--seconds 30] [--tables 4] [--table-size 50000]
 */
import { DeleteDBInstanceCommand } from '@aws-sdk/client-rds';
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { BENCH_PASSWORD, startBenchService } from './support/bench-service.js';
import { figureTable, type Figure } from './support/stats.js';

const run = promisify(execFile);

function sysbenchArgs(port: number, tables: number, tableSize: number): string[] {
  return [
    '--db-driver=mysql',
    '--mysql-host=127.0.0.1',
    `--mysql-port=${port}`,
    '--mysql-user=admin',
    `--mysql-password=${BENCH_PASSWORD}`,
    '--mysql-db=sbtest',
    `--tables=${tables}`,
    `--table-size=${tableSize}`,
  ];
}

/** Runs a sysbench burst; resolves with its transactions per second. */
function burst(port: number, tables: number, tableSize: number, seconds: number, threads: number, rate = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('sysbench', ['oltp_write_only', ...sysbenchArgs(port, tables, tableSize), `--threads=${threads}`, `--time=${seconds}`, `--rate=${rate}`, 'run'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const tps = /transactions:\s+\d+\s+\(([\d.]+) per sec/.exec(out)?.[1];
      if (code !== 0 || !tps) reject(new Error(`sysbench failed (${code}): ${out.slice(-500)}`));
      else resolve(Number(tps));
    });
  });
}

async function gtidPos(conn: Connection, variable: 'gtid_binlog_pos' | 'gtid_slave_pos'): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>(`SELECT @@global.${variable} AS p`);
  return String(row!.p);
}

export async function benchCatchUp(seconds: number, tables: number, tableSize: number): Promise<{ figures: Figure[]; notes: string[] }> {
  await using bench = await startBenchService('24700-24719');
  const sourcePort = await bench.create('source', { dbName: 'sbtest' });
  await run('sysbench', ['oltp_write_only', ...sysbenchArgs(sourcePort, tables, tableSize), '--threads=2', 'prepare'], { maxBuffer: 16 * 1024 * 1024 });
  const notes: string[] = [];

  // A read replica made while the source takes ~3k tps, beside cp -a of the source's data directory.
  const sourceData = join(bench.home, 'instances', 'source', 'data');
  const floorTarget = join(bench.home, 'floor-copy');
  let t0 = performance.now();
  await run('cp', ['-a', sourceData, floorTarget]);
  const copyFloor = performance.now() - t0;
  await rm(floorTarget, { recursive: true, force: true });
  // As fast as 2 writer threads go (on 2 cores, about the 3k tps the goal names); its tps is reported.
  const load = burst(sourcePort, tables, tableSize, 15, 2);
  await sleep(2000);
  t0 = performance.now();
  const loadedPort = await bench.create('loaded-replica', { replicaOf: 'source' });
  const underLoad = performance.now() - t0;
  notes.push(`read replica under load: the source held ${(await load).toFixed(0)} tps (oltp_write_only, 2 threads) while the copy ran`);
  void loadedPort;
  await bench.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'loaded-replica', SkipFinalSnapshot: true }));
  await bench.service.control.settled();

  // Catch-up after a burst on a stopped replica.
  const replicaPort = await bench.create('replica', { replicaOf: 'source' });
  const source = await bench.connect(sourcePort);
  const replica = await bench.connect(replicaPort);
  try {
    while ((await gtidPos(replica, 'gtid_slave_pos')) !== (await gtidPos(source, 'gtid_binlog_pos'))) await sleep(50);
    const [stopped] = await replica.query<RowDataPacket[][]>('CALL mysql.rds_stop_replication');
    if (stopped[0]?.[0]?.Message !== 'Slave is down or disabled') throw new Error('stop failed');
    t0 = performance.now();
    const tps = await burst(sourcePort, tables, tableSize, seconds, 8);
    // (the replica's catch-up is measured from here)
    const burstMs = performance.now() - t0;
    const target = await gtidPos(source, 'gtid_binlog_pos');
    t0 = performance.now();
    await replica.query('CALL mysql.rds_start_replication');
    while ((await gtidPos(replica, 'gtid_slave_pos')) !== target) await sleep(20);
    const catchUp = performance.now() - t0;
    const [[settings]] = await replica.query<RowDataPacket[]>('SELECT @@slave_parallel_threads AS threads, @@slave_parallel_mode AS mode, @@innodb_flush_log_at_trx_commit AS flush');
    notes.push(`catch-up: burst held ${tps.toFixed(0)} tps with 8 threads for ${seconds} s; replica settings: slave_parallel_threads=${settings!.threads}, slave_parallel_mode=${settings!.mode}, innodb_flush_log_at_trx_commit=${settings!.flush}`);
    return {
      figures: [
        { name: 'CreateDBInstanceReadReplica while the source takes ~3k tps', samples: [underLoad], floorName: 'cp -a of the source data directory', floorSamples: [copyFloor], goal: '≤ 4×' },
        { name: `catch-up of a replica stopped during a ${seconds} s oltp_write_only --threads=8 burst`, samples: [catchUp], floorName: 'the burst’s own duration', floorSamples: [burstMs], goal: '≤ 0.5×' },
      ],
      notes,
    };
  } finally {
    await source.end();
    await replica.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, tables: { type: 'string', default: '4' }, 'table-size': { type: 'string', default: '50000' } } });
  const { figures, notes } = await benchCatchUp(Number(values.seconds), Number(values.tables), Number(values['table-size']));
  console.log(figureTable(figures));
  for (const note of notes) console.log(`- ${note}`);
}
