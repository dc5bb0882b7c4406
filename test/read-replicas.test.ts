/**
 * Read replicas as an RDS user sees them: CreateDBInstanceReadReplica of a source that takes
 * writes, the replica status in DescribeDBInstances, the seed story (stop, writes, start, catch-up),
 * binary logs pinned by a stopped replica, errors, promotion, replicas of replicas.
 */
import {
  CreateDBInstanceReadReplicaCommand,
  ModifyDBInstanceCommand,
  DeleteDBInstanceCommand,
  DescribeEventsCommand,
  PromoteReadReplicaCommand,
  StopDBInstanceCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { answer as message } from './support/procedures-family.js';
import { createInstance, serversUnder } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { describeOne, rdsFailure, waitForReplicaStatus, waitForStatus } from '../kit/api.js';
import { done, eventually, notYet, poll } from '../kit/poll.js';

const PASSWORD = 'Secret-pass1';

async function events(t: TestService, id: string): Promise<string[]> {
  const out = await t.rds.send(new DescribeEventsCommand({ SourceIdentifier: id, SourceType: 'db-instance', Duration: 60 }));
  return (out.Events ?? []).map((e) => e.Message ?? '');
}

async function checksum(conn: Connection, table: string): Promise<string> {
  const [rows] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n, COALESCE(SUM(CRC32(CONCAT_WS('|', id, v))), 0) AS c FROM ${table}`);
  return `${rows[0]!.n}/${rows[0]!.c}`;
}

async function waitForEqual(replica: Connection, source: Connection, table: string, timeoutMs = 30_000): Promise<string> {
  return poll(`${table} to be the same on the replica`, async () => {
    const [a, b] = await Promise.all([checksum(replica, table), checksum(source, table)]);
    return a === b ? done(a) : notYet(`replica ${a} source ${b}`);
  }, timeoutMs);
}

describe('read replicas', () => {
  let t: TestService;
  let source: Connection & AsyncDisposable;
  let src: DBInstance;

  before(async () => {
    t = await startTestService();
    src = await createInstance(t.rds, 'src', PASSWORD);
    source = await connectTo(src, 'admin', PASSWORD, { database: 'app' });
    await source.query('CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB');
    await source.query("INSERT INTO items (v) SELECT CONCAT('row ', seq) FROM seq_1_to_5000");
  });
  after(async () => {
    await source?.end();
    await t?.[Symbol.asyncDispose]();
  });

  test('a replica of a source taking writes is a live, read-only copy replicating as rdsrepladmin', async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await source.query('INSERT INTO items (v) VALUES (?)', [`live ${++written}`]);
      }
    })();
    const created = await t.rds.send(
      new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'rep', SourceDBInstanceIdentifier: 'src' }),
    );
    assert.equal(created.DBInstance?.DBInstanceStatus, 'creating');
    assert.equal(created.DBInstance?.ReadReplicaSourceDBInstanceIdentifier, 'src');
    const rep = await waitForStatus(t.rds, 'rep', 'available');
    writing = false;
    await writer;
    assert.ok(written > 0, 'the source took writes during the copy');

    assert.equal(rep.ReadReplicaSourceDBInstanceIdentifier, 'src');
    assert.deepEqual((await describeOne(t.rds, 'src')).ReadReplicaDBInstanceIdentifiers, ['rep']);
    assert.equal((await describeOne(t.rds, 'src')).StatusInfos, undefined, 'a source has no StatusInfos');
    const replica = await waitForReplicaStatus(t.rds, 'rep', 'replicating');
    assert.deepEqual(replica.StatusInfos, [{ StatusType: 'read replication', Normal: true, Status: 'replicating' }]);

    await using conn = await connectTo(rep, 'admin', PASSWORD, { database: 'app' });
    await waitForEqual(conn, source, 'items');
    const [[status]] = await conn.query<RowDataPacket[]>('SHOW SLAVE STATUS');
    assert.equal(status!.Master_User, 'rdsrepladmin');
    assert.equal(status!.Using_Gtid, 'Slave_Pos');
    const [[vars]] = await conn.query<RowDataPacket[]>('SELECT @@read_only AS ro, @@server_id AS sid');
    assert.equal(vars!.ro, 1);
    const [[sourceVars]] = await source.query<RowDataPacket[]>('SELECT @@server_id AS sid');
    assert.notEqual(vars!.sid, sourceVars!.sid, 'its own server_id');
    await assert.rejects(conn.query("INSERT INTO items (v) VALUES ('x')"), /read-only|read_only/);
    assert.equal(
      await message(conn, "CALL mysql.rds_set_external_master('10.1.1.1', 3306, 'u', 'p', 'binlog.000001', 4, 0)"),
      'Permission Denied: This instance is a RDS Read Replica.',
    );
    assert.equal(await message(conn, 'CALL mysql.rds_reset_external_master'), 'Permission Denied: This instance is a RDS Read Replica.');
    const [history] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM mysql.rds_history WHERE called_by_user LIKE ?', ['admin@%']);
    assert.deepEqual(history, [{ n: 0 }], "the source's history is its own; the refusals are not actions");
  });

  test('the seed story: stop the replica, keep writing, start it again, it catches up with nothing lost', async () => {
    const rep = await describeOne(t.rds, 'rep');
    await using conn = await connectTo(rep, 'admin', PASSWORD, { database: 'app' });
    assert.equal(await message(conn, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    const stopped = await waitForReplicaStatus(t.rds, 'rep', 'stopped');
    assert.equal(stopped.StatusInfos?.[0]?.Normal, true);
    assert.ok((await events(t, 'rep')).includes('Replication for the Read Replica has been manually stopped.'));
    assert.equal(t.service.monitor.lag('rep'), -1, 'ReplicaLag is -1 while stopped');

    // Binary logs written while the replica is stopped stay on the source.
    const [[before]] = await conn.query<RowDataPacket[]>('SHOW SLAVE STATUS');
    for (let i = 0; i < 3; i++) {
      await source.query("INSERT INTO items (v) SELECT CONCAT('batch ', seq) FROM seq_1_to_500");
      await t.service.control.monitored.withOperator('src', (op) => op.rotateBinlog());
    }
    await t.service.monitor.runOnce();
    const [logs] = await source.query<RowDataPacket[]>('SHOW BINARY LOGS');
    assert.ok(
      logs.some((l) => l.Log_name === before!.Relay_Master_Log_File),
      `the source keeps ${before!.Relay_Master_Log_File}, which the stopped replica still needs`,
    );

    assert.equal(await message(conn, 'CALL mysql.rds_start_replication'), 'Slave running normally.');
    await waitForReplicaStatus(t.rds, 'rep', 'replicating');
    const same = await waitForEqual(conn, source, 'items');
    assert.match(same, /^\d+\//);
    assert.ok((await events(t, 'rep')).includes('Replication for the Read Replica resumed.'));

    // Running again, it no longer pins them: the source purges what nobody needs.
    await eventually('old binary logs to be purged', async () => {
      const [remaining] = await source.query<RowDataPacket[]>('SHOW BINARY LOGS');
      return !remaining.some((l) => l.Log_name === before!.Relay_Master_Log_File);
    }, { timeoutMs: 10_000, intervalMs: 100 });
  });

  test("StopDBInstance refuses a source of read replicas and a read replica, as RDS does", async () => {
    const onSource = await rdsFailure(t.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'src' })));
    assert.equal(onSource.code, 'InvalidDBInstanceState');
    assert.match(onSource.message, /Cannot stop DB instance src because it is the source of read replicas: rep/);
    const onReplica = await rdsFailure(t.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'rep' })));
    assert.equal(onReplica.code, 'InvalidDBInstanceState');
    assert.equal(onReplica.message, 'Cannot stop or start a Read-Replica instance');
    for (const id of ['src', 'rep']) assert.equal((await describeOne(t.rds, id)).DBInstanceStatus, 'available');
  });

  test('a source whose server crashes comes back, and its replica resumes with every write', async () => {
    const [pid] = await serversUnder(join(t.home, 'instances', 'src', 'my.cnf'));
    assert.ok(pid, 'the source runs');
    process.kill(pid, 'SIGKILL');
    await eventually('the source to be restarted', async () => {
      const [again] = await serversUnder(join(t.home, 'instances', 'src', 'my.cnf'));
      return again !== undefined && again !== pid;
    });
    await waitForStatus(t.rds, 'src', 'available');
    await source.end().catch(() => undefined);
    source = await poll('the master user to log in again', async () => done(await connectTo(src, 'admin', PASSWORD, { database: 'app' })), 30_000);
    await source.query("INSERT INTO items (v) VALUES ('after the source came back')");
    await waitForReplicaStatus(t.rds, 'rep', 'replicating', 90_000);
    await using conn = await connectTo(await describeOne(t.rds, 'rep'), 'admin', PASSWORD, { database: 'app' });
    await waitForEqual(conn, source, 'items', 90_000);
  });

  test('a replica of a replica receives the writes of the top source', async () => {
    // As on RDS: read replicas have no automated backups until asked, and a source needs them.
    const refused = await rdsFailure(t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'rep2', SourceDBInstanceIdentifier: 'rep' })));
    assert.equal(refused.code, 'InvalidDBInstanceState');
    assert.match(refused.message, /^Automated backups are not enabled for this database instance\./);
    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'rep', BackupRetentionPeriod: 1, ApplyImmediately: true }));
    await t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'rep2', SourceDBInstanceIdentifier: 'rep' }));
    const rep2 = await waitForStatus(t.rds, 'rep2', 'available');
    assert.equal(rep2.ReadReplicaSourceDBInstanceIdentifier, 'rep');
    await source.query("INSERT INTO items (v) VALUES ('two hops')");
    await using conn = await connectTo(rep2, 'admin', PASSWORD, { database: 'app' });
    await waitForEqual(conn, source, 'items');
  });

  test('PromoteReadReplica makes a standalone, writable instance', async () => {
    const promoting = await t.rds.send(new PromoteReadReplicaCommand({ DBInstanceIdentifier: 'rep2' }));
    assert.equal(promoting.DBInstance?.DBInstanceStatus, 'modifying');
    const promoted = await waitForStatus(t.rds, 'rep2', 'available');
    assert.equal(promoted.ReadReplicaSourceDBInstanceIdentifier, undefined);
    assert.equal(promoted.StatusInfos, undefined);
    assert.deepEqual((await describeOne(t.rds, 'rep')).ReadReplicaDBInstanceIdentifiers, []);
    await using conn = await connectTo(promoted, 'admin', PASSWORD, { database: 'app' });
    await conn.query("INSERT INTO items (v) VALUES ('written on the promoted instance')");
    const [[vars]] = await conn.query<RowDataPacket[]>('SELECT @@read_only AS ro');
    assert.equal(vars!.ro, 0);
    const [status] = await conn.query<RowDataPacket[]>('SHOW SLAVE STATUS');
    assert.deepEqual(status, []);
    assert.equal(
      await message(conn, "CALL mysql.rds_set_external_master('10.1.1.1', 3306, 'u', 'p', 'binlog.000001', 4, 0)"),
      '',
      'no longer refused as a read replica',
    );
    assert.equal(await message(conn, 'CALL mysql.rds_reset_external_master'), 'Slave has been reset');
  });

  test('bad requests: unknown source, stopped source', async () => {
    await assert.rejects(
      t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'x1', SourceDBInstanceIdentifier: 'nope' })),
      (e: { name: string }) => e.name === 'DBInstanceNotFoundFault',
    );
    await assert.rejects(
      t.rds.send(new PromoteReadReplicaCommand({ DBInstanceIdentifier: 'src' })),
      (e: { name: string }) => e.name === 'InvalidDBInstanceStateFault',
    );
    await assert.rejects(
      t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'rep', SourceDBInstanceIdentifier: 'src' })),
      (e: { name: string }) => e.name === 'DBInstanceAlreadyExistsFault',
    );
  });

  test('a creation that fails (its source dies during the copy) leaves no process or files, and says so', async () => {
    await source.query('CREATE TABLE bulk (id INT PRIMARY KEY, pad CHAR(200)) ENGINE=InnoDB');
    await source.query("INSERT INTO bulk SELECT seq, REPEAT('x', 200) FROM seq_1_to_200000");
    await t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'doomed', SourceDBInstanceIdentifier: 'src' }));
    // Kill the source's server as soon as the copy has begun.
    while (!(t.service.control.copyProgress('doomed') ?? 0)) await sleep(2);
    const pid = Number(await readFile(join(t.home, 'instances', 'src', 'run', 'mysqld.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await waitForStatus(t.rds, 'doomed', 'failed');
    assert.ok((await events(t, 'doomed')).some((m) => m.startsWith('Read replica creation failed.')));
    await assert.rejects(stat(join(t.home, 'instances', 'doomed')), /ENOENT/, 'no directory left');
    const processes = await readdir('/proc');
    for (const entry of processes.filter((p) => /^\d+$/.test(p))) {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      assert.ok(!cmdline.includes('/instances/doomed/'), `no process left: ${cmdline}`);
    }
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'doomed', SkipFinalSnapshot: true }));
    await waitForStatus(t.rds, 'src', 'available');
    await t.service.control.settled();
    await source.end();
    source = await connectTo(src, 'admin', PASSWORD, { database: 'app' });
    await source.query('DROP TABLE bulk');
  });

  test('deleting a source promotes its replicas to standalone instances', async () => {
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'src', SkipFinalSnapshot: true }));
    await t.service.control.settled();
    const rep = await waitForStatus(t.rds, 'rep', 'available');
    assert.equal(rep.ReadReplicaSourceDBInstanceIdentifier, undefined);
    await using conn = await connectTo(rep, 'admin', PASSWORD, { database: 'app' });
    await conn.query("INSERT INTO items (v) VALUES ('source is gone')");
  });
});

describe('the 30-day rule (threshold shortened to 2 s)', () => {
  test('replication stopped longer than the threshold is terminated for good', async () => {
    await using t = await startTestService({ replicaTerminateAfterSeconds: 2 });
    await createInstance(t.rds, 'old', PASSWORD);
    await t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'old-rep', SourceDBInstanceIdentifier: 'old' }));
    const rep = await waitForStatus(t.rds, 'old-rep', 'available');
    await using conn = await connectTo(rep, 'admin', PASSWORD);
    assert.equal(await message(conn, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    await waitForReplicaStatus(t.rds, 'old-rep', 'stopped');
    const terminated = await waitForReplicaStatus(t.rds, 'old-rep', 'terminated', 15_000);
    assert.equal(terminated.DBInstanceStatus, 'available', 'the replica itself stays available');
    assert.equal(terminated.StatusInfos?.[0]?.Normal, false);
    assert.ok((await events(t, 'old-rep')).includes('Replication streaming has been terminated.'));
    assert.match(await message(conn, 'CALL mysql.rds_start_replication'), /isn't configured/, 'replication cannot resume');
  });
});

describe('binary log retention and replication stop points', () => {
  test('a source without replicas purges closed binary logs at once, unless binlog retention hours keeps them', async () => {
    await using t = await startTestService();
    const solo = await createInstance(t.rds, 'solo', PASSWORD);
    await using conn = await connectTo(solo, 'admin', PASSWORD);
    const logCount = async () => (await conn.query<RowDataPacket[]>('SHOW BINARY LOGS'))[0].length;
    const rotate = () => t.service.control.monitored.withOperator('solo', (op) => op.rotateBinlog());

    for (let i = 0; i < 3; i++) await rotate();
    await t.service.monitor.runOnce();
    assert.equal(await logCount(), 1, 'retention NULL: nothing is kept longer than needed');

    await conn.query("CALL mysql.rds_set_configuration('binlog retention hours', 24)");
    const [shown] = await conn.query<RowDataPacket[][]>('CALL mysql.rds_show_configuration');
    assert.equal(shown[0]!.find((r) => r.name === 'binlog retention hours')?.value, '24');
    for (let i = 0; i < 3; i++) await rotate();
    await t.service.monitor.runOnce();
    assert.equal(await logCount(), 4, 'binlog retention hours = 24 keeps the closed logs');
  });

  test('rds_start_replication_until on a read replica: stop point set, then reached, in StatusInfos', async () => {
    await using t = await startTestService();
    const top = await createInstance(t.rds, 'top', PASSWORD);
    await using source = await connectTo(top, 'admin', PASSWORD, { database: 'app' });
    await source.query('CREATE TABLE steps (id INT PRIMARY KEY)');
    await t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'below', SourceDBInstanceIdentifier: 'top' }));
    const below = await waitForStatus(t.rds, 'below', 'available');
    await using replica = await connectTo(below, 'admin', PASSWORD, { database: 'app' });
    assert.equal(await message(replica, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    await source.query('INSERT INTO steps VALUES (1), (2)');
    const [[stop]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
    await source.query('INSERT INTO steps VALUES (3)');
    assert.equal(
      await message(replica, `CALL mysql.rds_start_replication_until('${stop!.File}', ${stop!.Position})`),
      `Replication started until MASTER_LOG_FILE = '${stop!.File}' and MASTER_LOG_POS = ${stop!.Position}`,
    );
    const reached = await waitForReplicaStatus(t.rds, 'below', 'replication stop point reached');
    assert.equal(reached.StatusInfos?.[0]?.Normal, true);
    const [rows] = await replica.query<RowDataPacket[]>('SELECT id FROM steps ORDER BY id');
    assert.deepEqual(rows.map((r) => r.id), [1, 2], 'applied exactly up to the stop point');
    assert.equal(await message(replica, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    // A stop point still ahead: replication runs with it set.
    const [[now]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
    await message(replica, `CALL mysql.rds_start_replication_until('${now!.File}', ${Number(now!.Position) + 10_000_000})`);
    await waitForReplicaStatus(t.rds, 'below', 'replication stop point set');
    assert.equal(await message(replica, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    assert.equal(await message(replica, 'CALL mysql.rds_start_replication'), 'Slave running normally.');
    await waitForReplicaStatus(t.rds, 'below', 'replicating');
  });
});

describe('the read replica limit', () => {
  test('a source has at most 15 read replicas', async () => {
    await using t = await startTestService();
    await createInstance(t.rds, 'popular', PASSWORD);
    const ids = Array.from({ length: 15 }, (_, i) => `fan-${i + 1}`);
    for (const id of ids) {
      await t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: id, SourceDBInstanceIdentifier: 'popular' }));
    }
    await assert.rejects(
      t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'fan-16', SourceDBInstanceIdentifier: 'popular' })),
      (e: { name: string; message: string }) => e.name === 'InstanceQuotaExceededFault' && /15 read replicas/.test(e.message),
    );
    const replicas = await Promise.all(ids.map((id) => waitForStatus(t.rds, id, 'available', 120_000)));
    assert.equal(new Set(replicas.map((r) => r.Endpoint?.Port)).size, 15);
    assert.deepEqual(
      [...((await describeOne(t.rds, 'popular')).ReadReplicaDBInstanceIdentifiers ?? [])].sort(),
      [...ids].sort(),
    );
  });
});
