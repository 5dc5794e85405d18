import http from 'node:http';

/*
 * The physical limit: a bare node:http server that answers every request with bytes
 * computed beforehand (the service's own answer for each scenario). Nothing is parsed,
 * nothing is queried; what is left is sockets, HTTP framing and the load generator.
 * Bodies arrive on stdin as JSON { path: body }.
 */

let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const bodies = new Map<string, Buffer>(Object.entries(JSON.parse(input) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]));
  const server = http.createServer((req, res) => {
    const body = bodies.get(req.url ?? '') ?? bodies.values().next().value!;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
    console.log(`limit listening on ${(server.address() as { port: number }).port}`),
  );
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
});
