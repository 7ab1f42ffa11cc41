/** Runs the real server as a child process (`npx tsx server/main.ts`) over a given database file, in its own
 *  process group so a SIGKILL reaches the node process behind npx and tsx, not just the wrapper. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
      // The node process behind npx and tsx outlives the wrapper by a moment, and frees the port before it has
      // closed the database (which checkpoints the WAL into the main file). Stopped means every process of the
      // group has ended; give them 10 s, then insist.
      if (!(await groupEnds(proc.pid!, 10_000))) {
        kill('SIGKILL');
        if (!(await groupEnds(proc.pid!, 10_000))) throw new Error(`server on ${url}: processes of group ${proc.pid} outlive ${signal} and SIGKILL`);
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

/** Whether a process of group `pgid` is still running (zombies, which hold no files, do not count). Linux /proc. */
function groupRuns(pgid: number): boolean {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

/** Polls until no process of group `pgid` runs; false if some still do after `ms`. */
async function groupEnds(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupRuns(pgid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
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
