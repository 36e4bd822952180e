import type { FastifyPluginCallback, FastifyReply } from 'fastify';

import type { HouseholdDocument } from '../documents/model.ts';
import { renderHouseholdDocx } from '../documents/word.ts';
import { requireActor } from '../web/guards.ts';
import { sendPage } from '../web/page.tsx';
import { HuisvestingPage } from './pages.tsx';
import { householdDocument, huisvestingView } from './service.ts';

type VParams = { Params: { vNummer: string } };

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Renders a household form as Word and sends it as a download, never cached. */
export async function sendHouseholdDocx(
  reply: FastifyReply,
  result: { document: HouseholdDocument; vNummer: string },
  form: 'informatieformulier' | 'inkomstenverklaring',
) {
  const file = await renderHouseholdDocx(result.document);
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${form}-${result.vNummer}.docx"`)
    .type(DOCX_TYPE)
    .send(file);
}

export const formulierenRoutes: FastifyPluginCallback = (app, _options, done) => {
  for (const form of ['informatieformulier', 'inkomstenverklaring'] as const) {
    app.get<VParams>(`/vergunninghouders/:vNummer/${form}.docx`, async (request, reply) => {
      const actor = requireActor(request);
      const result = await householdDocument(
        request.server.db,
        actor,
        request.params.vNummer,
        form,
        request.id,
      );
      return sendHouseholdDocx(reply, result, form);
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
