import { z } from 'zod';
import { classMemoryGiB } from '../model/instance-classes.js';
import { STORAGE_GIB } from '../model/storage.js';

/**
 * RDS's rules for the values of a DB instance, as zod schemas, with RDS's messages.
 * The API composes its request schemas from these.
 */

/**
 * RDS's rule for an identifier (instances, snapshots: 1 to `maxLength` characters, stored in lower
 * case), its message naming `parameter`.
 */
export const identifier = (parameter: string, maxLength: number) => {
  const pattern = new RegExp(`^[a-z](?:[a-z0-9]|-(?!-)){0,${maxLength - 1}}$`);
  return z
    .string()
    .transform((s) => s.toLowerCase())
    .refine((s) => pattern.test(s) && !s.endsWith('-'), {
      message: `The parameter ${parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    });
};

/** An instance identifier: at most 63 characters. */
export const instanceIdentifier = (parameter: string) => identifier(parameter, 63);

export const dbInstanceIdentifier = instanceIdentifier('DBInstanceIdentifier');

/** Words MySQL reserves that RDS refuses as a master user name (the ones people try). */
// RDS's reserved names, and the accounts the personality keeps for itself (sql/template/12-rds_reserved_accounts.sql
// refuses them too, at bootstrap: here the request fails at once instead of the instance).
const RESERVED_USERNAMES = new Set(['rdsadmin', 'rdsrepladmin', 'root', 'mysql', 'mariadb.sys', 'select', 'user', 'admin_', 'rdsbackup', 'rds_definer', 'public']);

export const masterUsername = z
  .string()
  .refine((s) => /^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(s), {
    message: 'The parameter MasterUsername is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and underscores; and must be 1 to 16 characters long.',
  })
  .refine((s) => !RESERVED_USERNAMES.has(s.toLowerCase()), {
    message: 'MasterUsername is a reserved word for this engine.',
  });

export const masterUserPassword = z.string().refine((s) => /^[\x21-\x7e]{8,41}$/.test(s) && !/[/"@]/.test(s), {
  message:
    'The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides \'/\', \'@\', \'"\', \' \' may be used, and it must be 8 to 41 characters long.',
});

export const dbName = z.string().refine((s) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(s) && s.toLowerCase() !== 'mysql', {
  message: 'The parameter DBName must begin with a letter and contain only alphanumeric characters (1 to 64).',
});

export const engine = z.string().refine((s) => s === 'mariadb' || s === 'mysql', {
  message: "Invalid DB engine: openrds serves 'mariadb' (and 'mysql', on MariaDB).",
});

export const dbInstanceClass = z.string().refine((s) => classMemoryGiB(s) !== undefined, {
  message: 'Invalid DB Instance class.',
});

export const port = z.coerce
  .number({ message: 'Invalid port.' })
  .int()
  .refine((n) => n >= 1150 && n <= 65535, { message: 'Invalid port. Valid ports for MySQL and MariaDB are 1150-65535.' });

export const allocatedStorage = z.coerce
  .number()
  .int()
  .refine((n) => n >= STORAGE_GIB.min && n <= STORAGE_GIB.max, {
    message: `Invalid storage size: must be ${STORAGE_GIB.min} to ${STORAGE_GIB.max} GiB.`,
  });

export const backupRetentionPeriod = z.coerce
  .number()
  .int()
  .refine((n) => n >= 0 && n <= 35, {
    error: (issue) => `Invalid backup retention period: ${String(issue.input)}. Retention period must be between 0 and 35.`,
    // RDS's whole message, sent as it is (api/params.ts AS_IS).
    params: { rdsMessage: true },
  });

/** RDS's tag text: letters, digits, white space and _ . : / = + - @; no aws: or rds: prefix. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const RESERVED_TAG_PREFIX = /^(aws|rds):/i;

export const tag = z.strictObject({
  Key: z
    .string()
    .min(1, { message: 'Tag keys must be 1 to 128 characters long.' })
    .max(128, { message: 'Tag keys must be 1 to 128 characters long.' })
    .refine((s) => TAG_TEXT.test(s), { message: 'Tag keys may contain only letters, digits, white space and _ . : / = + - @' })
    .refine((s) => !RESERVED_TAG_PREFIX.test(s), { message: 'Tag keys may not begin with aws: or rds:' }),
  Value: z
    .string()
    .max(256, { message: 'Tag values must be at most 256 characters long.' })
    .refine((s) => TAG_TEXT.test(s), { message: 'Tag values may contain only letters, digits, white space and _ . : / = + - @' })
    .default(''),
});

/** RDS allows 50 tags per resource. */
export const MAX_TAGS = 50;
export const tags = z
  .array(tag)
  .max(MAX_TAGS, { message: `Cannot add more than ${MAX_TAGS} tags to a resource.` })
  .refine((list) => new Set(list.map((t) => t.Key)).size === list.length, { message: 'Tag keys must be unique.' });

export const dbParameterGroupName = z
  .string()
  .transform((s) => s.toLowerCase())
  .refine((s) => /^[a-z](?:[a-z0-9.]|-(?!-)){0,254}$/.test(s) && !s.endsWith('-'), {
    message:
      'The parameter DBParameterGroupName is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, periods and hyphens; and must not end with a hyphen or contain two consecutive hyphens.',
  });
