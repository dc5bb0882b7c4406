import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { resourceOf } from '../arn.js';
import { text } from '../params.js';

export default defineAction({
  name: 'AddTagsToResource',
  input: z.object({ ResourceName: text(1024), Tags: rules.tags }),
  async handle(input, context) {
    context.control.tags.add(resourceOf(input.ResourceName, context.accountId), input.Tags);
    return undefined;
  },
});
