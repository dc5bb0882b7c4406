/**
 * The rest of RDS's replication procedures (rds-contract.md §4), state × message × history, on real
 * servers: `dst` replicates from the instance `src`, then from an "external MariaDB" on its own host.
 * rds_skip_repl_error (file/position and GTID), rds_set_external_master_with_delay and
 * rds_set_source_delay (a replica measurably behind), rds_set_master_auto_position,
 * rds_start_replication_until (stops exactly at the position), rds_next_master_log (after IO error
 * 1236), rds_set_external_master_gtid (an import by GTID), read-replica refusals, injection.
 * `dst` is an RDS for MySQL 5.7 instance (5.x wording, rds_set_master_auto_position); RDS for
 * MariaDB's own rds_set_external_master_gtid runs on `maria`. test/procedures.test.ts runs the core
 * procedures on every engine version.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { ExternalHost } from './support/external-host.js';
import { answer, configuration, HOSTILE, historyCount, lastHistory, operatorSession, slaveStatus, statusRow, waitForCatchUp, waitForSqlError } from './support/procedures-family.js';
import { createInstance } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { waitFor } from '../kit/poll.js';

const PASSWORD = 'Secret-pass1';
const REPL_PASSWORD = "Repl-'pass\\1";
const RUNNING_NORMALLY = 'Slave running normally.';
const DOWN = 'Slave is down or disabled';
const ENCOUNTERED_ERROR = 'Slave has encountered an error. Run SHOW SLAVE STATUS\\G; to see the error.';
const CANT_MODIFY = "You can't modify replication because replication is running. First call mysql.rds_stop_replication.";
const READ_REPLICA = 'Permission Denied: This instance is a RDS Read Replica.';
const SKIP = {
  notConfigured: "You can't skip a replication error because the replica isn't configured. First call mysql.rds_set_external_master.",
  nothingToSkip: 'Slave is running normally.  No errors detected to skip.',
  down: 'Slave is down or disabled.',
  skipped: 'Statement in error has been skipped\nSlave is now running normally',
  newError: 'Slave has encountered a new error. Please use SHOW SLAVE STATUS to see the error.',
  sqlRunning:
    "The replica SQL thread is running for the specified channel without encountering errors. Run SHOW REPLICA STATUS FOR CHANNEL '';",
};
const NEXT_LOG = {
  notConfigured: "You can't set the log file name because the replica isn't configured. First call mysql.rds_set_external_master.",
  moved: 'Master Log Position has been set to start of next log\nSlave is now running normally',
};
const UNTIL = {
  notConfigured: "You can't start replication because the replica isn't configured. First call mysql.rds_set_external_master.",
  running: 'Replication may already be running. Call rds_stop_replication to stop replication',
  invalidStop: 'Invalid input: replication_stop_point cannot be NULL, less than or equal to 0',
};
const DELAY = {
  range: 'For source delay the value must be between 0 and 86400 inclusive.',
  notConfigured: "You can't set replication delay because the replica isn't configured. First call mysql.rds_set_external_master.",
  running: "You can't set replication delay because replication is running. First call mysql.rds_stop_replication.",
  set: 'source delay is set successfully.',
};
const AUTO_POSITION_NOT_CONFIGURED =
  "You can't modify auto_position mode because the replica isn't configured. First call mysql.rds_set_external_master.";

describe('the rest of the replication procedure family: every state and message', () => {
  let t: TestService;
  let ext: ExternalHost;
  let src: DBInstance;
  let dst: DBInstance;
  let source: Connection & AsyncDisposable;
  let admin: Connection & AsyncDisposable;
  let maria: DBInstance;
  let mariaAdmin: Connection & AsyncDisposable;
  let extRoot: Connection;
  let start: { file: string; pos: number };

  /** CALL text with every argument escaped as data. */
  const call = (procedure: string, ...args: unknown[]) =>
    `CALL mysql.${procedure}(${args.map((a) => (a === null ? 'NULL' : admin.escape(a))).join(', ')})`;
  const fromSrc = (procedure: string, extra: { file?: string; pos?: number; password?: string } = {}, ...rest: unknown[]) =>
    call(
      procedure,
      '127.0.0.1',
      src.Endpoint!.Port,
      'repl',
      extra.password ?? REPL_PASSWORD,
      extra.file ?? start.file,
      extra.pos ?? start.pos,
      0,
      ...rest,
    );
  const masterStatus = async (conn: Connection) => {
    const [[m]] = await conn.query<RowDataPacket[]>('SHOW MASTER STATUS');
    return { file: String(m!.File), pos: Number(m!.Position) };
  };
  const ids = async (conn: Connection, table: string) => {
    const [rows] = await conn.query<RowDataPacket[]>(`SELECT id FROM ${table} ORDER BY id`);
    return rows.map((r) => Number(r.id));
  };

  before(async () => {
    [t, ext] = await Promise.all([startTestService(), ExternalHost.start()]);
    [src, dst, maria] = await Promise.all([
      createInstance(t.rds, 'src', PASSWORD),
      createInstance(t.rds, 'dst', PASSWORD, { Engine: 'mysql', EngineVersion: '5.7' }),
      createInstance(t.rds, 'maria', PASSWORD),
    ]);
    source = await connectTo(src, 'admin', PASSWORD);
    admin = await connectTo(dst, 'admin', PASSWORD);
    mariaAdmin = await connectTo(maria, 'admin', PASSWORD);
    await source.query('CREATE USER repl IDENTIFIED BY ?', [REPL_PASSWORD]);
    await source.query('GRANT REPLICATION SLAVE ON *.* TO repl');
    start = await masterStatus(source);
    await source.query('CREATE DATABASE shop');
    await source.query('CREATE TABLE shop.t (id INT PRIMARY KEY, note VARCHAR(64))');
    await source.query("INSERT INTO shop.t VALUES (1, 'one'), (2, 'two')");
    extRoot = await ext.rootConnection();
    await extRoot.query('CREATE USER repl IDENTIFIED BY ?', [REPL_PASSWORD]);
    await extRoot.query('GRANT REPLICATION SLAVE ON *.* TO repl');
  });
  after(async () => {
    await admin?.end();
    await mariaAdmin?.end();
    await source?.end();
    await extRoot?.end();
    await t?.[Symbol.asyncDispose]();
    await ext?.[Symbol.asyncDispose]();
  });

  test('NOT_EXIST: every procedure refuses with its RDS text and records nothing', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.notConfigured);
    assert.equal(await answer(admin, call('rds_next_master_log', 1)), NEXT_LOG.notConfigured);
    assert.equal(await answer(admin, call('rds_start_replication_until', 'binlog.000001', 4)), UNTIL.notConfigured);
    assert.equal(await answer(admin, call('rds_set_source_delay', 10)), DELAY.notConfigured);
    assert.equal(await answer(admin, call('rds_set_master_auto_position', 1)), AUTO_POSITION_NOT_CONFIGURED);
    for (const bad of [null, -1, 86401]) {
      assert.equal(await answer(admin, call('rds_set_source_delay', bad)), DELAY.range, `source delay ${bad}`);
      assert.equal(await answer(admin, fromSrc('rds_set_external_master_with_delay', {}, bad)), DELAY.range, `with_delay ${bad}`);
    }
    assert.equal(await answer(admin, call('rds_next_master_log', null)), 'Invalid arguments');
    assert.equal(await answer(admin, call('rds_set_master_auto_position', 2)), 'Invalid arguments');
    assert.equal(await historyCount(admin), 0);
    assert.equal(await statusRow(admin), undefined);
    assert.equal(await slaveStatus(admin), undefined);
  });

  test('with_delay 2 s: configured, recorded, ON refusals; the replica is measurably 2 s behind; set_source_delay when OFF', async () => {
    assert.equal(await answer(admin, fromSrc('rds_set_external_master_with_delay', {}, 2)), '');
    const configured = await slaveStatus(admin);
    assert.equal(configured?.SQL_Delay, 2);
    assert.equal(configured?.Using_Gtid, 'No');
    assert.equal(configured?.Master_Log_File, start.file);
    const history = await lastHistory(admin);
    assert.equal(history?.action, 'set master');
    assert.equal(history?.master_delay, 2);
    assert.equal(history?.master_log_file, start.file);
    assert.equal(Number(history?.master_log_pos), start.pos);
    assert.match(history?.called_by_user, /^admin@/);
    assert.equal((await configuration(admin))['source delay'], '2');

    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), RUNNING_NORMALLY);
    // ON: refusals and the no-op message
    assert.equal(await answer(admin, fromSrc('rds_set_external_master_with_delay', {}, 0)), CANT_MODIFY);
    assert.equal(await answer(admin, call('rds_set_source_delay', 0)), DELAY.running);
    assert.equal(await answer(admin, call('rds_start_replication_until', start.file, 4)), UNTIL.running);
    assert.equal(await answer(admin, call('rds_set_master_auto_position', 1)), CANT_MODIFY);
    assert.equal(await answer(admin, call('rds_next_master_log', 1)), SKIP.nothingToSkip);
    const before = await historyCount(admin);
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.nothingToSkip);
    assert.equal(await historyCount(admin), before, 'refusals and no-ops record nothing');

    // The delay: the first rows arrive about 2 s after the source wrote them (MASTER_DELAY counts
    // from the event's timestamp, which has whole seconds: 1 s < delay <= 2 s, plus apply time).
    await waitFor('the old rows', async () => (await ids(admin, 'shop.t').catch(() => [])).length === 2, 10_000);
    const written = Date.now();
    await source.query("INSERT INTO shop.t VALUES (3, 'delayed')");
    await sleep(900);
    assert.deepEqual(await ids(admin, 'shop.t'), [1, 2], 'not there after 0.9 s');
    await waitFor('the delayed row', async () => (await ids(admin, 'shop.t')).includes(3), 5_000);
    const lag = Date.now() - written;
    assert.ok(lag >= 1000 && lag < 3500, `arrived after ${lag} ms`);

    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
    assert.equal(await answer(admin, call('rds_set_source_delay', 0)), DELAY.set);
    assert.equal((await slaveStatus(admin))?.SQL_Delay, 0);
    const set = await lastHistory(admin);
    assert.equal(set?.action, 'set source delay');
    assert.equal(set?.master_delay, 0);
    assert.equal((await statusRow(admin))?.action, 'set source delay');
    assert.equal((await configuration(admin))['source delay'], '0');
    assert.equal(await answer(admin, call('rds_set_source_delay', 86401)), DELAY.range);
  });

  test('skip_repl_error (file/position): OFF refuses; a duplicate key is skipped with nothing else lost; a new error is reported', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.down);
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), RUNNING_NORMALLY);
    await waitForCatchUp(admin, source);
    await admin.query("INSERT INTO shop.t VALUES (10, 'replica''s own')");
    await source.query("INSERT INTO shop.t VALUES (10, 'source')");
    await source.query("INSERT INTO shop.t VALUES (11, 'after'), (12, 'after')");
    await waitForSqlError(admin, 1062);
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.skipped);
    assert.equal((await lastHistory(admin))?.action, 'skip_repl_error:OK');
    assert.equal((await statusRow(admin))?.action, 'skip_repl_error:OK');
    await waitForCatchUp(admin, source);
    assert.deepEqual(await ids(admin, 'shop.t'), [1, 2, 3, 10, 11, 12], 'only the conflicting event was skipped');
    const [[own]] = await admin.query<RowDataPacket[]>('SELECT note FROM shop.t WHERE id = 10');
    assert.equal(own!.note, "replica's own");

    // Two conflicting transactions in a row: the skip reports the second one.
    await admin.query('INSERT INTO shop.t VALUES (20, NULL), (21, NULL)');
    await source.query('INSERT INTO shop.t VALUES (20, NULL)');
    await source.query('INSERT INTO shop.t VALUES (21, NULL)');
    await source.query('INSERT INTO shop.t VALUES (22, NULL)');
    await waitForSqlError(admin, 1062);
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.newError);
    assert.equal((await lastHistory(admin))?.action, 'skip_repl_error:ERR');
    await waitForSqlError(admin, 1062);
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.skipped);
    await waitForCatchUp(admin, source);
    assert.deepEqual(await ids(admin, 'shop.t'), [1, 2, 3, 10, 11, 12, 20, 21, 22]);

    // BROKEN because the IO thread cannot log in: no SQL error, nothing is skipped.
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
    const position = await masterStatus(source);
    assert.equal(await answer(admin, fromSrc('rds_set_external_master', { password: 'wrong', ...position })), '');
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), ENCOUNTERED_ERROR);
    const before = await historyCount(admin);
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.sqlRunning);
    assert.equal(await answer(admin, call('rds_set_source_delay', 1)), DELAY.running, 'BROKEN');
    assert.equal(await answer(admin, call('rds_set_master_auto_position', 1)), CANT_MODIFY, 'BROKEN');
    assert.equal(await answer(admin, fromSrc('rds_set_external_master_with_delay', position, 1)), CANT_MODIFY, 'BROKEN');
    assert.equal(await historyCount(admin), before);
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
    assert.equal(await answer(admin, fromSrc('rds_set_external_master', position)), '');
  });

  test('set_master_auto_position: to GTID (slave_pos), skip_repl_error there too, and back to file/position', async () => {
    assert.equal(await answer(admin, call('rds_set_master_auto_position', 1)), 'Master Auto Position has been set to 1.');
    assert.equal((await slaveStatus(admin))?.Using_Gtid, 'Slave_Pos');
    const history = await lastHistory(admin);
    assert.equal(history?.action, 'set_master_AP:OK');
    assert.equal(history?.auto_position, 1);
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), RUNNING_NORMALLY);
    await source.query('INSERT INTO shop.t VALUES (30, NULL)');
    await waitForCatchUp(admin, source);
    await admin.query('INSERT INTO shop.t VALUES (31, NULL)');
    await source.query('INSERT INTO shop.t VALUES (31, NULL)');
    await source.query('INSERT INTO shop.t VALUES (32, NULL)');
    await waitForSqlError(admin, 1062);
    assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.skipped);
    await waitForCatchUp(admin, source);
    assert.deepEqual((await ids(admin, 'shop.t')).slice(-3), [30, 31, 32]);
    const [[gtid]] = await admin.query<RowDataPacket[]>('SELECT @@gtid_slave_pos AS p');
    const [[sourceGtid]] = await source.query<RowDataPacket[]>('SELECT @@gtid_binlog_pos AS p');
    assert.equal(gtid!.p, sourceGtid!.p, 'the skipped transaction counts as applied');

    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
    assert.equal(await answer(admin, call('rds_set_master_auto_position', 0)), 'Master Auto Position has been set to 0.');
    assert.equal((await slaveStatus(admin))?.Using_Gtid, 'No');
    assert.equal((await lastHistory(admin))?.auto_position, 0);
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), RUNNING_NORMALLY);
    await source.query('INSERT INTO shop.t VALUES (33, NULL)');
    await waitForCatchUp(admin, source);
    assert.deepEqual((await ids(admin, 'shop.t')).slice(-4), [30, 31, 32, 33], 'nothing lost, nothing doubled');
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
  });

  test('start_replication_until: stops exactly at the position, records the stop point; BROKEN and bad input refused', async () => {
    const { file } = await masterStatus(source);
    const after: number[] = [];
    for (let id = 40; id < 45; id++) {
      await source.query('INSERT INTO shop.t VALUES (?, NULL)', [id]);
      after.push((await masterStatus(source)).pos);
    }
    assert.equal(await answer(admin, call('rds_start_replication_until', file, 0)), UNTIL.invalidStop);
    assert.equal(await answer(admin, call('rds_start_replication_until', file, null)), UNTIL.invalidStop);
    assert.equal(await answer(admin, call('rds_start_replication_until', null, after[2])), 'Invalid arguments');
    const stop = after[2]!;
    assert.equal(
      await answer(admin, call('rds_start_replication_until', file, stop)),
      `Replication started until MASTER_LOG_FILE = '${file}' and MASTER_LOG_POS = ${stop}`,
    );
    const history = await lastHistory(admin);
    assert.equal(history?.action, 'start slave until');
    assert.equal(history?.master_log_file, file);
    assert.equal(Number(history?.master_log_pos), stop);
    const row = await statusRow(admin);
    assert.equal(row?.action, 'start slave until');
    assert.equal(row?.replication_log_file, file);
    assert.equal(Number(row?.replication_stop_point), stop);

    const stopped = await waitFor('the stop point', async () => {
      const s = await slaveStatus(admin);
      return s?.Slave_SQL_Running === 'No' ? s : undefined;
    });
    assert.equal(stopped.Slave_IO_Running, 'Yes', 'the IO thread keeps reading');
    assert.equal(stopped.Relay_Master_Log_File, file);
    assert.equal(Number(stopped.Exec_Master_Log_Pos), stop, 'exactly at the stop point');
    assert.equal(Number(stopped.Last_SQL_Errno), 0);
    assert.equal(stopped.Until_Condition, 'Master');
    assert.deepEqual((await ids(admin, 'shop.t')).filter((id) => id >= 40), [40, 41, 42]);

    assert.equal(await answer(admin, call('rds_start_replication_until', file, after[4])), UNTIL.running, 'BROKEN');
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
    assert.equal(await answer(admin, 'CALL mysql.rds_start_replication()'), RUNNING_NORMALLY);
    await waitForCatchUp(admin, source);
    assert.deepEqual((await ids(admin, 'shop.t')).filter((id) => id >= 40), [40, 41, 42, 43, 44]);
    const cleared = await statusRow(admin);
    assert.equal(cleared?.action, 'start slave');
    assert.equal(cleared?.replication_stop_point, null);
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);

    // A source that does not have the position (error 1236): the start fails, and is recorded.
    assert.equal(await answer(admin, fromSrc('rds_set_external_master', { file, pos: 99_999_999 })), '');
    assert.equal(await answer(admin, call('rds_start_replication_until', file, 100_000_000)), ENCOUNTERED_ERROR);
    assert.equal((await lastHistory(admin))?.action, 'start slave until');
    assert.equal(Number((await statusRow(admin))?.replication_stop_point), 100_000_000);
    await waitFor('IO error 1236', async () => Number((await slaveStatus(admin))?.Last_IO_Errno) === 1236);
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
  });

  test('next_master_log after IO error 1236 from an external source: a missing next file is a new error, the right one runs', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
    const [logs] = await extRoot.query<RowDataPacket[]>('SHOW BINARY LOGS');
    const current = String(logs.at(-1)!.Log_name);
    const index = Number(current.split('.').pop());
    await extRoot.query('FLUSH BINARY LOGS');
    await extRoot.query('CREATE DATABASE ext1');
    await extRoot.query('CREATE TABLE ext1.t (id INT PRIMARY KEY)');
    await extRoot.query('INSERT INTO ext1.t VALUES (1), (2), (3)');
    const base = current.slice(0, current.lastIndexOf('.') + 1);   // RDS's mysql-bin-changelog.
    const next = `${base}${String(index + 1).padStart(6, '0')}`;

    // A position past the end of the old file: the source answers error 1236. Its answer usually
    // comes before the IO thread reaches Yes; on a loaded machine it can come after, and the start
    // then says running (32-rds_start_replication.sql): the error follows either way.
    const setExt = call('rds_set_external_master', ext.address, ext.port, 'repl', REPL_PASSWORD, current, 99_999_999, 0);
    assert.equal(await answer(admin, setExt), '');
    assert.ok([ENCOUNTERED_ERROR, RUNNING_NORMALLY].includes(await answer(admin, 'CALL mysql.rds_start_replication()')));
    const failed = await waitFor('IO error 1236', async () => {
      const s = await slaveStatus(admin);
      return Number(s?.Last_IO_Errno) === 1236 ? s : undefined;
    });
    assert.equal(failed.Slave_SQL_Running, 'Yes');

    assert.equal(await answer(admin, call('rds_next_master_log', index + 5)), SKIP.newError, 'that file does not exist');
    const err = await lastHistory(admin);
    assert.equal(err?.action, 'next_master_log:ERR');
    assert.equal(err?.master_log_file, `${base}${String(index + 6).padStart(6, '0')}`);
    await waitFor('IO error 1236 again', async () => Number((await slaveStatus(admin))?.Last_IO_Errno) === 1236);

    assert.equal(await answer(admin, call('rds_next_master_log', index)), NEXT_LOG.moved);
    const ok = await lastHistory(admin);
    assert.equal(ok?.action, 'next_master_log:OK');
    assert.equal(ok?.master_log_file, next);
    assert.equal(Number(ok?.master_log_pos), 4);
    await waitForCatchUp(admin, extRoot);
    assert.equal((await slaveStatus(admin))?.Master_Log_File, next);
    assert.deepEqual(await ids(admin, 'ext1.t'), [1, 2, 3]);

    assert.equal(await answer(admin, call('rds_next_master_log', index + 1)), SKIP.nothingToSkip, 'ON');
    assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
    assert.equal(await answer(admin, call('rds_next_master_log', index + 1)), SKIP.down, 'OFF');
  });

  test('set_external_master_gtid: an import from an external MariaDB by GTID', async () => {
    const operator = await operatorSession(t, maria);
    try {
      await operator.query("CALL mysql.rds_operator_set_instance_role('read replica')");
      assert.equal(
        await answer(mariaAdmin, call('rds_set_external_master_gtid', ext.address, ext.port, 'repl', REPL_PASSWORD, '0-1-1', 0)),
        READ_REPLICA,
      );
    } finally {
      await operator.query('CALL mysql.rds_operator_set_instance_role(NULL)');
      await operator.end();
    }
    const [[pos]] = await extRoot.query<RowDataPacket[]>('SELECT @@gtid_current_pos AS p');
    const gtid = String(pos!.p);
    await extRoot.query('CREATE DATABASE gt');
    await extRoot.query('CREATE TABLE gt.t (id INT PRIMARY KEY)');
    await extRoot.query('INSERT INTO gt.t VALUES (1), (2)');
    const setGtid = (g: unknown, host: unknown = ext.address) =>
      call('rds_set_external_master_gtid', host, ext.port, 'repl', REPL_PASSWORD, g, 0);
    for (const bad of [null, '0-1-x', '1-2', "0-1-2' OR '1"]) {
      assert.equal(await answer(mariaAdmin, setGtid(bad)), 'Invalid arguments', String(bad));
    }
    assert.equal(await answer(mariaAdmin, setGtid(gtid)), '');
    const status = await slaveStatus(mariaAdmin);
    assert.equal(status?.Using_Gtid, 'Slave_Pos');
    const [[slavePos]] = await mariaAdmin.query<RowDataPacket[]>('SELECT @@gtid_slave_pos AS p');
    assert.equal(slavePos!.p, gtid);
    assert.equal(status?.Master_Host, ext.address);
    const history = await lastHistory(mariaAdmin);
    assert.equal(history?.action, 'set master');
    assert.equal(history?.master_gtid, gtid);
    assert.equal(history?.master_log_file, null);
    assert.equal((await statusRow(mariaAdmin))?.replication_gtid, gtid);
    assert.equal(await answer(mariaAdmin, 'CALL mysql.rds_start_replication()'), RUNNING_NORMALLY);
    await extRoot.query('INSERT INTO gt.t VALUES (3)');
    await waitForCatchUp(mariaAdmin, extRoot);
    assert.deepEqual(await ids(mariaAdmin, 'gt.t'), [1, 2, 3]);
    assert.equal(await answer(mariaAdmin, setGtid(gtid)), CANT_MODIFY);
    assert.equal(await answer(mariaAdmin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
  });

  test('on an RDS read replica the set_external_master variants refuse; the others answer by state', async () => {
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
    const operator = await operatorSession(t, dst);
    try {
      await operator.query("CALL mysql.rds_operator_set_instance_role('read replica')");
      const before = await historyCount(admin);
      assert.equal(await answer(admin, fromSrc('rds_set_external_master')), READ_REPLICA);
      assert.equal(await answer(admin, fromSrc('rds_set_external_master_with_delay', {}, 5)), READ_REPLICA);
      assert.equal(await answer(admin, 'CALL mysql.rds_skip_repl_error()'), SKIP.notConfigured);
      assert.equal(await answer(admin, call('rds_set_source_delay', 1)), DELAY.notConfigured);
      assert.equal(await historyCount(admin), before);
      assert.equal(await slaveStatus(admin), undefined);
    } finally {
      await operator.query('CALL mysql.rds_operator_set_instance_role(NULL)');
      await operator.end();
    }
  });

  test('injection strings in every string parameter are stored as data or refused, never run', async () => {
    let kept = 0;
    for (const value of HOSTILE) {
      for (const param of ['host', 'user', 'password', 'file'] as const) {
        const args = { host: '127.0.0.1', user: 'repl', password: REPL_PASSWORD, file: start.file, [param]: value };
        const reply = await answer(
          admin,
          call('rds_set_external_master_with_delay', args.host, src.Endpoint!.Port, args.user, args.password, args.file, start.pos, 0, 1),
        );
        const status = await slaveStatus(admin);
        if (reply === '') {
          const shown = { host: status?.Master_Host, user: status?.Master_User, file: status?.Master_Log_File, password: value };
          assert.equal(shown[param], value, `${param} kept as data: ${value}`);
          assert.equal(status?.Master_Port, src.Endpoint!.Port);
          assert.equal(status?.SQL_Delay, 1);
          kept++;
          assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
        } else {
          assert.match(reply, /^(Invalid arguments|Incorrect string value: .*)$/, `${param}=${value}: ${reply}`);
          assert.equal(status, undefined);
        }
      }
      for (const param of ['host', 'user', 'password'] as const) {
        const args = { host: ext.address, user: 'repl', password: REPL_PASSWORD, [param]: value };
        const reply = await answer(mariaAdmin, call('rds_set_external_master_gtid', args.host, ext.port, args.user, args.password, '', 0));
        const status = await slaveStatus(mariaAdmin);
        if (reply === '') {
          const shown = { host: status?.Master_Host, user: status?.Master_User, password: value };
          assert.equal(shown[param], value, `gtid ${param} kept as data: ${value}`);
          assert.equal(status?.Using_Gtid, 'Slave_Pos');
          kept++;
          assert.equal(await answer(mariaAdmin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
        } else {
          assert.match(reply, /^(Invalid arguments|Incorrect string value: .*)$/, `gtid ${param}=${value}: ${reply}`);
        }
      }
      assert.match(
        await answer(mariaAdmin, call('rds_set_external_master_gtid', ext.address, ext.port, 'repl', 'x', value, 0)),
        /^(Invalid arguments|Incorrect string value: .*)$/,
      );
    }
    // rds_start_replication_until's file name, on a configured, stopped replica
    assert.equal(await answer(admin, fromSrc('rds_set_external_master')), '');
    for (const value of HOSTILE.flatMap((v) => [v, `${v}.000002`])) {
      const reply = await answer(admin, call('rds_start_replication_until', value, 4));
      if (reply.startsWith('Replication started until')) {
        assert.equal(reply, `Replication started until MASTER_LOG_FILE = ${admin.escape(value)} and MASTER_LOG_POS = 4`);
        assert.equal((await slaveStatus(admin))?.Until_Log_File, value);
        kept++;
        assert.equal(await answer(admin, 'CALL mysql.rds_stop_replication()'), DOWN);
      } else {
        assert.match(reply, /^(Invalid arguments|Incorrect string value: .*)$/, `until file=${value}: ${reply}`);
      }
    }
    assert.equal(await answer(admin, 'CALL mysql.rds_reset_external_master()'), 'Slave has been reset');
    assert.ok(kept >= 20, `most hostile values are kept as data (${kept})`);
    const [dbs] = await admin.query<RowDataPacket[]>("SHOW DATABASES LIKE 'shop'");
    assert.equal(dbs.length, 1, 'nothing was dropped');
    const [[readOnly]] = await admin.query<RowDataPacket[]>('SELECT @@global.read_only AS ro');
    assert.equal(readOnly!.ro, 0);
  });
});
