import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { IRunOptions } from 'docx';

import type { DocumentField, FormPerson, HouseholdDocument } from './model.ts';

// A4 in twips with the library's default margins of 1 inch, so the tables fill the text width.
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = 1440;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const LABEL_WIDTH = Math.round(TEXT_WIDTH * 0.35);
const VALUE_WIDTH = TEXT_WIDTH - LABEL_WIDTH;

const EMPTY_VALUE = '–';
const HEADER_SHADING = { fill: 'E6E6E6', type: 'clear', color: 'auto' } as const;

const STYLES = {
  default: {
    // The language makes Word check spelling in Dutch and screen readers pronounce it so.
    document: { run: { language: { value: 'nl-NL' }, font: 'Arial', size: 21 } },
    heading1: {
      run: { font: 'Arial', size: 32, bold: true, color: '154273' },
      paragraph: { spacing: { after: 240 }, keepNext: true },
    },
    heading2: {
      run: { font: 'Arial', size: 26, bold: true, color: '154273' },
      paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
    },
  },
} as const;

const longDutchDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** Renders an informatieformulier or inkomstenverklaring as a Word (.docx) file. */
export async function renderHouseholdDocx(doc: HouseholdDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.title,
    creator: 'COA',
    lastModifiedBy: 'COA',
    description: doc.introduction,
    styles: STYLES,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN },
          },
        },
        footers: { default: pageFooter() },
        children: body(doc),
      },
    ],
  });

  return Packer.toBuffer(document);
}

function body(doc: HouseholdDocument): (Paragraph | Table)[] {
  return [
    new Paragraph({ text: doc.title, heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: doc.introduction, spacing: { after: 120 } }),
    new Paragraph({ text: 'Plaatsingseenheid', heading: HeadingLevel.HEADING_2 }),
    fieldTable(doc.household),
    ...doc.persons.flatMap(personBlock),
    ...doc.closing.map((text) => new Paragraph({ text, spacing: { before: 200 } })),
    ...issuedBy(doc),
  ];
}

function personBlock(person: FormPerson): (Paragraph | Table)[] {
  return [
    new Paragraph({ text: person.naam, heading: HeadingLevel.HEADING_2 }),
    fieldTable(person.fields),
  ];
}

function issuedBy(doc: HouseholdDocument): Paragraph[] {
  const { naam, email } = doc.issuedBy;
  return [
    new Paragraph({ text: 'Afgegeven door', heading: HeadingLevel.HEADING_2 }),
    new Paragraph({ text: naam }),
    new Paragraph({
      children: [
        new ExternalHyperlink({
          link: `mailto:${email}`,
          children: [new TextRun({ text: email, style: 'Hyperlink' })],
        }),
      ],
    }),
    new Paragraph({
      text: `Opgemaakt op ${longDutchDate.format(doc.generatedAt)}`,
      spacing: { before: 240 },
    }),
  ];
}

/** A label | value table whose header row Word repeats when the table runs over a page. */
function fieldTable(fields: readonly DocumentField[]): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [headerCell('Gegeven', LABEL_WIDTH), headerCell('Waarde', VALUE_WIDTH)],
  });
  const rows = fields.map(
    (field) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([new Paragraph({ text: field.label })], LABEL_WIDTH),
          cell(valueParagraphs(field.value), VALUE_WIDTH),
        ],
      }),
  );

  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, VALUE_WIDTH],
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    rows: [header, ...rows],
  });
}

function headerCell(text: string, width: number): TableCell {
  // Typed apart, or `bold` is read as the deprecated String.prototype.bold of the string overload.
  const run: IRunOptions = { text, bold: true };
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: HEADER_SHADING,
    children: [new Paragraph({ children: [new TextRun(run)] })],
  });
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children });
}

function valueParagraphs(value: string | readonly string[]): Paragraph[] {
  const lines = (typeof value === 'string' ? [value] : value).filter((line) => line.trim() !== '');
  if (lines.length === 0) return [new Paragraph({ text: EMPTY_VALUE })];
  return lines.map((line) => new Paragraph({ text: line }));
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES],
            size: 18,
          }),
        ],
      }),
    ],
  });
}
