import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { parameterXml } from '../parameter-xml.js';
import { maxRecords, paginate, text, unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'DescribeDBParameters',
  input: z.object({
    DBParameterGroupName: rules.dbParameterGroupName,
    Source: z.enum(['user', 'system', 'engine-default'], { message: 'Source must be user, system or engine-default' }).optional(),
    Filters: unsupportedFilters(),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const parameters = context.control.parameterGroups
      .parameters(input.DBParameterGroupName)
      .filter((p) => !input.Source || p.source === input.Source);
    const { page, next } = paginate(parameters, input.Marker, input.MaxRecords);
    return { Marker: next, Parameters: { Parameter: page.map(parameterXml) } };
  },
});
