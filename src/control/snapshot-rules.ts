import { z } from 'zod';
import { identifier } from './rules.js';

/**
 * RDS's rule for a DB snapshot identifier (1 to 255 characters), with its message naming the
 * parameter it came in (DBSnapshotIdentifier, FinalDBSnapshotIdentifier, TargetDBSnapshotIdentifier, ...).
 */
export const snapshotIdentifier = (parameter: string) => identifier(parameter, 255);

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
