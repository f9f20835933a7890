// `leaklab schema [file]`: the JSON Schema of scenario files, for editors.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { ExitCode, type ExitCodeValue } from '../../core/errors.ts';
import { scenarioSchema } from '../../scenario/schema.ts';
import type { CliIo } from '../io.ts';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'leaklab scenario', ...schema }, null, 2)}\n`;
}

export function schemaCommand(file: string | undefined, io: CliIo): ExitCodeValue {
  const text = scenarioJsonSchema();
  if (file) writeFileSync(resolve(io.cwd, file), text);
  else io.stdout(text);
  return ExitCode.ok;
}
