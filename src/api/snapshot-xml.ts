import type { SnapshotRecord } from '../model/snapshot-record.js';
import type { RequestContext } from './action.js';
import { DEFAULT_OPTIONS } from '../control/instance-options.js';
import { defaultOptionGroup } from '../control/option-groups.js';
import { arnOf } from './arn.js';
import { defaultAvailabilityZone } from './instance-options.js';
import type { XmlValue } from './xml.js';

/** The `DBSnapshot` structure of the RDS API for one snapshot, manual or automated. */
export function dbSnapshotXml(snapshot: SnapshotRecord, context: RequestContext): Record<string, XmlValue> {
  return {
    DBSnapshotIdentifier: snapshot.id,
    DBInstanceIdentifier: snapshot.instanceId,
    SnapshotCreateTime: snapshot.snapshotCreateTime,
    Engine: snapshot.engine,
    AllocatedStorage: snapshot.allocatedStorage,
    Status: snapshot.status,
    Port: snapshot.port,
    AvailabilityZone: snapshot.availabilityZone ?? defaultAvailabilityZone(context.region),
    InstanceCreateTime: snapshot.instanceCreateTime,
    MasterUsername: snapshot.masterUsername,
    EngineVersion: snapshot.engineVersion,
    LicenseModel: 'general-public-license',
    SnapshotType: snapshot.type ?? 'manual',
    Iops: snapshot.iops,
    OptionGroupName: defaultOptionGroup(snapshot.engine, snapshot.engineVersion),
    PercentProgress: context.control.snapshots.percentProgress(snapshot),
    SourceDBSnapshotIdentifier: snapshot.sourceSnapshotId && arnOf({ kind: 'snapshot', name: snapshot.sourceSnapshotId }, context),
    StorageType: snapshot.storageType ?? DEFAULT_OPTIONS.storageType,
    Encrypted: false,
    DBSnapshotArn: arnOf({ kind: 'snapshot', name: snapshot.id }, context),
    IAMDatabaseAuthenticationEnabled: false,
    ProcessorFeatures: [],
    DbiResourceId: snapshot.resourceId,
    TagList: { Tag: snapshot.tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
    OriginalSnapshotCreateTime: snapshot.originalSnapshotCreateTime,
    SnapshotTarget: 'region',
    StorageThroughput: snapshot.storageThroughput,
  };
}
