import { z } from 'zod';
import { DEFAULT_OPTIONS, ENGINE_LIFECYCLES, type LogExportChange } from '../control/instance-options.js';
import { RdsError } from '../errors.js';
import type { InstanceOptions } from '../model/instance-record.js';
import { IOPS, STORAGE_GIB, STORAGE_TYPES, THROUGHPUT } from '../model/storage.js';
import { booleanParam, text } from './params.js';
import type { XmlValue } from './xml.js';

const TIME = '([01]\\d|2[0-3]):[0-5]\\d';
const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
/** The log types an instance may export (CloudWatch Logs), as RDS names them for MySQL and MariaDB. */
export const LOG_TYPES = ['audit', 'error', 'general', 'slowquery'] as const;

/** The option parameters of CreateDBInstance, CreateDBInstanceReadReplica and ModifyDBInstance, with RDS's formats. */
const all = {
  PreferredBackupWindow: z
    .string()
    .regex(new RegExp(`^${TIME}-${TIME}$`), { message: 'The parameter PreferredBackupWindow must be in the format hh24:mi-hh24:mi (UTC).' })
    .optional(),
  PreferredMaintenanceWindow: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.string().regex(new RegExp(`^${DAY}:${TIME}-${DAY}:${TIME}$`), { message: 'The parameter PreferredMaintenanceWindow must be in the format ddd:hh24:mi-ddd:hh24:mi (UTC).' }))
    .optional(),
  AutoMinorVersionUpgrade: booleanParam.optional(),
  CopyTagsToSnapshot: booleanParam.optional(),
  PubliclyAccessible: booleanParam.optional(),
  MaxAllocatedStorage: z.coerce.number().int().min(STORAGE_GIB.min).max(STORAGE_GIB.max).optional(),
  AvailabilityZone: text(32).optional(),
  StorageType: z.enum(STORAGE_TYPES, { message: 'Invalid storage type: use standard, gp2, gp3, io1 or io2.' }).optional(),
  Iops: z.coerce.number().int().min(IOPS.min).max(IOPS.max).optional(),
  StorageThroughput: z.coerce.number().int().min(THROUGHPUT.min).max(THROUGHPUT.max).optional(),
  CACertificateIdentifier: z
    .enum(['rds-ca-rsa2048-g1', 'rds-ca-rsa4096-g1', 'rds-ca-ecc384-g1', 'rds-ca-2019'], { message: 'CACertificateIdentifier is not a certificate authority RDS offers.' })
    .optional(),
  // Recorded only: openrds serves every version it has with no end of support behind it.
  EngineLifecycleSupport: z
    .enum(ENGINE_LIFECYCLES, { message: 'EngineLifecycleSupport must be open-source-rds-extended-support or open-source-rds-extended-support-disabled.' })
    .optional(),
  MonitoringInterval: z.coerce
    .number()
    .int()
    .refine((n) => [0, 1, 5, 10, 15, 30, 60].includes(n), { message: 'MonitoringInterval must be one of 0, 1, 5, 10, 15, 30, 60.' })
    .optional(),
  MonitoringRoleArn: z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, { message: 'MonitoringRoleArn is not an IAM role ARN.' }).optional(),
  EnableCloudwatchLogsExports: z.array(z.enum(LOG_TYPES, { message: 'Log types are audit, error, general and slowquery.' })).optional(),
  CloudwatchLogsExportConfiguration: z
    .strictObject({ EnableLogTypes: z.array(z.enum(LOG_TYPES)).optional(), DisableLogTypes: z.array(z.enum(LOG_TYPES)).optional() })
    .optional(),
  VpcSecurityGroupIds: z.array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, { message: 'Invalid security group id.' })).max(5).optional(),
  // One server per instance here: there is no standby to fail over to.
  MultiAZ: booleanParam.refine((on) => !on, { message: 'openrds runs one server per DB instance: MultiAZ is not supported.' }).optional(),
  LicenseModel: z.literal('general-public-license', { message: 'MySQL and MariaDB support only the general-public-license license model.' }).optional(),
};

type All = typeof all;
const pick = <K extends keyof All>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<All, K>;

