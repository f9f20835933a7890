// Where the package's own files are, whatever the working directory.
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
