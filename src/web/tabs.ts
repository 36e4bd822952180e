import { type Actor, can } from '../policy/policy.ts';
import type { Action } from '../policy/rights.ts';

export interface Tab {
  label: string;
  href: string;
  action: Action;
}

/**
 * The header tabs, in the order TVS has always shown them. A tab appears when its screen exists
 * (it is listed here) and the user's role may open it.
 */
export const tabs: readonly Tab[] = [
  { label: 'Startpagina', href: '/', action: 'startpagina.bekijken' },
  { label: 'Profiel', href: '/profiel', action: 'profiel.bekijken' },
  { label: 'Vergunninghouders', href: '/vergunninghouders', action: 'vergunninghouders.zoeken' },
  { label: 'Berichten', href: '/berichten', action: 'berichten.lezen' },
  { label: 'Beheer', href: '/beheer', action: 'beheer.openen' },
];

export function tabsFor(actor: Actor): Tab[] {
  return tabs.filter((tab) => can(actor, tab.action));
}

/** The tab a path belongs to: the longest matching prefix. */
export function activeTab(path: string): string | undefined {
  const matches = tabs
    .filter((t) => (t.href === '/' ? path === '/' : path.startsWith(t.href)))
    .sort((a, b) => b.href.length - a.href.length);
  return matches[0]?.href;
}
