/**
 * RDS for MySQL 8.0 and 8.4 runbooks on real servers, from an "external MariaDB" on its own host
 * (a network namespace): 8.4's import with the `_source` names end to end; 8.0's GTID procedures
 * on MariaDB's GTIDs (with_auto_position, set_master_auto_position restarting replication,
 * start_replication_until_gtid, skip_transaction_with_gtid; gtid_purged refused); a procedure
 * called inside an open transaction fails with ERROR 1694 and commits nothing; an 8.4 read
 * replica carries RDS's mark in its history and refuses the `_source` procedures.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { waitFor } from '../kit/poll.js';
import { createInstance, createReplica } from './support/cluster.js';
import { ExternalHost } from './support/external-host.js';
import { said, slaveStatus, waitForCatchUp } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';
const REPL_PASSWORD = 'Repl-pass-8';

describe('RDS for MySQL 8.0 and 8.4 procedures against an external MariaDB', () => {
  let t: TestService;
  let ext: ExternalHost;
  let extRoot: Connection;
  let m84: DBInstance;
  let m80: DBInstance;
  let admin84: Connection & AsyncDisposable;
  let admin80: Connection & AsyncDisposable;

  const call = (conn: Connection, procedure: string, ...args: unknown[]) =>
    said(conn, `CALL mysql.${procedure}(${args.map((a) => (a === null ? 'NULL' : conn.escape(a))).join(', ')})`);
  const actions = async (conn: Connection) => {
    const [rows] = await conn.query<RowDataPacket[]>('SELECT action FROM mysql.rds_history ORDER BY action_timestamp, seq');
    return rows.map((r) => String(r.action));
  };
  const ids = async (conn: Connection, table: string) => {
    const [rows] = await conn.query<RowDataPacket[]>(`SELECT id FROM ${table} ORDER BY id`);
    return rows.map((r) => Number(r.id));
  };
  const extGtid = async () => {
    const [[row]] = await extRoot.query<RowDataPacket[]>('SELECT @@gtid_binlog_pos AS p');
    return String(row!.p);
  };

  before(async () => {
    [t, ext] = await Promise.all([startTestService(), ExternalHost.start()]);
    [m84, m80] = await Promise.all([
      createInstance(t.rds, 'm84', PASSWORD, { Engine: 'mysql', EngineVersion: '8.4' }),
      createInstance(t.rds, 'm80', PASSWORD, { Engine: 'mysql', EngineVersion: '8.0.46' }),
    ]);
    admin84 = await connectTo(m84, 'admin', PASSWORD);
    admin80 = await connectTo(m80, 'admin', PASSWORD);
    extRoot = await ext.rootConnection();
    await extRoot.query('CREATE USER repl IDENTIFIED BY ?', [REPL_PASSWORD]);
    await extRoot.query('GRANT REPLICATION SLAVE ON *.* TO repl');
  });
  after(async () => {
    await admin84?.end();
    await admin80?.end();
    await extRoot?.end();
    await t?.[Symbol.asyncDispose]();
    await ext?.[Symbol.asyncDispose]();
  });

  test('8.4: an import runbook with rds_set_external_source ... rds_reset_external_source', async () => {
    const [[master]] = await extRoot.query<RowDataPacket[]>('SHOW MASTER STATUS');
    await extRoot.query('CREATE DATABASE shop');
    await extRoot.query('CREATE TABLE shop.t (id INT PRIMARY KEY)');
    await extRoot.query('INSERT INTO shop.t VALUES (1), (2)');
    assert.equal(await call(admin84, 'rds_set_external_source', ext.address, ext.port, 'repl', REPL_PASSWORD, master!.File, Number(master!.Position), 0), '');
    assert.equal(await call(admin84, 'rds_start_replication'), 'M Replication started. Slave is now running normally.');
    assert.equal(await call(admin84, 'rds_start_replication'), 'E 1644 Replication may already be running. Call rds_stop_replication to stop replication');
    await extRoot.query('INSERT INTO shop.t VALUES (3)');
    await waitForCatchUp(admin84, extRoot);
    assert.deepEqual(await ids(admin84, 'shop.t'), [1, 2, 3]);
    assert.equal(await call(admin84, 'rds_stop_replication'), 'M Slave is now down or disabled');
    assert.equal(await call(admin84, 'rds_stop_replication'), 'E 1644 Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;');
    assert.equal(await call(admin84, 'rds_reset_external_source'), 'm Slave has been reset');
    assert.equal(
      await call(admin84, 'rds_reset_external_source'),
      "E 1644 You can't reset replication because replication isn't configured. First run mysql.rds_set_external_source.",
    );
    assert.equal(await call(admin84, 'rds_reset_external_master'), 'E 1305 PROCEDURE mysql.rds_reset_external_master does not exist');
    assert.deepEqual(await actions(admin84), [
      'Starting: set master',
      'set master',
      'Starting: start slave',
      'start slave',
      'Starting: start slave',
      'Starting: stop slave',
      'stop slave',
      'Starting: stop slave',
      'Starting: reset slave',
      'reset slave',
      'Starting: reset slave',
    ]);
    assert.equal(await slaveStatus(admin84), undefined);
  });

  test('8.0: with_auto_position imports by GTID; set_master_auto_position switches and restarts replication', async () => {
    assert.equal(await call(admin80, 'rds_set_external_master_with_auto_position', ext.address, ext.port, 'repl', REPL_PASSWORD, 0, 0), '');
    assert.equal((await slaveStatus(admin80))?.Using_Gtid, 'Slave_Pos');
    assert.equal(await call(admin80, 'rds_start_replication'), 'M Replication started. Slave is now running normally.');
    await waitForCatchUp(admin80, extRoot);
    assert.deepEqual(await ids(admin80, 'shop.t'), [1, 2, 3], 'from the first transaction the source still has');
    const history = (await actions(admin80)).slice(0, 2);
    assert.deepEqual(history, ['Starting: set master AP', 'set master with AP']);

    // running: 8.0 stops, switches, and starts again, answering twice
    assert.equal(await call(admin80, 'rds_set_master_auto_position', 0), 'M Master Auto Position has been set to 0.\nM Slave is now running normally');
    const status = await slaveStatus(admin80);
    assert.deepEqual([status?.Using_Gtid, status?.Slave_IO_Running, status?.Slave_SQL_Running], ['No', 'Yes', 'Yes']);
    await extRoot.query('INSERT INTO shop.t VALUES (4)');
    await waitForCatchUp(admin80, extRoot);
    assert.equal(await call(admin80, 'rds_set_master_auto_position', 1), 'M Master Auto Position has been set to 1.\nM Slave is now running normally');
    assert.equal((await slaveStatus(admin80))?.Using_Gtid, 'Slave_Pos');
    await extRoot.query('INSERT INTO shop.t VALUES (5)');
    await waitForCatchUp(admin80, extRoot);
    assert.deepEqual(await ids(admin80, 'shop.t'), [1, 2, 3, 4, 5], 'nothing lost, nothing doubled');
    assert.equal(await call(admin80, 'rds_set_master_auto_position', 2), 'E 1644 Invalid arguments');
  });

  test('8.0: start_replication_until_gtid stops after that transaction; skip_transaction_with_gtid skips exactly one', async () => {
    assert.equal(await call(admin80, 'rds_stop_replication'), 'M Slave is now down or disabled');
    await extRoot.query('INSERT INTO shop.t VALUES (6)');
    const stopAt = await extGtid();
    await extRoot.query('INSERT INTO shop.t VALUES (7)');
    assert.equal(await call(admin80, 'rds_start_replication_until_gtid', null), 'E 1644 Invalid input: gtid cannot be NULL');
    assert.match(await call(admin80, 'rds_start_replication_until_gtid', '3e11fa47-71ca-11e1-9e33-c80aa9429562:23'), /^E 1644 openrds replicates with MariaDB GTIDs/);
    assert.equal(await call(admin80, 'rds_start_replication_until_gtid', stopAt), `M Replication started until SQL_AFTER_GTIDS = '${stopAt}'`);
    // MariaDB's UNTIL master_gtid_pos ends both threads at the position
    await waitFor('replication stops at the GTID', async () => {
      const status = await slaveStatus(admin80);
      return status?.Slave_SQL_Running === 'No' && status.Slave_IO_Running === 'No';
    });
    assert.deepEqual((await ids(admin80, 'shop.t')).slice(-2), [5, 6], 'applied up to and including the GTID, not after');

    // 7 is the next transaction of the domain: skip it, then 8 arrives and is applied
    const [domain, server, seq] = (await extGtid()).split('-');
    const seven = `${domain}-${server}-${seq}`;
    assert.match(await call(admin80, 'rds_skip_transaction_with_gtid', `${domain}-${server}-${Number(seq) + 5}`), /^E 1644 openrds: only the next transaction/);
    assert.equal(await call(admin80, 'rds_skip_transaction_with_gtid', seven), 'M Transaction has been skipped successfully.');
    assert.match(await call(admin80, 'rds_skip_transaction_with_gtid', seven), /^E 1644 openrds: that transaction is at or before/);
    await extRoot.query('INSERT INTO shop.t VALUES (8)');
    assert.equal(await call(admin80, 'rds_start_replication'), 'M Replication started. Slave is now running normally.');
    await waitForCatchUp(admin80, extRoot);
    assert.deepEqual((await ids(admin80, 'shop.t')).slice(-3), [5, 6, 8], 'exactly the skipped transaction is missing');
  });

  test('8.0: rds_set_external_source_gtid_purged checks its arguments as RDS does, then refuses: MariaDB GTIDs have no server_uuid', async () => {
    const uuid = '3e11fa47-71ca-11e1-9e33-c80aa9429562';
    assert.equal(await call(admin80, 'rds_set_external_source_gtid_purged', uuid, 1, 5), 'E 1644 You can\'t modify gtid_purged because replication is already running.');
    assert.equal(await call(admin80, 'rds_stop_replication'), 'M Slave is now down or disabled');
    assert.equal(await call(admin80, 'rds_set_external_source_gtid_purged', 'not-a-uuid', 1, 5), 'E 1644 Invalid input value for server_uuid');
    assert.equal(
      await call(admin80, 'rds_set_external_source_gtid_purged', uuid, 0, 5),
      'E 1644 Invalid input value for start_pos. The value of start_pos should be greater than or equal to 1',
    );
    assert.equal(
      await call(admin80, 'rds_set_external_source_gtid_purged', uuid, 5, 4),
      'E 1644 Invalid input value for end_pos. The value of end_pos should be greater than or equal to start_pos value',
    );
    assert.match(await call(admin80, 'rds_set_external_source_gtid_purged', uuid, 1, 5), /^E 1644 openrds replicates with MariaDB GTIDs, which have no server_uuid/);
  });

  test('8.4: a read replica is marked in rds_history (disable set master, by rdsrepladmin) and refuses rds_set_external_source', async () => {
    const replica = await createReplica(t.rds, 'm84-replica', 'm84');
    await using conn = await connectTo(replica, 'admin', PASSWORD);
    const [rows] = await conn.query<RowDataPacket[]>("SELECT master_user FROM mysql.rds_history WHERE action = 'disable set master'");
    assert.deepEqual(rows.map((r) => r.master_user), ['rdsrepladmin']);
    assert.equal(
      await call(conn, 'rds_set_external_source', ext.address, ext.port, 'repl', REPL_PASSWORD, 'mysql-bin.000001', 4, 0),
      'E 1644 Permission Denied: This instance is a RDS Read Replica.',
    );
    assert.equal(await call(conn, 'rds_stop_replication'), 'M Slave is now down or disabled');
    assert.equal(await call(conn, 'rds_start_replication'), 'M Replication started. Slave is now running normally.');
  });

  test('a procedure called inside an open transaction fails with ERROR 1694 and commits none of the caller\'s work', async () => {
    for (const admin of [admin80, admin84]) {
      await admin.query('CREATE DATABASE IF NOT EXISTS scratch');
      await admin.query('CREATE TABLE IF NOT EXISTS scratch.t (id INT PRIMARY KEY)');
      await admin.query('START TRANSACTION');
      await admin.query('INSERT INTO scratch.t VALUES (1)');
      assert.equal(await call(admin, 'rds_stop_replication'), 'E 1694 Cannot modify @@session.sql_log_bin inside a transaction');
      assert.equal(await call(admin, 'rds_skip_transaction_with_gtid', '0-1-99'), 'E 1694 Cannot modify @@session.sql_log_bin inside a transaction');
      await admin.query('ROLLBACK');
      assert.deepEqual(await ids(admin, 'scratch.t'), [], 'the insert was not committed by the procedure');
    }
  });
});
