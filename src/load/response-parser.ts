// Incremental HTTP/1.1 response parser that reads only what the load loop needs: the status
// code, where the response ends (Content-Length, chunked, or close) and whether the connection
// may be reused. It walks bytes in place, so a response split across reads costs nothing extra
// and nothing is allocated per response.

export const NEED_MORE = -1;
export const PARSE_ERROR = -2;

const STATUS = 0;
const LINE_START = 1;
const NAME = 2;
const VALUE = 3;
const HEADERS_LF = 4;
const BODY = 5;
const CHUNK_SIZE = 6;
const CHUNK_EXT = 7;
const CHUNK_DATA = 8;
const CHUNK_CR = 9;
const CHUNK_LF = 10;
const TRAILER_START = 11;
const TRAILER_LINE = 12;
const TRAILER_LF = 13;
const BODY_UNTIL_EOF = 14;
const DONE = 15;
const ERROR = 16;
const SKIP_LINE = 17; // a line whose content does not matter: then LINE_START

const CR = 13;
const LF = 10;
const HTTP1 = [72, 84, 84, 80, 47, 49, 46]; // "HTTP/1."
// Header names we care about (lower case), one bit each.
const NAMES = ['content-length', 'transfer-encoding', 'connection'].map((s) => Array.from(s, (c) => c.charCodeAt(0)));
const CONTENT_LENGTH = 1;
const TRANSFER_ENCODING = 2;
const CONNECTION = 4;
const CHUNKED = Array.from('chunked', (c) => c.charCodeAt(0));
const CLOSE = Array.from('close', (c) => c.charCodeAt(0));
const KEEP_ALIVE = Array.from('keep-alive', (c) => c.charCodeAt(0));
const MAX_CHUNK = 2 ** 40;

const LONGEST_NAME = 'transfer-encoding:'.length;

/**
 * Which header of interest starts at `at` (its bit), or 0; the caller guarantees LONGEST_NAME
 * bytes are there. Case-insensitive for letters only: `| 32` would also turn a CR into '-'.
 */
function matchName(buf: Uint8Array, at: number): number {
  for (let k = 0; k < 3; k++) {
    const name = NAMES[k] as number[];
    const len = name.length;
    if (buf[at + len] !== 58) continue;
    let j = 0;
    for (; j < len; j++) {
      const c = buf[at + j] as number;
      const n = name[j] as number;
      if (c !== n && (n < 97 || (c | 32) !== n)) break;
    }
    if (j === len) return 1 << k;
  }
  return 0;
}

/** Advances an incremental match of `word` (which has no self-overlapping prefix). */
function step(word: number[], at: number, lowerByte: number): number {
  if (at < word.length && word[at] === lowerByte) return at + 1;
  if (at >= word.length) return at;
  return word[0] === lowerByte ? 1 : 0;
}

export class ResponseParser {
  statusCode = 0;
  /** Whether the server lets this connection carry another request (valid once complete). */
  keepAlive = true;
  /** Bytes of the current response seen so far: zero means the server sent nothing at all. */
  bytesSeen = 0;
  private state = STATUS;
  private pos = 0; // position in the status line
  private minor = 1;
  private isHead = false;
  private nameAt = 0;
  private candidates = 0;
  private header = 0;
  private contentLength = -1;
  private chunked = false;
  private chunkedAt = 0;
  private closeAt = 0;
  private keepAliveAt = 0;
  private sawClose = false;
  private sawKeepAlive = false;
  private remaining = 0;

  /** Prepares for the response to a new request; HEAD responses carry no body. */
  reset(isHead: boolean): void {
    this.isHead = isHead;
    this.bytesSeen = 0;
    this.startResponse();
  }

  private startResponse(): void {
    this.state = STATUS;
    this.statusCode = 0;
    this.keepAlive = true;
    this.pos = 0;
    this.minor = 1;
    this.contentLength = -1;
    this.chunked = false;
    this.sawClose = false;
    this.sawKeepAlive = false;
    this.remaining = 0;
  }

  get complete(): boolean {
    return this.state === DONE;
  }

