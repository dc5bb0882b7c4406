/**
 * DB instance classes and the memory openrds gives them.
 *
 * On RDS a class fixes the instance's memory, and memory parameters are formulas of it
 * (`innodb_buffer_pool_size` = `{DBInstanceClassMemory*3/4}`). openrds keeps that relation at a
 * laptop's scale: an instance gets 1/48 of its class's memory on AWS as DBInstanceClassMemory, so
 * db.t3.micro (1 GiB) gets a 16 MiB buffer pool and db.m5.large (8 GiB) a 128 MiB one. A bigger
 * class is how a user asks for an instance that holds a working set in memory.
 */

/** AWS memory of the `large` size of a family, in GiB: general purpose 8, memory optimised more. */
const LARGE_GIB_BY_FAMILY_LETTER: Readonly<Record<string, number>> = Object.freeze({ t: 8, m: 8, r: 16, z: 16, x: 32 });

/** AWS memory in GiB of the sizes below `large` (burstable classes). */
const SMALL_SIZE_GIB: Readonly<Record<string, number>> = Object.freeze({ nano: 0.5, micro: 1, small: 2, medium: 4 });

/** The scale of openrds's instances against AWS's: DBInstanceClassMemory = AWS memory / 48. */
const OPENRDS_MEMORY_SHARE = 1 / 48;

/** AWS memory of a class in GiB (`db.m5.2xlarge` → 32), or undefined for a class RDS does not offer. */
export function classMemoryGiB(instanceClass: string): number | undefined {
  const match = /^db\.([a-z])[a-z0-9-]*\.(nano|micro|small|medium|large|(\d*)xlarge)$/.exec(instanceClass);
  if (!match) return undefined;
  const [, familyLetter, size, multiple] = match;
  const large = LARGE_GIB_BY_FAMILY_LETTER[familyLetter!];
  if (large === undefined) return undefined;
  if (size === 'large') return large;
  if (size!.endsWith('xlarge')) return large * 2 * (multiple ? Number(multiple) : 1);
  // Only the burstable family has sizes below large.
  return familyLetter === 't' ? SMALL_SIZE_GIB[size!] : undefined;
}

/** openrds's DBInstanceClassMemory of a known class, in bytes. */
export function classMemoryBytes(instanceClass: string): number {
  const gib = classMemoryGiB(instanceClass);
  if (gib === undefined) throw new Error(`unknown DB instance class ${instanceClass}`);
  return Math.floor(gib * 2 ** 30 * OPENRDS_MEMORY_SHARE);
}

const BURSTABLE_SIZES = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
const GRAVITON_SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const INTEL_SIZES = [...GRAVITON_SIZES, '24xlarge'];

/**
 * The classes DescribeOrderableDBInstanceOptions offers for MySQL and MariaDB (RDS's current
 * generations; CreateDBInstance takes any class classMemoryGiB knows).
 */
export const ORDERABLE_CLASSES: readonly string[] = (
  [
    ['t3', BURSTABLE_SIZES],
    ['t4g', BURSTABLE_SIZES],
    ['m5', INTEL_SIZES],
    ['m6g', GRAVITON_SIZES],
    ['m6i', [...INTEL_SIZES, '32xlarge']],
    ['m7g', GRAVITON_SIZES],
    ['r5', INTEL_SIZES],
    ['r6g', GRAVITON_SIZES],
    ['r6i', [...INTEL_SIZES, '32xlarge']],
    ['r7g', GRAVITON_SIZES],
  ] as const
).flatMap(([family, sizes]) => sizes.map((size) => `db.${family}.${size}`));
