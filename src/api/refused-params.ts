import { z } from 'zod';
import { AS_IS, falseOnly, onlyValue, refusedParam } from './params.js';

/**
 * Parameters of the instance, snapshot and blue/green actions for what openrds does not have (KMS,
 * IAM authentication, Performance Insights, Active Directory, Secrets Manager, Outposts, other
 * engines' settings): honoured where the value is what openrds does anyway (false, IPV4, region),
 * refused otherwise, never accepted and dropped.
 */
const all = {
  StorageEncrypted: falseOnly('openrds does not encrypt storage: StorageEncrypted must be false.'),
  KmsKeyId: refusedParam('openrds has no KMS keys: KmsKeyId is not supported (storage is not encrypted).'),
  EnableIAMDatabaseAuthentication: falseOnly('openrds has no IAM database authentication: EnableIAMDatabaseAuthentication must be false.'),
  EnablePerformanceInsights: falseOnly('openrds has no Performance Insights: EnablePerformanceInsights must be false.'),
  PerformanceInsightsKMSKeyId: refusedParam('openrds has no Performance Insights: PerformanceInsightsKMSKeyId is not supported.'),
  PerformanceInsightsRetentionPeriod: refusedParam('openrds has no Performance Insights: PerformanceInsightsRetentionPeriod is not supported.'),
  Domain: refusedParam('openrds has no Active Directory domains: Domain is not supported.'),
  DomainIAMRoleName: refusedParam('openrds has no Active Directory domains: DomainIAMRoleName is not supported.'),
  Timezone: refusedParam('The parameter Timezone is only valid for SQL Server DB instances.'),
  NcharCharacterSetName: refusedParam('The parameter NcharCharacterSetName is only valid for Oracle DB instances.'),
  TdeCredentialArn: refusedParam('The parameter TdeCredentialArn is only valid for Oracle and SQL Server DB instances.'),
  TdeCredentialPassword: refusedParam('The parameter TdeCredentialPassword is only valid for Oracle and SQL Server DB instances.'),
  ProcessorFeatures: refusedParam('The parameter ProcessorFeatures is only valid for Oracle DB instances.'),
  UseDefaultProcessorFeatures: refusedParam('The parameter UseDefaultProcessorFeatures is only valid for Oracle DB instances.'),
  ReplicaMode: refusedParam('The parameter ReplicaMode is only valid for Oracle and SQL Server read replicas.'),
  PromotionTier: refusedParam('The parameter PromotionTier is only valid for Aurora DB instances.'),
  CustomIamInstanceProfile: refusedParam('The parameter CustomIamInstanceProfile is only valid for RDS Custom DB instances.'),
  AutomationMode: refusedParam('The parameter AutomationMode is only valid for RDS Custom DB instances.'),
  ResumeFullAutomationModeMinutes: refusedParam('The parameter ResumeFullAutomationModeMinutes is only valid for RDS Custom DB instances.'),
  AwsBackupRecoveryPointArn: refusedParam('openrds has no AWS Backup: AwsBackupRecoveryPointArn is not supported.'),
  PreSignedUrl: refusedParam('openrds has one region: PreSignedUrl (for a source in another region) is not supported.'),
  DBSecurityGroups: refusedParam('DB security groups are EC2-Classic, which RDS has retired: use VpcSecurityGroupIds.'),
  EnableCustomerOwnedIp: falseOnly('openrds has no Outposts: EnableCustomerOwnedIp must be false.'),
  BackupTarget: onlyValue('region', 'openrds has no Outposts: BackupTarget must be region.'),
  NetworkType: onlyValue('IPV4', 'openrds instances listen on IPv4 only: NetworkType must be IPV4.'),
  DomainFqdn: refusedParam('openrds has no Active Directory domains: DomainFqdn is not supported.'),
  DomainOu: refusedParam('openrds has no Active Directory domains: DomainOu is not supported.'),
  DomainAuthSecretArn: refusedParam('openrds has no Active Directory domains: DomainAuthSecretArn is not supported.'),
  DomainDnsIps: refusedParam('openrds has no Active Directory domains: DomainDnsIps is not supported.'),
  DisableDomain: falseOnly('openrds has no Active Directory domains: DisableDomain must be false (no instance is in a domain).'),
  ManageMasterUserPassword: falseOnly('openrds has no Secrets Manager: ManageMasterUserPassword must be false (send MasterUserPassword).'),
  MasterUserSecretKmsKeyId: refusedParam('openrds has no Secrets Manager: MasterUserSecretKmsKeyId is not supported.'),
  RotateMasterUserPassword: falseOnly('openrds has no Secrets Manager: RotateMasterUserPassword must be false (send MasterUserPassword).'),
  MasterUserAuthenticationType: onlyValue('password', 'openrds has no IAM database authentication: MasterUserAuthenticationType must be password.'),
  DatabaseInsightsMode: onlyValue('standard', 'openrds has no Performance Insights: DatabaseInsightsMode must be standard.'),
  DedicatedLogVolume: falseOnly('openrds keeps an instance\'s logs with its data: DedicatedLogVolume must be false.'),
  MultiTenant: falseOnly('The parameter MultiTenant is only valid for Oracle DB instances: it must be false.'),
  DBSystemId: refusedParam('The parameter DBSystemId is only valid for Oracle DB instances.'),
  AdditionalStorageVolumes: refusedParam('openrds gives an instance one storage volume: AdditionalStorageVolumes is not supported.'),
  DBCapacityReservationIdentifier: refusedParam('openrds has no DB capacity reservations: DBCapacityReservationIdentifier is not supported.'),
  DetachFromDBCapacityReservation: falseOnly('openrds has no DB capacity reservations: DetachFromDBCapacityReservation must be false.'),
  UpgradeStorageConfig: falseOnly('openrds has one storage file system configuration: UpgradeStorageConfig must be false.'),
  UpgradeTargetStorageConfig: falseOnly('openrds has one storage file system configuration: UpgradeTargetStorageConfig must be false.'),
  TargetResourceConfigurations: refusedParam("openrds has no KMS keys: TargetResourceConfigurations (green resources' KMS keys) is not supported."),
  TagSpecifications: refusedParam('openrds does not tag automated backups or option groups: TagSpecifications is not supported (send Tags).'),
  SnapshotTarget: onlyValue('region', 'openrds has no Outposts or Local Zones: SnapshotTarget must be region.'),
  CopyOptionGroup: falseOnly('openrds has only the default option groups: CopyOptionGroup must be false.'),
  SnapshotAvailabilityZone: refusedParam('openrds has no Local Zones: SnapshotAvailabilityZone is not supported.'),
};

