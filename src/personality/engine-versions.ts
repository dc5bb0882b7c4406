import { RdsError } from '../errors.js';

/** The SQL personalities of sql/template/ (15-rds_messages.sql, 69-rds_offered.sql). */
export type PersonalityName = 'mysql5.7' | 'mysql8.0' | 'mysql8.4' | 'mariadb';

export type RdsEngineName = 'mysql' | 'mariadb';

/** A major version of an RDS engine, as RDS offers it. */
export interface MajorVersion {
  readonly engine: RdsEngineName;
  readonly major: string;
  /** Its DB parameter group family. */
  readonly family: string;
  readonly personality: PersonalityName;
  /** RDS's engine versions of this major, oldest first, spelled as the API spells them. */
  readonly versions: readonly string[];
  /** What a request naming only the major (or nothing, for the engine's default major) gets. */
  readonly defaultVersion: string;
}

/**
 * RDS's engine versions (AWS's "MySQL on Amazon RDS versions" and "MariaDB on Amazon RDS
 * versions" pages and DescribeDBEngineVersions, as of late 2026). Every one is served by the
 * same MariaDB server with the personality of its major; README says what a client sees of that.
 */
export const MAJOR_VERSIONS: readonly MajorVersion[] = [
  {
    engine: 'mysql',
    major: '5.7',
    family: 'mysql5.7',
    personality: 'mysql5.7',
    versions: ['5.7.44-rds.20251212', '5.7.44-rds.20260212', '5.7.44-rds.20260521', '5.7.44-rds.20260624', '5.7.44-rds.20260902'],
    defaultVersion: '5.7.44-rds.20260902',
  },
  {
    engine: 'mysql',
    major: '8.0',
    family: 'mysql8.0',
    personality: 'mysql8.0',
    versions: ['8.0.42', '8.0.43', '8.0.44', '8.0.45', '8.0.46', '8.0.46-rds.20260624', '8.0.46-rds.20260908'],
    defaultVersion: '8.0.46-rds.20260908',
  },
  {
    engine: 'mysql',
    major: '8.4',
    family: 'mysql8.4',
    personality: 'mysql8.4',
    versions: ['8.4.5', '8.4.6', '8.4.7', '8.4.8', '8.4.9', '8.4.10', '8.4.11'],
    defaultVersion: '8.4.11',
  },
  ...(
    [
      ['10.6', ['10.6.22', '10.6.23', '10.6.24', '10.6.25', '10.6.27', '10.6.28']],
      ['10.11', ['10.11.13', '10.11.14', '10.11.15', '10.11.16', '10.11.18', '10.11.19']],
      ['11.4', ['11.4.7', '11.4.8', '11.4.9', '11.4.10', '11.4.12', '11.4.13']],
      ['11.8', ['11.8.3', '11.8.5', '11.8.6', '11.8.8', '11.8.9']],
    ] as const
  ).map(([major, versions]) => ({
    engine: 'mariadb' as const,
    major,
    family: `mariadb${major}`,
    personality: 'mariadb' as const,
    versions,
    defaultVersion: versions[versions.length - 1]!,
  })),
];

/**
 * The engine's default major when CreateDBInstance names no version: RDS's newest for MySQL;
 * for MariaDB the major of the server underneath (10.11), so that what is reported is true.
 */
const DEFAULT_MAJOR: Readonly<Record<RdsEngineName, string>> = { mysql: '8.4', mariadb: '10.11' };

/** An engine's majors, oldest first. */
export function majorsOf(engine: RdsEngineName): readonly MajorVersion[] {
  return MAJOR_VERSIONS.filter((major) => major.engine === engine);
}

/** The major a version belongs to: `8.0.46-rds.20260908` → 8.0, `10.11.19` → 10.11. */
export function majorOf(engine: RdsEngineName, version: string): MajorVersion | undefined {
  return majorsOf(engine).find((major) => version === major.major || version.startsWith(`${major.major}.`));
}

/** CreateDBInstance's EngineVersion: the version served, or RDS's error for one RDS does not offer. */
export function resolveEngineVersion(engine: RdsEngineName, requested: string | undefined): { readonly version: string; readonly major: MajorVersion } {
  const wanted = requested ?? DEFAULT_MAJOR[engine];
  const major = majorOf(engine, wanted);
  if (major && wanted === major.major) return { version: major.defaultVersion, major };
  if (major?.versions.includes(wanted)) return { version: wanted, major };
  throw new RdsError('InvalidParameterCombination', `Cannot find version ${wanted} for ${engine}`);
}

/**
 * The major of an instance's recorded version. Records made before versions were served per
 * instance hold the server's own version (10.11.19) for both engines: they answered as 5.7 did.
 */
export function recordedMajor(engine: RdsEngineName, version: string): MajorVersion {
  return majorOf(engine, version) ?? majorOf(engine, '5.7')!;
}

/** Every parameter group family served. */
export function servedFamilies(): readonly string[] {
  return MAJOR_VERSIONS.map((major) => major.family);
}

/** The personalities of the engines' default versions: their templates are built at service start. */
export function defaultPersonalities(): readonly PersonalityName[] {
  return (Object.keys(DEFAULT_MAJOR) as RdsEngineName[]).map((engine) => resolveEngineVersion(engine, undefined).major.personality);
}

/** One engine version RDS offers, with its major. */
export interface OfferedVersion {
  readonly major: MajorVersion;
  readonly version: string;
}

/** Every engine version offered, engine by engine (alphabetically), oldest first. */
export function offeredVersions(): readonly OfferedVersion[] {
  return [...MAJOR_VERSIONS].sort((a, b) => a.engine.localeCompare(b.engine)).flatMap((major) => major.versions.map((version) => ({ major, version })));
}

/** An EngineVersion as RDS's Describe actions match it: a version exactly, or a major (`8.0`) for all of its versions. */
export function versionMatches(wanted: string, { major, version }: OfferedVersion): boolean {
  return wanted === version || wanted === major.major;
}
