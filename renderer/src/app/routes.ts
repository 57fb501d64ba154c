import { lazy, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { useLocation } from 'wouter';
import { useOfficer } from '../common/officer';
import type { Text } from '../common/i18n/i18n';
import { PATHS, type RouteId, type ScreenProps } from './paths';

export { pathOf, type ScreenProps } from './paths';

// THE route registry: every screen of the station, once. The tabs, the hash router's routes,
// the hotkeys (F2, F3, and Alt+N for the n-th tab) and the status bar's list of keys are all
// derived from it. A new screen is a folder under features/, one line here and its address in
// paths.ts (which screens import for their links, so that this file's lazy imports make no circle).

/** Who the screen is for: the shell shows an officer the screens of their roles (the station checks every call anyway). */
export type Role = 'reception' | 'technician' | 'leader';
const COUNTER: readonly Role[] = ['reception'];
const TECHNICIAN: readonly Role[] = ['technician'];

type ScreenModule = Promise<{ default: ComponentType<ScreenProps> }>;

export type RouteEntry = Readonly<{
  id: RouteId;
  /** wouter pattern under the hash: "#/logbook", "#/dossiers/:code". */
  path: string;
  label: Text;
  roles: readonly Role[];
  /**
   * Shown as a tab (in this order, Alt+1…); a page that is not a tab belongs to the tab `tabOf`.
   * The pages of the "admin" tab are listed in a menu beside them, in this order.
   */
  tab: boolean;
  tabOf?: string;
  /** A key of its own, besides Alt+N, and what the status bar says it does. */
  hotkey?: string;
  hotkeyHint?: Text;
  load: () => ScreenModule;
  screen: LazyExoticComponent<ComponentType<ScreenProps>>;
}>;

const route = (r: Omit<RouteEntry, 'screen'>): RouteEntry => ({ ...r, screen: lazy(r.load) });

export const routes: readonly RouteEntry[] = [
  route({ id: 'intake', path: PATHS.intake, label: { vi: 'Tiếp nhận', en: 'Intake' }, roles: COUNTER, tab: true, hotkey: 'F2', hotkeyHint: { vi: 'hồ sơ mới', en: 'new dossier' }, load: () => import('../features/intake/IntakeScreen') }),
  route({ id: 'logbook', path: PATHS.logbook, label: { vi: 'Sổ theo dõi', en: 'Log book' }, roles: ['reception', 'leader'], tab: true, hotkey: 'F3', hotkeyHint: { vi: 'tìm hồ sơ', en: 'find a dossier' }, load: () => import('../features/logbook/LogbookScreen') }),
  route({ id: 'sync', path: PATHS.sync, label: { vi: 'Đồng bộ', en: 'Sync' }, roles: ['reception', 'technician'], tab: true, load: () => import('../features/sync/SyncScreen') }),
  route({ id: 'queue', path: PATHS.queue, label: { vi: 'Hàng đợi', en: 'Queue' }, roles: COUNTER, tab: false, tabOf: 'intake', hotkey: 'F8', hotkeyHint: { vi: 'gọi số tiếp', en: 'call next' }, load: () => import('../features/queue/QueueScreen') }),
  route({ id: 'admin', path: PATHS.admin, label: { vi: 'Quản trị', en: 'Administration' }, roles: ['technician', 'leader'], tab: true, load: async () => ({ default: AdminIndex }) }),
  route({ id: 'calendar', path: PATHS.calendar, label: { vi: 'Lịch làm việc', en: 'Calendar' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/calendar/CalendarScreen') }),
  route({ id: 'settings', path: PATHS.settings, label: { vi: 'Cài đặt', en: 'Settings' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/settings/SettingsScreen') }),
  route({ id: 'signing', path: PATHS.signing, label: { vi: 'Chữ ký số', en: 'Signing' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/signing/SigningScreen') }),
  route({ id: 'scanners', path: PATHS.scanners, label: { vi: 'Máy quét', en: 'Scanners' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/scanning/ScanSettingsScreen') }),
  route({ id: 'officers', path: PATHS.officers, label: { vi: 'Cán bộ', en: 'Officers' }, roles: ['technician', 'leader'], tab: false, tabOf: 'admin', load: () => import('../features/officers/OfficersScreen') }),
  route({ id: 'watch', path: PATHS.watch, label: { vi: 'Theo dõi hạn', en: 'Deadlines' }, roles: ['reception', 'leader'], tab: true, load: () => import('../features/watch/WatchScreen') }),
  route({ id: 'indicators', path: PATHS.indicators, label: { vi: 'Chỉ số', en: 'Indicators' }, roles: ['leader'], tab: true, load: () => import('../features/indicators/IndicatorsScreen') }),
  route({ id: 'report', path: PATHS.report, label: { vi: 'Báo cáo', en: 'Reports' }, roles: ['leader'], tab: true, load: () => import('../features/reports/ReportScreen') }),
  route({ id: 'lifecycle-settings', path: PATHS['lifecycle-settings'], label: { vi: 'Quy trình hồ sơ', en: 'Dossier workflow' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/lifecycle/LifecycleSettingsScreen') }),
  route({ id: 'kiosk', path: PATHS.kiosk, label: { vi: 'Lấy số thứ tự', en: 'Ticket kiosk' }, roles: COUNTER, tab: false, tabOf: 'intake', load: () => import('../features/queue/KioskScreen') }),
  route({ id: 'reader', path: PATHS.reader, label: { vi: 'Đầu đọc CCCD', en: 'Identity-card reader' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/devices/ReaderSettingsScreen') }),
  route({ id: 'queueSettings', path: PATHS.queueSettings, label: { vi: 'Hàng đợi, máy in phiếu', en: 'Queue, ticket printer' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/queue/QueueSettingsScreen') }),
  route({ id: 'deskIndicators', path: PATHS.deskIndicators, label: { vi: 'Chỉ số quầy', en: 'Desk indicators' }, roles: ['leader'], tab: false, tabOf: 'admin', load: () => import('../features/queue/IndicatorsScreen') }),
  route({ id: 'dossier', path: PATHS.dossier, label: { vi: 'Hồ sơ', en: 'Dossier' }, roles: ['reception', 'leader'], tab: false, tabOf: 'logbook', load: () => import('../features/dossier/DossierPage') }),
  route({ id: 'receipts', path: PATHS.receipts, label: { vi: 'Biên lai', en: 'Receipts' }, roles: ['reception', 'leader'], tab: false, tabOf: 'logbook', hotkey: 'F7', hotkeyHint: { vi: 'biên lai, bảng kê thu tiền', en: 'receipts, cash summary' }, load: () => import('../features/fees/ReceiptsScreen') }),
  route({ id: 'receiptBooks', path: PATHS.receiptBooks, label: { vi: 'Quyển biên lai', en: 'Receipt books' }, roles: TECHNICIAN, tab: false, tabOf: 'admin', load: () => import('../features/fees/ReceiptBooksScreen') }),
  route({ id: 'results', path: PATHS.results, label: { vi: 'Trả kết quả', en: 'Results' }, roles: COUNTER, tab: false, tabOf: 'intake', hotkey: 'F4', hotkeyHint: { vi: 'trả kết quả', en: 'hand back results' }, load: () => import('../features/results/ResultsScreen') }),
  route({ id: 'conflicts', path: PATHS.conflicts, label: { vi: 'Khác biệt với cổng', en: 'Disagreements with the portal' }, roles: ['reception', 'leader'], tab: false, tabOf: 'logbook', load: () => import('../features/conflicts/ConflictsScreen') }),
];

export const tabs: readonly RouteEntry[] = routes.filter((r) => r.tab);

/** The routes an officer of these roles sees (a page under a tab goes with its tab). */
export function routesFor(roles: readonly string[]): readonly RouteEntry[] {
  return routes.filter((r) => r.roles.some((role) => roles.includes(role)));
}

/** The keys that open a route: its own hotkey, then Alt+N by its place among the tabs shown. */
export function keysOf(route: RouteEntry, shown: readonly RouteEntry[] = tabs): readonly string[] {
  const n = shown.indexOf(route);
  return [...(route.hotkey ? [route.hotkey] : []), ...(n >= 0 && n < 9 ? [`Alt+${n + 1}`] : [])];
}

export function routeById(id: RouteId): RouteEntry {
  const r = routes.find((x) => x.id === id);
  if (!r) throw new Error(`No route ${id}`);
  return r;
}

/** The administration tab itself: its first page this officer may see (the calendar, for a technician). */
function AdminIndex(_props: ScreenProps) {
  const officer = useOfficer();
  const [, navigate] = useLocation();
  const first = routesFor(officer?.roles ?? []).find((r) => r.tabOf === 'admin');
  useEffect(() => { if (first) navigate(first.path, { replace: true }); }, [first, navigate]);
  return null;
}