  /**
   * Feeds bytes [start, end) of `buf`. Returns the offset just past the response once it is
   * complete (bytes after it belong to no request of ours), NEED_MORE, or PARSE_ERROR.
   */
  execute(buf: Uint8Array, start: number, end: number): number {
    this.bytesSeen += end - start;
    let i = start;
    while (i < end) {
      const state = this.state;
      if (state === BODY || state === CHUNK_DATA) {
        const n = Math.min(this.remaining, end - i);
        this.remaining -= n;
        i += n;
        if (this.remaining === 0) {
          if (state === BODY) return this.finish(i);
          this.state = CHUNK_CR;
        }
        continue;
      }
      if (state === SKIP_LINE || state === TRAILER_LINE) {
        // Most header lines are of no interest: a tight scan to the LF, no per-byte dispatch.
        while (i < end && buf[i] !== LF) i++;
        if (i === end) break;
        i++;
        this.state = state === SKIP_LINE ? LINE_START : TRAILER_START;
        continue;
      }
      if (state === BODY_UNTIL_EOF) return NEED_MORE;
      if (state === DONE) return i;
      if (state === ERROR) return PARSE_ERROR;
      const b = buf[i++] as number;
      switch (state) {
        case STATUS:
          if (!this.statusByte(b)) return this.fail();
          break;
        case LINE_START:
          if (b === CR) this.state = HEADERS_LF;
          else if (b === LF) {
            const r = this.headersDone(i);
            if (r !== NEED_MORE) return r;
          } else if ((b | 32) !== 99 && (b | 32) !== 116) {
            this.state = SKIP_LINE; // only names starting with c or t matter
          } else if (end - i >= LONGEST_NAME) {
            // The whole name is in this read (nearly always): compare it in one go.
            const h = matchName(buf, i - 1);
            this.startValue(h);
            if (h !== 0) i += (NAMES[h >> 1] as number[]).length;
          } else {
            this.nameAt = 0;
            this.candidates = CONTENT_LENGTH | TRANSFER_ENCODING | CONNECTION;
            this.state = NAME;
            if (!this.nameByte(b)) return this.fail();
          }
          break;
        case NAME:
          if (!this.nameByte(b)) return this.fail();
          break;
        case VALUE:
          if (b === LF) this.state = LINE_START;
          else if (b !== CR && !this.valueByte(b)) return this.fail();
          break;
        case HEADERS_LF: {
          if (b !== LF) return this.fail();
          const r = this.headersDone(i);
          if (r !== NEED_MORE) return r;
          break;
        }
        case CHUNK_SIZE:
          if (!this.chunkSizeByte(b)) return this.fail();
          break;
        case CHUNK_EXT:
          if (b === LF) this.chunkSizeDone();
          break;
        case CHUNK_CR:
          if (b === CR) this.state = CHUNK_LF;
          else if (b === LF) this.state = CHUNK_SIZE;
          else return this.fail();
          break;
        case CHUNK_LF:
          if (b !== LF) return this.fail();
          this.state = CHUNK_SIZE;
          break;
        case TRAILER_START:
          if (b === CR) this.state = TRAILER_LF;
          else if (b === LF) return this.finish(i);
          else this.state = TRAILER_LINE;
          break;
        case TRAILER_LF:
          if (b !== LF) return this.fail();
          return this.finish(i);
      }
    }
    return this.state === DONE ? i : NEED_MORE;
  }

  /** The server closed the connection: true when that ends the response (body until close). */
  eof(): boolean {
    if (this.state === BODY_UNTIL_EOF) {
      this.state = DONE;
      return true;
    }
    return this.state === DONE;
  }

  private fail(): number {
    this.state = ERROR;
    return PARSE_ERROR;
  }

  private finish(at: number): number {
    this.state = DONE;
    return at;
  }

  // "HTTP/1.x SSS reason\r\n": checks the version, reads the code, skips the reason.
  private statusByte(b: number): boolean {
    const p = this.pos++;
    if (p < 7) return b === HTTP1[p];
    if (p === 7) {
      if (b < 48 || b > 57) return false;
      this.minor = b - 48;
      return true;
    }
    if (p === 8) return b === 32;
    if (p <= 11) {
      if (b < 48 || b > 57) return false;
      this.statusCode = this.statusCode * 10 + (b - 48);
      return true;
    }
    if (b === LF) this.state = LINE_START;
    else if (b === 32)
      this.state = SKIP_LINE; // the reason phrase
    else if (b !== CR) return false;
    return true;
  }

