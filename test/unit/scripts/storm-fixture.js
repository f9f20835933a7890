// Runs a tiny storm with the storm module given as argv[2] (a file URL), in a plain `node`
// (no tsx): proves the compiled worker thread loads on its own, as the CLI runs it.
import http from 'node:http';

const { runStorm } = await import(process.argv[2]);
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
