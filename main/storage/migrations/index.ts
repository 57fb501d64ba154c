import { m0001Initial } from './0001-initial';
import { m0002Sync } from './0002-sync';
import { m0003ScannedDocuments } from './0003-scanned-documents';
import { m0004CodeSearch } from './0004-code-search';
import { m0005OfficersAudit } from './0005-officers-audit';
// The lifecycle's migration is 0008 on main (6 and 7 come from other branches); version 6 here until they are merged.
import { m0008Lifecycle } from './0008-lifecycle';

export type { Migration } from './migration';
import type { Migration } from './migration';

/** In order; a migration's version is its position. Never edit a shipped migration: add one. */
export const migrations: readonly Migration[] = [m0001Initial, m0002Sync, m0003ScannedDocuments, m0004CodeSearch, m0005OfficersAudit, m0008Lifecycle];
