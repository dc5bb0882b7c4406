import type { EngineAdapter, ServerSettings } from '../engine/index.js';
import { classMemoryBytes } from '../model/instance-classes.js';
import type { InstanceRecord } from '../model/instance-record.js';

/** RDS's {TrueIfReplica} formula (read_only's default) for one instance; old blue after a switchover stays read-only too. */
export function trueIfReplica(record: InstanceRecord): '1' | '0' {
  return record.replicaOf || record.switchedOver ? '1' : '0';
}

/**
 * The server settings of an instance, from its record and its parameter group's values: the
 * class's memory, replica or external-source defaults, the group, then what RDS derives.
 */
export function serverSettings(
  engine: Pick<EngineAdapter, 'memorySettings' | 'replicaDefaults' | 'externalSourceDefaults'>,
  record: InstanceRecord,
  groupValues: Readonly<Record<string, string>>,
): ServerSettings {
  // RDS's read_only default {TrueIfReplica}: a read replica (or old blue) is read-only unless its group says otherwise.
  const readOnly = groupValues.read_only ?? trueIfReplica(record);
  // A read replica's replication comes back with its server (a reboot, a crash, a repair), unless
  // it was stopped on purpose (rds_stop_replication) or terminated: the server starts it itself.
  const replicating = !!record.replicaOf && !['stopped', 'terminated'].includes(record.replication?.status ?? '');
  return {
    serverId: record.serverId,
    port: record.port,
    variables: {
      ...engine.memorySettings(classMemoryBytes(record.instanceClass)),
      ...(record.replicaOf ? engine.replicaDefaults : engine.externalSourceDefaults),
      ...groupValues,
      read_only: readOnly,
      ...(replicating ? { skip_slave_start: false } : {}),
    },
  };
}
