import { createHash } from 'node:crypto';
import type { InstanceRecord } from '../model/instance-record.js';
import type { RequestContext } from './action.js';
import { DEFAULT_OPTIONS } from '../control/instance-options.js';
import { defaultOptionGroup } from '../control/option-groups.js';
import { arnOf } from './arn.js';
import { defaultAvailabilityZone } from './instance-options.js';
import type { XmlValue } from './xml.js';

/** The ARN of an instance's automated backups (`auto-backup:ab-…`, derived from its resource id, as stable as it). */
export function automatedBackupsArn(record: InstanceRecord, context: RequestContext): string {
  const id = createHash('sha256').update(record.resourceId).digest('hex').slice(0, 26);
  return `arn:aws:rds:${context.region}:${context.accountId}:auto-backup:ab-${id}`;
}

/** The `DBInstanceAutomatedBackup` structure: an instance's automated backups and the window they restore. */
export function automatedBackupXml(record: InstanceRecord, context: RequestContext): Record<string, XmlValue> {
  const window = context.control.backups.restoreWindow(record);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    DBInstanceArn: arnOf({ kind: 'db', name: record.id }, context),
    DbiResourceId: record.resourceId,
    Region: context.region,
    DBInstanceIdentifier: record.id,
    RestoreWindow: window ? { EarliestTime: iso(window.earliest), LatestTime: iso(window.latest) } : undefined,
    AllocatedStorage: record.allocatedStorage,
    // `creating` until the first automated snapshot is there, as on RDS.
    Status: window ? 'active' : 'creating',
    Port: record.port,
    AvailabilityZone: record.options?.availabilityZone ?? defaultAvailabilityZone(context.region),
    InstanceCreateTime: record.createTime,
    MasterUsername: record.masterUsername,
    Engine: record.engine,
    EngineVersion: record.engineVersion,
    LicenseModel: 'general-public-license',
    Iops: record.options?.iops,
    OptionGroupName: defaultOptionGroup(record.engine, record.engineVersion),
    Encrypted: false,
    StorageType: record.options?.storageType ?? DEFAULT_OPTIONS.storageType,
    IAMDatabaseAuthenticationEnabled: false,
    BackupRetentionPeriod: record.backupRetentionPeriod,
    DBInstanceAutomatedBackupsArn: automatedBackupsArn(record, context),
    BackupTarget: 'region',
    StorageThroughput: record.options?.storageThroughput,
  };
}
