/**
 * The import runbook of RDS's documentation, end to end, against an "external MySQL" on its own
 * host (a network namespace): dump at a known binlog position, load, rds_set_external_master,
 * rds_start_replication, catch up while the source takes writes, rds_stop_replication, compare,
 * rds_reset_external_master. Then 20 stop/start cycles under writes: nothing lost, nothing doubled.
 */
import { CreateDBInstanceCommand, DescribeEventsCommand, type DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { findMariaDBBinaries } from '../src/engine/mariadb/mariadb-binaries.js';
import { ExternalHost } from './support/external-host.js';
import { answer as call, slaveStatus, waitForCatchUp } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { waitForStatus } from '../kit/api.js';
import { done, notYet, poll } from '../kit/poll.js';

const run = promisify(execFile);
const PASSWORD = 'Secret-pass1';
const REPL_PASSWORD = "repl-'pass\\word";


async function tableContents(conn: Connection): Promise<string> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n, COALESCE(SUM(id), 0) AS s, MD5(GROUP_CONCAT(id, ":", note ORDER BY id)) AS h FROM shop.orders');
  return JSON.stringify(rows[0]);
}

describe('import from an external MariaDB on its own host', () => {
  let t: TestService;
  let external: ExternalHost;
  let source: Connection;
  let admin: Connection & AsyncDisposable;
  let instance: DBInstance;

  before(async () => {
    [t, external] = await Promise.all([startTestService(), ExternalHost.start()]);
    source = await external.rootConnection({ multipleStatements: true });
    await source.query('SET SESSION group_concat_max_len = 16777216');
    await source.query(`
      CREATE DATABASE shop;
      CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(64)) ENGINE=InnoDB;
      INSERT INTO shop.orders VALUES (1, 'first'), (2, 'second'), (3, 'third');
      CREATE USER 'repl'@'%' IDENTIFIED BY ${source.escape(REPL_PASSWORD)};
      GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';`);
    await t.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'target',
        Engine: 'mariadb',
        DBInstanceClass: 'db.t3.micro',
        MasterUsername: 'admin',
        MasterUserPassword: PASSWORD,
      }),
    );
    instance = await waitForStatus(t.rds, 'target', 'available');
    admin = await connectTo(instance, 'admin', PASSWORD);
    await admin.query('SET SESSION group_concat_max_len = 16777216');
  });
  after(async () => {
    await admin?.end();
    await source?.end();
    await t?.[Symbol.asyncDispose]();
    await external?.[Symbol.asyncDispose]();
  });

  test('dump, load, replicate, stop, compare, reset', async () => {
    const binaries = await findMariaDBBinaries();
    const dumpProgram = binaries.client.replace(/mariadb$/, 'mariadb-dump');
    const { stdout: dump } = await run(
      dumpProgram,
      ['-S', external.socketPath, '-uroot', '--master-data=2', '--single-transaction', '--databases', 'shop'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const position = /CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\d+)/.exec(dump);
    assert.ok(position, 'the dump records its binlog position');
    const [, logFile, logPos] = position;

    // Writes after the dump: they must arrive through replication.
    await source.query("INSERT INTO shop.orders VALUES (4, 'after the dump')");

    // Load the dump as the master user, with the mariadb client, as the runbook does.
    const load = spawn(binaries.client, ['-h', '127.0.0.1', '-P', String(instance.Endpoint!.Port), '-uadmin'], {
      env: { ...process.env, MYSQL_PWD: PASSWORD },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let loadErrors = '';
    load.stderr.on('data', (d) => (loadErrors += d));
    load.stdin.end(dump);
    const code = await new Promise((resolve) => load.on('exit', resolve));
    assert.equal(code, 0, loadErrors);

    assert.equal(
      await call(admin, `CALL mysql.rds_set_external_master(${admin.escape(external.address)}, ${external.port}, 'repl', ${admin.escape(REPL_PASSWORD)}, ${admin.escape(logFile)}, ${logPos}, 0)`),
      '',
      'set master answers nothing on success',
    );
    const configured = await slaveStatus(admin);
    assert.equal(configured?.Master_Host, external.address);
    assert.equal(configured?.Master_User, 'repl');
    assert.equal(configured?.Master_Log_File, logFile);
    assert.equal(Number(configured?.Read_Master_Log_Pos), Number(logPos));

    const started = await call(admin, 'CALL mysql.rds_start_replication');
    assert.equal(started, 'Slave running normally.', JSON.stringify(await slaveStatus(admin)));
    for (let id = 5; id <= 50; id++) await source.query('INSERT INTO shop.orders VALUES (?, ?)', [id, `row ${id}`]);
    await source.query("UPDATE shop.orders SET note = 'changed' WHERE id = 2");
    await source.query('DELETE FROM shop.orders WHERE id = 3');
    await waitForCatchUp(admin, source, 60_000);
    // The console and `openrds status` see where the instance replicates from.
    type View = { id: string; externalSources: { channel: string; host: string; port: number; status: string }[] };
    const seen = await poll('the console view replicating from the external host', async () => {
      const response = await fetch(new URL('/openrds/v1/instances', t.service.endpoint));
      const view = ((await response.json()) as { instances: View[] }).instances.find((v) => v.id === 'target');
      return view?.externalSources[0]?.status === 'replicating' ? done(view.externalSources) : notYet(view?.externalSources);
    });
    assert.deepEqual(seen.map(({ channel, host, port, status }) => ({ channel, host, port, status })), [
      { channel: '', host: external.address, port: external.port, status: 'replicating' },
    ]);

    assert.equal(await call(admin, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled');
    const stopped = await slaveStatus(admin);
    assert.deepEqual([stopped?.Slave_IO_Running, stopped?.Slave_SQL_Running], ['No', 'No']);
    assert.equal(await tableContents(admin), await tableContents(source), 'the imported data equals the source');

    assert.equal(await call(admin, 'CALL mysql.rds_reset_external_master'), 'Slave has been reset');
    assert.equal(await slaveStatus(admin), undefined, 'no replication is configured any more');
    await poll('RDS-EVENT-0063 for the reset', async () => {
      const out = await t.rds.send(new DescribeEventsCommand({ SourceIdentifier: 'target', SourceType: 'db-instance' }));
      const messages = (out.Events ?? []).map((e) => e.Message ?? '');
      return messages.includes('Replication from Non RDS instance has been reset.') ? done(undefined) : notYet(messages);
    });

    const [history] = await admin.query<RowDataPacket[]>(
      "SELECT action, called_by_user, master_host, master_port, master_user, master_log_file, master_log_pos FROM mysql.rds_history WHERE action NOT LIKE 'Starting:%' ORDER BY action_timestamp, seq",
    );
    assert.deepEqual(
      history.map((h) => h.action),
      ['set master', 'start slave', 'stop slave', 'reset slave'],
    );
    assert.equal(history[0]!.master_host, external.address);
    assert.equal(history[0]!.master_port, external.port);
    assert.equal(history[0]!.master_user, 'repl');
    assert.equal(history[0]!.master_log_file, logFile);
    assert.equal(String(history[0]!.master_log_pos), logPos);
    assert.match(history[0]!.called_by_user, /^admin@/);
  });

  test('20 stop/start cycles while the source takes writes: nothing lost, nothing doubled', async () => {
    // The table is made on both sides by hand; replication starts after it.
    await source.query('CREATE TABLE shop.ticks (id INT PRIMARY KEY, at DATETIME(6))');
    await admin.query('CREATE TABLE shop.ticks (id INT PRIMARY KEY, at DATETIME(6))');
    const [[afterCreate]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
    assert.equal(
      await call(admin, `CALL mysql.rds_set_external_master(${admin.escape(external.address)}, ${external.port}, 'repl', ${admin.escape(REPL_PASSWORD)}, ${admin.escape(afterCreate!.File)}, ${afterCreate!.Position}, 0)`),
      '',
    );
    assert.equal(await call(admin, 'CALL mysql.rds_start_replication'), 'Slave running normally.');

    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        written++;
        await source.query('INSERT INTO shop.ticks VALUES (?, NOW(6))', [written]);
      }
    })();
    for (let cycle = 0; cycle < 20; cycle++) {
      assert.equal(await call(admin, 'CALL mysql.rds_stop_replication'), 'Slave is down or disabled', `cycle ${cycle}`);
      await sleep(10);
      assert.equal(await call(admin, 'CALL mysql.rds_start_replication'), 'Slave running normally.', `cycle ${cycle}`);
      await sleep(10);
    }
    writing = false;
    await writer;
    await waitForCatchUp(admin, source, 60_000);
    const [[replicaTicks]] = await admin.query<RowDataPacket[]>('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d, MAX(id) AS m FROM shop.ticks');
    assert.ok(written > 20, `the source took writes during the cycles (${written})`);
    assert.deepEqual({ ...replicaTicks }, { n: written, d: written, m: written }, 'every row arrived exactly once');
    const [[sourceSum]] = await source.query<RowDataPacket[]>('SELECT MD5(GROUP_CONCAT(id, at ORDER BY id)) AS h FROM shop.ticks');
    const [[replicaSum]] = await admin.query<RowDataPacket[]>('SELECT MD5(GROUP_CONCAT(id, at ORDER BY id)) AS h FROM shop.ticks');
    assert.equal(replicaSum!.h, sourceSum!.h);
    const [[cycles]] = await admin.query<RowDataPacket[]>("SELECT SUM(action = 'stop slave') AS stops, SUM(action = 'start slave') AS starts FROM mysql.rds_history");
    assert.deepEqual([Number(cycles!.stops), Number(cycles!.starts)], [21, 22], 'every call is in rds_history');
  });
});
