import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { rdsLogFile } from '../log-names.js';
import { logPortion } from '../log-portion.js';
import { text } from '../params.js';

export default defineAction({
  name: 'DownloadDBLogFilePortion',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    LogFileName: text(255),
    Marker: text(64).optional(),
    NumberOfLines: z.coerce.number().int().min(1).max(10_000).optional(),
  }),
  async handle(input, context) {
    const id = input.DBInstanceIdentifier;
    const log = rdsLogFile(await context.control.logs.list(id), input.LogFileName);
    const read = (start: number, end: number) => context.control.logs.read(id, log.kind, start, end);
    const portion = await logPortion(read, log.size, input.Marker, input.NumberOfLines);
    return { LogFileData: portion.data, Marker: portion.marker, AdditionalDataPending: portion.additionalDataPending };
  },
});
