/**
 * `openrds demo`: the story this project started from, end to end, on a scratch state directory —
 * a source, a read replica, writes, rds_stop_replication, a long index build on the replica,
 * rds_start_replication, catch-up, checksum — narrated step by step.
 */
import {
  CreateDBInstanceCommand,
  CreateDBInstanceReadReplicaCommand,
  CreateDBParameterGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBParameterGroupsCommand,
  ModifyDBParameterGroupCommand,
  type DBInstance,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { pino } from 'pino';
import { startService } from '../service.js';
import { rdsClient } from './client.js';

const PASSWORD = 'Demo-pass-1';
const ROWS = 200_000;

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)} s`;
}

async function waitAvailable(rds: RDSClient, id: string): Promise<DBInstance> {
  for (;;) {
    const instance = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!;
    if (instance.DBInstanceStatus === 'available') return instance;
    if (instance.DBInstanceStatus === 'failed') throw new Error(`${id} failed`);
    await sleep(20);
  }
}

async function message(conn: Connection, sql: string): Promise<string> {
  const [results] = await conn.query<RowDataPacket[][]>(sql);
  return results[0]?.[0]?.Message ?? '';
}

async function count(conn: Connection): Promise<number> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM orders');
  return Number(row!.n);
}

export async function runDemo(options: { keep: boolean }): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'openrds-demo-'));
  say(`openrds demo — scratch state directory ${home}\n`);
  const service = await startService({ home, apiPort: 0, instancePorts: '28000-28099', monitorIntervalMs: 200 }, pino({ level: 'warn' }));
  const rds = rdsClient(service.endpoint);
  const connections: Connection[] = [];
  const connect = async (instance: DBInstance) => {
    const conn = await mysql.createConnection({
      host: instance.Endpoint!.Address,
      port: instance.Endpoint!.Port,
      user: 'admin',
      password: PASSWORD,
      database: 'shop',
    });
    connections.push(conn);
    return conn;
  };
  try {
    let t0 = performance.now();
    say('1. CreateDBInstance demo-source (MariaDB, master user admin, database shop)');
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'demo-source',
        Engine: 'mariadb',
        DBInstanceClass: 'db.t3.micro',
        MasterUsername: 'admin',
        MasterUserPassword: PASSWORD,
        DBName: 'shop',
      }),
    );
    const sourceInstance = await waitAvailable(rds, 'demo-source');
    say(`   available at ${sourceInstance.Endpoint?.Address}:${sourceInstance.Endpoint?.Port} after ${seconds(t0)}`);
    const source = await connect(sourceInstance);
    await source.query('CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer INT, total DECIMAL(10,2), note VARCHAR(64)) ENGINE=InnoDB');
    await source.query(`INSERT INTO orders (customer, total, note) SELECT seq % 997, seq % 1000 / 10, CONCAT('order ', seq) FROM seq_1_to_${ROWS}`);
    say(`2. Wrote ${ROWS} orders on the source`);

    say('3. A DB parameter group for the replica, so that it can be made writable for an index build');
    // the replica's group must be of the source's family
    const sourceGroup = sourceInstance.DBParameterGroups![0]!.DBParameterGroupName!;
    const family = (await rds.send(new DescribeDBParameterGroupsCommand({ DBParameterGroupName: sourceGroup }))).DBParameterGroups![0]!.DBParameterGroupFamily!;
    await rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'demo-replica', DBParameterGroupFamily: family, Description: 'demo' }));

    t0 = performance.now();
    say('4. CreateDBInstanceReadReplica demo-replica (a hot physical copy while the source takes writes)');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await source.query("INSERT INTO orders (customer, total, note) VALUES (?, 9.99, 'live write')", [written++ % 997]);
        await sleep(2);
      }
    })();
    await rds.send(
      new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'demo-replica', SourceDBInstanceIdentifier: 'demo-source', DBParameterGroupName: 'demo-replica' }),
    );
    const replicaInstance = await waitAvailable(rds, 'demo-replica');
    say(`   available after ${seconds(t0)}; it replicates as rdsrepladmin from the copy's GTID position`);
    const replica = await connect(replicaInstance);

    say('5. On the replica: CALL mysql.rds_stop_replication');
    say(`   → ${await message(replica, 'CALL mysql.rds_stop_replication')}`);
    await sleep(500);
    const stopped = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'demo-replica' }))).DBInstances![0]!;
    say(`   DescribeDBInstances: StatusInfos ${stopped.StatusInfos?.[0]?.Status} (the source keeps writing: ${written} live writes so far)`);

    say('6. ModifyDBParameterGroup read_only=0 (applied at once), then a long index build on the replica');
    await rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'demo-replica',
        Parameters: [{ ParameterName: 'read_only', ParameterValue: '0', ApplyMethod: 'immediate' }],
      }),
    );
    t0 = performance.now();
    await replica.query('CREATE INDEX by_customer_total ON orders (customer, total)');
    say(`   CREATE INDEX by_customer_total took ${seconds(t0)}; meanwhile the source reached ${await count(source)} orders`);

    say('7. CALL mysql.rds_start_replication');
    say(`   → ${await message(replica, 'CALL mysql.rds_start_replication')}`);
    writing = false;
    await writer;
    t0 = performance.now();
    while ((await count(replica)) !== (await count(source))) await sleep(20);
    say(`   caught up in ${seconds(t0)}: ${await count(replica)} orders on both`);

    const [[a]] = await source.query<RowDataPacket[]>('CHECKSUM TABLE orders');
    const [[b]] = await replica.query<RowDataPacket[]>('CHECKSUM TABLE orders');
    const same = String(a!.Checksum) === String(b!.Checksum);
    say(`8. CHECKSUM TABLE orders: source ${a!.Checksum}, replica ${b!.Checksum} — ${same ? 'checksums match, nothing lost' : 'MISMATCH'}`);
    if (!same) throw new Error('the replica differs from its source');
    if (options.keep) {
      say(`\nKept running: API ${service.endpoint}; stop with Ctrl-C.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
    await service[Symbol.asyncDispose]();
    await rm(home, { recursive: true, force: true });
  }
  say('\nDone: the scratch instances are gone.');
}
