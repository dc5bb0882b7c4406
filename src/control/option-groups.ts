import { RdsError } from '../errors.js';
import { MAJOR_VERSIONS, recordedMajor, type RdsEngineName } from '../personality/engine-versions.js';

/**
 * Option groups: openrds has no options (memcached, audit plugin, ...) to put in one, so it serves
 * RDS's default group of each major version only (`default:mysql-8-0`, `default:mariadb-10-11`),
 * which every instance is in, as on RDS.
 */

/** RDS's default option group of an engine version. */
export function defaultOptionGroup(engine: RdsEngineName, version: string): string {
  return `default:${engine}-${recordedMajor(engine, version).major.replaceAll('.', '-')}`;
}

/** An OptionGroupName for an instance of `engine` `version`: its default group, else RDS's errors. */
export function checkOptionGroup(instance: { readonly engine: RdsEngineName; readonly engineVersion: string }, name: string | undefined): void {
  if (name === undefined || name === defaultOptionGroup(instance.engine, instance.engineVersion)) return;
  const another = MAJOR_VERSIONS.some((m) => name === defaultOptionGroup(m.engine, m.defaultVersion));
  if (another) {
    throw new RdsError(
      'InvalidParameterCombination',
      `The option group ${name} is not valid for engine ${instance.engine} version ${instance.engineVersion}.`,
    );
  }
  throw new RdsError('OptionGroupNotFoundFault', `Specified OptionGroupName: ${name} not found.`);
}
