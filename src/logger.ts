import type { LoggerOptions } from 'pino';

/**
 * Options for the one application logger (pino via Fastify). Logs carry ids, never personal data:
 * request bodies and query strings are not logged, and these paths are redacted in case a caller
 * passes such an object anyway.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.wachtwoord',
        '*.email',
        '*.bsn',
        '*.naam',
      ],
      censor: '[verwijderd]',
    },
    serializers: {
      // Only the path: query strings can hold search criteria such as a BSN or a surname.
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}
