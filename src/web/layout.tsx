import type { ReactNode } from 'react';

import type { Actor } from '../policy/policy.ts';
import { roleLabels } from '../policy/rights.ts';
import { script, stylesheet } from './assets.ts';
import { activeTab, tabsFor } from './tabs.ts';

export interface PageContext {
  actor: Actor | null;
  csrfToken: string;
  path: string;
  demo: boolean;
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  /** Unread notifications of the signed-in user. */
  unread: number;
}

function RoleLine({ actor }: { actor: Actor }) {
  if (actor.coaRole) return <>{roleLabels[actor.coaRole]} · COA</>;
  const parts = actor.memberships.map((m) => `${roleLabels[m.role]} · ${m.gemeenteNaam}`);
  return <>{parts.join(', ')}</>;
}

function Navigation({ actor, csrfToken, path }: { actor: Actor; csrfToken: string; path: string }) {
  const current = activeTab(path);
  return (
    <nav className="tvs-nav" aria-label="Hoofdmenu">
      <div className="tvs-nav__inner">
        <ul>
          {tabsFor(actor).map((tab) => (
            <li key={tab.href}>
              <a href={tab.href} aria-current={tab.href === current ? 'page' : undefined}>
                {tab.label}
              </a>
            </li>
          ))}
          <li>
            <form method="post" action="/uitloggen">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit">Uitloggen</button>
            </form>
          </li>
        </ul>
      </div>
    </nav>
  );
}

/** The frame of every page: skip link, header with the user's tabs, main content, footer. */
export function Layout(props: { title: string; context: PageContext; children: ReactNode }) {
  const { actor, csrfToken, path, flash, demo } = props.context;
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · TVS`}</title>
        <link rel="stylesheet" href={`/static/tvs.css?v=${stylesheet.hash}`} />
        <script src={`/static/tvs.js?v=${script.hash}`} defer />
      </head>
      <body className="rhc-theme">
        <a className="tvs-skip" href="#inhoud">
          Direct naar de inhoud
        </a>
        <header className="tvs-header">
          <div className="tvs-header__inner">
            <a className="tvs-brand" href="/">
              <strong>COA</strong> Taakstellingvolgsysteem
            </a>
            {actor && (
              <div className="tvs-user">
                <div>{actor.name}</div>
                <div>
                  <RoleLine actor={actor} />
                </div>
                <div>
                  <a href="/notificaties" className="tvs-notifications">
                    Notificaties
                    {props.context.unread > 0 && (
                      <span className="tvs-badge" data-ongelezen={props.context.unread}>
                        {props.context.unread}
                        <span className="tvs-visually-hidden"> ongelezen</span>
                      </span>
                    )}
                  </a>
                </div>
              </div>
            )}
          </div>
        </header>
        {actor && <Navigation actor={actor} csrfToken={csrfToken} path={path} />}
        <main id="inhoud" className="tvs-main" tabIndex={-1}>
          {flash && (
            <div className={`tvs-alert tvs-alert--${flash.kind}`} role="status">
              {flash.text}
            </div>
          )}
          {props.children}
        </main>
        <footer className="tvs-footer">
          <div className="tvs-footer__inner">
            Centraal Orgaan opvang asielzoekers · Taakstellingvolgsysteem
            {demo && ' · Demonstratieomgeving met fictieve gegevens'}
          </div>
        </footer>
      </body>
    </html>
  );
}
