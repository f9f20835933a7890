// Where an existing Django project is and which settings it uses, read from its manage.py the way
// Django does: manage.py sets DJANGO_SETTINGS_MODULE with os.environ.setdefault before anything.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';

/** The settings module manage.py names, or null when it does not name one in the usual way. */
export function settingsModuleFrom(managePy: string): string | null {
  const m = /os\.environ\.setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']\s*,?\s*\)/.exec(managePy);
  return m?.[1] ?? null;
}

/** WSGI_APPLICATION ("mysite.wsgi.application") as Gunicorn's module:callable. */
export function wsgiFromSetting(setting: string): string | null {
  const m = /^([\w.]+)\.(\w+)$/.exec(setting);
  return m ? `${m[1]}:${m[2]}` : null;
}

// Folders that hold environments or tooling, never the project: skipped when looking one level down.
const NOT_PROJECT = new Set(['node_modules', '.git', '.venv', 'venv', 'env', '__pycache__', '.tox', '.mypy_cache']);

/** The folder holding manage.py: `dir` itself, else the one subfolder that has it. */
export function findManagePy(dir: string): string {
  if (existsSync(join(dir, 'manage.py'))) return dir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`no such folder: ${dir}`);
  const found = readdirSync(dir)
    .filter((name) => !NOT_PROJECT.has(name) && !name.startsWith('.'))
    .map((name) => join(dir, name))
    .filter((sub) => statSync(sub).isDirectory() && existsSync(join(sub, 'manage.py')))
    .sort();
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) {
    throw new InputError(`${dir} has several Django projects: ${found.join(', ')}`, {
      hint: 'run leaklab init in the one to test',
    });
  }
  throw new InputError(`no manage.py in ${dir} or the folders just below it`, {
    hint: 'run leaklab init in a Django project (the folder django-admin startproject made)',
  });
}

export interface DjangoProject {
  /** The folder holding manage.py. */
  appDir: string;
  settingsModule: string;
}

export function readDjangoProject(dir: string): DjangoProject {
  const appDir = findManagePy(dir);
  const settingsModule = settingsModuleFrom(readFileSync(join(appDir, 'manage.py'), 'utf8'));
  if (settingsModule === null) {
    throw new InputError(`${join(appDir, 'manage.py')} does not set DJANGO_SETTINGS_MODULE`, {
      hint: "leaklab reads it from manage.py's os.environ.setdefault('DJANGO_SETTINGS_MODULE', '...') line",
    });
  }
  return { appDir, settingsModule };
}
