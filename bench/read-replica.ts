/**
 * CreateDBInstanceReadReplica of an idle source → the replica is available and replicating,
 * beside its floor measured in the same run: `cp -a` of the source's data directory (page cache
 * dropped first when this machine allows it).
 *
 *   node dist/bench/read-replica.js [--runs N] [--megabytes M]
 */
import { CreateDBInstanceCommand, CreateDBInstanceReadReplicaCommand, DeleteDBInstanceCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { pino } from 'pino';
import { startService } from '../src/service.js';
import { rdsClientFor } from '../test/support/service.js';
import { figureTable, type Figure } from './support/stats.js';

const run = promisify(execFile);
const PASSWORD = 'Bench-pass1';

/** Drops the page cache so that copies read from disk; false when this machine does not allow it. */
async function dropCaches(): Promise<boolean> {
  try {
    await run('sync');
    await writeFile('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

export async function benchReadReplica(runs: number, megabytes: number): Promise<Figure> {
  const home = await mkdtemp(join(tmpdir(), 'openrds-bench-'));
  const service = await startService({ home, apiPort: 0, instancePorts: '24400-24499', monitorIntervalMs: 200 }, pino({ level: process.env.BENCH_LOG ?? 'warn' }));
  const rds = rdsClientFor(service.endpoint);
  const ours: number[] = [];
  const floor: number[] = [];
  let cold = true;
  try {
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'source', Engine: 'mariadb', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: PASSWORD, DBName: 'bench' }));
    await service.control.settled();
    const source = service.control.describe('source')[0]!;
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: source.port, user: 'admin', password: PASSWORD, database: 'bench' });
    await conn.query('CREATE TABLE filler (id INT PRIMARY KEY, pad VARCHAR(1000)) ENGINE=InnoDB');
    const rows = Math.round((megabytes * 1024 * 1024) / 1100);
    for (let first = 1; first <= rows; first += 50_000) {
      const last = Math.min(rows, first + 49_999);
      await conn.query(`INSERT INTO filler SELECT seq, REPEAT(MD5(seq), 31) FROM seq_${first}_to_${last}`);
    }
    await conn.end();
    const sourceData = join(home, 'instances', 'source', 'data');
    const { stdout } = await run('du', ['-sm', sourceData]);
    process.stderr.write(`source data directory: ${stdout.split('\t')[0]} MB\n`);

    for (let i = 0; i < runs; i++) {
      cold = (await dropCaches()) && cold;
      const target = join(home, `floor-${i}`);
      const t0 = performance.now();
      await run('cp', ['-a', sourceData, target]);
      floor.push(performance.now() - t0);
      await rm(target, { recursive: true, force: true });

      cold = (await dropCaches()) && cold;
      const id = `replica-${i}`;
      const t1 = performance.now();
      await rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: id, SourceDBInstanceIdentifier: 'source' }));
      for (;;) {
        const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        const status = out.DBInstances![0]!.DBInstanceStatus;
        if (status === 'available') break;
        if (status === 'failed') throw new Error(`${id} failed`);
        await sleep(10);
      }
      ours.push(performance.now() - t1);
      await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true }));
      await service.control.settled();
    }
  } finally {
    await service[Symbol.asyncDispose]();
    await rm(home, { recursive: true, force: true });
  }
  return {
    name: `CreateDBInstanceReadReplica of an idle ~${megabytes} MB source → available`,
    samples: ours,
    floorName: `cp -a of the source data directory (${cold ? 'page cache dropped' : 'warm cache: dropping it is not allowed here'})`,
    floorSamples: floor,
    goal: '≤ 2×',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, megabytes: { type: 'string', default: '200' } } });
  console.log(figureTable([await benchReadReplica(Number(values.runs), Number(values.megabytes))]));
}
