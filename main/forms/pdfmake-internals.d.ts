// pdfmake 0.3 internals reached by pdf.ts (no published types): the pdfkit document subclass
// whose `provideFont` gives fonts to the layout engine.
declare module 'pdfmake/js/PDFDocument.js' {
  const pdfDocumentModule: unknown;
  export default pdfDocumentModule;
}
