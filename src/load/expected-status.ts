// Which response statuses count as failures. A scenario may expect a 404 or a 302 on purpose
// (a missing page, a login redirect): only a status it did not expect is a failure.

/** The expected statuses as a list; undefined keeps the default (any 2xx or 3xx). */
export function expectedStatuses(status: number | number[] | undefined): number[] | undefined {
  if (status === undefined) return undefined;
  const list = Array.isArray(status) ? status : [status];
  for (const s of list) if (!Number.isInteger(s) || s < 100 || s > 599) throw new Error(`expected status must be 100-599: ${s}`);
  return list.length === 0 ? undefined : [...new Set(list)].sort((a, b) => a - b);
}

export function isExpectedStatus(code: number, expected: readonly number[] | undefined): boolean {
  return expected === undefined ? code >= 200 && code < 400 : expected.includes(code);
}
