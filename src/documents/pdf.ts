import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import PDFDocument from 'pdfkit';

import type { DocumentField, DocumentSection, ProfileDocument } from './model.ts';

/**
 * The klantprofiel and nareisprofiel as a tagged PDF (PDF 1.7, structure tree, language,
 * headers and footers as artifacts), so that a screen reader gets headings, tables and
 * reading order. Page breaks are decided here, before a row is drawn, so a label never ends
 * up on another page than its value.
 */

/** The parts of fontkit used here. PDFKit 0.20 accepts a parsed fontkit font as it is. */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface GlyphRun {
  glyphs: readonly object[];
  positions: readonly GlyphPosition[];
}
interface Glyph {
  _decode(): unknown;
}
interface SimpleGlyph {
  id: number;
  advanceWidth: number;
}
interface Font {
  layout(text: string, features?: unknown): GlyphRun;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  glyphForCodePoint(codePoint: number): SimpleGlyph;
}
interface Fontkit {
  create(data: Uint8Array): Font;
}

const require = createRequire(import.meta.url);
// fontkit as PDFKit itself resolves it, so that both always use the same version.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** Entries per font in the caches shared by all documents; emptied when full. */
const CACHE_LIMIT = 20_000;

/** A fresh copy, with the advanceWidth PDFKit adds already in place (one object shape). */
function copyPosition(p: GlyphPosition): GlyphPosition & { advanceWidth: number } {
  const { xAdvance, yAdvance, xOffset, yOffset } = p;
  return { xAdvance, yAdvance, xOffset, yOffset, advanceWidth: 0 };
}

/**
 * Text in scripts whose letters stand on their own (Latin with its precomposed accents,
 * including Vietnamese, Greek, Cyrillic, Armenian, punctuation and currency signs) needs no
 * OpenType shaping: each character is its glyph, with its advance width. Setting it that way
 * skips fontkit's shaper, which cost as much as the rest of a PDF for words not seen before;
 * what is lost is only kerning. Anything else (combining marks, Arabic, Hebrew, Indic
 * scripts) goes through the full shaper.
 */
const SIMPLE_SCRIPT = /^[\t\n\u0020-\u02ff\u0370-\u058f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]*$/u;

function simpleRun(font: Font, text: string): GlyphRun {
  const glyphs: SimpleGlyph[] = [];
  const positions: GlyphPosition[] = [];
  for (const character of text) {
    const glyph = font.glyphForCodePoint(character.codePointAt(0) ?? 0);
    glyphs.push(glyph);
    positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
  }
  return { glyphs, positions };
}

/**
 * Shaping a word with fontkit (OpenType GSUB and GPOS) was a third of the time of a PDF, and
 * PDFKit keeps its results per document only, while labels and everyday words recur in every
 * profile. Here they are kept per process. PDFKit scales the positions it gets in place, so
 * each call hands out fresh copies; the advance width is summed when read, after that scaling.
 */
function cachedLayout(font: Font): Font['layout'] {
  const cache = new Map<string, GlyphRun>();
  return (text, features) => {
    if (features !== undefined) return font.layout(text, features);
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      run = SIMPLE_SCRIPT.test(text) ? simpleRun(font, text) : font.layout(text);
      run = { glyphs: run.glyphs, positions: run.positions.map(copyPosition) };
      cache.set(text, run);
    }
    const positions = run.positions.map(copyPosition);
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const p of positions) width += p.xAdvance;
        return width;
      },
    };
  };
}

/**
 * Embedding a subset decodes the outline of every glyph in it again, for every document, only
 * to find composite glyphs: a tenth of the time of a PDF. fontkit keeps one glyph object per
 * id, so its decoded outline is remembered on it. This relies on fontkit's internal
 * `_decode`; if that ever changes name, the wrapper is merely unused.
 */
function rememberedOutlines(font: Font): Font['getGlyph'] {
  const seen = new WeakSet<Glyph>();
  return (id, codePoints) => {
    const glyph = font.getGlyph(id, codePoints);
    if (!seen.has(glyph)) {
      seen.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let outline: { value: unknown } | undefined;
      glyph._decode = () => (outline ??= { value: decode() }).value;
    }
    return glyph;
  };
}

/**
 * DejaVu Sans, read and parsed once per process: the standard 14 PDF fonts lack ş, ğ, ı, ő
 * and most of Vietnamese, and parsing the font tables for every document took 60 % of the
 * time of a PDF. Each document still embeds its own subset of the glyphs it uses.
 */
