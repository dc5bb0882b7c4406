import type { InstanceRecord, ReplicationRecord } from '../model/instance-record.js';
import type { RequestContext } from './action.js';
import { xmlElementBytes, type XmlValue } from './xml.js';
import { arnOf } from './arn.js';
import { defaultOptionGroup } from '../control/option-groups.js';
import { optionsXml } from './instance-options.js';
import { instanceSubnetGroupXml } from './subnet-group-xml.js';

/**
 * The `DBInstance` structure of the RDS API for one instance. `replicaIds` (its read replicas) may
 * be passed in when many instances are described at once, so that they are worked out once.
 */
export function dbInstanceXml(
  record: InstanceRecord,
  context: RequestContext,
  replicaIds: readonly string[] = context.control.replicasOf(record.id).map((r) => r.id),
): Record<string, XmlValue> {
  const group = context.control.parameters.parameterGroupOf(record);
  const subnetGroup = record.subnetGroup === undefined ? undefined : context.control.subnetGroups.find(record.subnetGroup);
  return {
    DBInstanceIdentifier: record.id,
    DBInstanceClass: record.instanceClass,
    Engine: record.engine,
    DBInstanceStatus: record.status,
    MasterUsername: record.masterUsername,
    DBName: record.dbName,
    // RDS has no endpoint while an instance is being created.
    Endpoint: record.status === 'creating' ? undefined : { Address: context.control.addressOf(record), Port: record.port, HostedZoneId: 'Z2R2ITUGPM61AM' },
    AllocatedStorage: record.allocatedStorage,
    InstanceCreateTime: record.createTime,
    BackupRetentionPeriod: record.backupRetentionPeriod,
    LatestRestorableTime: latestRestorableTime(record, context),
    DBSecurityGroups: [],
    DBParameterGroups: {
      DBParameterGroup: [{ DBParameterGroupName: group.name, ParameterApplyStatus: group.applyStatus }],
    },
    DBSubnetGroup: subnetGroup && instanceSubnetGroupXml(subnetGroup, context.region),
    PendingModifiedValues: {
      DBInstanceClass: record.pendingInstanceClass,
      EngineVersion: record.pendingEngineVersion,
      DBInstanceIdentifier: record.pendingIdentifier,
    },
    MultiAZ: false,
    EngineVersion: record.engineVersion,
    ReadReplicaSourceDBInstanceIdentifier: record.replicaOf ?? undefined,
    ReadReplicaDBInstanceIdentifiers: {
      ReadReplicaDBInstanceIdentifier: [...replicaIds],
    },
    StatusInfos: record.replicaOf && record.replication ? { DBInstanceStatusInfo: [replicationStatusInfo(record.replication)] } : undefined,
    LicenseModel: 'general-public-license',
    OptionGroupMemberships: {
      OptionGroupMembership: [{ OptionGroupName: defaultOptionGroup(record.engine, record.engineVersion), Status: 'in-sync' }],
    },
    DbInstancePort: 0,
    StorageEncrypted: false,
    DbiResourceId: record.resourceId,
    DBInstanceArn: arnOf({ kind: 'db', name: record.id }, context),
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: record.deletionProtection ?? false,
    TagList: { Tag: record.tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
    BackupTarget: 'region',
    NetworkType: 'IPV4',
    ...optionsXml(record.options, context.region),
  };
}

/** A written (and encoded) `<DBInstance>` with what it was written from besides its record. */
interface Written {
  readonly key: string;
  readonly xml: Buffer;
}

/**
 * Written `<DBInstance>` elements, by record. The store hands out the same (frozen) record object
 * until the instance is written again, so a new record is a new entry; what else the element
 * shows (read replicas, parameter group, region) is in the key and checked on every use.
 */
const written = new WeakMap<InstanceRecord, Written>();

/**
 * `<DBInstance>...</DBInstance>` (UTF-8) for one instance, as `dbInstanceXml` describes it, for a list
 * (DescribeDBInstances puts these in its reply as RawXml): written again only when the instance,
 * its read replicas or its parameter group change.
 */
export function dbInstanceElement(record: InstanceRecord, context: RequestContext, replicaIds: readonly string[]): Buffer {
  const group = context.control.parameters.parameterGroupOf(record);
  // A subnet group can change under its instances (ModifyDBSubnetGroup): its content is part of the key.
  const subnets = record.subnetGroup === undefined ? '' : JSON.stringify(context.control.subnetGroups.find(record.subnetGroup) ?? null);
  // LatestRestorableTime moves every second: part of the key.
  const key = `${context.region}\n${context.accountId}\n${group.name}\n${group.applyStatus}\n${subnets}\n${latestRestorableTime(record, context)}\n${replicaIds.join('\n')}`;
  const known = written.get(record);
  if (known?.key === key) return known.xml;
  const xml = xmlElementBytes('DBInstance', dbInstanceXml(record, context, replicaIds));
  // Only a frozen record (the store's) stays as it was written from.
  if (Object.isFrozen(record)) written.set(record, { key, xml });
  return xml;
}

/** The latest time a point-in-time restore of the instance can go to; none without automated backups. */
function latestRestorableTime(record: InstanceRecord, context: RequestContext): string | undefined {
  const window = record.backupRetentionPeriod === 0 ? undefined : context.control.backups.restoreWindow(record);
  return window && new Date(window.latest).toISOString();
}

/** StatusInfos of a read replica: RDS's `read replication` entry; Normal is false only in error states. */
function replicationStatusInfo(replication: ReplicationRecord): Record<string, XmlValue> {
  return {
    StatusType: 'read replication',
    Normal: replication.status !== 'error' && replication.status !== 'terminated',
    Status: replication.status,
    Message: replication.message || undefined,
  };
}
