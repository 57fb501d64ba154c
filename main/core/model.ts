// Domain types shared by the core, the storage and the forms. Names follow docs/domain.md.
// Plain data only: no classes, so they cross IPC and HTTP unchanged.

/** A wall-clock time in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no DST): "YYYY-MM-DDTHH:mm". */
export type LocalDateTime = string;
/** A calendar date in Vietnam: "YYYY-MM-DD". */
export type LocalDate = string;

/** How long a procedure takes, as its catalogue entry states it. */
export type ProcessingTime =
  | Readonly<{ unit: 'day'; amount: number }>
  | Readonly<{ unit: 'hour'; amount: number }>
  /** Result the same working day; received after `cutoff` ("HH:mm") → within the next working day. */
  | Readonly<{ unit: 'same_day'; cutoff: string }>;

/** A required document (thành phần hồ sơ) with the counts the procedure asks for. */
export type RequiredDocument = Readonly<{
  /** Stable code of the component inside the procedure (e.g. "TP1"). */
  code: string;
  name: string;
  originals: number; // bản chính
  certifiedCopies: number; // bản sao có chứng thực
  copies: number; // bản sao / photo
  /** false for documents asked only in some cases ("trường hợp…"). */
  mandatory: boolean;
}>;

export type Fee = Readonly<{ name: string; amountVnd: number; note?: string }>;

/** A procedure (thủ tục hành chính, TTHC) of the catalogue. */
export type Procedure = Readonly<{
  /** National code, e.g. "1.001193". */
  code: string;
  name: string;
  /** lĩnh vực */
  field: string;
  level: 'commune' | 'province';
  processingTime: ProcessingTime;
  fees: readonly Fee[];
  documents: readonly RequiredDocument[];
  /** Number of sets (bộ hồ sơ) normally submitted. */
  sets: number;
  /** true for the seeded demo catalogue; the portal supplies the real one. */
  demo: boolean;
}>;