function loadFont(file: string): PDFKit.Mixins.PDFFontSource {
  const font = fontkit.create(readFileSync(join(fontDir, file)));
  const layout = cachedLayout(font);
  const getGlyph = rememberedOutlines(font);
  const shared = new Proxy(font, {
    get: (target, property) =>
      property === 'layout'
        ? layout
        : property === 'getGlyph'
          ? getGlyph
          : (Reflect.get(target, property) as unknown),
  });
  // @types/pdfkit 0.17 does not know that a parsed font is accepted.
  return shared as unknown as PDFKit.Mixins.PDFFontSource;
}

const FONTS = { regular: loadFont('DejaVuSans.ttf'), bold: loadFont('DejaVuSans-Bold.ttf') };

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 76, bottom: 68, left: 56, right: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const LABEL_WIDTH = 185;
const COLUMN_GAP = 14;
const VALUE_X = MARGIN.left + LABEL_WIDTH + COLUMN_GAP;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP;
const ROW_GAP = 5;
const EMPTY = '–';

const COLOR = { text: '#1a1a1a', heading: '#01689b', muted: '#555555', rule: '#b4b4b4' };
const NOTICE = { fill: '#fff4d6', border: '#c87a00', padding: 10 };

interface TextStyle {
  font: 'regular' | 'bold';
  size: number;
  color: string;
}

const STYLE = {
  title: { font: 'bold', size: 22, color: COLOR.heading },
  subject: { font: 'regular', size: 13, color: COLOR.text },
  section: { font: 'bold', size: 14, color: COLOR.heading },
  subsection: { font: 'bold', size: 11.5, color: COLOR.text },
  label: { font: 'bold', size: 9.5, color: COLOR.text },
  value: { font: 'regular', size: 9.5, color: COLOR.text },
  notice: { font: 'bold', size: 10, color: COLOR.text },
  running: { font: 'regular', size: 8, color: COLOR.muted },
} satisfies Record<string, TextStyle>;

const SPACE_BEFORE = { H2: 18, H3: 10 };
const SPACE_AFTER_HEADING = 6;

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/** Table header cells name the row they head; @types/pdfkit does not know the option. */
const ROW_HEADER: PDFKit.Mixins.StructureElementOptions & { scope: string } = { scope: 'Row' };

/** Widths of texts at size 1, per font, shared by all documents like the shaping. */
const WIDTHS = { regular: new Map<string, number>(), bold: new Map<string, number>() };

/**
 * Sets text on a document. Lines are broken here, at spaces, from word widths that are kept
 * across documents: PDFKit's line wrapper cost more than drawing the text, and measuring a
 * value before drawing it (to keep a row on one page) would have run it twice. A colour is
 * written into the page only when it changes.
 */
class Pen {
  /** Pages started so far, including the first. */
  pages = 1;
  private color: string | undefined;

  constructor(readonly doc: Doc) {
    doc.on('pageAdded', () => {
      this.pages++;
      this.forgetColor();
    });
  }

  /** After drawing in other colours, or on another page than the last. */
  forgetColor(): void {
    this.color = undefined;
  }

  width(text: string, style: TextStyle): number {
    const known = WIDTHS[style.font];
    let unit = known.get(text);
    if (unit === undefined) {
      if (known.size >= CACHE_LIMIT) known.clear();
      unit = this.doc.font(style.font).fontSize(style.size).widthOfString(text) / style.size;
      known.set(text, unit);
    }
    return unit * style.size;
  }

  lineHeight(style: TextStyle): number {
    return this.doc.font(style.font).fontSize(style.size).currentLineHeight(true);
  }

  /** The height of `text` set in `width`. */
  height(text: string, style: TextStyle, width: number): number {
    return this.lines(text, style, width).length * this.lineHeight(style);
  }

  /**
   * Sets `text` from (x, y) within `width`, and leaves doc.y below it. Text that reaches the
   * bottom margin goes on on a new page, inside the same marked content.
   */
  write(text: string, style: TextStyle, x: number, y: number, width: number): void {
    const { doc } = this;
    const lineHeight = this.lineHeight(style);
    const bottom = doc.page.height - doc.page.margins.bottom;
    doc.y = y;
    for (const line of this.lines(text, style, width)) {
      if (doc.y + lineHeight > bottom && doc.y > MARGIN.top) doc.continueOnNewPage();
      this.use(style);
      doc.text(line, x, doc.y, { lineBreak: false });
      doc.y += lineHeight;
    }
    doc.x = x;
  }

  /** Sets one line of `text` ending at `right`. */
  writeRight(text: string, style: TextStyle, right: number, y: number): void {
    this.use(style);
    this.doc.text(text, right - this.width(text, style), y, { lineBreak: false });
  }

  private use(style: TextStyle): void {
    this.doc.font(style.font).fontSize(style.size);
    if (style.color !== this.color) {
      this.doc.fillColor(style.color);
      this.color = style.color;
    }
  }

