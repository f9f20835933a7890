// Loopback stays loopback: an `app.env` value that points the app at another host (a shared
// Redis, a production database) would make a load test storm it. Such values are refused
// unless the user says --allow-remote-env; no connection is ever opened to check them.
import { isIPv4 } from 'node:net';
import type { Scenario } from './schema.ts';

const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s,;"']+/gi;
/** Variables that hold a bare host name, as many Django settings read them (DB_HOST, REDIS_HOST). */
const HOST_VARIABLE = /(^|_)HOST$/;

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return isIPv4(h) && h.startsWith('127.');
}

/** The non-loopback hosts a value names: URL hosts, or the value itself for a *_HOST variable. */
export function remoteHosts(name: string, value: string): string[] {
  const hosts: string[] = [];
  for (const m of value.matchAll(URL_IN_TEXT)) {
    let host: string;
    try {
      host = new URL(m[0]).hostname;
    } catch {
      continue; // not a URL after all (a multi-host DSN is passed as it is: leaklab does not parse it)
    }
    // file:///x and sqlite:///x name no host: they stay on this machine.
    if (host !== '' && !isLoopbackHost(host)) hosts.push(host);
  }
  const bare = value.trim();
  if (hosts.length === 0 && HOST_VARIABLE.test(name) && /^[\w.:[\]-]+$/.test(bare) && !isLoopbackHost(bare)) {
    hosts.push(bare);
  }
  return hosts;
}

/** One line per environment value (scenario's or a variant's) that points at a non-loopback host. */
export function remoteEnvProblems(scenario: Scenario, file: string): string[] {
  const sources: [string, Record<string, string> | undefined][] = [
    ['app.env', scenario.app.env],
    ...scenario.variants.map((v, i): [string, Record<string, string> | undefined] => [`variants.${i}.env`, v.env]),
  ];
  const problems: string[] = [];
  for (const [where, env] of sources) {
    for (const [name, value] of Object.entries(env ?? {})) {
      for (const host of remoteHosts(name, value)) {
        problems.push(
          `${file}: ${where}.${name}: points the app at ${host}, which is not loopback (127.0.0.0/8, ::1, localhost)`,
        );
      }
    }
  }
  return problems;
}
