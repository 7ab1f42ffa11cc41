/** Starts the HTTP server for an app. */
import type { Express } from 'express';
import type { Server } from 'node:http';

/** Listens on `port` (0 = any free one); resolves once listening. Idle keep-alive sockets are kept
 *  65 s, longer than clients keep theirs (undici 4 s, proxies 60 s), so the server never closes a
 *  socket a client is about to reuse, which the client would see as ECONNRESET. */
export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
