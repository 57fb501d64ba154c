import type { Migration } from './migration';

// The dossier's life after intake (core/lifecycle.ts): what each dossier's state needs beyond its
// status (when it was finished, returned, withdrawn or stopped; the supplement asked; the date
// promised by an apology), its history, the requests handled at the counter without a reception
// (incomplete papers, refusals), every form issued and printed, the disagreements with the
// portal, and the pre-aggregated counts the dashboard reads.
//
// Derived values are expressions over the stored columns, indexed as expressions, so that a list
// and its index can never disagree with the status they are derived from, whichever code wrote
// the row (and the table keeps only real columns: a copy with INSERT … SELECT * still works):
// - the date in force: the apology's new date, else the appointment;
// - the watch: that date, while the dossier is in the agency's hands (2, 4, 6) — a supplement (5)
//   stops the clock, so it is not watched;
// - ready: when the result became ready, while it waits to be handed back (9);
// - handled: when the result was ready, and whether that was early, on time or late against the
//   appointment on the slip (calendar/lateness.ts `timeliness`, in SQL).
//
// The dashboard's counts (lifecycle_daily) are kept by triggers in the transaction of every
// write of a dossier, a scan or a signed file — whichever feature writes it — so they always
// equal a full recount (test/lifecycle/indicators.test.ts proves it).
/** When the result was ready: finished, or (finishing time unknown) returned. */
const handled = (row: string) => `coalesce(${row}.finished_local, ${row}.returned_local)`;
/** Early, on time or late against the appointment on the slip (calendar/lateness.ts `timeliness`). */
const timeliness = (row: string) => `(CASE WHEN ${handled(row)} IS NULL THEN NULL WHEN ${handled(row)} > ${row}.appointment_local THEN 'late'
  WHEN ${handled(row)} < substr(${row}.appointment_local, 1, 10) THEN 'early' ELSE 'on_time' END)`;

