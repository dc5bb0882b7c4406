import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { PersonalityName } from '../personality/engine-versions.js';
import type { InstanceStates } from './instance-states.js';
import { ParameterGroups } from './parameter-groups.js';
import type { RdsEngine } from './rds-engines.js';

/** A version change ModifyDBInstance asked for and RDS's rules allow. */
export interface VersionMove {
  readonly version: string;
  /** Set for a major version upgrade whose SQL personality differs: it is re-applied to the instance. */
  readonly personality?: PersonalityName;
  /** A major version upgrade's parameter group (the new family's); undefined for a minor one. */
  readonly parameterGroup?: string;
}

/**
 * ModifyDBInstance's EngineVersion: the version an instance moves to (undefined: no change), or
 * the refusal, with RDS's rules from the catalogue. A major version upgrade needs a parameter
 * group of the new family: the family's default replaces a default group; a custom group must be
 * replaced by the request's own (`parameterGroupName`, checked against the new family by the caller).
 */
export function checkVersionChange(
  record: InstanceRecord,
  request: { readonly engineVersion: string; readonly allowMajorVersionUpgrade: boolean; readonly parameterGroupName?: string },
  engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>,
  states: InstanceStates,
): VersionMove | undefined {
  const engine = engines.get(record.engine)!;
  const change = engine.change(record.engineVersion, request.engineVersion, request.allowMajorVersionUpgrade);
  if (!change) return undefined;
  // RDS wants a read replica at its source's version or later: its replicas are upgraded first.
  const older = states.replicasOf(record.id).filter((r) =>
    change.isMajorVersionUpgrade ? engine.family(r.engineVersion) !== engine.family(change.version) : engine.isOlder(r.engineVersion, change.version),
  );
  if (older.length > 0) {
    throw new RdsError(
      'InvalidParameterCombination',
      `DB instance ${record.id} has read replicas that need to be upgraded to ${change.version} first: ${older.map((r) => r.id).join(', ')}.`,
    );
  }
  if (!change.isMajorVersionUpgrade) return { version: change.version };
  const current = record.parameterGroup ?? ParameterGroups.defaultName(engine.family(record.engineVersion));
  if (request.parameterGroupName === undefined && !ParameterGroups.isDefault(current)) {
    throw new RdsError(
      'InvalidParameterCombination',
      `The current DB instance parameter group ${current} is custom. You must explicitly specify a new DB instance parameter group, either default or custom, for the engine version upgrade.`,
    );
  }
  const personality = engine.personality(change.version);
  return {
    version: change.version,
    parameterGroup: request.parameterGroupName ?? ParameterGroups.defaultName(engine.family(change.version)),
    ...(personality !== engine.personality(record.engineVersion) && { personality }),
  };
}
