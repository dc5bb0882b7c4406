/**
 * Every state × procedure message of rds-contract.md §3–4 for the five foundation procedures, on
 * two real instances: `src` is a replication source, `dst` replicates from it through the procedures.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createInstance } from './support/cluster.js';
import { answer, lastHistory, historyCount, statusRow as replicationStatusRow, slaveStatus } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';
const NOT_CONFIGURED = {
  start: "You can't start replication because the replica isn't configured. First call mysql.rds_set_external_master.",
  stop: "You can't stop replication because the replica isn't configured. First call mysql.rds_set_external_master.",
  reset: "You can't reset replication because replication isn't configured. First run mysql.rds_set_external_master.",
};
const ALREADY_STOPPED = 'Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;';
const RUNNING_NORMALLY = 'Slave running normally.';
const DOWN = 'Slave is down or disabled';
const MAY_BE_RUNNING = 'Replication may already be running. Call rds_stop_replication to stop replication';
const MIGHT_BE_RUNNING = 'Replication might be running. First call mysql.rds_stop_replication.';
const CANT_MODIFY = "You can't modify replication because replication is running. First call mysql.rds_stop_replication.";
const ENCOUNTERED_ERROR = 'Slave has encountered an error. Run SHOW SLAVE STATUS\\G; to see the error.';
const RESET = 'Slave has been reset';

/** What a procedure answers: its `Message` rows, or the text of the error it signals. */
describe('mysql.rds_* replication procedures: every state and message', () => {
  let t: TestService;
  let src: DBInstance;
  let dst: DBInstance;
  let source: Connection & AsyncDisposable;
  let admin: Connection & AsyncDisposable;
  let binlog: { file: string; pos: number };

  const setMaster = (overrides: Partial<Record<'host' | 'port' | 'user' | 'password' | 'file' | 'pos', string>> = {}) => {
    const values = {
      host: admin.escape('127.0.0.1'),
      port: String(src.Endpoint!.Port),
      user: "'repl'",
      password: "'Repl-pass-1'",
      file: admin.escape(binlog.file),
      pos: String(binlog.pos),
      ...overrides,
    };
    return `CALL mysql.rds_set_external_master(${values.host}, ${values.port}, ${values.user}, ${values.password}, ${values.file}, ${values.pos}, 0)`;
  };

  before(async () => {
    t = await startTestService();
    [src, dst] = await Promise.all([createInstance(t.rds, 'src', PASSWORD), createInstance(t.rds, 'dst', PASSWORD)]);
    source = await connectTo(src, 'admin', PASSWORD);
    admin = await connectTo(dst, 'admin', PASSWORD);
    await source.query("CREATE USER 'repl'@'%' IDENTIFIED BY 'Repl-pass-1'");
    await source.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
    const [[master]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
    binlog = { file: master!.File, pos: Number(master!.Position) };
  });
  after(async () => {
    await admin?.end();
    await source?.end();
    await t?.[Symbol.asyncDispose]();
  });

  test('NOT_EXIST: start, stop and reset refuse; replica status is empty; nothing is recorded', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication'), NOT_CONFIGURED.start);
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication'), NOT_CONFIGURED.stop);
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master'), NOT_CONFIGURED.reset);
    const [status] = await admin.query<RowDataPacket[][]>('CALL mysql.rds_replica_status');
    assert.deepEqual(status[0], [], 'rds_replica_status is SHOW SLAVE STATUS: empty when nothing is configured');
    assert.equal(await historyCount(admin), 0);
  });

  test('set master: configured from the arguments, OFF, recorded in rds_history and rds_replication_status', async () => {
    assert.equal(await answer(admin, setMaster()), '');
    const status = await slaveStatus(admin);
    assert.equal(status?.Master_Host, '127.0.0.1');
    assert.equal(status?.Master_Port, src.Endpoint!.Port);
    assert.equal(status?.Master_User, 'repl');
    assert.equal(status?.Master_Log_File, binlog.file);
    assert.equal(Number(status?.Read_Master_Log_Pos), binlog.pos);
    assert.equal(status?.Using_Gtid, 'No');
    assert.deepEqual([status?.Slave_IO_Running, status?.Slave_SQL_Running], ['No', 'No']);
    const history = await lastHistory(admin);
    assert.equal(history?.action, 'set master');
    assert.match(history?.called_by_user, /^admin@/);
    assert.match(history?.mysql_version, /MariaDB/);
    assert.equal(history?.master_host, '127.0.0.1');
    assert.equal(history?.master_port, src.Endpoint!.Port);
    assert.equal(history?.master_user, 'repl');
    assert.equal(history?.master_log_file, binlog.file);
    assert.equal(Number(history?.master_log_pos), binlog.pos);
    assert.equal(history?.master_ssl, 0);
    const row = await replicationStatusRow(admin);
    assert.equal(row?.action, 'set master');
    assert.equal(row?.master_host, '127.0.0.1');
  });

  test('OFF: stop says already stopped; start starts and says running normally', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication'), ALREADY_STOPPED);
    const before = await historyCount(admin);
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication'), RUNNING_NORMALLY);
    const status = await slaveStatus(admin);
    assert.deepEqual([status?.Slave_IO_Running, status?.Slave_SQL_Running], ['Yes', 'Yes']);
    assert.equal((await lastHistory(admin))?.action, 'start slave');
    assert.equal(await historyCount(admin), before + 1);
    assert.equal((await replicationStatusRow(admin))?.action, 'start slave');
    await source.query('CREATE DATABASE replicated');
    for (let i = 0; i < 200 && !(await admin.query<RowDataPacket[]>("SHOW DATABASES LIKE 'replicated'"))[0].length; i++) await sleep(10);
    const [dbs] = await admin.query<RowDataPacket[]>("SHOW DATABASES LIKE 'replicated'");
    assert.equal(dbs.length, 1, 'replication really runs');
  });

  test('ON: start says may already be running; set master refuses; stop stops', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication'), MAY_BE_RUNNING);
    assert.equal(await answer(admin, setMaster()), CANT_MODIFY);
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication'), DOWN);
    const status = await slaveStatus(admin);
    assert.deepEqual([status?.Slave_IO_Running, status?.Slave_SQL_Running], ['No', 'No']);
    assert.equal((await lastHistory(admin))?.action, 'stop slave');
    assert.equal((await replicationStatusRow(admin))?.action, 'stop slave');
  });

  test('BROKEN (the IO thread cannot log in): start reports the error, then says replication might be running; stop stops it', async () => {
    assert.equal(await answer(admin, setMaster({ password: "'wrong-password'" })), '');
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication'), ENCOUNTERED_ERROR);
    const status = await slaveStatus(admin);
    assert.notEqual(status?.Slave_IO_Running, 'Yes');
    assert.match(String(status?.Last_IO_Error), /Access denied for user 'repl'/);
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication'), MIGHT_BE_RUNNING);
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication'), DOWN);
    const stopped = await slaveStatus(admin);
    assert.deepEqual([stopped?.Slave_IO_Running, stopped?.Slave_SQL_Running], ['No', 'No']);
  });

  test('reset on a running replica stops it and removes the configuration', async () => {
    assert.equal(await answer(admin, setMaster()), '');
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication'), RUNNING_NORMALLY);
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master'), RESET);
    assert.equal(await slaveStatus(admin), undefined);
    assert.equal((await lastHistory(admin))?.action, 'reset slave');
    assert.equal((await replicationStatusRow(admin))?.action, 'reset slave');
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master'), NOT_CONFIGURED.reset);
  });

  test('bad arguments are refused with Invalid arguments and change nothing', async () => {
    const before = await historyCount(admin);
    for (const overrides of [
      { host: 'NULL' },
      { host: "''" },
      { port: '0' },
      { port: '65536' },
      { user: 'NULL' },
      { file: 'NULL' },
      { pos: 'NULL' },
    ]) {
      assert.equal(await answer(admin, setMaster(overrides)), 'Invalid arguments', JSON.stringify(overrides));
    }
    assert.equal(await slaveStatus(admin), undefined);
    assert.equal(await historyCount(admin), before);
  });

  test('injection strings in every string parameter are stored as data or refused, never run', async () => {
    const hostile = [
      "pw', MASTER_HOST='evil.example",
      "x'; DROP DATABASE replicated; --",
      'back\\slash\' OR \'1\'=\'1',
      'new\nline, MASTER_PORT=1',
      '`; SET GLOBAL read_only=1; `',
      'ユニコード💥',
    ];
    for (const value of hostile) {
      for (const param of ['host', 'user', 'password', 'file'] as const) {
        const reply = await answer(admin, setMaster({ [param]: admin.escape(value) }));
        const status = await slaveStatus(admin);
        if (reply === '') {
          const shown = { host: status?.Master_Host, user: status?.Master_User, file: status?.Master_Log_File, password: value };
          assert.equal(shown[param], value, `${param} kept as data: ${value}`);
          assert.equal(status?.Master_Port, src.Endpoint!.Port, 'no other setting changed');
          assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master'), RESET);
        } else {
          // Refused before anything runs: RDS's message, or the server's own for a value it cannot hold.
          assert.match(reply, /^(Invalid arguments|Incorrect string value: .*)$/, `${param}=${value}: ${reply}`);
          assert.equal(status, undefined);
        }
      }
    }
    const [dbs] = await admin.query<RowDataPacket[]>("SHOW DATABASES LIKE 'replicated'");
    assert.equal(dbs.length, 1, 'nothing was dropped');
    const [[readOnly]] = await admin.query<RowDataPacket[]>('SELECT @@global.read_only AS ro');
    assert.equal(readOnly!.ro, 0);
  });
});
