// A session for pages behind login: before the storm, the login form is fetched (Django sets
// its csrftoken cookie and puts the token in the form), posted with the credentials and that
// token, and the cookies the app answers with (the session) are then sent by every request of
// the storm. One login per variant: every connection shares the session, as one user's
// browser tabs would; a session per connection would measure the login view, not the pages.
import { type Dispatcher, request } from 'undici';
import { EnvironmentError } from '../core/errors.ts';
import type { RequestSpec } from './types.ts';

export interface LoginSpec {
  /** The login form's path, e.g. /accounts/login/ (GET for the token, then POST). */
  path: string;
  /** Form fields posted besides the CSRF token: username, password, ... */
  form: Record<string, string>;
  /** Statuses that mean "signed in"; Django's LoginView redirects (302). */
  status: number[];
}

export interface Session {
  /** name -> value, the latest value of each cookie set during the login. */
  cookies: Map<string, string>;
}

export interface LoginTarget {
  host: string;
  port: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Django's names; a project that renames them (CSRF_COOKIE_NAME) sends no token and gets 403, named in the error. */
const CSRF_COOKIE = 'csrftoken';
const CSRF_FIELD = 'csrfmiddlewaretoken';

export async function logIn(spec: LoginSpec, target: LoginTarget): Promise<Session> {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const url = `http://${host}:${target.port}${spec.path}`;
  const cookies = new Map<string, string>();
  const timeouts = { headersTimeout: target.timeoutMs ?? 30_000, bodyTimeout: target.timeoutMs ?? 30_000 };
  const signal = target.signal ? { signal: target.signal } : {};
  const fail = (what: string, hint: string) => new EnvironmentError(`login: ${what}`, { hint });

  let form: Dispatcher.ResponseData;
  try {
    form = await request(url, { method: 'GET', ...timeouts, ...signal });
  } catch (err) {
    throw fail(`GET ${spec.path} failed: ${(err as Error).message}`, 'load.login.path must be the login page of the app');
  }
  await form.body.dump();
  if (form.statusCode !== 200) {
    throw fail(`GET ${spec.path} answered ${form.statusCode}, not 200`, 'load.login.path must be the login form itself');
  }
  keepCookies(form.headers['set-cookie'], cookies);
  const token = cookies.get(CSRF_COOKIE);
  const body = new URLSearchParams({ ...spec.form, ...(token ? { [CSRF_FIELD]: token } : {}) }).toString();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let posted: Dispatcher.ResponseData;
  try {
    posted = await request(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookies.size ? { cookie: cookieHeader() } : {}),
        // Django checks the Referer only over HTTPS; sent anyway, as a browser would.
        referer: url,
      },
      ...timeouts,
      ...signal,
    });
  } catch (err) {
    throw fail(`POST ${spec.path} failed: ${(err as Error).message}`, 'see the app log');
  }
  await posted.body.dump();
  const before = new Map(cookies);
  keepCookies(posted.headers['set-cookie'], cookies);
  if (!spec.status.includes(posted.statusCode)) {
    const why =
      posted.statusCode === 403
        ? `403: the CSRF check failed${token ? '' : ` (the form set no ${CSRF_COOKIE} cookie)`}`
        : posted.statusCode === 200
          ? '200: the form came back, so the credentials were refused'
          : `${posted.statusCode}`;
    throw fail(
      `POST ${spec.path} answered ${why}, not ${spec.status.join(' or ')}`,
      'check load.login.form (the field names of the form and a user that exists: create it in app.setup)',
    );
  }
  const changed = [...cookies].some(([k, v]) => before.get(k) !== v);
  if (!changed) {
    throw fail(
      `POST ${spec.path} answered ${posted.statusCode} but set no cookie`,
      'a session login answers with a session cookie',
    );
  }
  return { cookies };
}

/**
 * The mix with the session's cookies on every entry (after the entry's own Cookie header),
 * and for unsafe methods the CSRF token in X-CSRFToken, which Django accepts instead of the
 * form field, unless the entry sets it.
 */
export function withSession(mix: readonly RequestSpec[], session: Session): RequestSpec[] {
  const jar = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const token = session.cookies.get(CSRF_COOKIE);
  return mix.map((entry) => {
    const headers = { ...entry.headers };
    const own = Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
    const cookie = own ? `${headers[own]}; ${jar}` : jar;
    if (own) delete headers[own];
    const hasToken = Object.keys(headers).some((k) => k.toLowerCase() === 'x-csrftoken');
    const unsafe = !['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(entry.method.toUpperCase());
    return {
      ...entry,
      headers: { ...headers, Cookie: cookie, ...(unsafe && token && !hasToken ? { 'X-CSRFToken': token } : {}) },
    };
  });
}

/** Set-Cookie lines into the jar: name=value before the first ";"; a deleted cookie (empty value) leaves it. */
export function keepCookies(lines: string | string[] | undefined, jar: Map<string, string>): void {
  for (const line of lines === undefined ? [] : Array.isArray(lines) ? lines : [lines]) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === '' || value === '""') jar.delete(name);
    else jar.set(name, value);
  }
}
