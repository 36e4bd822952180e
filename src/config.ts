import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/** Everything TVS reads from its environment, validated once at start. */
export interface Config {
  mode: 'demo' | 'production' | 'test';
  port: number;
  host: string;
  /** Folder of the embedded database and demo e-mails. */
  dataDir: string;
  /** PostgreSQL connection string; without it TVS runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  sessionSecret: string;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login after which a session ends regardless of activity. */
  sessionAbsoluteHours: number;
  /** Whether cookies carry the Secure flag (behind TLS). */
  secureCookies: boolean;
  /** Whether every account must use two-factor authentication. */
  requireTwoFactor: boolean;
  logLevel: string;
  /** Extra wait per repeated wrong password, in milliseconds. */
  loginSlowdownMs: number;
  /** SMTP server for e-mail (smtp://user:pass@host:port); without it e-mails go to files. */
  smtpUrl: string | undefined;
  /** Sender of TVS e-mails. */
  mailFrom: string;
  /** The address people reach TVS at, for links in e-mails. */
  publicUrl: string;
  /** Whether this process runs the outbox worker and the scheduled checks. */
  backgroundJobs: boolean;
  /** Seconds after which a row claimed by a worker that died is taken up again. */
  outboxLeaseSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuratie onvolledig:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

const MIN_SECRET_LENGTH = 32;

function positiveInt(
  value: string | undefined,
  fallback: number,
  name: string,
  problems: string[],
) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    problems.push(`${name} moet een positief geheel getal zijn (nu: "${value}").`);
    return fallback;
  }
  return n;
}

/** Reads the configuration; throws a ConfigError that lists everything missing or wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const test = env.NODE_ENV === 'test';
  const secret = env.SESSION_SECRET ?? '';

  if (production) {
    if (!env.DATABASE_URL) {
      problems.push('DATABASE_URL ontbreekt: productie draait op PostgreSQL, niet op PGlite.');
    }
    if (secret.length < MIN_SECRET_LENGTH || new Set(secret).size < 10) {
      problems.push(
        `SESSION_SECRET ontbreekt of is zwak: gebruik minstens ${MIN_SECRET_LENGTH} willekeurige ` +
          'tekens (bijvoorbeeld: openssl rand -base64 48).',
      );
    }
    if (!env.SMTP_URL) {
      problems.push('SMTP_URL ontbreekt: productie verstuurt e-mail via een SMTP-server.');
    }
    if (!env.PUBLIC_URL) {
      problems.push('PUBLIC_URL ontbreekt: de links in e-mails wijzen naar dit adres.');
    }
    if (env.TVS_DEMO === '1' || env.TVS_DEMO === 'true') {
      problems.push(
        'TVS_DEMO mag niet aan staan in productie: productie heeft geen demo-accounts.',
      );
    }
  }

  const config: Config = {
    mode: production ? 'production' : test ? 'test' : 'demo',
    port: positiveInt(env.PORT, 3000, 'PORT', problems),
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir: resolve(env.TVS_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret: secret || randomBytes(32).toString('base64'),
    sessionIdleMinutes: positiveInt(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES', problems),
    sessionAbsoluteHours: positiveInt(
      env.SESSION_ABSOLUTE_HOURS,
      10,
      'SESSION_ABSOLUTE_HOURS',
      problems,
    ),
    secureCookies: production || env.SECURE_COOKIES === 'true',
    requireTwoFactor: production,
    logLevel: env.LOG_LEVEL ?? (test ? 'silent' : 'info'),
    loginSlowdownMs: test ? 10 : 1000,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'TVS <noreply@tvs.coa.nl>',
    backgroundJobs: env.TVS_WORKER !== 'off' && !test,
    outboxLeaseSeconds: positiveInt(
      env.TVS_OUTBOX_LEASE_SECONDS,
      120,
      'TVS_OUTBOX_LEASE_SECONDS',
      problems,
    ),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? '3000'}`).replace(/\/+$/, ''),
  };
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) {
    problems.push('SMTP_URL moet beginnen met smtp:// of smtps://.');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
