import { m0001Initial } from './0001-initial';
import { m0002Sync } from './0002-sync';
import { m0003ScannedDocuments } from './0003-scanned-documents';
import { m0004CodeSearch } from './0004-code-search';
import { m0005OfficersAudit } from './0005-officers-audit';
import { m0006Desk } from './0006-desk';
import { m0007Fees } from './0007-fees';
import { m0008Lifecycle } from './0008-lifecycle';
import { m0009PrintQueue } from './0009-print-queue';
import { m0010ScanSessions } from './0010-scan-sessions';

export type { Migration } from './migration';
import type { Migration } from './migration';

/** In order; a migration's version is its position. Never edit a shipped migration: add one. */
export const migrations: readonly Migration[] = [m0001Initial, m0002Sync, m0003ScannedDocuments, m0004CodeSearch, m0005OfficersAudit, m0006Desk, m0007Fees, m0008Lifecycle, m0009PrintQueue, m0010ScanSessions];
