/**
 * The runbook for a new replica from a snapshot, end to end: a read replica of a source taking
 * writes is stopped with rds_stop_replication, its Relay_Master_Log_File / Exec_Master_Log_Pos
 * noted, snapshotted and restored as a new instance; the new instance rds_set_external_master's
 * to the source at the noted position and receives what the source wrote after, nothing lost.
 */
import { CreateDBSnapshotCommand, RestoreDBInstanceFromDBSnapshotCommand, waitUntilDBSnapshotAvailable, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { describeOne, waitForReplicaStatus, waitForStatus } from '../kit/api.js';
import { waitFor } from '../kit/poll.js';
import { createInstance, createReplica } from './support/cluster.js';
import { answer, slaveStatus } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';
const REPL_PASSWORD = 'Repl-pass1';

async function contents(conn: Connection): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n, MD5(COALESCE(GROUP_CONCAT(id, note ORDER BY id), \'\')) AS h FROM shop.orders');
  return `${row!.n} rows, ${row!.h}`;
}

describe('a new replica from a snapshot of a stopped read replica', () => {
  let t: TestService;
  let source: DBInstance;
  let src: Connection & AsyncDisposable;

  before(async () => {
    t = await startTestService();
    source = await createInstance(t.rds, 'rb-src', PASSWORD);
    src = await connectTo(source, 'admin', PASSWORD);
    await src.query('SET SESSION group_concat_max_len = 16777216');
    await src.query('CREATE DATABASE shop');
    await src.query('CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(64))');
    await src.query("INSERT INTO shop.orders (note) VALUES ('first'), ('second')");
    await src.query(`CREATE USER 'repl'@'%' IDENTIFIED BY '${REPL_PASSWORD}'`);
    await src.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
    await createReplica(t.rds, 'rb-rep', 'rb-src');
  });
  after(async () => {
    await src?.end();
    await t?.[Symbol.asyncDispose]();
  });

  test('stop, note the position, snapshot, restore, set external master at the position: nothing lost', async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) await src.query('INSERT INTO shop.orders (note) VALUES (?)', [`w${++written}`]);
    })();
    const replica = await describeOne(t.rds, 'rb-rep');
    await using rep = await connectTo(replica, 'admin', PASSWORD);
    await waitFor('the replica to apply some writes', async () => written > 50);
    assert.equal(await answer(rep, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    await waitForReplicaStatus(t.rds, 'rb-rep', 'stopped');
    const stopped = (await slaveStatus(rep))!;
    const file = String(stopped.Relay_Master_Log_File);
    const pos = Number(stopped.Exec_Master_Log_Pos);

    await t.rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'rb-rep', DBSnapshotIdentifier: 'rb-rep-snap' }));
    await waitUntilDBSnapshotAvailable({ client: t.rds, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { DBSnapshotIdentifier: 'rb-rep-snap' });
    await t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ DBInstanceIdentifier: 'rb-new', DBSnapshotIdentifier: 'rb-rep-snap' }));
    const restored = await waitForStatus(t.rds, 'rb-new', 'available', 120_000);
    writing = false;
    await writer;
    assert.equal(restored.ReadReplicaSourceDBInstanceIdentifier, undefined, 'not a read replica');
    assert.deepEqual((await describeOne(t.rds, 'rb-src')).ReadReplicaDBInstanceIdentifiers, ['rb-rep'], 'the source has its one replica only');

    await using fresh = await connectTo(restored, 'admin', PASSWORD);
    await fresh.query('SET SESSION group_concat_max_len = 16777216');
    assert.equal(await slaveStatus(fresh), undefined, 'it replicates from nothing');
    const [[ro]] = await fresh.query<RowDataPacket[]>('SELECT @@read_only AS ro');
    assert.equal(ro!.ro, 0, 'writable');
    assert.equal(await contents(fresh), await contents(rep), 'the replica’s data at its stop');

    const { Address, Port } = source.Endpoint!;
    assert.equal(await answer(fresh, 'CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)', [Address, Port, 'repl', REPL_PASSWORD, file, pos]), '');
    assert.equal(await answer(fresh, 'CALL mysql.rds_start_replication'), 'Slave running normally.');
    await src.query("INSERT INTO shop.orders (note) VALUES ('after the snapshot')");
    const want = await contents(src);
    await waitFor('the new instance to have every write of the source', async () => (await contents(fresh)) === want, { timeoutMs: 60_000, intervalMs: 100 });
    const status = (await slaveStatus(fresh))!;
    assert.equal(status.Last_SQL_Error, '', 'nothing doubled: no duplicate-key stop');
    assert.equal(status.Master_Port, Port);

    // The read replica goes on too.
    assert.equal(await answer(rep, 'CALL mysql.rds_start_replication'), 'Slave running normally.');
    await waitFor('the read replica to catch up', async () => (await contents(rep)) === want, { timeoutMs: 60_000, intervalMs: 100 });
  });
});
