import type { FastifyPluginCallback } from 'fastify';

import type { RegioCode } from '../db/schema.ts';
import type { Actor } from '../policy/policy.ts';
import { requireRight } from '../web/guards.ts';
import { sendPage } from '../web/page.tsx';
import { getWelcomeText, listRegions, type RegionOverview } from './service.ts';

/** The regions the actor works in: a regievoerder's own, a contact person's gemeenten'. */
function ownRegions(actor: Actor, regions: RegionOverview[]): Set<RegioCode> {
  const own = new Set<RegioCode>();
  if (actor.regioCode) own.add(actor.regioCode);
  for (const membership of actor.memberships) {
    const region = regions.find((r) => r.gemeenten.some((g) => g.id === membership.gemeenteId));
    if (region) own.add(region.code);
  }
  return own;
}

function Region({ region, own }: { region: RegionOverview; own: boolean }) {
  const headingId = `regio-${region.code}`;
  return (
    <section className="tvs-region" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Regio {region.naam}
        {own && ' (uw regio)'}
      </h3>
      {region.regievoerders.length === 0 ? (
        <p>Nog geen regievoerder aangewezen.</p>
      ) : (
        region.regievoerders.map((r) => (
          <dl key={r.email} className="tvs-summary">
            <dt>Regievoerder</dt>
            <dd>{r.name}</dd>
            <dt>Telefoon</dt>
            <dd>
              {r.phone ? <a href={`tel:${r.phone.replace(/[^\d+]/g, '')}`}>{r.phone}</a> : '–'}
            </dd>
            <dt>E-mail</dt>
            <dd>
              <a href={`mailto:${r.email}`}>{r.email}</a>
            </dd>
          </dl>
        ))
      )}
      <details>
        <summary>Gemeenten ({region.gemeenten.length})</summary>
        <ul className="tvs-gemeenten">
          {region.gemeenten.map((g) => (
            <li key={g.id}>{g.naam}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export const startpaginaRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get('/', async (request, reply) => {
    const actor = requireRight(request, 'startpagina.bekijken');
    const [welcome, regions] = await Promise.all([getWelcomeText(app.db), listRegions(app.db)]);
    const own = ownRegions(actor, regions);
    const ordered = [...regions].sort((a, b) => Number(own.has(b.code)) - Number(own.has(a.code)));

    return sendPage(request, reply, 'Startpagina', () => (
      <>
        <h1>Welkom, {actor.name}</h1>
        <div className="tvs-welcome">
          {welcome.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
        <h2>Uitplaatsingsregio&apos;s en regievoerders</h2>
        <div className="tvs-regions">
          {ordered.map((region) => (
            <Region key={region.code} region={region} own={own.has(region.code)} />
          ))}
        </div>
      </>
    ));
  });
  done();
};
