import { z } from 'zod';

/**
 * RDS's rule for a DB snapshot identifier (1 to 255 characters, case-insensitive, stored in lower
 * case), with its message naming the parameter it came in (DBSnapshotIdentifier,
 * FinalDBSnapshotIdentifier, TargetDBSnapshotIdentifier, ...).
 */
export const snapshotIdentifier = (parameter: string) =>
  z
    .string()
    .transform((s) => s.toLowerCase())
    .refine((s) => /^[a-z](?:[a-z0-9]|-(?!-)){0,254}$/.test(s) && !s.endsWith('-'), {
      message: `The parameter ${parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    });

/** An existing snapshot's identifier: a manual one's, or an automated one's (`rds:<instance>-<yyyy-mm-dd-hh-mm>`). */
export const existingSnapshotIdentifier = (parameter: string) => {
  const manual = snapshotIdentifier(parameter);
  return z.string().transform((s, ctx) => {
    const automated = /^rds:/i.test(s);
    const parsed = manual.safeParse(automated ? s.slice(4) : s);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message });
      return z.NEVER;
    }
    return automated ? `rds:${parsed.data}` : parsed.data;
  });
};

/** A snapshot named by its identifier or by its ARN (arn:aws:rds:<region>:<account>:snapshot:<id>); automated ones too. */
export const snapshotIdentifierOrArn = (parameter: string) =>
  z
    .string()
    .transform((s) => s.replace(/^arn:aws:rds:[a-z0-9-]+:\d{12}:snapshot:/, ''))
    .pipe(existingSnapshotIdentifier(parameter));
