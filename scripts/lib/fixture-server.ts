/** Serves the sample pages on 127.0.0.1 (an ephemeral port), as a news site would. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  origin: string;
  url(pathname: string): string;
  /** Serve `body` at `pathname` instead of a file (for pages a test builds or edits). */
  route(pathname: string, body: string, type?: string): void;
  close(): Promise<void>;
}

export async function startFixtureServer(directory: string): Promise<FixtureServer> {
  const routes = new Map<string, { body: string; type: string }>();
  const root = path.resolve(directory);
  const server: Server = createServer(async (req, res) => {
    const rawPath = new URL(req.url ?? '/', 'http://x').pathname;
    const pathname = decodeURIComponent(rawPath);
    // Routes are registered as URL pathnames (percent-encoded); files are looked up decoded.
    const routed = routes.get(rawPath) ?? routes.get(pathname);
    if (routed) {
      res.writeHead(200, { 'content-type': routed.type });
      res.end(routed.body);
      return;
    }
    const file = path.resolve(root, `.${pathname}`);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (pathname) => new URL(pathname, origin).toString(),
    route: (pathname, body, type = 'text/html; charset=utf-8') => void routes.set(pathname, { body, type }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
