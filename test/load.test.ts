/**
 * Load (100 cycles with OPENRDS_LONG=1, 10 in the default run): rds_stop_replication / rds_start_replication
 * cycles on a read replica while `sysbench oltp_write_only` writes to the source with 8 threads;
 * afterwards CHECKSUM TABLE of every table agrees. Reports the tps held and the cycles done.
 */
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { Connection } from 'mysql2/promise';
import { countRows, createInstance, createReplica, LONG, recordFigure, waitForSameData } from './support/cluster.js';
import { connectTo, startTestService } from './support/service.js';

const PASSWORD = 'Load-pass1';
const CYCLES = Number(process.env.OPENRDS_LOAD_CYCLES ?? (LONG ? 100 : 10));
const TABLE_SIZE = LONG ? 20000 : 5000;

function sysbench(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sysbench', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`sysbench exited ${code}: ${out.slice(-2000)}`))));
  });
}

async function call(conn: Connection, procedure: string): Promise<string> {
  const [results] = await conn.query(`CALL mysql.${procedure}()`);
  return JSON.stringify(results);
}

test(`${CYCLES} stop/start cycles on a read replica under sysbench oltp_write_only (8 threads)`, async () => {
  await using t = await startTestService();
  const source = await createInstance(t.rds, 'ld', PASSWORD);
  const replica = await createReplica(t.rds, 'ld-r', 'ld');
  const common = [
    'oltp_write_only',
    '--mysql-host=127.0.0.1',
    `--mysql-port=${source.Endpoint!.Port}`,
    '--mysql-user=admin',
    `--mysql-password=${PASSWORD}`,
    '--mysql-db=app',
    '--tables=4',
    `--table-size=${TABLE_SIZE}`,
  ];
  await sysbench([...common, 'prepare']);
  await using admin = await connectTo(source, 'admin', PASSWORD);
  await using onReplica = await connectTo(replica, 'admin', PASSWORD);
  await waitForSameData(admin, [onReplica], 120_000);

  const started = Date.now();
  let running = true;
  const load = sysbench([...common, '--threads=8', '--events=0', `--time=${Math.max(LONG ? 30 : 8, Math.ceil(CYCLES * 0.4))}`, 'run']).finally(
    () => (running = false),
  );
  let cycles = 0;
  const messages = new Set<string>();
  await sleep(1000);
  while (running && cycles < CYCLES) {
    messages.add(await call(onReplica, 'rds_stop_replication'));
    await sleep(50);
    messages.add(await call(onReplica, 'rds_start_replication'));
    cycles += 1;
    await sleep(100);
  }
  const output = await load;
  const tps = Number(/transactions:\s+\d+\s+\(([\d.]+) per sec/.exec(output)?.[1]);
  const seconds = (Date.now() - started) / 1000;
  const tables = await waitForSameData(admin, [onReplica], 300_000);
  const rowsChecked = await countRows(admin);
  assert.equal(cycles, CYCLES, `cycles done while sysbench ran (${seconds} s)`);
  assert.ok(tps > 0, 'sysbench reported its throughput');
  await recordFigure({ suite: 'load', cycles, tps, seconds, tables, rowsChecked, messages: [...messages].map((m) => m.slice(0, 120)) });
});
