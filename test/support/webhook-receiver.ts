import * as http from 'node:http';

/** A webhook endpoint on loopback that answers 204 to everything and keeps the parsed bodies in order. */
export async function webhookReceiver<T = Record<string, unknown>>(path = '/hook') {
  const seen: T[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(JSON.parse(body) as T);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}${path}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
