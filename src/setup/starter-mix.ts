// Which of a project's routes `leaklab init` storms, and which it writes commented out with the
// reason: a route needs no parameter and must answer (2xx/3xx) to be in the mix; parametrised
// routes get example values for the user to check; the admin site and static files stay out.
import { type DjangoRoute, routeKind, routePath } from './route-paths.ts';

export type MixGroup = 'app' | 'parametrised' | 'failing' | 'admin' | 'static';

export interface MixLine {
  path: string;
  /** In the mix, or written commented out. */
  active: boolean;
  group: MixGroup;
  /** Shown after the entry: the route as written, its name, or why it is left out. */
  note?: string;
}

export interface StarterMix {
  lines: MixLine[];
  /** A path that answered 200, for app.readyPath; null when none did (or nothing was probed). */
  readyPath: string | null;
}

export interface MixFacts {
  routes: DjangoRoute[];
  staticUrl: string | null;
  mediaUrl: string | null;
  /** Status per probed path; a path missing here was not probed. */
  probes: Record<string, number | string>;
}

/** The paths init asks Django about: `/`, every parameterless app route, and the admin login page. */
export function pathsToProbe(facts: Omit<MixFacts, 'probes'>): string[] {
  const paths = new Set<string>(['/']);
  let admin = false;
  for (const route of facts.routes) {
    const rp = routePath(route);
    const kind = routeKind(route, rp.path, facts);
    if (kind === 'admin') admin = true;
    if (kind === 'app' && !rp.parametrised) paths.add(rp.path);
  }
  if (admin) paths.add('/admin/login/');
  return [...paths];
}

function answers(status: number | string | undefined): boolean {
  return status === undefined || (typeof status === 'number' && status >= 200 && status < 400);
}

function routeNote(route: DjangoRoute): string {
  const written = route.pieces.map((p) => p.text).join('');
  const name = route.name ? ` (${route.namespace ? `${route.namespace}:` : ''}${route.name})` : '';
  return `${written}${name}`;
}

export function planMix(facts: MixFacts): StarterMix {
  const lines: MixLine[] = [];
  const seen = new Set<string>();
  for (const route of facts.routes) {
    const rp = routePath(route);
    if (seen.has(rp.path)) continue;
    seen.add(rp.path);
    const kind = routeKind(route, rp.path, facts);
    if (kind !== 'app') {
      lines.push({ path: rp.path, active: false, group: kind });
    } else if (rp.unreadable) {
      lines.push({ path: rp.path, active: false, group: 'parametrised', note: `${rp.unreadable}: write a path it matches` });
    } else if (rp.parametrised) {
      lines.push({ path: rp.path, active: false, group: 'parametrised', note: routeNote(route) });
    } else if (answers(facts.probes[rp.path])) {
      lines.push({ path: rp.path, active: true, group: 'app' });
    } else {
      const status = facts.probes[rp.path];
      const note = typeof status === 'number' ? `answered ${status} when init tried it` : `failed when init tried it (${status})`;
      lines.push({ path: rp.path, active: false, group: 'failing', note });
    }
  }
  collapseAdmin(lines);
  const ok = (path: string) => facts.probes[path] === 200;
  const candidates = ['/', ...lines.filter((l) => l.active).map((l) => l.path), '/admin/login/'];
  const readyPath = candidates.find(ok) ?? null;
  // The mix may not be empty: with no app route answering, storm the page that answered.
  if (!lines.some((l) => l.active) && readyPath !== null) {
    lines.unshift({ path: readyPath, active: true, group: 'app', note: 'no app route answered: replace it with your own' });
  }
  return { lines, readyPath };
}

/** The admin site has dozens of routes: one commented line stands for all of them. */
function collapseAdmin(lines: MixLine[]): void {
  const admin = lines.filter((l) => l.group === 'admin');
  if (admin.length < 2) return;
  const first = admin.find((l) => l.path === '/admin/') ?? admin[0];
  for (const l of admin) if (l !== first) lines.splice(lines.indexOf(l), 1);
  if (first) first.note = `and ${admin.length - 1} more admin routes`;
}

/** What the probes say about the whole project, beyond single routes: a 400 from every path is ALLOWED_HOSTS. */
export function probeWarnings(probes: Record<string, number | string>): string[] {
  const statuses = Object.values(probes);
  if (statuses.length && statuses.every((s) => s === 400)) {
    return ['every route answered 400: ALLOWED_HOSTS must accept 127.0.0.1, the host leaklab sends (or set DEBUG for the run)'];
  }
  return [];
}
