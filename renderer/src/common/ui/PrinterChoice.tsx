import type { PrinterInfo } from '../../../../main/contract/schemas';

/** The printer to print on, where the station knows any (see common/printing.ts). */
export function PrinterChoice({ label, printers, printer, setPrinter }: {
  label: string;
  printers: readonly PrinterInfo[] | undefined;
  printer: string;
  setPrinter: (name: string) => void;
}) {
  if (!printers || printers.length === 0) return null;
  return (
    <label>
      {label}{' '}
      <select value={printer} onChange={(e) => setPrinter(e.target.value)}>
        {printers.map((p) => <option key={p.name} value={p.name}>{p.displayName}</option>)}
      </select>
    </label>
  );
}
