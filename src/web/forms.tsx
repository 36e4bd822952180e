import type { ReactNode } from 'react';

/** A labelled input with its hint and error; the error is tied to the input for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'numeric';
}) {
  const id = `veld-${props.name}`;
  const describedBy = [props.hint && `${id}-hint`, props.error && `${id}-fout`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`tvs-field${props.error ? ' tvs-field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} className="tvs-field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-fout`} className="tvs-field__error">
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        inputMode={props.inputMode}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The summary above a refused form, focused on load so keyboard users land on it. */
export function ErrorSummary({ message, children }: { message?: string; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="tvs-alert tvs-alert--error" role="alert" tabIndex={-1} data-focus-on-load>
      {message}
      {children}
    </div>
  );
}
