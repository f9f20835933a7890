import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NEED_MORE, PARSE_ERROR, ResponseParser } from '../../../src/load/response-parser.ts';

interface Parsed {
  status: number;
  keepAlive: boolean;
  /** Offset in the whole input just past the response. */
  endsAt: number;
}

/** Feeds `text` in the given chunk sizes, parsing back-to-back responses like the engine does. */
function parseAll(
  text: string,
  chunk = Infinity,
  isHead = false,
): { responses: Parsed[]; error: boolean; pending: ResponseParser } {
  const bytes = Buffer.from(text, 'latin1');
  const p = new ResponseParser();
  p.reset(isHead);
  const responses: Parsed[] = [];
  for (let off = 0; off < bytes.length; off += chunk) {
    // A copy in a larger stale buffer: the parser must not read past `end`.
    const part = bytes.subarray(off, Math.min(bytes.length, off + chunk));
    const buf = Buffer.alloc(part.length + 64, 'X');
    part.copy(buf, 3);
    let start = 3;
    const end = 3 + part.length;
    while (start < end) {
      const r = p.execute(buf, start, end);
      if (r === PARSE_ERROR) return { responses, error: true, pending: p };
      if (r === NEED_MORE) break;
      responses.push({ status: p.statusCode, keepAlive: p.keepAlive, endsAt: off + r - 3 });
      p.reset(isHead);
      start = r;
    }
  }
  return { responses, error: false, pending: p };
}

const CL = 'HTTP/1.1 200 OK\r\nServer: gunicorn\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
const CHUNKED =
  'HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\nContent-Type: text/html\r\n\r\n' +
  '5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: yes\r\n\r\n';
const CLOSE = 'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbad';

test('content-length response, whole and split at every possible point', () => {
  for (const chunk of [Infinity, 1, 2, 3, 7, 13]) {
    const { responses, error } = parseAll(CL, chunk);
    assert.equal(error, false);
    assert.deepEqual(responses, [{ status: 200, keepAlive: true, endsAt: CL.length }], `chunk ${chunk}`);
  }
});

test('chunked response with extensions and trailers, split at every byte', () => {
  for (const chunk of [Infinity, 1, 4, 9]) {
    const { responses, error } = parseAll(CHUNKED, chunk);
    assert.equal(error, false);
    assert.deepEqual(responses, [{ status: 404, keepAlive: true, endsAt: CHUNKED.length }], `chunk ${chunk}`);
  }
});

test('a response is not complete until its last body byte', () => {
  const { responses } = parseAll(CL.slice(0, -1));
  assert.equal(responses.length, 0);
  const { responses: r2 } = parseAll(CHUNKED.slice(0, -2));
  assert.equal(r2.length, 0);
});

test('Connection: close and HTTP/1.0 make the connection not reusable', () => {
  assert.deepEqual(parseAll(CLOSE).responses, [{ status: 500, keepAlive: false, endsAt: CLOSE.length }]);
  const v10 = 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n';
  assert.equal(parseAll(v10).responses[0]?.keepAlive, false);
  const v10ka = 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n';
  assert.equal(parseAll(v10ka).responses[0]?.keepAlive, true);
  const upper = 'HTTP/1.1 200 OK\r\nCONNECTION: Close\r\nCONTENT-LENGTH: 2\r\n\r\nok';
  assert.deepEqual(parseAll(upper, 1).responses, [{ status: 200, keepAlive: false, endsAt: upper.length }]);
});

test('pipelined responses in one read are parsed one after another', () => {
  const text = CL + CHUNKED + CLOSE;
  for (const chunk of [Infinity, 5, 1]) {
    const { responses, error } = parseAll(text, chunk);
    assert.equal(error, false);
    assert.deepEqual(
      responses.map((r) => [r.status, r.endsAt]),
      [
        [200, CL.length],
        [404, CL.length + CHUNKED.length],
        [500, text.length],
      ],
    );
  }
});

test('garbage after a complete response is reported as a parse error', () => {
  const { responses, error } = parseAll(`${CL}garbage\r\n\r\n`);
  assert.equal(responses.length, 1);
  assert.equal(error, true);
});

test('malformed status lines and framing are errors', () => {
  assert.equal(parseAll('HTTX/1.1 200 OK\r\n\r\n').error, true);
  assert.equal(parseAll('HTTP/1.1 2x0 OK\r\n\r\n').error, true);
  assert.equal(parseAll('HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n').error, true);
  assert.equal(parseAll('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n').error, true);
  assert.equal(parseAll('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX').error, true);
});

test('look-alike header names do not set the framing', () => {
  const text = 'HTTP/1.1 200 OK\r\nContent-Lengthy: 99\r\nConnection-X: close\r\nContent-Length: 2\r\n\r\nok';
  for (const chunk of [Infinity, 1]) {
    assert.deepEqual(parseAll(text, chunk).responses, [{ status: 200, keepAlive: true, endsAt: text.length }]);
  }
});

test('no length and not chunked: the body runs until the server closes', () => {
  const { responses, pending } = parseAll('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nsome body');
  assert.equal(responses.length, 0);
  assert.equal(pending.eof(), true);
  assert.equal(pending.keepAlive, false);
  const cut = parseAll('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc').pending;
  assert.equal(cut.eof(), false, 'a response cut short by close is not complete');
});

test('HEAD, 204 and 304 responses have no body whatever their headers say', () => {
  const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n';
  assert.deepEqual(parseAll(head, Infinity, true).responses, [{ status: 200, keepAlive: true, endsAt: head.length }]);
  const nc = 'HTTP/1.1 204 No Content\r\n\r\n';
  assert.equal(parseAll(nc).responses[0]?.status, 204);
  const nm = 'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n';
  assert.deepEqual(parseAll(nm).responses, [{ status: 304, keepAlive: true, endsAt: nm.length }]);
});

test('a 100 Continue before the real response is skipped', () => {
  const text = `HTTP/1.1 100 Continue\r\n\r\n${CL}`;
  assert.deepEqual(parseAll(text, 3).responses, [{ status: 200, keepAlive: true, endsAt: text.length }]);
});

test('bare LF line endings are accepted', () => {
  const text = 'HTTP/1.1 201 Created\nContent-Length: 2\n\nok';
  assert.deepEqual(parseAll(text).responses, [{ status: 201, keepAlive: true, endsAt: text.length }]);
});

test('bytesSeen tells a silent close from a cut-off response', () => {
  const p = new ResponseParser();
  p.reset(false);
  assert.equal(p.bytesSeen, 0);
  p.execute(Buffer.from('HTTP/1.1'), 0, 8);
  assert.equal(p.bytesSeen, 8);
  p.reset(false);
  assert.equal(p.bytesSeen, 0);
});
