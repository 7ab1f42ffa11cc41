/** Runs the real server as a child process (`npx tsx server/main.ts`) over a given database file, in its own
 *  process group so a SIGKILL reaches the node process behind npx and tsx, not just the wrapper. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Output so far, for failure messages. */
  log(): string;
  /** Sends `signal` to the whole process group and waits for the wrapper to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Process groups started here and not yet seen to end: killed when this process exits, however it exits,
 *  so a failed test or bench never leaves a server behind. */
const live = new Set<number>();
process.once('exit', () => {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server over `dbPath` and resolves once /api/health answers 200. */
export async function spawnServer(dbPath: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<ChildServer> {
  const port = await freePort();
  const proc = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), DAKAL_DB: dbPath, DAKAL_TILE_URL: '', ...env },
  });
  live.add(proc.pid!);
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: ChildServer = {
    url,
    port,
    proc,
    log: () => out,
    async stop(signal = 'SIGTERM') {
      const kill = (sig: NodeJS.Signals) => {
        try {
          process.kill(-proc.pid!, sig);
        } catch {
          /* already gone */
        }
      };
      if (proc.exitCode === null && proc.signalCode === null) {
        kill(signal);
        await exited;
      }
      // tsx's own child may outlive the wrapper by a moment; wait until the port is free, then insist.
      for (let i = 0; i < 100 && (await answers(url)); i++) await new Promise((r) => setTimeout(r, 50));
      if (await answers(url)) {
        kill('SIGKILL');
        for (let i = 0; i < 100 && (await answers(url)); i++) await new Promise((r) => setTimeout(r, 50));
        if (await answers(url)) throw new Error(`server on ${url} still answers after ${signal} and SIGKILL`);
      }
      live.delete(proc.pid!);
    },
  };
  const started = Date.now();
  while (!(await answers(url))) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${out}`);
    if (Date.now() - started > timeoutMs) {
      await server.stop('SIGKILL');
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status === 200;
  } catch {
    return false;
  }
}
