import { z } from 'zod';
import { AS_IS, falseOnly, onlyValue, refusedParam } from './params.js';

/**
 * Parameters of CreateDBInstance, CreateDBInstanceReadReplica and ModifyDBInstance for what
 * openrds does not have (KMS, IAM authentication, Performance Insights, Active Directory, other
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
};

type All = typeof all;
const pick = <K extends keyof All>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as Pick<All, K>;

export const refusedCreateParams = pick(
  'StorageEncrypted', 'KmsKeyId', 'EnableIAMDatabaseAuthentication', 'EnablePerformanceInsights', 'PerformanceInsightsKMSKeyId',
  'PerformanceInsightsRetentionPeriod', 'Domain', 'DomainIAMRoleName', 'Timezone', 'NcharCharacterSetName', 'TdeCredentialArn',
  'TdeCredentialPassword', 'ProcessorFeatures', 'PromotionTier', 'CustomIamInstanceProfile', 'DBSecurityGroups', 'EnableCustomerOwnedIp',
  'BackupTarget', 'NetworkType',
);
export const refusedReplicaParams = pick(
  'KmsKeyId', 'EnableIAMDatabaseAuthentication', 'EnablePerformanceInsights', 'PerformanceInsightsKMSKeyId', 'PerformanceInsightsRetentionPeriod',
  'Domain', 'DomainIAMRoleName', 'ProcessorFeatures', 'UseDefaultProcessorFeatures', 'ReplicaMode', 'CustomIamInstanceProfile', 'PreSignedUrl',
  'NetworkType',
);
export const refusedModifyParams = pick(
  'EnableIAMDatabaseAuthentication', 'EnablePerformanceInsights', 'PerformanceInsightsKMSKeyId', 'PerformanceInsightsRetentionPeriod', 'Domain',
  'DomainIAMRoleName', 'TdeCredentialArn', 'TdeCredentialPassword', 'ProcessorFeatures', 'UseDefaultProcessorFeatures', 'ReplicaMode',
  'PromotionTier', 'AutomationMode', 'ResumeFullAutomationModeMinutes', 'AwsBackupRecoveryPointArn', 'DBSecurityGroups', 'EnableCustomerOwnedIp',
  'NetworkType',
);

export const refusedRestoreParams = pick(
  'TdeCredentialArn', 'TdeCredentialPassword', 'Domain', 'DomainIAMRoleName', 'EnableIAMDatabaseAuthentication', 'ProcessorFeatures',
  'UseDefaultProcessorFeatures', 'EnableCustomerOwnedIp', 'CustomIamInstanceProfile', 'BackupTarget', 'NetworkType',
);

/** Nothing here is in a DB cluster (Aurora's, Multi-AZ DB clusters): RDS's error for a cluster it does not have. */
export const dbClusterIdentifier = z
  .string()
  .refine(() => false, { error: (issue) => `DBCluster ${String(issue.input)} not found.`, params: { ...AS_IS, rdsCode: 'DBClusterNotFoundFault' as const } })
  .optional();
