/**
 * Attacks on a read replica's replication that need no privilege, and on the guard itself:
 * - the two globals a master user can set from its own session on MariaDB 10.11
 *   (SET SESSION sql_slave_skip_counter / max_relay_log_size set the global value): the next
 *   rds_start_replication must not skip the source's events (checksums), and the guard puts both
 *   back with an event;
 * - a master-user session that holds a grant table's lock while damage needs repairing: the guard's
 *   pass gives up in seconds (an event), the service keeps answering, and the repair is done once
 *   the lock is gone.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection } from 'mysql2/promise';
import { createInstance, createReplica, eventMessages, rows } from './support/cluster.js';
import { answer } from './support/procedures-family.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { describeOne } from '../kit/api.js';
import { eventually } from '../kit/poll.js';

const PASSWORD = 'Replica-pass1';

describe('replication and the guard under a master user who needs no privilege to interfere', () => {
  let t: TestService;
  let source: DBInstance;
  let replica: DBInstance;
  let onSource: Connection & AsyncDisposable;
  let onReplica: Connection & AsyncDisposable;
  let next = 0;

  async function insertRows(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await onSource.query('INSERT INTO app.ledger (n, note) VALUES (?, ?)', [++next, `row ${next}`]);
  }

  async function checksum(conn: Connection): Promise<string> {
    const [r] = await rows<{ c: string }>(conn, "SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(n), 0), ':', COALESCE(MD5(GROUP_CONCAT(n, note ORDER BY n)), '')) AS c FROM app.ledger");
    return String(r?.c);
  }

  async function sameAsSource(label: string): Promise<void> {
    await eventually(`${label}: the replica has every row of the source`, async () => (await checksum(onReplica)) === (await checksum(onSource)), 20_000);
  }

  async function globalValue(name: 'sql_slave_skip_counter' | 'max_relay_log_size'): Promise<number> {
    const [r] = await rows<{ v: number }>(onReplica, `SELECT @@GLOBAL.${name} AS v`);
    return Number(r?.v);
  }

  before(async () => {
    t = await startTestService();
    source = await createInstance(t.rds, 'skip-src', PASSWORD);
    onSource = await connectTo(source, 'admin', PASSWORD);
    await onSource.query('CREATE TABLE app.ledger (n INT PRIMARY KEY, note VARCHAR(40))');
    replica = await createReplica(t.rds, 'skip-r', 'skip-src');
    onReplica = await connectTo(replica, 'admin', PASSWORD);
    await insertRows(3);
    await sameAsSource('start');
  });
  after(async () => {
    onSource?.destroy();
    onReplica?.destroy();
    await t?.[Symbol.asyncDispose]();
  });

  test('SET SESSION sql_slave_skip_counter while stopped: rds_start_replication skips nothing', async () => {
    // The counter is set and replication started in one round trip, so no guard pass comes between.
    await using both = await connectTo(replica, 'admin', PASSWORD, { multipleStatements: true });
    for (const form of ['SET SESSION sql_slave_skip_counter = 2', 'SET sql_slave_skip_counter = 5', 'SET @@sql_slave_skip_counter = 1']) {
      await onReplica.query('CALL mysql.rds_stop_replication');
      await insertRows(6);
      await both.query(`${form}; CALL mysql.rds_start_replication`);   // MariaDB takes the SET from the master user
      await sameAsSource(form);
      assert.equal(await globalValue('sql_slave_skip_counter'), 0);
    }
  });

  test('a skip counter left set on a stopped replica is reset by the guard, with an event', async () => {
    await onReplica.query('CALL mysql.rds_stop_replication');
    await onReplica.query('SET SESSION sql_slave_skip_counter = 7');
    await eventually('the guard reset the counter, with an event', async () =>
      (await eventMessages(t.rds, 'skip-r')).some((m) => /sql_slave_skip_counter 7 reset to 0/.test(m)),
    );
    assert.equal(await globalValue('sql_slave_skip_counter'), 0);
    await insertRows(4);
    await onReplica.query('CALL mysql.rds_start_replication');
    await sameAsSource('after the reset');
  });

  test('SET SESSION max_relay_log_size is put back by the guard', async () => {
    await onReplica.query('SET SESSION max_relay_log_size = 4096');
    await eventually('max_relay_log_size is put back, with an event', async () =>
      (await eventMessages(t.rds, 'skip-r')).some((m) => /max_relay_log_size 4096 reset to 1073741824/.test(m)),
    );
    assert.equal(await globalValue('max_relay_log_size'), 1073741824);
    await insertRows(3);
    await sameAsSource('relay log size');
  });

  test('after rds_start_replication_until, neither rds_skip_repl_error nor rds_next_master_log drops an event', async () => {
    await onReplica.query('CALL mysql.rds_stop_replication');
    await insertRows(3);
    const [stop] = await rows<{ File: string; Position: number }>(onSource, 'SHOW MASTER STATUS');
    await insertRows(3);
    assert.match(await answer(onReplica, 'CALL mysql.rds_start_replication_until(?, ?)', [stop!.File, stop!.Position]), /Replication started until/);
    await eventually('the SQL thread stops at the point', async () => (await rows(onReplica, 'SELECT 1 FROM app.ledger WHERE n = ?', [next - 3])).length === 1);
    await eventually('replication state BROKEN (IO running, SQL stopped)', async () => {
      const [s] = await rows<{ Slave_SQL_Running: string }>(onReplica, 'SHOW SLAVE STATUS');
      return s?.Slave_SQL_Running === 'No';
    });
    assert.match(await answer(onReplica, 'CALL mysql.rds_skip_repl_error()'), /stopped at the point set by mysql\.rds_start_replication_until/);
    const index = Number(stop!.File.split('.').pop());
    assert.match(await answer(onReplica, 'CALL mysql.rds_next_master_log(?)', [index]), /replicates by GTID/);
    await onReplica.query('CALL mysql.rds_stop_replication');
    await onReplica.query('CALL mysql.rds_start_replication');
    await sameAsSource('after the stop point');
    const [status] = await rows<{ Using_Gtid: string }>(onReplica, 'SHOW SLAVE STATUS');
    assert.equal(status?.Using_Gtid, 'Slave_Pos', 'still replicating by GTID');
  });

  test('a lock held on a grant table delays a repair but never hangs the guard or the service', async () => {
    const holder = await connectTo(source, 'admin', PASSWORD, { multipleStatements: true });
    try {
      // The attack, then at once (one round trip) an 8 s table lock on the grant table that the
      // repair's DROP USER must write: the master user may read mysql, and a SELECT holds the lock.
      const started = Date.now();
      const holding = holder
        .query("CREATE USER 'rdsbackup'@'%' IDENTIFIED BY 'Backup-pass1'; SELECT SLEEP(8) FROM mysql.global_priv LIMIT 1")
        .catch(() => undefined);
      await eventually('the guard said its pass could not finish', async () =>
        (await eventMessages(t.rds, 'skip-src')).some((m) => m.startsWith('Operator guard pass could not finish')),
      );
      assert.ok(Date.now() - started < 7500, `reported while the lock was still held (${Date.now() - started} ms)`);
      // the service answers meanwhile
      const asked = Date.now();
      assert.equal((await describeOne(t.rds, 'skip-r')).DBInstanceStatus, 'available');
      assert.ok(Date.now() - asked < 1000, `DescribeDBInstances took ${Date.now() - asked} ms`);
      await holding;
      await eventually('the impostor is dropped once the lock is gone', async () => {
        const left = await rows(onSource, "SELECT User FROM mysql.global_priv WHERE User = 'rdsbackup'");
        return left.length === 0;
      });
    } finally {
      holder.destroy();
    }
    await insertRows(2);
    await sameAsSource('after the lock');
  });
});
