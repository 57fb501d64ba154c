import type { Migration } from './migration';

// v5 is the fees and receipts migration, built on another branch at the same time as v6. On a
// branch without it this empty step keeps the numbering (a migration's version is its position);
// when both branches are merged the fees migration takes this place and this file is removed.
export const m0005Reserved: Migration = {
  version: 5,
  name: 'reserved',
  up() {
    /* nothing: the slot of the fees migration */
  },
};