  private nameByte(b: number): boolean {
    if (b === 58) {
      // ':' ends the name: it is ours only if a candidate matched to its full length.
      let h = 0;
      for (let k = 0; k < 3; k++) {
        const bit = 1 << k;
        if (this.candidates & bit && (NAMES[k] as number[]).length === this.nameAt) h = bit;
      }
      this.startValue(h);
      return true;
    }
    if (b === LF || b === CR || b === 32) return false;
    const lower = b >= 65 && b <= 90 ? b | 32 : b;
    for (let k = 0; k < 3; k++) {
      const bit = 1 << k;
      if (this.candidates & bit && (NAMES[k] as number[])[this.nameAt] !== lower) this.candidates &= ~bit;
    }
    this.nameAt++;
    // No name of interest can match any more: the rest of the line is skipped. (A line with
    // no ':' is then not detected as malformed; the framing headers are still checked.)
    if (this.candidates === 0) this.state = SKIP_LINE;
    return true;
  }

  private startValue(h: number): void {
    this.header = h;
    this.chunkedAt = this.closeAt = this.keepAliveAt = 0;
    if (h === CONTENT_LENGTH) this.contentLength = -1;
    this.state = h === 0 ? SKIP_LINE : VALUE;
  }

  private valueByte(b: number): boolean {
    const h = this.header;
    if (h === 0) return true;
    if (h === CONTENT_LENGTH) {
      if (b >= 48 && b <= 57) {
        this.contentLength = (this.contentLength < 0 ? 0 : this.contentLength * 10) + (b - 48);
        return this.contentLength <= Number.MAX_SAFE_INTEGER;
      }
      return b === 32 || b === 9;
    }
    const lower = b >= 65 && b <= 90 ? b | 32 : b;
    if (h === TRANSFER_ENCODING) {
      this.chunkedAt = step(CHUNKED, this.chunkedAt, lower);
      if (this.chunkedAt === CHUNKED.length) this.chunked = true;
    } else {
      this.closeAt = step(CLOSE, this.closeAt, lower);
      if (this.closeAt === CLOSE.length) this.sawClose = true;
      this.keepAliveAt = step(KEEP_ALIVE, this.keepAliveAt, lower);
      if (this.keepAliveAt === KEEP_ALIVE.length) this.sawKeepAlive = true;
    }
    return true;
  }

  private headersDone(at: number): number {
    const code = this.statusCode;
    if (code >= 100 && code < 200 && code !== 101) {
      // An interim response (100 Continue): the real one follows on the same connection.
      this.startResponse();
      return NEED_MORE;
    }
    this.keepAlive = this.minor >= 1 ? !this.sawClose : this.sawKeepAlive;
    if (this.isHead || code === 204 || code === 304) return this.finish(at);
    if (this.chunked) {
      this.state = CHUNK_SIZE;
      this.remaining = 0;
      return NEED_MORE;
    }
    if (this.contentLength >= 0) {
      if (this.contentLength === 0) return this.finish(at);
      this.remaining = this.contentLength;
      this.state = BODY;
      return NEED_MORE;
    }
    this.keepAlive = false;
    this.state = BODY_UNTIL_EOF;
    return NEED_MORE;
  }

  private chunkSizeByte(b: number): boolean {
    const lower = b | 32;
    let digit = -1;
    if (b >= 48 && b <= 57) digit = b - 48;
    else if (lower >= 97 && lower <= 102) digit = lower - 87;
    if (digit >= 0) {
      this.remaining = this.remaining * 16 + digit;
      return this.remaining <= MAX_CHUNK;
    }
    if (b === 59 || b === 32 || b === 9) this.state = CHUNK_EXT;
    else if (b === LF) this.chunkSizeDone();
    else if (b !== CR) return false;
    return true;
  }

  private chunkSizeDone(): void {
    if (this.remaining === 0) this.state = TRAILER_START;
    else this.state = CHUNK_DATA;
  }
}
