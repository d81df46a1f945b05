import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { NeuralOpsExpressAdapter } from './express-adapter';
import { expressServerClasses } from './express-server-classes';

interface Seen {
  ownClass: boolean;
  appPrototype: boolean;
  resAppPrototype: boolean;
  isIncomingMessage: boolean;
  query: unknown;
  header: string | undefined;
  app: boolean;
}

/** An app whose one route reports what its request and response are. */
function probeApp(app: Express, seen: Seen[]): void {
  app.get('/probe', (req, res) => {
    seen.push({
      ownClass: req.constructor !== http.IncomingMessage && res.constructor !== http.ServerResponse,
      appPrototype: Object.getPrototypeOf(req) === app.request,
      resAppPrototype: Object.getPrototypeOf(res) === app.response,
      isIncomingMessage: req instanceof http.IncomingMessage && res instanceof http.ServerResponse,
      query: req.query,
      header: req.get('x-probe'),
      app: req.app === app && res.app === app,
    });
    res.status(201).json({ ok: true });
  });
}

async function get(server: http.Server, path: string): Promise<{ status: number; body: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-probe': 'yes' } });
    return { status: res.status, body: await res.text() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('expressServerClasses', () => {
  it('relies on Express re-pointing every request and response to app.request and app.response', async () => {
    // what the classes save: should an upgrade of Express stop doing this, they have no purpose
    // left (and the ablation in reports/performance.md, part 10, would show it)
    const app = express();
    const seen: Seen[] = [];
    probeApp(app, seen);
    const spy = jest.spyOn(Object, 'setPrototypeOf');
    try {
      expect((await get(http.createServer(app), '/probe')).status).toBe(201);
      const targets = spy.mock.calls.map(([, proto]) => proto);
      expect(targets).toContain(app.request);
      expect(targets).toContain(app.response);
      const req = spy.mock.calls.find(([, proto]) => proto === app.request)![0];
      expect(req).toBeInstanceOf(http.IncomingMessage);
    } finally {
      spy.mockRestore();
    }
  });


  it('builds requests and responses that already have the prototypes Express gives them', async () => {
    const app = express();
    const seen: Seen[] = [];
    probeApp(app, seen);
    const classes = expressServerClasses(app);
    expect(app.request).toBe(classes.IncomingMessage.prototype);
    expect(app.response).toBe(classes.ServerResponse.prototype);

    const answer = await get(http.createServer(classes, app), '/probe?a=1&b=two');
    expect(answer).toEqual({ status: 201, body: '{"ok":true}' });
    // the objects the server built are the ones Express handed to the route, prototypes untouched
    expect(seen).toEqual([{ ownClass: true, appPrototype: true, resAppPrototype: true, isIncomingMessage: true, query: { a: '1', b: 'two' }, header: 'yes', app: true }]);
  });

  it('keeps what Express answers by itself', async () => {
    const app = express();
    expect((await get(http.createServer(expressServerClasses(app), app), '/missing')).status).toBe(404);
  });

  it('is what the adapter the app runs on builds its HTTP server with', async () => {
    const adapter = new NeuralOpsExpressAdapter();
    const app = adapter.getInstance<Express>();
    const seen: Seen[] = [];
    probeApp(app, seen);
    adapter.initHttpServer({});
    const answer = await get(adapter.getHttpServer() as http.Server, '/probe');
    expect(answer.status).toBe(201);
    expect(seen[0]).toMatchObject({ ownClass: true, appPrototype: true, resAppPrototype: true, isIncomingMessage: true });
  });
});
