// Where each screen lives under the hash: the addresses a screen links to, apart from the route
// registry (routes.ts), which loads the screens. A screen imports this file, never routes.ts, so
// the registry's lazy imports of the screens make no circle.

export type ScreenProps = Readonly<{ params: Readonly<Record<string, string | undefined>> }>;

/** wouter patterns under the hash: "#/logbook", "#/dossiers/:code". */
export const PATHS = {
  intake: '/',
  logbook: '/logbook',
  sync: '/sync',
  queue: '/queue',
  admin: '/admin',
  calendar: '/calendar',
  settings: '/settings',
  signing: '/signing',
  scanners: '/scanners',
  officers: '/officers',
  watch: '/watch',
  indicators: '/indicators',
  report: '/report',
  'lifecycle-settings': '/lifecycle-settings',
  kiosk: '/kiosk',
  reader: '/reader',
  queueSettings: '/ticket-printer',
  deskIndicators: '/desk-indicators',
  dossier: '/dossiers/:code',
  receipts: '/receipts',
  receiptBooks: '/receipt-books',
  results: '/results',
  conflicts: '/conflicts',
} as const;

export type RouteId = keyof typeof PATHS;

/** The address of a route, its :params filled ("/dossiers/:code" with { code } → "/dossiers/000.00…"). */
export function pathOf(id: RouteId, params: Readonly<Record<string, string>> = {}): string {
  return PATHS[id].replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}
