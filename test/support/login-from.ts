/** Sign-in from a chosen loopback address (127.0.0.0/8 all reach a server on 127.0.0.1), so per-address limits
 *  can be told apart from per-account ones. */
import http from 'node:http';

export interface LoginAnswer {
  status: number;
  retryAfter: string | undefined;
  body: any;
  cookie: string | undefined;
}

/** POSTs /api/auth/login from `localAddress`. */
export function loginFrom(base: string, localAddress: string, username: string, password: string): Promise<LoginAnswer> {
  const { hostname, port } = new URL(base);
  const payload = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, localAddress, method: 'POST', path: '/api/auth/login', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie']?.[0];
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text), cookie: setCookie?.split(';')[0] });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