  /**
   * The lines of `text` in `width`, broken at spaces and newlines; a word wider than the whole
   * width is broken between characters. Each line keeps its trailing space, so that text
   * extraction and screen readers do not glue the last word of a line to the next one.
   */
  private lines(text: string, style: TextStyle, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      // Words with their trailing spaces, as PDFKit shapes them; measuring the bare word as
      // well would shape every new word twice.
      for (const word of paragraph.match(/[^ ]+ *| +/g) ?? ['']) {
        const full = this.width(word, style);
        const spaces = word.length - word.trimEnd().length;
        const visible = full - spaces * this.width(' ', style);
        if (line !== '' && lineWidth + visible > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        if (line === '' && visible > width) {
          const pieces = this.breakWord(word, style, width);
          line = pieces.pop() ?? '';
          lines.push(...pieces);
          lineWidth = this.width(line, style);
        } else {
          line += word;
          lineWidth += full;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private breakWord(word: string, style: TextStyle, width: number): string[] {
    const pieces: string[] = [];
    let piece = '';
    for (const char of word) {
      if (piece !== '' && this.width(piece + char, style) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += char;
    }
    pieces.push(piece);
    return pieces;
  }
}

function valueLines(value: DocumentField['value']): readonly string[] {
  if (typeof value === 'string') return [value === '' ? EMPTY : value];
  return value.length === 0 ? [EMPTY] : value;
}

/**
 * Moves down by `spaceBefore` if `height` still fits below that, and starts a new page
 * otherwise (where the space before is not needed). Content taller than a page starts on a
 * page of its own and flows on.
 */
function ensureSpace(doc: Doc, height: number, spaceBefore = 0): void {
  const bottom = PAGE.height - MARGIN.bottom;
  if (doc.y + spaceBefore + height <= bottom) doc.y += spaceBefore;
  else if (doc.y > MARGIN.top) doc.addPage();
}

class ProfileRenderer {
  private readonly doc: Doc;

  constructor(
    private readonly pen: Pen,
    private readonly root: Struct,
  ) {
    this.doc = pen.doc;
  }

  titleBlock(profile: ProfileDocument): void {
    this.paragraph(this.root, 'H1', profile.title, STYLE.title, 4);
    this.paragraph(this.root, 'P', profile.subject, STYLE.subject, 12);
    if (profile.notice) this.notice(profile.notice);
  }

  section(parent: Struct, section: DocumentSection, level: 'H2' | 'H3'): void {
    const { doc } = this;
    const style = level === 'H2' ? STYLE.section : STYLE.subsection;
    ensureSpace(doc, this.openingHeight(section, level), SPACE_BEFORE[level]);

    const sect = doc.struct('Sect');
    parent.add(sect);
    this.paragraph(sect, level, section.heading, style, SPACE_AFTER_HEADING);
    if (section.fields.length > 0) this.fieldTable(sect, section.fields);
    for (const sub of section.subsections ?? []) this.section(sect, sub, 'H3');
    sect.end();
  }

  fieldTable(parent: Struct, fields: readonly DocumentField[]): void {
    const table = this.doc.struct('Table');
    parent.add(table);
    for (const field of fields) this.fieldRow(table, field);
    table.end();
  }

  contact(contact: ProfileDocument['contact']): void {
    this.section(
      this.root,
      {
        heading: contact.heading,
        fields: [
          { label: 'Naam', value: contact.naam },
          { label: 'E-mailadres', value: contact.email },
        ],
      },
      'H2',
    );
  }

  /** A heading with what must stay with it: the first row, or the first sub-section's opening. */
  private openingHeight(section: DocumentSection, level: 'H2' | 'H3'): number {
    const style = level === 'H2' ? STYLE.section : STYLE.subsection;
    const heading = this.pen.height(section.heading, style, CONTENT_WIDTH) + SPACE_AFTER_HEADING;
    const first = section.fields[0];
    if (first) return heading + this.rowHeight(first);
    const sub = section.subsections?.[0];
    return sub ? heading + SPACE_BEFORE.H3 + this.openingHeight(sub, 'H3') : heading;
  }

  private rowHeight(field: DocumentField): number {
    const { pen } = this;
    const labelHeight = pen.height(field.label, STYLE.label, LABEL_WIDTH);
    let valueHeight = 0;
    for (const line of valueLines(field.value)) {
      valueHeight += pen.height(line, STYLE.value, VALUE_WIDTH);
    }
    return Math.max(labelHeight, valueHeight);
  }

  private fieldRow(table: Struct, field: DocumentField): void {
    const { doc, pen } = this;
    const height = this.rowHeight(field);
    ensureSpace(doc, height);
    const top = doc.y;
    const pagesBefore = pen.pages;

    const row = doc.struct('TR');
    table.add(row);
    row.add(
      doc.struct('TH', ROW_HEADER, () => {
        pen.write(field.label, STYLE.label, MARGIN.left, top, LABEL_WIDTH);
      }),
    );
    const lines = valueLines(field.value);
    if (typeof field.value === 'string' || lines.length === 1) {
      row.add(
        doc.struct('TD', {}, () => {
          pen.write(lines[0] ?? EMPTY, STYLE.value, VALUE_X, top, VALUE_WIDTH);
        }),
      );
    } else {
      this.listCell(row, lines, top);
    }
    row.end();

    // A value longer than a page goes on on the next; otherwise the measured height holds.
    doc.x = MARGIN.left;
    doc.y = pen.pages === pagesBefore ? top + height + ROW_GAP : doc.y + ROW_GAP;
  }

  private listCell(row: Struct, lines: readonly string[], top: number): void {
    const { doc, pen } = this;
    const cell = doc.struct('TD');
    row.add(cell);
    const list = doc.struct('L');
    cell.add(list);
    doc.y = top;
    for (const line of lines) {
      const body = doc.struct('LBody', {}, () => {
        pen.write(line, STYLE.value, VALUE_X, doc.y, VALUE_WIDTH);
      });
      list.add(doc.struct('LI', {}, [body]));
    }
    list.end();
    cell.end();
  }

  private notice(text: string): void {
    const { doc, pen } = this;
    const pad = NOTICE.padding;
    const height = pen.height(text, STYLE.notice, CONTENT_WIDTH - 2 * pad) + 2 * pad;
    ensureSpace(doc, height);
    const top = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .save()
      .lineWidth(1.5)
      .rect(MARGIN.left, top, CONTENT_WIDTH, height)
      .fillAndStroke(NOTICE.fill, NOTICE.border)
      .restore();
    doc.endMarkedContent();
    pen.forgetColor();
    this.root.add(
      doc.struct('P', {}, () => {
        pen.write(text, STYLE.notice, MARGIN.left + pad, top + pad, CONTENT_WIDTH - 2 * pad);
      }),
    );
    doc.x = MARGIN.left;
    doc.y = top + height + 4;
  }

  private paragraph(
    parent: Struct,
    tag: string,
    text: string,
    style: TextStyle,
    spaceAfter: number,
  ): void {
    const { doc, pen } = this;
    parent.add(
      doc.struct(tag, {}, () => {
        pen.write(text, style, MARGIN.left, doc.y, CONTENT_WIDTH);
      }),
    );
    doc.y += spaceAfter;
  }
}

/** Header and footer on every page, written last so that the footer knows the page count. */
function runningHeadAndFoot(pen: Pen, profile: ProfileDocument): void {
  const { doc } = pen;
  const { start, count } = doc.bufferedPageRange();
  const left = MARGIN.left;
  const right = PAGE.width - MARGIN.right;
  const headY = MARGIN.top - 34;
  const footY = PAGE.height - MARGIN.bottom + 22;
  const generated = `Gemaakt op ${dateFormat.format(profile.generatedAt)}`;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    pen.forgetColor();
    // Text below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    pen.write(`TVS · ${profile.title}`, STYLE.running, left, headY, CONTENT_WIDTH);
    pen.writeRight(profile.versionLine, STYLE.running, right, headY);
    pen.write(generated, STYLE.running, left, footY, CONTENT_WIDTH);
    pen.writeRight(`Pagina ${i + 1} van ${count}`, STYLE.running, right, footY);
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .moveTo(left, headY + 14)
      .lineTo(right, headY + 14)
      .moveTo(left, footY - 6)
      .lineTo(right, footY - 6)
      .stroke()
      .restore();
    doc.endMarkedContent();
    doc.page.margins.bottom = MARGIN.bottom;
  }
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
}

export async function renderProfilePdf(profile: ProfileDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'nl-NL',
    displayTitle: true,
    // No default font: PDFKit would otherwise load Helvetica, one of the standard 14.
    font: '',
    info: {
      Title: `${profile.title} – ${profile.subject}`,
      Author: profile.author,
      Subject: profile.subject,
      Creator: 'TVS',
      CreationDate: profile.generatedAt,
    },
  });
  const output = collect(doc);
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const pen = new Pen(doc);
  const renderer = new ProfileRenderer(pen, root);
  renderer.titleBlock(profile);
  for (const section of profile.sections) renderer.section(root, section, 'H2');
  renderer.contact(profile.contact);
  root.end();

  runningHeadAndFoot(pen, profile);
  doc.end();
  return output;
}