export const m0008Lifecycle: Migration = {
  version: 8,
  name: 'lifecycle',
  up(db) {
    db.exec(`
      ALTER TABLE dossiers ADD COLUMN last_changed_local TEXT;
      ALTER TABLE dossiers ADD COLUMN status_before_supplement INTEGER CHECK (status_before_supplement IS NULL OR status_before_supplement BETWEEN 1 AND 10);
      ALTER TABLE dossiers ADD COLUMN supplement_requested_local TEXT;
      ALTER TABLE dossiers ADD COLUMN rescheduled_local TEXT;
      ALTER TABLE dossiers ADD COLUMN finished_local TEXT;
      ALTER TABLE dossiers ADD COLUMN returned_local TEXT;
      ALTER TABLE dossiers ADD COLUMN closed_local TEXT;
      -- Who the result is credited to (the officer or unit that finished it), and who holds the dossier now.
      ALTER TABLE dossiers ADD COLUMN finished_by TEXT;
      ALTER TABLE dossiers ADD COLUMN handler_name TEXT;
      -- Working minutes from the start of the count to the result (the average processing time).
      ALTER TABLE dossiers ADD COLUMN processing_minutes INTEGER CHECK (processing_minutes IS NULL OR processing_minutes >= 0);
      -- Who took the result and how (the log book's signature and note columns).
      ALTER TABLE dossiers ADD COLUMN returned_to TEXT;
      ALTER TABLE dossiers ADD COLUMN return_note TEXT;
      ALTER TABLE dossiers ADD COLUMN digitised INTEGER NOT NULL DEFAULT 0 CHECK (digitised IN (0, 1));
      ALTER TABLE dossiers ADD COLUMN signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1));

      -- The lists read through expression indexes (the same expressions as lifecycle-store.ts):
      -- the watch by the date in force while in the agency's hands, the results waiting by when
      -- they became ready, the handled by when the result was ready.
      -- The watch's index also holds what its groupings count by (the procedure, who holds the
      -- dossier), so counting thousands of overdue dossiers never reads their rows.
      CREATE INDEX dossiers_watch ON dossiers (coalesce(rescheduled_local, appointment_local), procedure_code, handler_name, officer_name, status)
        WHERE status IN (2, 4, 6);
      CREATE INDEX dossiers_ready ON dossiers (coalesce(finished_local, last_changed_local, received_local)) WHERE status = 9;
      CREATE INDEX dossiers_handled ON dossiers (coalesce(finished_local, returned_local));

      -- The search keys of the results waiting to be handed back (status 9), kept by triggers from
      -- the dossiers' own keys: a name search among a few thousand results never walks the names
      -- of a million dossiers. "n" name suffixes, "c" code tails, "i" identity numbers, "p" phones.
      CREATE TABLE ready_search (
        key TEXT NOT NULL,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        PRIMARY KEY (key, dossier_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX ready_search_by_dossier ON ready_search (dossier_id);

      -- What happened to each dossier after its reception, oldest first: the counter's changes and
      -- the portal's progress (a hand-off between units is a row with the same status before and after).
      CREATE TABLE dossier_events (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        event TEXT NOT NULL CHECK (length(event) BETWEEN 1 AND 40),
        cause TEXT NOT NULL CHECK (cause IN ('counter', 'feed')),
        from_status INTEGER CHECK (from_status IS NULL OR from_status BETWEEN 1 AND 10),
        to_status INTEGER NOT NULL CHECK (to_status BETWEEN 1 AND 10),
        at TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        officer_id TEXT,
        officer_name TEXT NOT NULL,
        unit TEXT NOT NULL,
        reason TEXT,
        details TEXT CHECK (details IS NULL OR json_valid(details)),
        warnings TEXT CHECK (warnings IS NULL OR json_valid(warnings)),
        feed_cursor TEXT UNIQUE
      ) STRICT;
      CREATE INDEX dossier_events_by_dossier ON dossier_events (dossier_id, id);

      -- Requests handled at the counter that never became a dossier: incomplete papers (the
      -- citizen leaves with Mẫu 02 and the form is kept to resume the intake) and refusals (Mẫu 03).
      CREATE TABLE counter_requests (
        id INTEGER PRIMARY KEY,
        -- The intake form's key: the dossier received from it later has the same one.
        intake_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('supplement', 'refusal')),
        procedure_code TEXT NOT NULL,
        procedure_name TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        owner_id_number TEXT NOT NULL,
        draft TEXT NOT NULL CHECK (json_valid(draft)),
        items TEXT NOT NULL CHECK (json_valid(items)),
        reason TEXT NOT NULL,
        officer_id TEXT,
        officer_name TEXT NOT NULL,
        at_local TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        closed_local TEXT
      ) STRICT;
      CREATE UNIQUE INDEX counter_requests_by_intake_key ON counter_requests (intake_key, kind);
      CREATE INDEX counter_requests_open_by_id_number ON counter_requests (owner_id_number, id) WHERE kind = 'supplement' AND closed_local IS NULL;
      CREATE INDEX counter_requests_open_by_time ON counter_requests (at_local) WHERE kind = 'supplement' AND closed_local IS NULL;
      CREATE TABLE counter_request_names (
        suffix TEXT NOT NULL,
        request_id INTEGER NOT NULL REFERENCES counter_requests(id),
        PRIMARY KEY (suffix, request_id DESC)
      ) STRICT, WITHOUT ROWID;

      -- Every form issued (its number, its data as printed, by whom) and every time it was printed.
      CREATE TABLE issued_forms (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER REFERENCES dossiers(id),
        request_id INTEGER REFERENCES counter_requests(id),
        event_id INTEGER REFERENCES dossier_events(id),
        kind TEXT NOT NULL,
        form_set TEXT NOT NULL,
        number TEXT,
        title TEXT NOT NULL,
        issued_local TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        officer_id TEXT,
        officer_name TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        CHECK (dossier_id IS NOT NULL OR request_id IS NOT NULL OR kind = 'log_book')
      ) STRICT;
      CREATE INDEX issued_forms_by_dossier ON issued_forms (dossier_id, id) WHERE dossier_id IS NOT NULL;
      CREATE INDEX issued_forms_by_request ON issued_forms (request_id, id) WHERE request_id IS NOT NULL;
      CREATE TABLE form_prints (
        id INTEGER PRIMARY KEY,
        form_id INTEGER NOT NULL REFERENCES issued_forms(id),
        printed_at INTEGER NOT NULL,
        printed_local TEXT NOT NULL,
        officer_id TEXT,
        officer_name TEXT NOT NULL,
        printer TEXT,
        copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 10)
      ) STRICT;
      CREATE INDEX form_prints_by_form ON form_prints (form_id, id);
      CREATE TABLE form_numbers (
        kind TEXT NOT NULL,
        year TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (kind, year)
      ) STRICT, WITHOUT ROWID;

      -- The portal and the station disagree about a dossier (the counter returned a result the
      -- back office has since stopped): kept until an officer decides, never overwritten.
      CREATE TABLE lifecycle_conflicts (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        source TEXT NOT NULL CHECK (source IN ('feed', 'send')),
        station_status INTEGER NOT NULL CHECK (station_status BETWEEN 1 AND 10),
        portal_status INTEGER NOT NULL CHECK (portal_status BETWEEN 1 AND 10),
        portal_unit TEXT NOT NULL,
        portal_officer TEXT NOT NULL,
        portal_at TEXT,
        portal_note TEXT NOT NULL,
        -- The station's change the portal refused (it stays rejected in the outbox until resolved).
        outbox_id INTEGER,
        detected_at INTEGER NOT NULL,
        detected_local TEXT NOT NULL,
        resolved_at INTEGER,
        resolution TEXT CHECK (resolution IS NULL OR resolution IN ('keep_station', 'accept_portal')),
        resolved_by TEXT,
        resolution_note TEXT
      ) STRICT;
      CREATE UNIQUE INDEX lifecycle_conflicts_open ON lifecycle_conflicts (dossier_id) WHERE resolved_at IS NULL;
      CREATE INDEX lifecycle_conflicts_open_by_time ON lifecycle_conflicts (detected_at) WHERE resolved_at IS NULL;
      CREATE INDEX lifecycle_conflicts_by_dossier ON lifecycle_conflicts (dossier_id, id);

      -- The dashboard's counts per day, procedure and officer: received, digitised and signed by
      -- the day of reception and the receiving officer; early / on time / late and the working
      -- minutes by the day the result was ready and the officer or unit credited with it.
      CREATE TABLE lifecycle_daily (
        day TEXT NOT NULL,
        procedure_code TEXT NOT NULL,
        officer TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        digitised INTEGER NOT NULL DEFAULT 0,
        signed INTEGER NOT NULL DEFAULT 0,
        early INTEGER NOT NULL DEFAULT 0,
        on_time INTEGER NOT NULL DEFAULT 0,
        late INTEGER NOT NULL DEFAULT 0,
        processing_minutes INTEGER NOT NULL DEFAULT 0,
        timed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, procedure_code, officer)
      ) STRICT, WITHOUT ROWID;
    `);

    // Dossiers the old feed moved on (status only): their times from the progress rows, or the
    // time of their last change.
    const feedTime = (status: string) => `(SELECT min(substr(p.at, 1, 4) || '-' || substr(p.at, 5, 2) || '-' || substr(p.at, 7, 2) || 'T' || substr(p.at, 9, 2) || ':' || substr(p.at, 11, 2))
        FROM dossier_progress p WHERE p.dossier_id = dossiers.id AND p.status IN (${status}) AND length(p.at) = 14 AND p.at NOT GLOB '*[^0-9]*')`;
    const updatedLocal = `strftime('%Y-%m-%dT%H:%M', updated_at / 1000, 'unixepoch', '+7 hours')`;
    db.exec(`
      UPDATE dossiers SET finished_local = coalesce(${feedTime('9')}, ${feedTime('10')}, ${updatedLocal}) WHERE status IN (9, 10);
      UPDATE dossiers SET returned_local = coalesce(${feedTime('10')}, ${updatedLocal}) WHERE status = 10;
      UPDATE dossiers SET closed_local = coalesce(${feedTime('7, 8')}, ${updatedLocal}) WHERE status IN (7, 8);
      UPDATE dossiers SET last_changed_local = max(received_local, coalesce(returned_local, closed_local, finished_local, received_local)) WHERE status <> 2;
      UPDATE dossiers SET digitised = 1
        WHERE EXISTS (SELECT 1 FROM dossier_documents dd WHERE dd.dossier_id = dossiers.id)
          AND NOT EXISTS (SELECT 1 FROM dossier_documents dd WHERE dd.dossier_id = dossiers.id
                          AND NOT EXISTS (SELECT 1 FROM scanned_documents s WHERE s.dossier_id = dd.dossier_id AND s.document_code = dd.document_code));
      UPDATE dossiers SET signed = 1 WHERE EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = dossiers.id AND f.kind IN ('signed-slip', 'scan-signed'));

      INSERT INTO lifecycle_daily (day, procedure_code, officer, received, digitised, signed)
        SELECT received_date, procedure_code, officer_name, count(*), sum(digitised), sum(signed) FROM dossiers GROUP BY 1, 2, 3;
      INSERT INTO lifecycle_daily (day, procedure_code, officer, early, on_time, late, processing_minutes, timed)
        SELECT substr(${handled('dossiers')}, 1, 10), procedure_code, coalesce(finished_by, officer_name),
               sum(${timeliness('dossiers')} = 'early'), sum(${timeliness('dossiers')} = 'on_time'), sum(${timeliness('dossiers')} = 'late'),
               coalesce(sum(processing_minutes), 0), count(processing_minutes)
        FROM dossiers WHERE ${handled('dossiers')} IS NOT NULL GROUP BY 1, 2, 3
        ON CONFLICT (day, procedure_code, officer) DO UPDATE SET early = early + excluded.early, on_time = on_time + excluded.on_time,
          late = late + excluded.late, processing_minutes = processing_minutes + excluded.processing_minutes, timed = timed + excluded.timed;
    `);

    // The triggers that keep lifecycle_daily equal to a recount. Each adds a dossier's share
    // (received part, handled part) and, on a change, takes the old share away first.
    const receivedShare = (row: 'NEW' | 'OLD', sign: '+' | '-') => `
      INSERT INTO lifecycle_daily (day, procedure_code, officer, received, digitised, signed)
        VALUES (${row}.received_date, ${row}.procedure_code, ${row}.officer_name, ${sign}1, ${sign}${row}.digitised, ${sign}${row}.signed)
        ON CONFLICT (day, procedure_code, officer) DO UPDATE SET received = received + excluded.received,
          digitised = digitised + excluded.digitised, signed = signed + excluded.signed;`;
    const handledShare = (row: 'NEW' | 'OLD', sign: '+' | '-') => `
      INSERT INTO lifecycle_daily (day, procedure_code, officer, early, on_time, late, processing_minutes, timed)
        SELECT substr(${handled(row)}, 1, 10), ${row}.procedure_code, coalesce(${row}.finished_by, ${row}.officer_name),
               ${sign}(${timeliness(row)} = 'early'), ${sign}(${timeliness(row)} = 'on_time'), ${sign}(${timeliness(row)} = 'late'),
               ${sign}coalesce(${row}.processing_minutes, 0), ${sign}(${row}.processing_minutes IS NOT NULL)
        WHERE ${handled(row)} IS NOT NULL
        ON CONFLICT (day, procedure_code, officer) DO UPDATE SET early = early + excluded.early, on_time = on_time + excluded.on_time,
          late = late + excluded.late, processing_minutes = processing_minutes + excluded.processing_minutes, timed = timed + excluded.timed;`;
    // A dossier's search keys as the results waiting know them.
    const readyKeys = (row: 'NEW') => `
        INSERT OR IGNORE INTO ready_search (key, dossier_id) SELECT 'n' || suffix, dossier_id FROM dossier_search_names WHERE dossier_id = ${row}.id;
        INSERT OR IGNORE INTO ready_search (key, dossier_id) SELECT 'c' || key, dossier_id FROM dossier_search_codes WHERE dossier_id = ${row}.id;
        INSERT OR IGNORE INTO ready_search (key, dossier_id) VALUES ('i' || ${row}.owner_id_number, ${row}.id), ('p' || ${row}.owner_phone, ${row}.id);`;
    db.exec(`
      INSERT OR IGNORE INTO ready_search (key, dossier_id) SELECT 'n' || n.suffix, n.dossier_id FROM dossier_search_names n JOIN dossiers d ON d.id = n.dossier_id WHERE d.status = 9;
      INSERT OR IGNORE INTO ready_search (key, dossier_id) SELECT 'c' || k.key, k.dossier_id FROM dossier_search_codes k JOIN dossiers d ON d.id = k.dossier_id WHERE d.status = 9;
      INSERT OR IGNORE INTO ready_search (key, dossier_id) SELECT 'i' || owner_id_number, id FROM dossiers WHERE status = 9;
      INSERT OR IGNORE INTO ready_search (key, dossier_id) SELECT 'p' || owner_phone, id FROM dossiers WHERE status = 9;
    `);
    const changed = ['received_date', 'procedure_code', 'officer_name', 'digitised', 'signed', 'finished_local', 'returned_local', 'appointment_local', 'finished_by', 'processing_minutes']
      .map((c) => `OLD.${c} IS NOT NEW.${c}`)
      .join(' OR ');
    db.exec(`
      CREATE TRIGGER lifecycle_daily_on_insert AFTER INSERT ON dossiers BEGIN
        ${receivedShare('NEW', '+')}
        ${handledShare('NEW', '+')}
      END;
      CREATE TRIGGER lifecycle_daily_on_update AFTER UPDATE ON dossiers WHEN ${changed} BEGIN
        ${receivedShare('OLD', '-')}
        ${handledShare('OLD', '-')}
        ${receivedShare('NEW', '+')}
        ${handledShare('NEW', '+')}
      END;
      CREATE TRIGGER lifecycle_daily_on_delete AFTER DELETE ON dossiers BEGIN
        ${receivedShare('OLD', '-')}
        ${handledShare('OLD', '-')}
      END;

      -- Digitised: every document of the dossier has its scan (scanning writes scanned_documents).
      CREATE TRIGGER dossiers_digitised AFTER INSERT ON scanned_documents
        WHEN (SELECT digitised FROM dossiers WHERE id = NEW.dossier_id) = 0
         AND EXISTS (SELECT 1 FROM dossier_documents WHERE dossier_id = NEW.dossier_id)
         AND NOT EXISTS (SELECT 1 FROM dossier_documents dd WHERE dd.dossier_id = NEW.dossier_id
                         AND NOT EXISTS (SELECT 1 FROM scanned_documents s WHERE s.dossier_id = dd.dossier_id AND s.document_code = dd.document_code))
      BEGIN UPDATE dossiers SET digitised = 1 WHERE id = NEW.dossier_id; END;
      -- A paper added later (a supplement) is not scanned yet.
      CREATE TRIGGER dossiers_undigitised AFTER INSERT ON dossier_documents
        WHEN (SELECT digitised FROM dossiers WHERE id = NEW.dossier_id) = 1
         AND NOT EXISTS (SELECT 1 FROM scanned_documents s WHERE s.dossier_id = NEW.dossier_id AND s.document_code = NEW.document_code)
      BEGIN UPDATE dossiers SET digitised = 0 WHERE id = NEW.dossier_id; END;
      -- The results waiting: a dossier's keys join the search when it reaches 9 and leave it after.
      CREATE TRIGGER ready_search_on_ready AFTER UPDATE OF status ON dossiers WHEN NEW.status = 9 AND OLD.status IS NOT 9 BEGIN
        ${readyKeys('NEW')}
      END;
      CREATE TRIGGER ready_search_on_leave AFTER UPDATE OF status ON dossiers WHEN OLD.status = 9 AND NEW.status IS NOT 9 BEGIN
        DELETE FROM ready_search WHERE dossier_id = OLD.id;
      END;
      CREATE TRIGGER ready_search_on_insert AFTER INSERT ON dossiers WHEN NEW.status = 9 BEGIN
        ${readyKeys('NEW')}
      END;
      CREATE TRIGGER ready_search_on_owner AFTER UPDATE OF owner_id_number, owner_phone ON dossiers WHEN NEW.status = 9 BEGIN
        DELETE FROM ready_search WHERE dossier_id = NEW.id AND key IN ('i' || OLD.owner_id_number, 'p' || OLD.owner_phone);
        INSERT OR IGNORE INTO ready_search (key, dossier_id) VALUES ('i' || NEW.owner_id_number, NEW.id), ('p' || NEW.owner_phone, NEW.id);
      END;
      CREATE TRIGGER ready_search_name_added AFTER INSERT ON dossier_search_names WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 9 BEGIN
        INSERT OR IGNORE INTO ready_search (key, dossier_id) VALUES ('n' || NEW.suffix, NEW.dossier_id);
      END;
      CREATE TRIGGER ready_search_name_removed AFTER DELETE ON dossier_search_names BEGIN
        DELETE FROM ready_search WHERE key = 'n' || OLD.suffix AND dossier_id = OLD.dossier_id;
      END;
      CREATE TRIGGER ready_search_code_added AFTER INSERT ON dossier_search_codes WHEN (SELECT status FROM dossiers WHERE id = NEW.dossier_id) = 9 BEGIN
        INSERT OR IGNORE INTO ready_search (key, dossier_id) VALUES ('c' || NEW.key, NEW.dossier_id);
      END;
      -- Signed: the receipt or a scan signed with the officer's token (signing writes dossier_files).
      CREATE TRIGGER dossiers_signed AFTER INSERT ON dossier_files WHEN NEW.kind IN ('signed-slip', 'scan-signed')
      BEGIN UPDATE dossiers SET signed = 1 WHERE id = NEW.dossier_id AND signed = 0; END;
    `);
  },
};
