import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { parameterGroupXml } from '../parameter-group-xml.js';
import { text } from '../params.js';

export default defineAction({
  name: 'CreateDBParameterGroup',
  input: z.object({
    DBParameterGroupName: rules.dbParameterGroupName,
    DBParameterGroupFamily: text(64),
    Description: text(1024),
    Tags: z.array(rules.tag).max(50).optional(),
  }),
  async handle(input, context) {
    const group = context.control.parameterGroups.create(input.DBParameterGroupName, input.DBParameterGroupFamily, input.Description);
    return { DBParameterGroup: parameterGroupXml(group, context) };
  },
});
