import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { parameterGroupXml } from '../parameter-group-xml.js';
import { maxRecords, paginate, text, unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'DescribeDBParameterGroups',
  input: z.object({
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    Filters: unsupportedFilters(),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const groups = input.DBParameterGroupName
      ? [context.control.parameterGroups.get(input.DBParameterGroupName)]
      : context.control.parameterGroups.list();
    const { page, next } = paginate(groups, input.Marker, input.MaxRecords);
    return { Marker: next, DBParameterGroups: { DBParameterGroup: page.map((g) => parameterGroupXml(g, context)) } };
  },
});
