import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { useOfficer } from '../common/officer';
import { routesFor, type ScreenProps } from './routes';

/** The administration tab itself: its first page this officer may see (the calendar, for a technician). */
export default function AdminIndex(_props: ScreenProps) {
  const officer = useOfficer();
  const [, navigate] = useLocation();
  const first = routesFor(officer?.roles ?? []).find((r) => r.tabOf === 'admin');
  useEffect(() => { if (first) navigate(first.path, { replace: true }); }, [first, navigate]);
  return null;
}
