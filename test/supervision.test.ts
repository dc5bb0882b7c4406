import { DescribeEventsCommand } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { createInstance } from './support/cluster.js';
import { connectTo, startTestService } from './support/service.js';
import { waitForStatus } from '../kit/api.js';

const PASSWORD = 'Secret-pass1';

async function serverPid(home: string, id: string): Promise<number> {
  return Number.parseInt(await readFile(join(home, 'instances', id, 'run', 'mysqld.pid'), 'utf8'), 10);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('supervision and reconciliation', () => {
  let home: string;
  after(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  test('a server killed with SIGKILL is restarted, with an event, and keeps its data', async () => {
    home = await mkdtemp(join(tmpdir(), 'openrds-test-'));
    await using t = await startTestService({ home });
    const instance = await createInstance(t.rds, 'db1', PASSWORD);
    {
      await using conn = await connectTo(instance, 'admin', PASSWORD, { database: 'app' });
      await conn.query('CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB');
      await conn.query('INSERT INTO t VALUES (1), (2), (3)');
    }
    const pid = await serverPid(home, 'db1');
    process.kill(pid, 'SIGKILL');

    let restartedPid = pid;
    for (let i = 0; i < 300 && (restartedPid === pid || !isAlive(restartedPid)); i++) {
      await sleep(50);
      restartedPid = await serverPid(home, 'db1').catch(() => pid);
    }
    assert.notEqual(restartedPid, pid, 'a new server process runs');
    await t.service.control.settled();
    await using conn = await connectTo(instance, 'admin', PASSWORD, { database: 'app' });
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM t');
    assert.deepEqual(rows, [{ n: 3 }], 'committed rows survived the crash');
    const events = await t.rds.send(new DescribeEventsCommand({ SourceIdentifier: 'db1', SourceType: 'db-instance' }));
    assert.ok(
      events.Events?.some((e) => e.Message?.startsWith('DB instance restarted: recovered after the server ended (SIGKILL)')),
      JSON.stringify(events.Events?.map((e) => e.Message)),
    );
  });

  test('after openrds restarts, available instances come back and stopped ones stay stopped', async () => {
    {
      await using t = await startTestService({ home });
      await createInstance(t.rds, 'db2', PASSWORD);
      await t.service.control.stop('db2');
      await waitForStatus(t.rds, 'db2', 'stopped');
    }
    // The service is gone, and with it every server it started.
    await using t = await startTestService({ home });
    const db1 = await waitForStatus(t.rds, 'db1', 'available', 1000);
    await using conn = await connectTo(db1, 'admin', PASSWORD, { database: 'app' });
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM t');
    assert.deepEqual(rows, [{ n: 3 }]);
    const db2 = await waitForStatus(t.rds, 'db2', 'stopped', 1000);
    await assert.rejects(connectTo(db2, 'admin', PASSWORD), /ECONNREFUSED/);
  });
});
