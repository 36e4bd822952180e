import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import nodemailer, { type Transporter } from 'nodemailer';

import type { Config } from '../config.ts';

/**
 * One e-mail. TVS e-mails never carry personal data: what happened and a link, nothing about
 * the person it concerns.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID, so that a message sent twice after a crash is one message. */
  messageId?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
  /** Where demo e-mails are written; undefined when they go to an SMTP server. */
  folder: string | undefined;
}

/** The folder of e-mails written in demo mode. */
export function mailFolder(config: Config): string {
  return join(config.dataDir, 'mail');
}

function message(config: Config, mail: Mail) {
  return {
    from: config.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * Sends through the SMTP server of `SMTP_URL`; without one (demo and tests) each e-mail is
 * written as an .eml file to the data folder, where the COA-beheerder can read it.
 */
export function createMailer(config: Config): Mailer {
  if (config.smtpUrl) {
    const url = new URL(config.smtpUrl);
    url.searchParams.set('pool', 'true');
    const transport: Transporter = nodemailer.createTransport(url.toString());
    return {
      folder: undefined,
      send: async (mail) => {
        await transport.sendMail(message(config, mail));
      },
      close: () => {
        transport.close();
      },
    };
  }
  const folder = mailFolder(config);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  let created = false;
  return {
    folder,
    send: async (mail) => {
      if (!created) {
        await mkdir(folder, { recursive: true });
        created = true;
      }
      const info = await transport.sendMail(message(config, mail));
      const id = (mail.messageId ?? info.messageId).replace(/[^a-zA-Z0-9.-]/g, '_');
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(join(folder, `${stamp}-${id}.eml`), info.message as Buffer);
    },
    close: () => {
      transport.close();
    },
  };
}

export interface StoredMail {
  file: string;
  at: Date;
  to: string;
  subject: string;
  text: string;
}

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(raw);
  return (match?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
}

/** Decodes an RFC 2047 encoded-word header as Nodemailer writes them. */
function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (__, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          'latin1',
        ).toString('utf8'),
  );
}

function body(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const text = split === -1 ? '' : raw.slice(split).trim();
  if (/content-transfer-encoding: quoted-printable/i.test(raw)) {
    const bytes = text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/content-transfer-encoding: base64/i.test(raw)) {
    return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return text;
}

/** The demo e-mails in the folder, newest first. */
export async function listStoredMails(folder: string, limit = 200): Promise<StoredMail[]> {
  let files: string[];
  try {
    files = (await readdir(folder)).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  files.sort().reverse();
  const mails: StoredMail[] = [];
  for (const file of files.slice(0, limit)) {
    const path = join(folder, file);
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    mails.push({
      file,
      at: info.mtime,
      to: header(raw, 'To'),
      subject: decodeHeader(header(raw, 'Subject')),
      text: body(raw),
    });
  }
  return mails;
}
