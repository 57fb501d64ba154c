import { renderPdf, type TDocumentDefinitions } from '../forms/pdf';

// The visible stamp of a signature: who signed, for which organisation, when (ISO 8601). Laid
// out by pdfmake in Roboto (Vietnamese intact, same fonts as the slip) as a one-page PDF the
// size of the stamp; pdf-sign.ts embeds that page as the appearance of the signature field.

export type StampText = Readonly<{ signer: string; organisation: string | null; signedAt: string }>;

export const STAMP_COLOR = '#c0392b';

/** The smallest type the stamp uses before it shortens the organisation's name instead. */
const MIN_FONT = 5.5;

export async function renderStamp(text: StampText, width: number, height: number): Promise<Uint8Array> {
  let size = Math.max(MIN_FONT, Math.min(8.5, height / 6.2));
  let organisation = text.organisation;
  // The stamp is one page: a long name that wraps past its box is set smaller, then shortened.
  for (let attempt = 0; ; attempt++) {
    let pages = 0;
    const pdf = await renderPdf(layout({ ...text, organisation }, width, height, size, (count) => { pages = count; }));
    if (pages <= 1 || attempt >= 12) return new Uint8Array(pdf);
    if (size > MIN_FONT) size = Math.max(MIN_FONT, size - 0.5);
    else if (organisation && organisation.length > 12) organisation = `${organisation.slice(0, Math.floor(organisation.length * 0.8)).trimEnd()}…`;
    else return new Uint8Array(pdf);
  }
}

function layout(text: StampText, width: number, height: number, size: number, onPages: (count: number) => void): TDocumentDefinitions {
  return {
    pageSize: { width, height },
    pageMargins: [5, 4, 5, 3],
    info: { title: 'Chữ ký số', creator: 'Trạm tiếp nhận một cửa', producer: 'Trạm tiếp nhận một cửa (pdfmake)' },
    background: () => ({
      canvas: [{ type: 'rect', x: 0.75, y: 0.75, w: width - 1.5, h: height - 1.5, r: 3, lineWidth: 1.2, lineColor: STAMP_COLOR }],
    }),
    // pdfmake asks for the footer of every page with the page count: a cheap way to learn it.
    footer: (_page: number, count: number) => { onPages(count); return null; },
    defaultStyle: { fontSize: size, color: STAMP_COLOR, lineHeight: 1.1 },
    content: [
      { text: 'Đã ký số', bold: true, fontSize: size + 0.5, margin: [0, 0, 0, 1] },
      { text: [{ text: 'Ký bởi: ' }, { text: text.signer, bold: true }] },
      ...(text.organisation ? [{ text: [{ text: 'Cơ quan: ' }, { text: text.organisation }] }] : []),
      { text: [{ text: 'Thời gian ký: ' }, { text: text.signedAt }] },
    ],
  };
}
