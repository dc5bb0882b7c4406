import { z } from 'zod';
import { defineAction } from '../action.js';
import { resourceOf } from '../arn.js';
import { text } from '../params.js';

export default defineAction({
  name: 'RemoveTagsFromResource',
  input: z.object({ ResourceName: text(1024), TagKeys: z.array(text(128)).max(50) }),
  async handle(input, context) {
    context.control.tags.remove(resourceOf(input.ResourceName, context.accountId), input.TagKeys);
    return undefined;
  },
});
