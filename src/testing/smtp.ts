import { type ChildProcess, fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in a process of its own, for the mail tests: it accepts every message
 * and appends it, as received, to a file the test reads. `refuse` makes it answer 451 (try
 * again later) until `accept` is called.
 */

export interface Received {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
  /** Date.now() in the server process when the message was taken (the hand-off). */
  receivedAt: number;
}

export interface SmtpProcess {
  url: string;
  received: () => Received[];
  refuse: () => Promise<void>;
  accept: () => Promise<void>;
  stop: () => Promise<void>;
}

type Command = { type: 'refuse' } | { type: 'accept' };

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(raw);
  return (match?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
}

function serve(file: string): void {
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) {
          callback(Object.assign(new Error('Tijdelijk niet beschikbaar'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const received: Received = {
          messageId: header(raw, 'Message-ID'),
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: header(raw, 'Subject'),
          raw,
          receivedAt: Date.now(),
        };
        appendFileSync(file, `${JSON.stringify(received)}\n`);
        callback();
      });
    },
  });
  // A client that goes away mid-session (a worker killed on purpose) is no error here.
  server.on('error', () => undefined);
  process.on('message', (command: Command) => {
    refusing = command.type === 'refuse';
    process.send?.({ type: 'ok' });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.send?.({ type: 'listening', port });
  });
}

/** Starts the SMTP server process and waits until it listens. */
export async function startSmtpProcess(): Promise<SmtpProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'tvs-smtp-'));
  const file = join(dir, 'received.jsonl');
  appendFileSync(file, '');
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [file], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TVS_SMTP_TEST_SERVER: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type: string; port?: number }) => {
      resolve(m.port ?? 0);
    });
    child.once('exit', (code) => {
      reject(new Error(`SMTP-testserver stopte (code ${String(code)})`));
    });
  });
  const command = (type: Command['type']) =>
    new Promise<void>((resolve) => {
      child.once('message', () => {
        resolve();
      });
      child.send({ type });
    });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Received),
    refuse: () => command('refuse'),
    accept: () => command('accept'),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.env.TVS_SMTP_TEST_SERVER === '1' && process.argv[2]) serve(process.argv[2]);
