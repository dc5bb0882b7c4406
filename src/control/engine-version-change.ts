import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { InstanceStates } from './instance-states.js';
import type { RdsEngine } from './rds-engines.js';

/**
 * ModifyDBInstance's EngineVersion: the version an instance moves to (undefined: no change), or
 * the refusal. RDS's rules come from the catalogue; a major version upgrade is refused here because
 * it changes the SQL personality, and re-applying one to an existing instance is not built yet.
 */
export function checkVersionChange(
  record: InstanceRecord,
  request: { readonly engineVersion: string; readonly allowMajorVersionUpgrade: boolean },
  engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>,
  states: InstanceStates,
): string | undefined {
  const engine = engines.get(record.engine)!;
  const change = engine.change(record.engineVersion, request.engineVersion, request.allowMajorVersionUpgrade);
  if (!change) return undefined;
  if (change.isMajorVersionUpgrade) {
    throw new RdsError(
      'InvalidParameterCombination',
      `openrds does not serve major version upgrades yet (${record.engineVersion} to ${change.version}): create a DB instance of ${change.version} and move the data to it.`,
    );
  }
  // RDS wants a read replica at its source's version or later: its replicas are upgraded first.
  const older = states.replicasOf(record.id).filter((r) => engine.isOlder(r.engineVersion, change.version));
  if (older.length > 0) {
    throw new RdsError(
      'InvalidParameterCombination',
      `DB instance ${record.id} has read replicas that need to be upgraded to ${change.version} first: ${older.map((r) => r.id).join(', ')}.`,
    );
  }
  return change.version;
}
