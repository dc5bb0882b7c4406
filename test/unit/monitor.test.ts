/**
 * The monitor's decisions, on a fleet in memory and an injected clock: replica status changes and
 * their events, the 30-day rule, binary log retention (never purge what a replica needs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import type { OperatorClient, OperatorStatus, ReplicationState } from '../../src/engine/index.js';
import type { InstanceEventId } from '../../src/model/events.js';
import type { InstanceRecord, ReplicationRecord } from '../../src/model/instance-record.js';
import { ReplicationMonitor, type MonitoredInstances } from '../../src/replication/monitor.js';
import { MemoryStore } from '../../kit/memory-store.js';

const DAY = 24 * 3_600_000;

function record(id: string, fields: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    id, resourceId: `db-${id}`, engine: 'mariadb', engineVersion: '10.11.19', instanceClass: 'db.t3.micro', masterUsername: 'admin',
    dbName: null, port: 13306, serverId: 100, allocatedStorage: 20, backupRetentionPeriod: 1, createTime: '2026-01-01T00:00:00Z', tags: [],
    status: 'available', ...fields,
  };
}

const replicating: ReplicationState = {
  ioThread: 'running', sqlThread: 'running', lastError: '', secondsBehindSource: 0, untilSet: false,
  sourceLogFile: 'binlog.000003', sourceHost: '127.0.0.1', sourcePort: 13306,
};

function status(fields: Partial<OperatorStatus> = {}): OperatorStatus {
  return { replication: undefined, channels: [], binaryLogs: [], binlogRetentionHours: null, stopPoint: null, externalResets: 0, lastAction: null, ...fields };
}

/** A fleet whose instances answer the statuses the test sets; what the monitor did is recorded. */
function fleet(records: InstanceRecord[]) {
  const byId = new Map(records.map((r) => [r.id, r]));
  const statuses = new Map<string, OperatorStatus>();
  const calls: string[] = [];
  const events: [string, InstanceEventId, string | undefined][] = [];
  const instances: MonitoredInstances = {
    describe: () => [...byId.values()],
    replicasOf: (id) => [...byId.values()].filter((r) => r.replicaOf === id),
    isRunning: () => true,
    async withOperator(id, work) {
      const op = {
        async status() {
          const answer = statuses.get(id);
          if (!answer) throw new Error(`${id} cannot be asked`);
          return answer;
        },
        terminateReplication: async () => void calls.push(`${id}: terminate`),
        purgeBinlogsTo: async (file: string) => void calls.push(`${id}: purge to ${file}`),
      } as Partial<OperatorClient> as OperatorClient;
      return work(op);
    },
    updateReplication: (id, replication: ReplicationRecord) => void byId.set(id, { ...byId.get(id)!, replication }),
    updateExternalResets: (id, count) => void byId.set(id, { ...byId.get(id)!, externalResets: count }),
    events: { record: (id, eventId, detail) => void events.push([id, eventId, detail]) },
  };
  return { instances, statuses, calls, events, get: (id: string) => byId.get(id)! };
}

function monitorOf(instances: MonitoredInstances, now: () => number, terminateAfterMs = 30 * DAY) {
  return new ReplicationMonitor({ control: instances, guard: async () => undefined, store: new MemoryStore(), logger: pino({ level: 'silent' }), intervalMs: 1000, terminateAfterMs, now });
}

describe('replication monitor', () => {
  test('a replica stopped by rds_stop_replication, then resumed: its status, lag and events', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const f = fleet([record('src'), record('rep', { replicaOf: 'src' })]);
    const monitor = monitorOf(f.instances, () => now);
    f.statuses.set('src', status());
    f.statuses.set('rep', status({ replication: { ...replicating, secondsBehindSource: 4 }, lastAction: 'start slave' }));
    await monitor.runOnce();
    assert.equal(f.get('rep').replication?.status, 'replicating');
    assert.equal(monitor.lag('rep'), 4);
    f.statuses.set('rep', status({ replication: { ...replicating, ioThread: 'stopped', sqlThread: 'stopped' }, lastAction: 'stop slave' }));
    now += 1000;
    await monitor.runOnce();
    assert.equal(f.get('rep').replication?.status, 'stopped');
    assert.equal(monitor.lag('rep'), -1);
    f.statuses.set('rep', status({ replication: replicating, lastAction: 'start slave' }));
    await monitor.runOnce();
    assert.deepEqual(f.events.map(([id, e]) => `${id} ${e}`), ['rep RDS-EVENT-0062', 'rep RDS-EVENT-0046']);
  });

  test('the 30-day rule: replication stopped longer than that is terminated for good, once', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const f = fleet([record('src'), record('rep', { replicaOf: 'src' })]);
    const monitor = monitorOf(f.instances, () => now);
    f.statuses.set('src', status());
    f.statuses.set('rep', status({ replication: { ...replicating, ioThread: 'stopped', sqlThread: 'stopped' }, lastAction: 'stop slave' }));
    await monitor.runOnce();
    now += 30 * DAY - 1000;
    await monitor.runOnce();
    assert.equal(f.get('rep').replication?.status, 'stopped', 'not yet: 30 days less a second');
    now += 2000;
    await monitor.runOnce();
    await monitor.runOnce();
    assert.equal(f.get('rep').replication?.status, 'terminated');
    assert.deepEqual(f.calls, ['rep: terminate']);
    assert.equal(f.events.filter(([, e]) => e === 'RDS-EVENT-0057').length, 1);
  });

  test("retention: a source purges only what no replica needs and what is past binlog retention hours", async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const f = fleet([record('src'), record('rep', { replicaOf: 'src' })]);
    const monitor = monitorOf(f.instances, () => now);
    const logs = ['binlog.000001', 'binlog.000002', 'binlog.000003', 'binlog.000004'].map((name) => ({ name, size: 1000 }));
    f.statuses.set('src', status({ binaryLogs: logs, binlogRetentionHours: 2 }));
    f.statuses.set('rep', status({ replication: { ...replicating, sourceLogFile: 'binlog.000003' }, lastAction: 'start slave' }));
    await monitor.runOnce();
    assert.deepEqual(f.calls, [], 'within the retention period nothing is purged');
    now += 3 * 3_600_000;
    await monitor.runOnce();
    assert.deepEqual(f.calls, ['src: purge to binlog.000003'], 'the replica still reads 000003');
    // A replica that cannot be asked pins everything.
    f.calls.length = 0;
    f.statuses.delete('rep');
    now += 3 * 3_600_000;
    await monitor.runOnce();
    assert.deepEqual(f.calls, []);
  });
});
