import { fileURLToPath } from 'node:url';

/** SQL files shipped with the package (this module runs from dist/src/). */
export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));
