import { z } from 'zod';
import { defineAction } from '../action.js';
import { parameterXml } from '../parameter-xml.js';
import { maxRecords, paginate, text, unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'DescribeEngineDefaultParameters',
  input: z.object({
    DBParameterGroupFamily: text(255),
    Filters: unsupportedFilters(),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const parameters = context.control.parameterGroups.engineDefaults(input.DBParameterGroupFamily);
    const { page, next } = paginate(parameters, input.Marker, input.MaxRecords);
    // RDS puts the Marker inside EngineDefaults.
    return { EngineDefaults: { DBParameterGroupFamily: input.DBParameterGroupFamily, Marker: next, Parameters: { Parameter: page.map(parameterXml) } } };
  },
});
