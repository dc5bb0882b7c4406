import type { MajorVersion } from '../personality/engine-versions.js';
import { upgradeTargets } from '../personality/engine-upgrades.js';
import { LOG_TYPES } from './instance-options.js';
import type { XmlValue } from './xml.js';

/** RDS's names for its engines' editions and versions. */
const DESCRIPTIONS: Readonly<Record<MajorVersion['engine'], { readonly edition: string; readonly product: string }>> = {
  mysql: { edition: 'MySQL Community Edition', product: 'MySQL' },
  mariadb: { edition: 'MariaDb Community Edition', product: 'MariaDB' },
};

/**
 * The `DBEngineVersion` structure for one version, with what RDS shows for MySQL and MariaDB (no
 * character sets or time zones: RDS lists those for the engines whose CreateDBInstance takes them).
 */
export function dbEngineVersionXml(major: MajorVersion, version: string): Record<string, XmlValue> {
  const { edition, product } = DESCRIPTIONS[major.engine];
  return {
    Engine: major.engine,
    EngineVersion: version,
    DBParameterGroupFamily: major.family,
    DBEngineDescription: edition,
    DBEngineVersionDescription: `${product} ${version}`,
    ValidUpgradeTarget: {
      UpgradeTarget: upgradeTargets(major.engine, version).map((target) => ({
        Engine: major.engine,
        EngineVersion: target.version,
        Description: `${product} ${target.version}`,
        // openrds upgrades no instance by itself (AutoMinorVersionUpgrade is only recorded).
        AutoUpgrade: false,
        IsMajorVersionUpgrade: target.isMajorVersionUpgrade,
      })),
    },
    ExportableLogTypes: { member: [...LOG_TYPES] },
    SupportsLogExportsToCloudwatchLogs: true,
    SupportsReadReplica: true,
    SupportedFeatureNames: { member: [] },
    Status: 'available',
    SupportsParallelQuery: false,
    SupportsGlobalDatabases: false,
    MajorEngineVersion: major.major,
    SupportsBabelfish: false,
  };
}
