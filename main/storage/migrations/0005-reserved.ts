import type { Migration } from './migration';

// v5 is taken by a migration built on another branch at the same time as v6. On a branch without
// it this empty step keeps the numbering (a migration's version is its position); when the
// branches are merged the other migration takes this place and this file is removed.
export const m0005Reserved: Migration = {
  version: 5,
  name: 'reserved',
  up() {
    /* nothing: the slot of the other branch's migration */
  },
};
