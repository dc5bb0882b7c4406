/** RDS's engine versions as data: what a request's EngineVersion resolves to, upgrade targets, ModifyDBInstance's rules. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RdsError } from '../../src/errors.js';
import { MAJOR_VERSIONS, recordedMajor, resolveEngineVersion, servedFamilies } from '../../src/personality/engine-versions.js';
import { isOlder, upgradeTargets, versionChange } from '../../src/personality/engine-upgrades.js';

const refusal = (message: string) => (e: unknown) => e instanceof RdsError && e.code === 'InvalidParameterCombination' && e.message === message;

describe('engine versions', () => {
  test('CreateDBInstance: no version is the engine default, a major its default, a version itself, anything else RDS error', () => {
    assert.equal(resolveEngineVersion('mysql', undefined).version, '8.4.11');
    assert.equal(resolveEngineVersion('mariadb', undefined).version, '10.11.19');
    assert.equal(resolveEngineVersion('mysql', '8.0').version, '8.0.46-rds.20260908');
    assert.equal(resolveEngineVersion('mysql', '5.7').major.personality, 'mysql5.7');
    assert.equal(resolveEngineVersion('mariadb', '10.6.22').major.family, 'mariadb10.6');
    assert.throws(() => resolveEngineVersion('mysql', '8.0.27'), refusal('Cannot find version 8.0.27 for mysql'));
    assert.throws(() => resolveEngineVersion('mysql', '8'), refusal('Cannot find version 8 for mysql'));
    assert.throws(() => resolveEngineVersion('mariadb', '8.0.42'), refusal('Cannot find version 8.0.42 for mariadb'));
  });

  test("every major's default is one of its versions, and versions are listed oldest first", () => {
    for (const major of MAJOR_VERSIONS) {
      assert.ok(major.versions.includes(major.defaultVersion), `${major.engine} ${major.major}`);
      assert.ok(major.versions.every((v) => v.startsWith(`${major.major}.`)), `${major.engine} ${major.major}`);
    }
    assert.deepEqual(servedFamilies(), ['mysql5.7', 'mysql8.0', 'mysql8.4', 'mariadb10.6', 'mariadb10.11', 'mariadb11.4', 'mariadb11.8']);
    // Records made before versions were per instance hold the server's version: they answered as 5.7.
    assert.equal(recordedMajor('mysql', '10.11.19').major, '5.7');
  });

  test('upgrade targets: the later versions of the major, then every version of the next major', () => {
    assert.deepEqual(
      upgradeTargets('mysql', '8.0.45').map((t) => [t.version, t.isMajorVersionUpgrade]),
      [['8.0.46', false], ['8.0.46-rds.20260624', false], ['8.0.46-rds.20260908', false], ...MAJOR_VERSIONS[2]!.versions.map((v) => [v, true])],
    );
    assert.deepEqual(upgradeTargets('mysql', '8.4.11'), [], 'the newest major has nowhere to go');
    assert.deepEqual(upgradeTargets('mariadb', '11.4.13').map((t) => t.version), ['11.8.3', '11.8.5', '11.8.6', '11.8.8', '11.8.9']);
    assert.equal(upgradeTargets('mariadb', '10.6.22').filter((t) => !t.isMajorVersionUpgrade).length, 5);
  });

  test('ModifyDBInstance: a later minor is a change; the same version, or a major already passed, none', () => {
    assert.deepEqual(versionChange('mysql', '8.0.44', '8.0.46', false), { version: '8.0.46', isMajorVersionUpgrade: false });
    assert.deepEqual(versionChange('mysql', '8.0.44', '8.0', false), { version: '8.0.46-rds.20260908', isMajorVersionUpgrade: false });
    assert.equal(versionChange('mysql', '8.0.44', '8.0.44', false), undefined);
    assert.equal(versionChange('mariadb', '10.11.19', '10.11', false), undefined);
    assert.equal(versionChange('mysql', '8.0.46-rds.20260908', '8.0', true), undefined);
  });

  test("ModifyDBInstance: RDS's refusals", () => {
    assert.throws(() => versionChange('mysql', '8.0.44', '8.0.27', false), refusal('Cannot find version 8.0.27 for mysql'));
    assert.throws(() => versionChange('mysql', '8.0.45', '8.0.43', false), refusal('Cannot upgrade mysql from 8.0.45 to 8.0.43'));
    assert.throws(() => versionChange('mysql', '8.0.45', '5.7', true), refusal('Cannot find upgrade path from 8.0.45 to 5.7.'));
    assert.throws(() => versionChange('mysql', '8.0.45', '8.4.11', false), refusal('The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.'));
    assert.throws(() => versionChange('mysql', '5.7.44-rds.20260902', '8.4', false), refusal('The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.'));
    assert.throws(() => versionChange('mysql', '5.7.44-rds.20260902', '8.4', true), refusal('Cannot find upgrade path from 5.7.44-rds.20260902 to 8.4.'));
    assert.deepEqual(versionChange('mariadb', '10.11.19', '11.4.13', true), { version: '11.4.13', isMajorVersionUpgrade: true });
  });

  test('isOlder compares within a major only', () => {
    assert.ok(isOlder('mysql', '8.0.44', '8.0.46'));
    assert.ok(!isOlder('mysql', '8.0.46', '8.0.46'));
    assert.ok(!isOlder('mysql', '8.0.46', '8.0.44'));
    assert.ok(isOlder('mysql', '8.0.46', '8.0.46-rds.20260624'));
    assert.ok(!isOlder('mariadb', '10.6.28', '10.11.13'), 'another major is not compared');
  });
});
