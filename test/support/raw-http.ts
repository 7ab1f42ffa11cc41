/** A bare HTTP/1.1 client over one keep-alive socket: sends paths exactly as given (no URL normalising). */
import http from 'node:http';

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** A client for `base` that reuses one connection, reopening it when the server closes it. */
export function rawClient(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(base);
  return {
    /** Sends one request; rejects only when no answer came back. */
    send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
      return new Promise((resolve, reject) => {
        const req = http.request({ host: hostname, port, method, path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
