import type { Migration } from './migration';

// v7: fees and receipts. A station is given ranges of receipt books (a form number such as
// "01BLP", a series such as "AA/26P", seven-digit numbers); a receipt takes the next number of
// its range in the transaction that writes it, so a number is never reused (UNIQUE) nor skipped
// (the range's `next` and the receipt commit together). A voided receipt keeps its row, its number
// and its reason. Fee lines of a dossier point at the receipt that paid them; a receipt copies
// what it covered, so voiding it leaves the printed text intact. E-receipt jobs wait for the
// provider like the outbox waits for the portal.
export const m0007Fees: Migration = {
  version: 7,
  name: 'fees',
  up(db) {
    db.exec(`
      CREATE TABLE receipt_books (
        id INTEGER PRIMARY KEY,
        form_number TEXT NOT NULL CHECK (length(form_number) BETWEEN 1 AND 20),
        series TEXT NOT NULL CHECK (length(series) BETWEEN 1 AND 20),
        kind TEXT NOT NULL CHECK (kind IN ('paper', 'electronic')),
        created_at INTEGER NOT NULL,
        UNIQUE (form_number, series)
      ) STRICT;

      -- The numbers of a book this station may use: assigned by the technician, one range at a time.
      CREATE TABLE receipt_ranges (
        id INTEGER PRIMARY KEY,
        book_id INTEGER NOT NULL REFERENCES receipt_books(id),
        first INTEGER NOT NULL CHECK (first BETWEEN 1 AND 9999999),
        last INTEGER NOT NULL CHECK (last BETWEEN first AND 9999999),
        next INTEGER NOT NULL CHECK (next BETWEEN first AND last + 1),
        assigned_at INTEGER NOT NULL,
        assigned_local TEXT NOT NULL,
        assigned_by_id TEXT NOT NULL,
        assigned_by_name TEXT NOT NULL,
        note TEXT NOT NULL
      ) STRICT;
      CREATE INDEX receipt_ranges_by_book ON receipt_ranges (book_id, first);

      CREATE TABLE receipts (
        id INTEGER PRIMARY KEY,
        book_id INTEGER NOT NULL REFERENCES receipt_books(id),
        range_id INTEGER NOT NULL REFERENCES receipt_ranges(id),
        number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9999999),
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        -- Minted by the payment form: the same payment sent twice is one receipt.
        payment_key TEXT NOT NULL UNIQUE,
        payer_name TEXT NOT NULL,
        payer_address TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'qr')),
        transfer_ref TEXT NOT NULL,
        amount_vnd INTEGER NOT NULL CHECK (amount_vnd > 0),
        issued_at INTEGER NOT NULL,
        issued_local TEXT NOT NULL,
        issued_date TEXT NOT NULL,
        officer_id TEXT NOT NULL,
        officer_name TEXT NOT NULL,
        voided_at INTEGER,
        voided_local TEXT,
        void_reason TEXT,
        voided_by_id TEXT,
        voided_by_name TEXT,
        -- What the e-receipt provider answered (electronic books only).
        provider_id TEXT,
        lookup_code TEXT,
        e_issued_at INTEGER,
        e_cancelled_at INTEGER,
        CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
        UNIQUE (book_id, number)
      ) STRICT;
      CREATE INDEX receipts_by_day ON receipts (issued_date, id);
      CREATE INDEX receipts_by_dossier ON receipts (dossier_id, id);

      CREATE TABLE receipt_items (
        receipt_id INTEGER NOT NULL REFERENCES receipts(id),
        position INTEGER NOT NULL,
        fee_name TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 1),
        unit_amount_vnd INTEGER NOT NULL CHECK (unit_amount_vnd >= 0),
        gross_vnd INTEGER NOT NULL,
        exempt_vnd INTEGER NOT NULL,
        amount_vnd INTEGER NOT NULL CHECK (amount_vnd = gross_vnd - exempt_vnd),
        -- The grounds of the exemption as printed ("Người khuyết tật (50%): …"); empty without one.
        exemption TEXT NOT NULL,
        PRIMARY KEY (receipt_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE dossier_fees (
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        position INTEGER NOT NULL,
        fee_name TEXT NOT NULL,
        note TEXT NOT NULL,
        unit_amount_vnd INTEGER NOT NULL CHECK (unit_amount_vnd >= 0),
        quantity INTEGER NOT NULL CHECK (quantity >= 1),
        gross_vnd INTEGER NOT NULL CHECK (gross_vnd = unit_amount_vnd * quantity),
        exemption_reason TEXT,
        exemption_percent INTEGER NOT NULL CHECK (exemption_percent BETWEEN 0 AND 100),
        exemption_detail TEXT NOT NULL,
        exempt_vnd INTEGER NOT NULL CHECK (exempt_vnd BETWEEN 0 AND gross_vnd),
        due_vnd INTEGER NOT NULL CHECK (due_vnd = gross_vnd - exempt_vnd),
        -- The receipt that paid the line; NULL while unpaid (and again once that receipt is voided).
        receipt_id INTEGER REFERENCES receipts(id),
        recorded_at INTEGER NOT NULL,
        recorded_local TEXT NOT NULL,
        recorded_by_id TEXT NOT NULL,
        recorded_by_name TEXT NOT NULL,
        -- An exemption always has its reason.
        CHECK ((exemption_reason IS NULL) = (exemption_percent = 0)),
        PRIMARY KEY (dossier_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dossier_fees_by_receipt ON dossier_fees (receipt_id) WHERE receipt_id IS NOT NULL;

      -- Issuing or cancelling an e-receipt at the provider: recorded with the receipt, sent with
      -- its key, retried; removed once the provider acknowledges it.
      CREATE TABLE ereceipt_jobs (
        id INTEGER PRIMARY KEY,
        receipt_id INTEGER NOT NULL REFERENCES receipts(id),
        kind TEXT NOT NULL CHECK (kind IN ('issue', 'cancel')),
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'active', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        last_status INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (receipt_id, kind)
      ) STRICT;
      CREATE INDEX ereceipt_jobs_due ON ereceipt_jobs (state, next_attempt_at, id);
    `);
  },
};
