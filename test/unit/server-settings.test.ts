/** The server settings of an instance: what RDS derives from the record and its parameter group. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serverSettings } from '../../src/control/server-settings.js';
import type { InstanceRecord, ReplicaStatus } from '../../src/model/instance-record.js';

const engine = {
  memorySettings: (bytes: number) => ({ innodb_buffer_pool_size: Math.round(bytes / 2) }),
  replicaDefaults: { slave_parallel_threads: 0 },
  externalSourceDefaults: { replicate_wild_ignore_table: ['mysql.%'] },
};

function record(fields: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    id: 'db1', resourceId: 'db-X', engine: 'mariadb', engineVersion: '10.11.19', instanceClass: 'db.t3.micro', masterUsername: 'admin',
    dbName: null, port: 13306, serverId: 101, allocatedStorage: 20, backupRetentionPeriod: 1, createTime: '2026-01-01T00:00:00Z', tags: [],
    status: 'available', ...fields,
  };
}

const replicaIn = (status: ReplicaStatus | undefined) =>
  record({ replicaOf: 'src', replication: status && { status, message: '', since: '2026-01-01T00:00:00Z' } });

describe('server settings', () => {
  test('an instance that is not a replica: writable, filtered external source, its class memory', () => {
    const s = serverSettings(engine, record(), {});
    assert.equal(s.serverId, 101);
    assert.equal(s.port, 13306);
    assert.equal(s.variables?.read_only, '0');
    assert.deepEqual(s.variables?.replicate_wild_ignore_table, ['mysql.%']);
    assert.equal(s.variables?.slave_parallel_threads, undefined);
    assert.ok(Number(s.variables?.innodb_buffer_pool_size) > 0);
    assert.equal(s.variables?.skip_slave_start, undefined, 'replication stays off until a procedure starts it');
  });

  test("a read replica: read-only ({TrueIfReplica}), the replica defaults, and its replication back with the server", () => {
    const s = serverSettings(engine, replicaIn('replicating'), {});
    assert.equal(s.variables?.read_only, '1');
    assert.equal(s.variables?.slave_parallel_threads, 0);
    assert.equal(s.variables?.replicate_wild_ignore_table, undefined, "a replica replicates its source's users");
    assert.equal(s.variables?.skip_slave_start, false);
  });

  test('a replica stopped on purpose or terminated stays stopped after a restart', () => {
    for (const status of ['stopped', 'terminated'] as const) assert.equal(serverSettings(engine, replicaIn(status), {}).variables?.skip_slave_start, undefined, status);
    assert.equal(serverSettings(engine, replicaIn('error'), {}).variables?.skip_slave_start, false);
  });

  test('old blue after a switchover: read-only at every start, an external source, until its group says read_only=0', () => {
    const oldBlue = record({ switchedOver: true });
    assert.equal(serverSettings(engine, oldBlue, {}).variables?.read_only, '1');
    assert.deepEqual(serverSettings(engine, oldBlue, {}).variables?.replicate_wild_ignore_table, ['mysql.%']);
    assert.equal(serverSettings(engine, oldBlue, { read_only: '0' }).variables?.read_only, '0');
  });

  test("the parameter group's values win over the defaults, and its read_only over RDS's formula", () => {
    const s = serverSettings(engine, replicaIn('replicating'), { read_only: '0', slave_parallel_threads: '4', max_connections: '50' });
    assert.equal(s.variables?.read_only, '0');
    assert.equal(s.variables?.slave_parallel_threads, '4');
    assert.equal(s.variables?.max_connections, '50');
  });
});
