import type { FastifyRequest } from 'fastify';

import { errors } from '../errors.ts';
import { type Actor, assertCan } from '../policy/policy.ts';
import type { Action } from '../policy/rights.ts';

/** The signed-in actor; throws 401 (pages redirect to the login page) when there is none. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw errors.unauthenticated();
  return request.actor;
}

/** The signed-in actor, who must be allowed the action; otherwise 401 or 403. */
export function requireRight(request: FastifyRequest, action: Action): Actor {
  const actor = requireActor(request);
  assertCan(actor, action);
  return actor;
}
