import type { FastifyPluginCallback } from 'fastify';

import { renderHouseholdDocx } from '../documents/word.ts';
import { requireActor } from '../web/guards.ts';
import { sendPage } from '../web/page.tsx';
import { HuisvestingPage } from './pages.tsx';
import { householdDocument, huisvestingView } from './service.ts';

type VParams = { Params: { vNummer: string } };

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const formulierenRoutes: FastifyPluginCallback = (app, _options, done) => {
  for (const form of ['informatieformulier', 'inkomstenverklaring'] as const) {
    app.get<VParams>(`/vergunninghouders/:vNummer/${form}.docx`, async (request, reply) => {
      const actor = requireActor(request);
      const { document, vNummer } = await householdDocument(
        request.server.db,
        actor,
        request.params.vNummer,
        form,
        request.id,
      );
      const file = await renderHouseholdDocx(document);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${form}-${vNummer}.docx"`)
        .type(DOCX_TYPE)
        .send(file);
    });
  }

  app.get<VParams>(
    '/vergunninghouders/:vNummer/informatieformulier-huisvesting',
    async (request, reply) => {
      const actor = requireActor(request);
      const view = await huisvestingView(
        request.server.db,
        actor,
        request.params.vNummer,
        request.id,
      );
      return sendPage(request, reply, `Informatieformulier Huisvesting – ${view.naam}`, () => (
        <HuisvestingPage view={view} />
      ));
    },
  );
  done();
};