type All = typeof all;
const pick = <K extends keyof All>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<All, K>;

export const refusedCreateParams = pick(
  'StorageEncrypted', 'KmsKeyId', 'EnableIAMDatabaseAuthentication', 'EnablePerformanceInsights', 'PerformanceInsightsKMSKeyId',
  'PerformanceInsightsRetentionPeriod', 'Domain', 'DomainIAMRoleName', 'Timezone', 'NcharCharacterSetName', 'TdeCredentialArn',
  'TdeCredentialPassword', 'ProcessorFeatures', 'PromotionTier', 'CustomIamInstanceProfile', 'DBSecurityGroups', 'EnableCustomerOwnedIp',
  'BackupTarget', 'NetworkType', 'DomainFqdn', 'DomainOu', 'DomainAuthSecretArn', 'DomainDnsIps', 'DatabaseInsightsMode', 'DBSystemId',
  'ManageMasterUserPassword', 'MasterUserSecretKmsKeyId', 'MultiTenant', 'DedicatedLogVolume', 'AdditionalStorageVolumes', 'TagSpecifications',
  'DBCapacityReservationIdentifier', 'MasterUserAuthenticationType',
);
export const refusedReplicaParams = pick(
  'KmsKeyId', 'EnableIAMDatabaseAuthentication', 'EnablePerformanceInsights', 'PerformanceInsightsKMSKeyId', 'PerformanceInsightsRetentionPeriod',
  'Domain', 'DomainIAMRoleName', 'ProcessorFeatures', 'UseDefaultProcessorFeatures', 'ReplicaMode', 'CustomIamInstanceProfile', 'PreSignedUrl',
  'NetworkType', 'DatabaseInsightsMode', 'DomainFqdn', 'DomainOu', 'DomainAuthSecretArn', 'DomainDnsIps', 'EnableCustomerOwnedIp', 'BackupTarget',
  'DedicatedLogVolume', 'UpgradeStorageConfig', 'AdditionalStorageVolumes', 'TagSpecifications', 'DBCapacityReservationIdentifier',
);
export const refusedModifyParams = pick(
  'EnableIAMDatabaseAuthentication', 'EnablePerformanceInsights', 'PerformanceInsightsKMSKeyId', 'PerformanceInsightsRetentionPeriod', 'Domain',
  'DomainIAMRoleName', 'TdeCredentialArn', 'TdeCredentialPassword', 'ProcessorFeatures', 'UseDefaultProcessorFeatures', 'ReplicaMode',
  'PromotionTier', 'AutomationMode', 'ResumeFullAutomationModeMinutes', 'AwsBackupRecoveryPointArn', 'DBSecurityGroups', 'EnableCustomerOwnedIp',
  'NetworkType', 'DomainFqdn', 'DomainOu', 'DomainAuthSecretArn', 'DomainDnsIps', 'DisableDomain', 'DatabaseInsightsMode', 'ManageMasterUserPassword',
  'RotateMasterUserPassword', 'MasterUserSecretKmsKeyId', 'MultiTenant', 'DedicatedLogVolume', 'AdditionalStorageVolumes',
  'DBCapacityReservationIdentifier', 'TagSpecifications', 'MasterUserAuthenticationType',
);

export const refusedRestoreParams = pick(
  'TdeCredentialArn', 'TdeCredentialPassword', 'Domain', 'DomainIAMRoleName', 'EnableIAMDatabaseAuthentication', 'ProcessorFeatures',
  'UseDefaultProcessorFeatures', 'EnableCustomerOwnedIp', 'CustomIamInstanceProfile', 'BackupTarget', 'NetworkType', 'DomainFqdn', 'DomainOu',
  'DomainAuthSecretArn', 'DomainDnsIps', 'DBCapacityReservationIdentifier', 'DedicatedLogVolume', 'AdditionalStorageVolumes', 'TagSpecifications',
  'ManageMasterUserPassword', 'MasterUserSecretKmsKeyId',
);
export const refusedPromoteParams = pick('TagSpecifications');
export const refusedStartParams = pick('DBCapacityReservationIdentifier');
export const refusedStopParams = pick('DetachFromDBCapacityReservation');
export const refusedCopySnapshotParams = pick('SnapshotTarget', 'CopyOptionGroup', 'SnapshotAvailabilityZone', 'TagSpecifications');
export const refusedBlueGreenParams = pick('UpgradeTargetStorageConfig', 'TargetResourceConfigurations');

/** Nothing here is in a DB cluster (Aurora's, Multi-AZ DB clusters): RDS's error for a cluster it does not have. */
export const dbClusterIdentifier = z
  .string()
  .refine(() => false, { error: (issue) => `DBCluster ${String(issue.input)} not found.`, params: { ...AS_IS, rdsCode: 'DBClusterNotFoundFault' as const } })
  .optional();
