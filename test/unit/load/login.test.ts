// load.login: the cookies a login sets are kept as a browser would keep them, and every mix
// entry then sends them (and the CSRF token on unsafe methods). The login against a real
// Django form is in test/e2e/own-app.test.ts; here an in-process server answers as Django
// does, to check what is sent and each failure's message.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { EnvironmentError } from '../../../src/core/errors.ts';
import { keepCookies, logIn, withSession } from '../../../src/load/login.ts';

test('Set-Cookie lines: name=value before the first ";", the latest wins, an emptied cookie is dropped', () => {
  const jar = new Map<string, string>();
  keepCookies(['csrftoken=abc; expires=Thu, 01 Jan 2099 00:00:00 GMT; Path=/', 'sessionid=s1; HttpOnly'], jar);
  keepCookies('csrftoken=rotated; Path=/', jar);
  keepCookies(['messages=""; Max-Age=0', 'broken', '=novalue'], jar);
  assert.deepEqual(Object.fromEntries(jar), { csrftoken: 'rotated', sessionid: 's1' });
  keepCookies(['sessionid=; Max-Age=0'], jar);
  assert.deepEqual(Object.fromEntries(jar), { csrftoken: 'rotated' });
});

test('every entry sends the session; unsafe methods also the CSRF token, unless they set their own', () => {
  const session = {
    cookies: new Map([
      ['csrftoken', 't0k'],
      ['sessionid', 's1'],
    ]),
  };
  const mix = withSession(
    [
      { method: 'GET', path: '/account/' },
      { method: 'POST', path: '/notes/', headers: { cookie: 'theme=dark' }, body: '{}' },
      { method: 'DELETE', path: '/notes/1/', headers: { 'X-CSRFToken': 'mine' } },
    ],
    session,
  );
  assert.deepEqual(mix[0]?.headers, { Cookie: 'csrftoken=t0k; sessionid=s1' });
  assert.deepEqual(mix[1]?.headers, { Cookie: 'theme=dark; csrftoken=t0k; sessionid=s1', 'X-CSRFToken': 't0k' });
  assert.deepEqual(mix[2]?.headers, { 'X-CSRFToken': 'mine', Cookie: 'csrftoken=t0k; sessionid=s1' });
  assert.equal(mix[1]?.body, '{}', 'the rest of the entry is kept');
});

/** Answers as a Django login form does: GET sets csrftoken; POST checks the token and the password. */
async function djangoLikeLogin(opts: { setsToken?: boolean } = {}) {
  const posts: { body: string; cookie?: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.method === 'GET') {
        if (opts.setsToken !== false) res.setHeader('Set-Cookie', 'csrftoken=first; Path=/');
        res.end('<form>');
        return;
      }
      posts.push({ body, ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}) });
      const form = new URLSearchParams(body);
      if (!req.headers.cookie?.includes(`csrftoken=${form.get('csrfmiddlewaretoken')}`)) {
        res.statusCode = 403;
        res.end();
        return;
      }
      if (form.get('password') !== 'right') {
        res.end('<form> wrong');
        return;
      }
      res.statusCode = 302;
      res.setHeader('Location', '/account/');
      res.setHeader('Set-Cookie', ['csrftoken=rotated; Path=/', 'sessionid=s1; HttpOnly']);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { port, posts, close: () => new Promise((r) => server.close(r)) };
}

test('a login posts the form with the token from the cookie and keeps the session and the rotated token', async () => {
  const app = await djangoLikeLogin();
  try {
    const session = await logIn(
      { path: '/login/', form: { username: 'reader', password: 'right' }, status: [302] },
      { host: '127.0.0.1', port: app.port },
    );
    assert.deepEqual(Object.fromEntries(session.cookies), { csrftoken: 'rotated', sessionid: 's1' });
    assert.equal(app.posts[0]?.body, 'username=reader&password=right&csrfmiddlewaretoken=first');
    assert.equal(app.posts[0]?.cookie, 'csrftoken=first');
  } finally {
    await app.close();
  }
});

test('wrong credentials and a missing CSRF cookie fail the login with what went wrong', async () => {
  const app = await djangoLikeLogin();
  const noToken = await djangoLikeLogin({ setsToken: false });
  try {
    const spec = { path: '/login/', form: { username: 'reader', password: 'wrong' }, status: [302] };
    await assert.rejects(logIn(spec, { host: '127.0.0.1', port: app.port }), (err: Error) => {
      assert.ok(err instanceof EnvironmentError);
      assert.match(
        err.message,
        /login: POST \/login\/ answered 200: the form came back, so the credentials were refused, not 302/,
      );
      return true;
    });
    await assert.rejects(
      logIn({ ...spec, form: { password: 'right' } }, { host: '127.0.0.1', port: noToken.port }),
      /403: the CSRF check failed \(the form set no csrftoken cookie\)/,
    );
  } finally {
    await app.close();
    await noToken.close();
  }
});
