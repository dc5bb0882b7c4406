import type { OfferedVersion } from '../personality/engine-versions.js';
import { IOPS, IOPS_STORAGE_TYPES, STORAGE_GIB, THROUGHPUT, THROUGHPUT_STORAGE_TYPES, type StorageType } from '../model/storage.js';
import { availabilityZones } from './instance-options.js';
import type { XmlValue } from './xml.js';

/** One combination CreateDBInstance takes. */
export interface Orderable {
  readonly offered: OfferedVersion;
  readonly instanceClass: string;
  readonly storageType: StorageType;
}

/**
 * The `OrderableDBInstanceOption` structure for one combination, saying what openrds does with it:
 * no Multi-AZ (one server per instance), no storage encryption, IAM authentication or Performance
 * Insights (refused), storage and IOPS within openrds's ranges (model/storage.ts).
 */
export function orderableOptionXml({ offered, instanceClass, storageType }: Orderable, region: string): Record<string, XmlValue> {
  const iops = IOPS_STORAGE_TYPES.includes(storageType);
  const throughput = THROUGHPUT_STORAGE_TYPES.includes(storageType);
  return {
    Engine: offered.major.engine,
    EngineVersion: offered.version,
    DBInstanceClass: instanceClass,
    LicenseModel: 'general-public-license',
    AvailabilityZoneGroup: region,
    AvailabilityZones: { AvailabilityZone: availabilityZones(region).map((name) => ({ Name: name })) },
    MultiAZCapable: false,
    ReadReplicaCapable: true,
    Vpc: true,
    SupportsStorageEncryption: false,
    StorageType: storageType,
    SupportsIops: iops,
    SupportsEnhancedMonitoring: true,
    SupportsIAMDatabaseAuthentication: false,
    SupportsPerformanceInsights: false,
    MinStorageSize: STORAGE_GIB.min,
    MaxStorageSize: STORAGE_GIB.max,
    MinIopsPerDbInstance: iops ? IOPS.min : undefined,
    MaxIopsPerDbInstance: iops ? IOPS.max : undefined,
    AvailableProcessorFeatures: [],
    SupportedEngineModes: { member: ['provisioned'] },
    SupportsStorageAutoscaling: true,
    SupportsKerberosAuthentication: false,
    OutpostCapable: false,
    SupportedActivityStreamModes: [],
    SupportsGlobalDatabases: false,
    SupportsClusters: false,
    SupportedNetworkTypes: { member: ['IPV4'] },
    SupportsStorageThroughput: throughput,
    MinStorageThroughputPerDbInstance: throughput ? THROUGHPUT.min : undefined,
    MaxStorageThroughputPerDbInstance: throughput ? THROUGHPUT.max : undefined,
  };
}
