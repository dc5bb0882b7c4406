import { RdsError } from '../errors.js';
import type { InstanceOptions } from '../model/instance-record.js';
import { IOPS_REQUIRED, IOPS_STORAGE_TYPES, THROUGHPUT_STORAGE_TYPES, type StorageType } from '../model/storage.js';

/** RDS's defaults for what an instance created without them shows. */
export const DEFAULT_OPTIONS: Required<Pick<InstanceOptions, 'preferredBackupWindow' | 'preferredMaintenanceWindow' | 'autoMinorVersionUpgrade' | 'copyTagsToSnapshot' | 'publiclyAccessible' | 'storageType' | 'caCertificateIdentifier' | 'engineLifecycleSupport' | 'monitoringInterval'>> = {
  preferredBackupWindow: '03:00-03:30',
  preferredMaintenanceWindow: 'sun:05:00-sun:05:30',
  autoMinorVersionUpgrade: true,
  copyTagsToSnapshot: false,
  publiclyAccessible: false,
  storageType: 'gp2',
  caCertificateIdentifier: 'rds-ca-rsa2048-g1',
  engineLifecycleSupport: 'open-source-rds-extended-support',
  monitoringInterval: 0,
};

/** RDS's lifecycle types of an open-source engine's instance (EngineLifecycleSupport). */
export const ENGINE_LIFECYCLES = ['open-source-rds-extended-support', 'open-source-rds-extended-support-disabled'] as const;

/** ModifyDBInstance's CloudwatchLogsExportConfiguration: log types to add and to remove. */
export interface LogExportChange {
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
}

/** The options an instance has after a request: `previous`, what the request sets, its log export change. */
export function mergeOptions(previous: InstanceOptions | undefined, set: InstanceOptions, logExports?: LogExportChange): InstanceOptions {
  const merged: Record<string, unknown> = { ...previous };
  for (const [key, value] of Object.entries(set)) if (value !== undefined) merged[key] = value;
  if (logExports) {
    const kept = new Set<string>((merged.enabledCloudwatchLogsExports as string[] | undefined) ?? []);
    for (const type of logExports.enable ?? []) kept.add(type);
    for (const type of logExports.disable ?? []) kept.delete(type);
    merged.enabledCloudwatchLogsExports = [...kept].sort();
  }
  return merged as InstanceOptions;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = 7 * 24 * 60;

/** Minutes since the start of the day (`hh:mm`) or of the week (`ddd:hh:mm`, Monday first). */
function minutes(text: string, withDay: boolean): number {
  const [day, hh, mm] = withDay ? text.split(':') : ['mon', ...text.split(':')];
  return DAYS.indexOf(day!) * 24 * 60 + Number(hh) * 60 + Number(mm);
}

/** A window's [start, end) in minutes of the week; a daily window stands for each of the 7 days. */
function spans(window: string, withDay: boolean): [number, number][] {
  const [from, to] = window.split('-') as [string, string];
  const start = minutes(from, withDay);
  let end = minutes(to, withDay);
  const period = withDay ? WEEK : 24 * 60;
  if (end <= start) end += period;
  if (withDay) return [[start, end]];
  return DAYS.map((_, d) => [start + d * 24 * 60, end + d * 24 * 60] as [number, number]);
}

function duration(window: string, withDay: boolean): number {
  const [[start, end]] = spans(window, withDay) as [[number, number]];
  return end - start;
}

/**
 * RDS's rules across parameters, on the options an instance would have: windows of at least 30
 * minutes that do not overlap, MaxAllocatedStorage above AllocatedStorage, monitoring with its role,
 * Iops with a storage type that takes it.
 */
export function checkOptions(options: InstanceOptions, allocatedStorage: number): void {
  const backup = options.preferredBackupWindow ?? DEFAULT_OPTIONS.preferredBackupWindow;
  const maintenance = options.preferredMaintenanceWindow ?? DEFAULT_OPTIONS.preferredMaintenanceWindow;
  if (duration(backup, false) < 30) throw new RdsError('InvalidParameterValue', 'The backup window must be at least 30 minutes.');
  if (duration(maintenance, true) < 30) throw new RdsError('InvalidParameterValue', 'The maintenance window must be at least 30 minutes.');
  const weekly = spans(maintenance, true);
  const overlaps = spans(backup, false).some(([s, e]) =>
    weekly.some(([ms, me]) => [-WEEK, 0, WEEK].some((shift) => s < me + shift && ms + shift < e)),
  );
  if (overlaps) throw new RdsError('InvalidParameterCombination', 'The backup window and maintenance window must not overlap.');
  if (options.maxAllocatedStorage !== undefined && options.maxAllocatedStorage <= allocatedStorage) {
    throw new RdsError('InvalidParameterCombination', 'Max storage size must be greater than storage size');
  }
  const interval = options.monitoringInterval ?? 0;
  if (interval > 0 && !options.monitoringRoleArn) {
    throw new RdsError('InvalidParameterCombination', 'A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0.');
  }
  if (interval === 0 && options.monitoringRoleArn) {
    throw new RdsError('InvalidParameterCombination', 'A MonitoringInterval value other than 0 is required if you specify a MonitoringRoleARN value.');
  }
  const storage = (options.storageType ?? DEFAULT_OPTIONS.storageType) as StorageType;
  if (IOPS_REQUIRED.includes(storage) && options.iops === undefined) {
    throw new RdsError('InvalidParameterCombination', `Iops is required for storage type ${storage}.`);
  }
  if (options.iops !== undefined && !IOPS_STORAGE_TYPES.includes(storage)) {
    throw new RdsError('InvalidParameterCombination', `Iops is not valid for storage type ${storage}.`);
  }
  if (options.storageThroughput !== undefined && !THROUGHPUT_STORAGE_TYPES.includes(storage)) {
    throw new RdsError('InvalidParameterCombination', 'StorageThroughput is only valid for storage type gp3.');
  }
}

/** A copy's storage (a restore, a read replica, green): what it asks for, and never below its source's (RDS's "enough storage" rule). */
export function copyStorage(requested: number | undefined, source: number, what: string): number {
  if (requested !== undefined && requested < source) {
    throw new RdsError('InvalidParameterValue', `AllocatedStorage ${requested} GiB is less than the ${source} GiB of ${what}: a copy needs at least its source's storage.`);
  }
  return requested ?? source;
}
