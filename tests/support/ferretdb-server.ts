import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.ts';

/** Built by tests/services/start-ferretdb.sh, which .ci/run calls before the tests. */
export const ferretdbBinary = fileURLToPath(new URL('../services/ferretdb/bin/ferretdb', import.meta.url));

export const hasFerretdbBinary = () => existsSync(ferretdbBinary);

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`FerretDB did not open port ${port}`);
}

/** A private MongoDB-wire server (FerretDB on SQLite) this test can stop and start on the same data. */
export class DisposableFerretDb {
  private child: ChildProcess | undefined;
  readonly port: number;
  readonly dataDir: string;

  private constructor(port: number, dataDir: string) {
    this.port = port;
    this.dataDir = dataDir;
  }

  static async start(): Promise<DisposableFerretDb> {
    const server = new DisposableFerretDb(await freePort(), await mkdtemp(path.join(tmpdir(), 'gptlab-ferret-')));
    await server.restart();
    return server;
  }

  /** The running server's process id, e.g. to limit what it may write. */
  get pid(): number {
    return this.child?.pid ?? 0;
  }

  url(database: string): string {
    return `mongodb://127.0.0.1:${this.port}/${database}`;
  }

  async restart(): Promise<void> {
    this.child = spawn(ferretdbBinary, ['-listen', `127.0.0.1:${this.port}`, '-data', this.dataDir, '-log-level', 'error'], { stdio: 'ignore' });
    await waitForPort(this.port, 15_000);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
