/**
 * The one error type of TVS. `code` is stable (snake_case) for API clients; `message` is Dutch
 * and safe to show a person: it never contains personal data.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field messages, keyed by field name, for forms and problem+json `errors`. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  invalid: (fields: Record<string, string>, message = 'Controleer de gemarkeerde velden.') =>
    new AppError(400, 'invalid_input', message, fields),
  unauthenticated: () =>
    new AppError(401, 'not_authenticated', 'U bent niet ingelogd of uw sessie is verlopen.'),
  forbidden: (message = 'U heeft geen toegang tot deze gegevens of deze functie.') =>
    new AppError(403, 'forbidden', message),
  csrf: () =>
    new AppError(
      403,
      'csrf_invalid',
      'Het formulier is verlopen of niet geldig. Laad de pagina opnieuw en probeer het nog eens.',
    ),
  notFound: (message = 'De gevraagde pagina of gegevens bestaan niet.') =>
    new AppError(404, 'not_found', message),
  conflict: (code: string, message: string) => new AppError(409, code, message),
  locked: (message: string) => new AppError(429, 'account_locked', message),
};
