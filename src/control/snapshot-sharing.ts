import { RdsError } from '../errors.js';
import type { SnapshotRecord } from '../model/snapshot-record.js';
import { snapshotNotAvailable, type Snapshots } from './snapshots.js';

/** RDS's one DB snapshot attribute: the accounts that may copy or restore a manual snapshot. */
export const RESTORE_ATTRIBUTE = 'restore';

/** The value of `restore` that makes a snapshot public. */
export const PUBLIC = 'all';

/** RDS's default quota of accounts one manual DB snapshot is shared with. */
export const MAX_SHARED_ACCOUNTS = 20;

/** The accounts a snapshot is shared with (`all`: public); an automated one is never shared. */
export const restoreAttribute = (snapshot: SnapshotRecord): readonly string[] => snapshot.sharedWith ?? [];

export const isPublic = (snapshot: SnapshotRecord): boolean => restoreAttribute(snapshot).includes(PUBLIC);

/**
 * ModifyDBSnapshotAttribute: `add` then `remove` applied to the `restore` attribute of an available
 * manual snapshot (the API refuses an automated one's identifier, as RDS does), with RDS's refusals.
 * Nothing is shared anywhere here: the attribute is kept, described and counted.
 */
export function modifyRestoreAttribute(
  snapshots: Pick<Snapshots, 'get' | 'setSharedWith'>,
  id: string,
  attribute: string,
  add: readonly string[],
  remove: readonly string[],
): readonly string[] {
  if (attribute !== RESTORE_ATTRIBUTE) {
    throw new RdsError('InvalidParameterValue', `The attribute name ${attribute} is not valid: the only attribute of a DB snapshot is ${RESTORE_ATTRIBUTE}.`);
  }
  const snapshot = snapshots.get(id);
  if (snapshot.status !== 'available') throw snapshotNotAvailable(snapshot.id);
  const malformed = [...add, ...remove].find((v) => v !== PUBLIC && !/^\d{12}$/.test(v));
  if (malformed !== undefined) {
    throw new RdsError('InvalidParameterValue', `${malformed} is not a valid AWS account identifier: give 12 digits, or ${PUBLIC}.`);
  }
  const drop = new Set(remove);
  const values = [...new Set([...restoreAttribute(snapshot), ...add])].filter((v) => !drop.has(v));
  if (values.filter((v) => v !== PUBLIC).length > MAX_SHARED_ACCOUNTS) {
    throw new RdsError('SharedSnapshotQuotaExceeded', 'You have exceeded the maximum number of accounts that you can share a manual DB snapshot with.');
  }
  snapshots.setSharedWith(snapshot.id, values);
  return values;
}
