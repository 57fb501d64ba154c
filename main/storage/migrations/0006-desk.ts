import type { Migration } from './migration';

// v6: the devices on the desk. Queue tickets (numbered per day and per group, with their print
// state, calls, transfers and times for the indicators, and the dossiers received for them), and
// the citizens' ratings of a visit, asked by an officer and given on the screen facing them. A
// rating is written once: triggers refuse to change or remove it.
export const m0006Desk: Migration = {
  version: 6,
  name: 'desk',
  up(db) {
    db.exec(`
      CREATE TABLE queue_tickets (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        -- The number's group and sequence, as printed ("A015"): never change after issue.
        number_group TEXT NOT NULL CHECK (number_group GLOB '[A-Z]'),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        number TEXT NOT NULL,
        -- The group serving it now (a transfer may move it).
        group_letter TEXT NOT NULL CHECK (group_letter GLOB '[A-Z]'),
        group_name TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'called', 'serving', 'finished', 'skipped')),
        issued_at INTEGER NOT NULL,
        issued_by TEXT NOT NULL CHECK (issued_by IN ('kiosk', 'officer')),
        waiting_before INTEGER NOT NULL CHECK (waiting_before >= 0),
        follow_url TEXT NOT NULL,
        target_counter INTEGER,
        requeued_at INTEGER,
        first_called_at INTEGER,
        called_at INTEGER,
        counter INTEGER,
        calls INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
        transfers INTEGER NOT NULL DEFAULT 0 CHECK (transfers >= 0),
        served_at INTEGER,
        finished_at INTEGER,
        skipped_at INTEGER,
        officer_id TEXT,
        officer_name TEXT,
        print_state TEXT NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending', 'printed', 'failed')),
        print_reason TEXT,
        print_detail TEXT,
        printed INTEGER NOT NULL DEFAULT 0 CHECK (printed >= 0),
        reprints INTEGER NOT NULL DEFAULT 0 CHECK (reprints >= 0),
        paper_near_end INTEGER NOT NULL DEFAULT 0 CHECK (paper_near_end IN (0, 1)),
        UNIQUE (day, number_group, seq)
      ) STRICT;
      CREATE INDEX queue_tickets_by_day_state ON queue_tickets (day, state, id);
      CREATE INDEX queue_tickets_printing ON queue_tickets (print_state) WHERE print_state = 'pending';

      -- Every print of a ticket: the first, a retry after a fault, a reprint asked for.
      CREATE TABLE queue_prints (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES queue_tickets(id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('first', 'retry', 'reprint')),
        outcome TEXT NOT NULL CHECK (outcome IN ('printed', 'failed')),
        reason TEXT,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        officer_name TEXT
      ) STRICT;
      CREATE INDEX queue_prints_by_ticket ON queue_prints (ticket_id);

      CREATE TABLE queue_transfers (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES queue_tickets(id),
        at INTEGER NOT NULL,
        from_counter INTEGER,
        to_counter INTEGER,
        from_group TEXT NOT NULL,
        to_group TEXT NOT NULL,
        officer_name TEXT
      ) STRICT;
      CREATE INDEX queue_transfers_by_ticket ON queue_transfers (ticket_id);

      CREATE TABLE queue_ticket_dossiers (
        ticket_id INTEGER NOT NULL REFERENCES queue_tickets(id),
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        linked_at INTEGER NOT NULL,
        PRIMARY KEY (ticket_id, dossier_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX queue_ticket_dossiers_by_dossier ON queue_ticket_dossiers (dossier_id);

      -- A visit the officer asked the citizen to rate (after the slip, or at the return).
      CREATE TABLE rating_visits (
        id TEXT PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        moment TEXT NOT NULL CHECK (moment IN ('intake', 'return')),
        officer_id TEXT NOT NULL,
        officer_name TEXT NOT NULL,
        asked_at INTEGER NOT NULL,
        asked_day TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'rated', 'closed')),
        closed_at INTEGER
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX rating_visits_by_dossier ON rating_visits (dossier_id, moment);
      CREATE INDEX rating_visits_by_day ON rating_visits (asked_day, officer_id);
      CREATE TRIGGER rating_visits_rated_is_final BEFORE UPDATE OF state ON rating_visits WHEN OLD.state = 'rated'
        BEGIN SELECT RAISE(ABORT, 'a rated visit stays rated'); END;

      -- The citizen's answer: with the dossier and the officer, once per visit and per moment of a dossier.
      CREATE TABLE visit_ratings (
        visit_id TEXT PRIMARY KEY REFERENCES rating_visits(id),
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        moment TEXT NOT NULL CHECK (moment IN ('intake', 'return')),
        officer_id TEXT NOT NULL,
        officer_name TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
        comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 500),
        rated_at INTEGER NOT NULL,
        rated_day TEXT NOT NULL,
        UNIQUE (dossier_id, moment)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX visit_ratings_by_day ON visit_ratings (rated_day, officer_id);
      CREATE TRIGGER visit_ratings_never_change BEFORE UPDATE ON visit_ratings
        BEGIN SELECT RAISE(ABORT, 'a rating is never changed'); END;
      CREATE TRIGGER visit_ratings_never_removed BEFORE DELETE ON visit_ratings
        BEGIN SELECT RAISE(ABORT, 'a rating is never removed'); END;
    `);
  },
};
