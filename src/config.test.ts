import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs in demo mode on port 3000 and ./data with no configuration at all', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('demo');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('refuses production without a database and a strong secret, naming both', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'geheim' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL ontbreekt');
    expect(problems).toContain('SESSION_SECRET ontbreekt of is zwak');
    expect(problems).toContain('SMTP_URL ontbreekt');
    expect(problems).toContain('PUBLIC_URL ontbreekt');
  });

  it('accepts production with PostgreSQL and a strong secret, and then requires 2FA', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://tvs@db/tvs',
      SESSION_SECRET: 'Zr4uB8xq1Lm7Wc2Vn9Kt5Hy3Pd6Gf0Sa-Qe',
      SMTP_URL: 'smtp://mail.coa.local:587',
      PUBLIC_URL: 'https://tvs.coa.nl/',
    });
    expect(config.mode).toBe('production');
    expect(config.publicUrl).toBe('https://tvs.coa.nl');
    expect(config.requireTwoFactor).toBe(true);
    expect(config.secureCookies).toBe(true);
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT moet een positief geheel getal zijn');
  });
});
