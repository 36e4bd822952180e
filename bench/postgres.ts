import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for the benchmark, started like `start_postgres` in
 * scripts/test.sh (newest /usr/lib/postgresql/<version>/bin, run as user postgres when root),
 * except that durability stays at PostgreSQL's defaults (fsync and synchronous_commit on):
 * the API writes the processing log on every request and that cost belongs in the figures.
 */
export interface Cluster {
  url: string;
  version: string;
  settings: string;
  stop: () => void;
}

function newestBin(): string {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).filter((v) => /^[0-9]+$/.test(v));
  } catch {
    // no PostgreSQL installed: reported below
  }
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) {
    throw new Error('PostgreSQL ontbreekt: installeer het Debian-pakket postgresql.');
  }
  return join(root, newest, 'bin');
}

const isRoot = process.getuid?.() === 0;

function asPostgres(command: string, args: string[]): string {
  const [file, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  return execFileSync(file, argv, {
    cwd: '/',
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

async function freePort(): Promise<number> {
  for (let port = 55432; port <= 55532; port++) {
    if (!(await portInUse(port))) return port;
  }
  throw new Error('Geen vrije poort tussen 55432 en 55532 voor PostgreSQL.');
}

export async function startCluster(): Promise<Cluster> {
  const bin = newestBin();
  const dir = mkdtempSync(join(tmpdir(), 'tvs-bench-pg.'));
  if (isRoot) execFileSync('chown', ['postgres:', dir]);
  const data = join(dir, 'data');
  asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
  ]);
  writeFileSync(
    join(data, 'pg_hba.conf'),
    'local all all trust\nhost all all 127.0.0.1/32 trust\n',
  );
  if (isRoot) chownSync(join(data, 'pg_hba.conf'), uid('postgres'), gid('postgres'));
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`;
  const stop = () => {
    try {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]);
  } catch (error) {
    stop();
    throw error;
  }
  const version = asPostgres(join(bin, 'postgres'), ['--version']).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    settings: 'throwaway cluster (initdb --no-locale), default settings',
    stop,
  };
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

/** The server's version, e.g. "PostgreSQL 15.14", for a server given by URL. */
export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );
    return `PostgreSQL ${result.rows[0]?.v ?? '?'}`;
  } finally {
    await client.end();
  }
}

/** Creates an empty database `name` on the server and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
