// Which frames are the app's own code: the line a user can change. Installed packages can sit
// under the app folder too (a .venv inside it), so those are never the app's.
const INSTALLED = /[\\/](site-packages|dist-packages|\.venv|venv|\.tox)[\\/]/;

export function isAppFile(file: string, appDir: string): boolean {
  const dir = appDir.endsWith('/') ? appDir : `${appDir}/`;
  return file.startsWith(dir) && !INSTALLED.test(file.slice(dir.length - 1));
}
