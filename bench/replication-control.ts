/**
 * CALL mysql.rds_stop_replication / rds_start_replication on an idle read replica of each engine
 * version's personality, beside bare STOP SLAVE / START SLAVE (until both threads run) on a bare
 * source/replica pair in the same run.
 *
 *   node dist/bench/replication-control.js [--runs N]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { startBenchService } from './support/bench-service.js';
import { figureTable, type Figure } from './support/stats.js';
import { BareServer } from '../kit/bare-server.js';
import { eventually } from '../kit/poll.js';

async function bothThreadsRun(conn: mysql.Connection): Promise<void> {
  await eventually('both replication threads to run', async () => {
    const [[status]] = await conn.query<RowDataPacket[]>('SHOW SLAVE STATUS');
    return status?.Slave_IO_Running === 'Yes' && status.Slave_SQL_Running === 'Yes';
  }, { intervalMs: 0.5 });
}

async function floor(runs: number): Promise<{ stop: number[]; start: number[] }> {
  await using source = await BareServer.start({ serverId: 801, port: 24601 });
  await using replica = await BareServer.start({ serverId: 802, port: 24602 });
  const src = await source.root();
  await src.query("CREATE USER repl@'%' IDENTIFIED BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO repl@'%'");
  const [[master]] = await src.query<RowDataPacket[]>('SHOW MASTER STATUS');
  await src.end();
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: replica.port, user: 'root', password: '' });
  await conn.query(
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${source.port}, MASTER_USER='repl', MASTER_PASSWORD='repl', MASTER_LOG_FILE='${master!.File}', MASTER_LOG_POS=${master!.Position}, MASTER_USE_GTID=no`,
  );
  await conn.query('START SLAVE');
  await bothThreadsRun(conn);
  const stop: number[] = [];
  const start: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await conn.query('STOP SLAVE');
    stop.push(performance.now() - t);
    t = performance.now();
    await conn.query('START SLAVE');
    await bothThreadsRun(conn);
    start.push(performance.now() - t);
  }
  await conn.end();
  return { stop, start };
}

/** The engine versions measured, each with what its procedures answer (sql/template/15-rds_messages.sql). */
const VERSIONS = [
  { label: 'RDS for MariaDB 10.11', engine: 'mariadb', version: '10.11', stopped: 'Slave is down or disabled', started: 'Slave running normally.' },
  { label: 'RDS for MySQL 5.7', engine: 'mysql', version: '5.7', stopped: 'Slave is down or disabled', started: 'Slave running normally.' },
  { label: 'RDS for MySQL 8.0', engine: 'mysql', version: '8.0', stopped: 'Slave is now down or disabled', started: 'Replication started. Slave is now running normally.' },
  { label: 'RDS for MySQL 8.4', engine: 'mysql', version: '8.4', stopped: 'Slave is now down or disabled', started: 'Replication started. Slave is now running normally.' },
] as const;

async function ours(runs: number, v: (typeof VERSIONS)[number], ports: string): Promise<{ stop: number[]; start: number[] }> {
  await using bench = await startBenchService(ports);
  await bench.create('source', { engine: v.engine, engineVersion: v.version });
  const port = await bench.create('replica', { replicaOf: 'source' });
  const conn = await bench.connect(port);
  const stop: number[] = [];
  const start: number[] = [];
  const call = async (sql: string, expected: string) => {
    const [result] = await conn.query<RowDataPacket[][]>(sql);
    if (result[0]?.[0]?.Message !== expected) throw new Error(`${v.label}: ${sql}: ${JSON.stringify(result)}`);
  };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await call('CALL mysql.rds_stop_replication', v.stopped);
    stop.push(performance.now() - t);
    t = performance.now();
    await call('CALL mysql.rds_start_replication', v.started);
    start.push(performance.now() - t);
  }
  await conn.end();
  return { stop, start };
}

export async function benchReplicationControl(runs: number): Promise<Figure[]> {
  const bare = await floor(runs);
  const figures: Figure[] = [];
  for (const [i, v] of VERSIONS.entries()) {
    const rds = await ours(runs, v, `${24610 + i * 20}-${24629 + i * 20}`);
    figures.push(
      { name: `${v.label}: CALL mysql.rds_stop_replication (idle replica)`, samples: rds.stop, floorName: 'bare STOP SLAVE', floorSamples: bare.stop, goal: '≤ 10 ms median' },
      { name: `${v.label}: CALL mysql.rds_start_replication (returns when running)`, samples: rds.start, floorName: 'bare START SLAVE until both threads run', floorSamples: bare.start, goal: '≤ 20 ms median' },
    );
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
  console.log(figureTable(await benchReplicationControl(Number(values.runs))));
}
