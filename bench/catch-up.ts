/**
 * Catch-up: a read replica is stopped (rds_stop_replication) while its source takes a
 * `sysbench oltp_write_only --threads=8` burst, then started; the time it needs to apply the
 * burst, beside the burst's own duration. Run once per table set: one whose working set fits the
 * buffer pool (the goal's case), one many times larger (the disk's share shows).
 * bench/read-replica runs it on its ~1.5 GB source.
 *
 *   node dist/bench/catch-up.js [--seconds 60] [--class db.m5.large] [--runs 2]
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { startBenchService, type BenchService } from './support/bench-service.js';
import { figureTable, type Figure } from './support/stats.js';
import { prepareTables, writeBurst, type SysbenchTables } from './support/sysbench.js';

/** A burst's tables, and how the figure names them. */
export interface Burst {
  readonly tables: SysbenchTables;
  readonly label: string;
  readonly goal: string;
  /** Bursts of this kind, one after the other (each one's catch-up is a sample). */
  readonly runs: number;
}

/** One burst and the replica's catch-up after it. */
interface CatchUpRun {
  readonly applyMs: number;
  readonly burstMs: number;
  readonly tps: number;
}

async function gtidPos(conn: Connection, variable: 'gtid_binlog_pos' | 'gtid_slave_pos'): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>(`SELECT @@global.${variable} AS p`);
  return String(row!.p);
}

/** Measures catch-up on a new read replica of `sourceId`, one burst after the other. */
export async function measureCatchUp(bench: BenchService, sourceId: string, sourcePort: number, bursts: readonly Burst[], seconds: number): Promise<{ figures: Figure[]; notes: string[] }> {
  const replicaPort = await bench.create('catch-up-replica', { replicaOf: sourceId });
  const source = await bench.connect(sourcePort);
  const replica = await bench.connect(replicaPort);
  try {
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const burst of bursts) {
      const runs: CatchUpRun[] = [];
      for (let i = 0; i < burst.runs; i++) runs.push(await catchUp(source, replica, burst.tables, seconds));
      figures.push({
        name: `catch-up of a replica stopped during a ${seconds} s oltp_write_only --threads=8 burst, ${burst.label}`,
        samples: runs.map((r) => r.applyMs),
        floorName: 'the burst’s own duration',
        floorSamples: runs.map((r) => r.burstMs),
        goal: burst.goal,
      });
      const rates = runs.map((r) => `${r.tps.toFixed(0)} tps applied at ${((r.tps * r.burstMs) / r.applyMs).toFixed(0)} transactions/s`).join(', ');
      notes.push(`catch-up, ${burst.label}: the source held, then the replica, ${rates}`);
    }
    const [[settings]] = await replica.query<RowDataPacket[]>(
      'SELECT @@slave_parallel_threads AS threads, @@slave_parallel_mode AS mode, @@innodb_flush_log_at_trx_commit AS flush, @@sync_binlog AS sync, @@innodb_buffer_pool_size AS pool',
    );
    const s = settings!;
    notes.push(
      `catch-up replica: slave_parallel_threads=${s.threads}, slave_parallel_mode=${s.mode}, innodb_flush_log_at_trx_commit=${s.flush}, sync_binlog=${s.sync}, buffer pool ${Number(s.pool) / 2 ** 20} MiB`,
    );
    return { figures, notes };
  } finally {
    await source.end();
    await replica.end();
  }
}

async function catchUp(source: Connection, replica: Connection, tables: SysbenchTables, seconds: number): Promise<CatchUpRun> {
  while ((await gtidPos(replica, 'gtid_slave_pos')) !== (await gtidPos(source, 'gtid_binlog_pos'))) await sleep(50);
  const [stopped] = await replica.query<RowDataPacket[][]>('CALL mysql.rds_stop_replication');
  if (stopped[0]?.[0]?.Message !== 'Slave is down or disabled') throw new Error('stop failed');

  let t0 = performance.now();
  const tps = await writeBurst(tables, seconds, 8);
  const burstMs = performance.now() - t0;
  const target = await gtidPos(source, 'gtid_binlog_pos');

  t0 = performance.now();
  const [started] = await replica.query<RowDataPacket[][]>('CALL mysql.rds_start_replication');
  if (started[0]?.[0]?.Message !== 'Slave running normally.') throw new Error('start failed');
  while ((await gtidPos(replica, 'gtid_slave_pos')) !== target) await sleep(20);
  return { applyMs: performance.now() - t0, burstMs, tps };
}

/** The burst whose working set fits a db.m5.large's buffer pool: 4 tables of 50k rows (~50 MB). */
export function inMemoryBurst(port: number, runs = 1): Burst {
  return { tables: { port, database: 'hot', tables: 4, tableSize: 50_000 }, label: 'working set in the buffer pool', goal: '≤ 0.5×', runs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '60' }, class: { type: 'string', default: 'db.m5.large' }, runs: { type: 'string', default: '2' } },
  });
  await using bench = await startBenchService('24700-24719');
  const port = await bench.create('source', { instanceClass: values.class });
  const burst = inMemoryBurst(port, Number(values.runs));
  await prepareTables(burst.tables);
  const { figures, notes } = await measureCatchUp(bench, 'source', port, [burst], Number(values.seconds));
  console.log(figureTable(figures));
  for (const note of notes) console.log(`- ${note}`);
}
