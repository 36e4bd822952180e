import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * The stylesheet and script, built once at start: the NL Design System tokens and components
 * plus the TVS theme, served under a content hash so browsers may cache them for good.
 */
function build(body: string, type: string) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, type, hash };
}

export const stylesheet = build(
  [
    read(require.resolve('@rijkshuisstijl-community/design-tokens/dist/index.css')),
    read(require.resolve('@rijkshuisstijl-community/components-css/dist/index.css')),
    read(new URL('./static/theme.css', import.meta.url).pathname),
  ].join('\n'),
  'text/css; charset=utf-8',
);

export const script = build(
  read(new URL('./static/tvs.js', import.meta.url).pathname),
  'text/javascript; charset=utf-8',
);
