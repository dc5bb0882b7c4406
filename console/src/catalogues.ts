// What the dialogs offer, read from the RDS Query API's Describe actions as any client reads them.
import { rdsAction } from './api';

const childText = (element: Element, name: string) => element.querySelector(`:scope > ${name}`)?.textContent ?? '';

/** Every element `selector` finds in a Describe action's pages (it follows Marker). */
async function describeAll(action: string, params: Record<string, string>, selector: string): Promise<Element[]> {
  const found: Element[] = [];
  let marker: string | undefined;
  do {
    const xml = await rdsAction(action, { ...params, Marker: marker });
    found.push(...xml.querySelectorAll(selector));
    marker = xml.querySelector('Marker')?.textContent || undefined;
  } while (marker);
  return found;
}

export interface VersionChoice {
  readonly version: string;
  readonly family: string;
}

/** An instance's version and the ones it may move to (DescribeDBEngineVersions' ValidUpgradeTarget), each with its parameter group family. */
export async function versionChoices(engine: string, version: string): Promise<{ current: VersionChoice; targets: VersionChoice[] }> {
  const versions = await describeAll('DescribeDBEngineVersions', { Engine: engine }, 'DBEngineVersions > DBEngineVersion');
  const familyOf = new Map(versions.map((v) => [childText(v, 'EngineVersion'), childText(v, 'DBParameterGroupFamily')]));
  const own = versions.find((v) => childText(v, 'EngineVersion') === version);
  const targets = [...(own?.querySelectorAll('ValidUpgradeTarget > UpgradeTarget') ?? [])].map((t) => childText(t, 'EngineVersion'));
  return { current: { version, family: familyOf.get(version) ?? '' }, targets: targets.map((v) => ({ version: v, family: familyOf.get(v) ?? '' })) };
}

/** The DB parameter groups of a family (DescribeDBParameterGroups). */
export async function parameterGroups(family: string): Promise<string[]> {
  const groups = await describeAll('DescribeDBParameterGroups', {}, 'DBParameterGroups > DBParameterGroup');
  return groups.filter((g) => childText(g, 'DBParameterGroupFamily') === family).map((g) => childText(g, 'DBParameterGroupName'));
}

/** Where an instance can be restored to (DescribeDBInstanceAutomatedBackups' RestoreWindow); null before its first automated backup. */
export async function restoreWindow(instanceId: string): Promise<{ earliest: string; latest: string } | null> {
  const xml = await rdsAction('DescribeDBInstanceAutomatedBackups', { DBInstanceIdentifier: instanceId });
  const window = xml.querySelector('DBInstanceAutomatedBackup > RestoreWindow');
  return window ? { earliest: childText(window, 'EarliestTime'), latest: childText(window, 'LatestTime') } : null;
}

/** An instance's ARN (DescribeDBInstances' DBInstanceArn): what CreateBlueGreenDeployment's Source takes. */
export async function instanceArn(instanceId: string): Promise<string> {
  const xml = await rdsAction('DescribeDBInstances', { DBInstanceIdentifier: instanceId });
  return xml.querySelector('DBInstances > DBInstance > DBInstanceArn')?.textContent ?? '';
}
