// The loopback target for the benchmark: answers every request with a small JSON body. Runs as its own process so
// its CPU is not counted against the runner. Prints its port.
const http = require('node:http');
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"status":"UP"}');
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
