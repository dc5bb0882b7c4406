import type { InstanceRecord } from '../model/instance-record.js';
import { recordedMajor, resolveEngineVersion, type PersonalityName } from '../personality/engine-versions.js';
import { isOlder, versionChange, type VersionChange } from '../personality/engine-upgrades.js';

/** An engine as RDS names it, and how openrds serves it: what differs is data here, not name checks. */
export interface RdsEngine {
  readonly name: InstanceRecord['engine'];
  /** CreateDBInstance's EngineVersion: the version served (RDS's error for one RDS does not offer). */
  resolve(requested: string | undefined): string;
  /** ModifyDBInstance's EngineVersion from `current`: the change (none: undefined), or RDS's error. */
  change(current: string, requested: string, allowMajorVersionUpgrade: boolean): VersionChange | undefined;
  /** Whether `version` is older than `than` (within one major). */
  isOlder(version: string, than: string): boolean;
  /** The DB parameter group family of an instance of `version`. */
  family(version: string): string;
  /** The SQL personality an instance of `version` answers with. */
  personality(version: string): PersonalityName;
}

/** The engines served, by RDS name: every version of both runs on the one engine adapter. */
export function rdsEngines(): ReadonlyMap<InstanceRecord['engine'], RdsEngine> {
  const engine = (name: InstanceRecord['engine']): RdsEngine => ({
    name,
    resolve: (requested) => resolveEngineVersion(name, requested).version,
    change: (current, requested, allowMajor) => versionChange(name, current, requested, allowMajor),
    isOlder: (version, than) => isOlder(name, version, than),
    family: (version) => recordedMajor(name, version).family,
    personality: (version) => recordedMajor(name, version).personality,
  });
  return new Map([
    ['mariadb', engine('mariadb')],
    ['mysql', engine('mysql')],
  ]);
}
