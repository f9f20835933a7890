// Text for a page read on another machine (a PR comment): absolute paths of the machine that
// ran leaklab mean nothing there and leak its user name. Pure.

/** Paths under these roots are the machine's files; a URL path such as /leaks/global-list/ is not touched. */
const LOCAL_ROOT = /(?:home|Users|root|tmp|var|opt|usr|srv|mnt|work|private|nix|builds|github|runner)/;
const ABSOLUTE = new RegExp(String.raw`(?<![\w.~:/-])/${LOCAL_ROOT.source}(?:/[^\s"'()\[\]<>,:;|]+)+`, 'g');

/**
 * Rewrites the machine's absolute paths: one inside the run directory becomes relative to it
 * (`logs/fixed-gunicorn.log`), an installed package's starts at `site-packages/`, and any other
 * keeps its last two parts (`…/config/wsgi.py`), enough to find the file in the project.
 */
export function portablePaths(text: string, runId: string): string {
  return text.replace(ABSOLUTE, (path) => {
    const inRun = runId ? path.indexOf(`/${runId}/`) : -1;
    if (inRun >= 0) return path.slice(inRun + runId.length + 2);
    const site = path.lastIndexOf('/site-packages/');
    if (site >= 0) return path.slice(site + 1);
    const parts = path.split('/').filter(Boolean);
    return parts.length <= 2 ? path : `…/${parts.slice(-2).join('/')}`;
  });
}

/** A failed variant's error: its first line as the headline, its last lines (a traceback's end) as detail. */
export function errorParts(error: string, maxLines = 10): { headline: string; tail: string[] } {
  const [headline = '', ...rest] = error.trimEnd().split('\n');
  const tail = rest.filter((l) => l.trim() !== '').slice(-maxLines);
  return { headline, tail };
}
