import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { rdsLogFiles } from '../log-names.js';
import { maxRecords, paginate, text, unsupportedFilters } from '../params.js';

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
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const files = rdsLogFiles(await context.control.logs.list(input.DBInstanceIdentifier)).filter(
      ({ name, file }) =>
        (input.FilenameContains === undefined || name.includes(input.FilenameContains)) &&
        (input.FileLastWritten === undefined || file.lastWritten > input.FileLastWritten) &&
        (input.FileSize === undefined || file.size > input.FileSize),
    );
    const { page, next } = paginate(files, input.Marker, input.MaxRecords);
    return {
      Marker: next,
      DescribeDBLogFiles: {
        DescribeDBLogFilesDetails: page.map(({ name, file }) => ({ LogFileName: name, LastWritten: file.lastWritten, Size: file.size })),
      },
    };
  },
});
