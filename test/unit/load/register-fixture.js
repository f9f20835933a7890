// Starts with tsx registered through its API (no --import flag), then runs a
// tiny storm: proves the storm's worker thread loads its TypeScript in that setup too.
import http from 'node:http';
import { register } from 'tsx/esm/api';

register();
const { runStorm } = await import('../../../src/load/storm.ts');
const server = http.createServer((_req, res) => res.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const stats = await runStorm({
  host: '127.0.0.1',
  port: server.address().port,
  keepAlive: true,
  connections: 2,
  amount: 50,
  requests: [{ method: 'GET', path: '/' }],
});
server.close();
process.stdout.write(JSON.stringify(stats));
