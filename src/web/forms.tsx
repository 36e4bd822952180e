import type { ReactNode } from 'react';

/** A labelled input with its hint and error; the error is tied to the input for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'search';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'numeric';
  maxLength?: number;
  pattern?: string;
}) {
  const id = `veld-${props.name}`;
  return (
    <div className={`tvs-field${props.error ? ' tvs-field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        pattern={props.pattern}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
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

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-fout`].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="tvs-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-fout`} className="tvs-field__error">
          {error}
        </p>
      )}
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled select; the first option is usually "all" with an empty value. */
export function SelectField(props: {
  name: string;
  label: string;
  options: readonly Option[];
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? 'veld'}-${props.name}`;
  return (
    <div className={`tvs-field${props.error ? ' tvs-field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <select
        id={id}
        name={props.name}
        defaultValue={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled multi-line text input. */
export function TextAreaField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  rows?: number;
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? 'veld'}-${props.name}`;
  return (
    <div className={`tvs-field${props.error ? ' tvs-field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <textarea
        id={id}
        name={props.name}
        defaultValue={props.value}
        required={props.required}
        maxLength={props.maxLength}
        rows={props.rows ?? 3}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

/** A group of radio buttons with a legend, laid out in a row. */
export function RadioGroup(props: {
  name: string;
  legend: string;
  options: readonly Option[];
  value: string;
  error?: string | undefined;
}) {
  const id = `veld-${props.name}`;
  return (
    <fieldset
      className={`tvs-radios${props.error ? ' tvs-field--invalid' : ''}`}
      aria-describedby={props.error ? `${id}-fout` : undefined}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={id} error={props.error} />
      {props.options.map((o) => (
        <label key={o.value} className="tvs-radio">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            defaultChecked={o.value === props.value}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