export const createOptionParams = pick(
  'PreferredBackupWindow', 'PreferredMaintenanceWindow', 'AutoMinorVersionUpgrade', 'CopyTagsToSnapshot', 'PubliclyAccessible',
  'MaxAllocatedStorage', 'AvailabilityZone', 'StorageType', 'Iops', 'StorageThroughput', 'CACertificateIdentifier', 'EngineLifecycleSupport',
  'MonitoringInterval', 'MonitoringRoleArn', 'EnableCloudwatchLogsExports', 'VpcSecurityGroupIds', 'MultiAZ', 'LicenseModel',
);
export const replicaOptionParams = pick(
  'AutoMinorVersionUpgrade', 'CopyTagsToSnapshot', 'PubliclyAccessible', 'MaxAllocatedStorage', 'AvailabilityZone', 'StorageType', 'Iops',
  'StorageThroughput', 'CACertificateIdentifier', 'MonitoringInterval', 'MonitoringRoleArn', 'EnableCloudwatchLogsExports', 'VpcSecurityGroupIds',
  'MultiAZ',
);
export const modifyOptionParams = pick(
  'PreferredBackupWindow', 'PreferredMaintenanceWindow', 'AutoMinorVersionUpgrade', 'CopyTagsToSnapshot', 'PubliclyAccessible',
  'MaxAllocatedStorage', 'StorageType', 'Iops', 'StorageThroughput', 'CACertificateIdentifier', 'EngineLifecycleSupport', 'MonitoringInterval',
  'MonitoringRoleArn', 'CloudwatchLogsExportConfiguration', 'VpcSecurityGroupIds', 'MultiAZ', 'LicenseModel',
);

export const restoreOptionParams = pick(
  'AvailabilityZone', 'MultiAZ', 'PubliclyAccessible', 'AutoMinorVersionUpgrade', 'LicenseModel', 'Iops', 'StorageType',
  'VpcSecurityGroupIds', 'CopyTagsToSnapshot', 'EnableCloudwatchLogsExports', 'StorageThroughput', 'PreferredBackupWindow', 'CACertificateIdentifier',
  'EngineLifecycleSupport',
);

type Parsed = { [K in keyof All]?: z.output<All[K]> };

/** The Availability Zones of a region here: six, as RDS's regions have at most. */
export function availabilityZones(region: string): string[] {
  return [...'abcdef'].map((letter) => `${region}${letter}`);
}

/** The zone of an instance (or its snapshot) that names none: the region's first. */
export function defaultAvailabilityZone(region: string): string {
  return availabilityZones(region)[0]!;
}

/** The options a request sets (RDS's names to openrds's), and a log export change (ModifyDBInstance). */
export function optionsFrom(input: Parsed, region: string): { options: InstanceOptions; logExports?: LogExportChange } {
  if (input.AvailabilityZone !== undefined && !availabilityZones(region).includes(input.AvailabilityZone)) {
    throw new RdsError('InvalidParameterValue', `Cannot find the Availability Zone ${input.AvailabilityZone} in region ${region}.`);
  }
  const change = input.CloudwatchLogsExportConfiguration;
  return {
    options: {
      preferredBackupWindow: input.PreferredBackupWindow,
      preferredMaintenanceWindow: input.PreferredMaintenanceWindow,
      autoMinorVersionUpgrade: input.AutoMinorVersionUpgrade,
      copyTagsToSnapshot: input.CopyTagsToSnapshot,
      publiclyAccessible: input.PubliclyAccessible,
      maxAllocatedStorage: input.MaxAllocatedStorage,
      availabilityZone: input.AvailabilityZone,
      storageType: input.StorageType,
      iops: input.Iops,
      storageThroughput: input.StorageThroughput,
      caCertificateIdentifier: input.CACertificateIdentifier,
      engineLifecycleSupport: input.EngineLifecycleSupport,
      monitoringInterval: input.MonitoringInterval,
      monitoringRoleArn: input.MonitoringRoleArn,
      enabledCloudwatchLogsExports: input.EnableCloudwatchLogsExports,
      vpcSecurityGroupIds: input.VpcSecurityGroupIds,
    },
    logExports: change && { enable: change.EnableLogTypes, disable: change.DisableLogTypes },
  };
}

/** Where DescribeDBInstances shows them (RDS's defaults for what was never set). */
export function optionsXml(options: InstanceOptions = {}, region: string): Record<string, XmlValue> {
  const o = { ...DEFAULT_OPTIONS, ...options };
  return {
    PreferredBackupWindow: o.preferredBackupWindow,
    PreferredMaintenanceWindow: o.preferredMaintenanceWindow,
    AutoMinorVersionUpgrade: o.autoMinorVersionUpgrade,
    CopyTagsToSnapshot: o.copyTagsToSnapshot,
    PubliclyAccessible: o.publiclyAccessible,
    MaxAllocatedStorage: o.maxAllocatedStorage,
    AvailabilityZone: o.availabilityZone ?? defaultAvailabilityZone(region),
    StorageType: o.storageType,
    Iops: o.iops,
    StorageThroughput: o.storageThroughput,
    CACertificateIdentifier: o.caCertificateIdentifier,
    EngineLifecycleSupport: o.engineLifecycleSupport,
    MonitoringInterval: o.monitoringInterval,
    MonitoringRoleArn: o.monitoringRoleArn,
    EnabledCloudwatchLogsExports: o.enabledCloudwatchLogsExports?.length ? { member: [...o.enabledCloudwatchLogsExports] } : undefined,
    VpcSecurityGroups: { VpcSecurityGroupMembership: (o.vpcSecurityGroupIds ?? []).map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })) },
  };
}
