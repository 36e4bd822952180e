import type { CoaRole, ContactRole, RegioCode } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { type Action, actionRights, type DataCategory, dataRights, type Role } from './rights.ts';

/** The signed-in person as the policy sees them. */
export interface Actor {
  id: number;
  name: string;
  email: string;
  coaRole: CoaRole | null;
  regioCode: RegioCode | null;
  /** Gemeenten this contact person belongs to, with their role in each. */
  memberships: readonly { gemeenteId: number; gemeenteNaam: string; role: ContactRole }[];
  /** Reception locations a casemanager or COL-medewerker works at. */
  locatieIds: readonly number[];
}

/** The roles that apply, optionally in one gemeente only. */
export function rolesOf(actor: Actor, gemeenteId?: number): Role[] {
  if (actor.coaRole) return [actor.coaRole];
  const memberships =
    gemeenteId === undefined
      ? actor.memberships
      : actor.memberships.filter((m) => m.gemeenteId === gemeenteId);
  return [...new Set(memberships.map((m) => m.role))];
}

/**
 * May the actor do this? Without a gemeente, any of their roles counts (to show a tab); with
 * one, only their role in that gemeente (to act on its data).
 */
export function can(actor: Actor, action: Action, gemeenteId?: number): boolean {
  const allowed = actionRights[action];
  return rolesOf(actor, gemeenteId).some((role) => allowed.includes(role));
}

/** May the actor see this category of data about a person linked to the given gemeente? */
export function canSee(actor: Actor, category: DataCategory, gemeenteId: number | null): boolean {
  if (actor.coaRole) return dataRights[actor.coaRole].includes(category);
  if (gemeenteId === null) return false;
  return rolesOf(actor, gemeenteId).some((role) => dataRights[role].includes(category));
}

/** Throws the 403 error when the action is not allowed; the caller's error handler logs it. */
export function assertCan(actor: Actor, action: Action, gemeenteId?: number): void {
  if (!can(actor, action, gemeenteId)) throw errors.forbidden();
}

export function isCoa(actor: Actor): boolean {
  return actor.coaRole !== null;
}
