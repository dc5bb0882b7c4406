/**
 * Errors a caller of openrds can act on, named and shaped like the RDS API's.
 * The codes are the documented union; the HTTP status is RDS's for that code.
 */
export const RDS_ERROR_STATUS = {
  DBInstanceAlreadyExists: 400,
  DBInstanceNotFound: 404,
  DBLogFileNotFoundFault: 404,
  InvalidDBInstanceState: 400,
  InvalidParameterValue: 400,
  InvalidParameterCombination: 400,
  MissingParameter: 400,
  InvalidAction: 400,
  InstanceQuotaExceeded: 400,
  DBParameterGroupNotFound: 404,
  DBParameterGroupAlreadyExists: 400,
  InvalidDBParameterGroupState: 400,
  DBParameterGroupQuotaExceeded: 400,
  StorageQuotaExceeded: 400,
  DBSubnetGroupAlreadyExists: 400,
  DBSubnetGroupNotFoundFault: 404,
  InvalidDBSubnetGroupStateFault: 400,
  DBSubnetGroupQuotaExceeded: 400,
  DBSubnetQuotaExceededFault: 400,
  InvalidSubnet: 400,
  DBSubnetGroupNotAllowedFault: 400,
  AccessDenied: 403,
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  DBSnapshotAlreadyExists: 400,
  DBSnapshotNotFound: 404,
  InvalidDBSnapshotState: 400,
  SnapshotQuotaExceeded: 400,
  SharedSnapshotQuotaExceeded: 400,
  PointInTimeRestoreNotEnabled: 400,
  InvalidRestoreFault: 400,
  DBInstanceAutomatedBackupNotFound: 404,
  OptionGroupNotFoundFault: 404,
  DBClusterNotFoundFault: 404,
  BlueGreenDeploymentNotFoundFault: 404,
  BlueGreenDeploymentAlreadyExistsFault: 400,
  InvalidBlueGreenDeploymentStateFault: 400,
  SourceDatabaseNotSupportedFault: 400,
  InternalFailure: 500,
} as const;

export type RdsErrorCode = keyof typeof RDS_ERROR_STATUS;

export class RdsError extends Error {
  override readonly name = 'RdsError';
  constructor(
    readonly code: RdsErrorCode,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return RDS_ERROR_STATUS[this.code];
  }

  /** Client errors are the caller's to fix ("Sender"); the rest are ours ("Receiver"). */
  get faultType(): 'Sender' | 'Receiver' {
    return this.httpStatus < 500 ? 'Sender' : 'Receiver';
  }
}
