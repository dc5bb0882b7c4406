import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { paginate, text, unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'DescribeDBLogFiles',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    FilenameContains: text(255).optional(),
    /** Files written after this POSIX time (ms). */
    FileLastWritten: z.coerce.number().int().min(0).optional(),
    /** Files larger than this many bytes. */
    FileSize: z.coerce.number().int().min(0).optional(),
    Filters: unsupportedFilters(),
    MaxRecords: z.coerce.number().int().min(20).max(100).optional(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const files = (await context.control.logs.list(input.DBInstanceIdentifier)).filter(
      (f) =>
        (input.FilenameContains === undefined || f.name.includes(input.FilenameContains)) &&
        (input.FileLastWritten === undefined || f.lastWritten > input.FileLastWritten) &&
        (input.FileSize === undefined || f.size > input.FileSize),
    );
    const { page, next } = paginate(files, input.Marker, input.MaxRecords);
    return {
      Marker: next,
      DescribeDBLogFiles: {
        DescribeDBLogFilesDetails: page.map((f) => ({ LogFileName: f.name, LastWritten: f.lastWritten, Size: f.size })),
      },
    };
  },
});
