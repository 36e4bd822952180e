import type { FastifyPluginCallback } from 'fastify';

import { script, stylesheet } from './assets.ts';

/** The stylesheet and script, cached for a year: their URLs change with their content. */
export const staticRoutes: FastifyPluginCallback = (app, _options, done) => {
  for (const [path, asset] of [
    ['/static/tvs.css', stylesheet],
    ['/static/tvs.js', script],
  ] as const) {
    app.get(path, (_request, reply) =>
      reply
        .type(asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(asset.body),
    );
  }
  done();
};
