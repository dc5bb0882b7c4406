/**
 * Every state × procedure message of the five foundation procedures, for every served engine
 * version (as Kysely runs its suite for every dialect), on real instances: `src` is a replication
 * source, each version's `dst` replicates from it through the procedures. The expected answers are
 * the tests' own table per version (support/rds-versions.ts), kinds included: 5.7 answers some
 * refusals with a result set where 8.0 raises an error.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createInstance } from './support/cluster.js';
import { historyCount, lastHistory, said, statusRow as replicationStatusRow, slaveStatus } from './support/procedures-family.js';
import { VERSION_CASES } from './support/rds-versions.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Secret-pass1';

const actions = async (conn: Connection) => {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT action FROM mysql.rds_history ORDER BY action_timestamp, seq');
  return rows.map((r) => String(r.action));
};

describe('mysql.rds_* replication procedures, every engine version: every state and message', () => {
  let t: TestService;
  let src: DBInstance;
  let source: Connection & AsyncDisposable;
  let binlog: { file: string; pos: number };
  const dsts = new Map<string, DBInstance>();

  before(async () => {
    t = await startTestService();
    const created = await Promise.all([
      createInstance(t.rds, 'src', PASSWORD),
      ...VERSION_CASES.map((v, i) => createInstance(t.rds, `dst${i}`, PASSWORD, { ...v.create })),
    ]);
    src = created[0]!;
    VERSION_CASES.forEach((v, i) => dsts.set(v.label, created[i + 1]!));
    source = await connectTo(src, 'admin', PASSWORD);
    await source.query("CREATE USER 'repl'@'%' IDENTIFIED BY 'Repl-pass-1'");
    await source.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
    const [[master]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
    binlog = { file: master!.File, pos: Number(master!.Position) };
  });
  after(async () => {
    await source?.end();
    await t?.[Symbol.asyncDispose]();
  });

  for (const [index, version] of VERSION_CASES.entries()) {
    const x = version.texts;
    /** A database this version's replica must receive live (src is shared). */
    const replicated = `replicated${index}`;
    describe(version.label, () => {
      let dst: DBInstance;
      let admin: Connection & AsyncDisposable;
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
        return `CALL mysql.${version.setMaster}(${values.host}, ${values.port}, ${values.user}, ${values.password}, ${values.file}, ${values.pos}, 0)`;
      };
      const reset = `CALL mysql.${version.reset}`;

      before(async () => {
        dst = dsts.get(version.label)!;
        admin = await connectTo(dst, 'admin', PASSWORD);
      });
      after(async () => {
        await admin?.end();
      });

      test('NOT_EXIST: start, stop and reset refuse; replica status is empty; nothing is recorded', async () => {
        assert.equal(await said(admin, 'CALL mysql.rds_start_replication'), x.notConfigured.start);
        assert.equal(await said(admin, 'CALL mysql.rds_stop_replication'), x.notConfigured.stop);
        assert.equal(await said(admin, reset), x.notConfigured.reset);
        if (version.hasReplicaStatus) {
          const [status] = await admin.query<RowDataPacket[][]>('CALL mysql.rds_replica_status');
          assert.deepEqual(status[0], [], 'rds_replica_status is SHOW SLAVE STATUS: empty when nothing is configured');
        } else {
          assert.equal(await said(admin, 'CALL mysql.rds_replica_status'), 'E 1305 PROCEDURE mysql.rds_replica_status does not exist');
        }
        for (const name of version.absent) {
          const args = name.startsWith('rds_set_') ? 'NULL, NULL, NULL, NULL, NULL, NULL, NULL' : '';
          assert.equal(await said(admin, `CALL mysql.${name}(${args})`), `E 1305 PROCEDURE mysql.${name} does not exist`);
        }
        assert.deepEqual(await actions(admin), [...version.starting('start slave'), ...version.starting('stop slave'), ...version.starting('reset slave')]);
      });

      test('set master: configured from the arguments, OFF, recorded in rds_history and rds_replication_status', async () => {
        assert.equal(await said(admin, setMaster()), '');
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
        assert.equal(await said(admin, 'CALL mysql.rds_stop_replication'), x.alreadyStopped);
        const before = await historyCount(admin);
        assert.equal(await said(admin, 'CALL mysql.rds_start_replication'), x.started);
        const status = await slaveStatus(admin);
        assert.deepEqual([status?.Slave_IO_Running, status?.Slave_SQL_Running], ['Yes', 'Yes']);
        assert.equal((await lastHistory(admin))?.action, 'start slave');
        assert.equal(await historyCount(admin), before + 1 + version.starting('start slave').length);
        const expected = [...version.starting('start slave'), 'start slave'];
        assert.deepEqual((await actions(admin)).slice(-expected.length), expected);
        assert.equal((await replicationStatusRow(admin))?.action, 'start slave');
        await source.query(`CREATE DATABASE ${replicated}`);
        for (let i = 0; i < 200 && !(await admin.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [replicated]))[0].length; i++) await sleep(10);
        const [dbs] = await admin.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [replicated]);
        assert.equal(dbs.length, 1, 'replication really runs');
      });

      test('ON: start says may already be running; set master refuses; stop stops', async () => {
        assert.equal(await said(admin, 'CALL mysql.rds_start_replication'), x.mayBeRunning);
        assert.equal(await said(admin, setMaster()), x.cantModify);
        assert.equal(await said(admin, 'CALL mysql.rds_stop_replication'), x.stopped);
        const status = await slaveStatus(admin);
        assert.deepEqual([status?.Slave_IO_Running, status?.Slave_SQL_Running], ['No', 'No']);
        assert.equal((await lastHistory(admin))?.action, 'stop slave');
        assert.equal((await replicationStatusRow(admin))?.action, 'stop slave');
      });

      test('BROKEN (the IO thread cannot log in): start reports the error, then says replication might be running; stop stops it', async () => {
        assert.equal(await said(admin, setMaster({ password: "'wrong-password'" })), '');
        assert.equal(await said(admin, 'CALL mysql.rds_start_replication'), x.failed);
        const status = await slaveStatus(admin);
        assert.notEqual(status?.Slave_IO_Running, 'Yes');
        assert.match(String(status?.Last_IO_Error), /Access denied for user 'repl'/);
        assert.equal(await said(admin, 'CALL mysql.rds_start_replication'), x.mightBeRunning);
        assert.equal(await said(admin, 'CALL mysql.rds_stop_replication'), x.stopped);
        const stopped = await slaveStatus(admin);
        assert.deepEqual([stopped?.Slave_IO_Running, stopped?.Slave_SQL_Running], ['No', 'No']);
      });

      test('reset on a running replica stops it and removes the configuration', async () => {
        assert.equal(await said(admin, setMaster()), '');
        assert.equal(await said(admin, 'CALL mysql.rds_start_replication'), x.started);
        assert.equal(await said(admin, reset), x.reset);
        assert.equal(await slaveStatus(admin), undefined);
        assert.equal((await lastHistory(admin))?.action, 'reset slave');
        assert.equal((await replicationStatusRow(admin))?.action, 'reset slave');
        assert.equal(await said(admin, reset), x.notConfigured.reset);
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
          assert.equal(await said(admin, setMaster(overrides)), x.invalid, JSON.stringify(overrides));
        }
        assert.equal(await slaveStatus(admin), undefined);
        assert.equal(await historyCount(admin), before + 7 * version.starting('set master').length, 'only the Starting rows');
      });

      test('injection strings in every string parameter are stored as data or refused, never run', async () => {
        const hostile = [
          "pw', MASTER_HOST='evil.example",
          `x'; DROP DATABASE ${replicated}; --`,
          'back\\slash\' OR \'1\'=\'1',
          'new\nline, MASTER_PORT=1',
          '`; SET GLOBAL read_only=1; `',
          'ユニコード💥',
        ];
        for (const value of hostile) {
          for (const param of ['host', 'user', 'password', 'file'] as const) {
            const reply = await said(admin, setMaster({ [param]: admin.escape(value) }));
            const status = await slaveStatus(admin);
            if (reply === '') {
              const shown = { host: status?.Master_Host, user: status?.Master_User, file: status?.Master_Log_File, password: value };
              assert.equal(shown[param], value, `${param} kept as data: ${value}`);
              assert.equal(status?.Master_Port, src.Endpoint!.Port, 'no other setting changed');
              assert.equal(await said(admin, reset), x.reset);
            } else {
              // Refused before anything runs: RDS's message, or the server's own for a value it cannot hold.
              assert.match(reply, /^E \d+ (Invalid arguments|Incorrect string value: .*)$/, `${param}=${value}: ${reply}`);
              assert.equal(status, undefined);
            }
          }
        }
        const [dbs] = await admin.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [replicated]);
        assert.equal(dbs.length, 1, 'nothing was dropped');
        const [[readOnly]] = await admin.query<RowDataPacket[]>('SELECT @@global.read_only AS ro');
        assert.equal(readOnly!.ro, 0);
      });
  });
  }
});
