import { RdsError } from '../errors.js';
import { majorsOf, recordedMajor, resolveEngineVersion, type MajorVersion, type RdsEngineName } from './engine-versions.js';

/** One of a version's ValidUpgradeTarget entries. */
export interface UpgradeTarget {
  readonly version: string;
  readonly major: MajorVersion;
  readonly isMajorVersionUpgrade: boolean;
}

/** A version change ModifyDBInstance may make. */
export interface VersionChange {
  readonly version: string;
  readonly isMajorVersionUpgrade: boolean;
}

/** The engine's next major after `major`. */
function nextMajor(major: MajorVersion): MajorVersion | undefined {
  const majors = majorsOf(major.engine);
  return majors[majors.indexOf(major) + 1];
}

/** Where a version stands in its major: -1 for a record older than the catalogue (before every version). */
function rank(major: MajorVersion, version: string): number {
  return major.versions.indexOf(version);
}

/** What RDS lists as a version's upgrade targets: its major's later versions, then every version of the next major. */
export function upgradeTargets(engine: RdsEngineName, version: string): UpgradeTarget[] {
  const major = recordedMajor(engine, version);
  const later = major.versions.slice(rank(major, version) + 1).map((v) => ({ version: v, major, isMajorVersionUpgrade: false }));
  const next = nextMajor(major);
  return [...later, ...(next?.versions.map((v) => ({ version: v, major: next, isMajorVersionUpgrade: true })) ?? [])];
}

/** True when `version` is older than `than`, both of the same major (a major's versions are ordered). */
export function isOlder(engine: RdsEngineName, version: string, than: string): boolean {
  const major = recordedMajor(engine, than);
  return recordedMajor(engine, version) === major && rank(major, version) < rank(major, than);
}

/**
 * ModifyDBInstance's EngineVersion against the instance's `current` one, with RDS's errors: the
 * change to make, or undefined when there is none (the same version, or only the major named and
 * the instance already at or past its default: RDS then changes nothing).
 */
export function versionChange(engine: RdsEngineName, current: string, requested: string, allowMajorVersionUpgrade: boolean): VersionChange | undefined {
  const { version, major } = resolveEngineVersion(engine, requested);
  const from = recordedMajor(engine, current);
  if (major === from) {
    if (version === current || (requested === major.major && rank(major, current) >= rank(major, version))) return undefined;
    if (rank(major, version) < rank(major, current)) {
      throw new RdsError('InvalidParameterCombination', `Cannot upgrade ${engine} from ${current} to ${version}`);
    }
    return { version, isMajorVersionUpgrade: false };
  }
  const majors = majorsOf(engine);
  if (majors.indexOf(major) > majors.indexOf(from) && !allowMajorVersionUpgrade) {
    throw new RdsError('InvalidParameterCombination', 'The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.');
  }
  if (major !== nextMajor(from)) throw new RdsError('InvalidParameterCombination', `Cannot find upgrade path from ${current} to ${requested}.`);
  return { version, isMajorVersionUpgrade: true };
}
