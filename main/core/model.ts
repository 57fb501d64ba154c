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

/** A national dossier status (TrangThaiHoSo), 1 … 10; see docs/domain.md. */
export type DossierStatus = number;
/** How the dossier came in (KenhThucHien): 1 at the counter, 2 online, 3 by post. */
export type SubmissionChannel = 1 | 2 | 3;

export type Person = Readonly<{ fullName: string; idNumber: string; birthDate: LocalDate; phone: string; email?: string | undefined; address: string }>;
export type Submitter = Readonly<{ fullName: string; idNumber?: string | undefined; phone?: string | undefined }>;
export type ResultDelivery = Readonly<{ method: 'counter' } | { method: 'post'; address: string }>;
/** A document of the dossier with the counts received. */
export type ReceivedDocument = Readonly<{ code: string; name: string; originals: number; certifiedCopies: number; copies: number }>;

/** What the intake form sends: the documents are ticked codes with their counts. */
export type IntakeForm = Readonly<{
  /** Minted when the form opens: saving the same form twice gives one dossier. */
  intakeKey: string;
  procedureCode: string;
  owner: Person;
  submitter: Submitter | null;
  resultDelivery: ResultDelivery;
  documents: ReadonlyArray<Readonly<{ code: string; originals: number; certifiedCopies: number; copies: number }>>;
  sets: number;
  notes: string;
}>;

/** A dossier as the station knows it: the one domain type the stores, forms and portal map to. */
export type Dossier = Readonly<{
  code: string;
  /** Issued offline without a leased number: the portal gives the final code on sync. */
  codeIsProvisional: boolean;
  procedureCode: string;
  procedureName: string;
  processingTime: ProcessingTime;
  status: DossierStatus;
  channel: SubmissionChannel;
  owner: Person;
  submitter: Submitter | null;
  resultDelivery: ResultDelivery;
  documents: readonly ReceivedDocument[];
  sets: number;
  notes: string;
  receivedAt: LocalDateTime;
  /** When the processing time starts counting (the next working moment). */
  countingFrom: LocalDateTime;
  appointmentAt: LocalDateTime;
  logBookVolume: string;
  logBookLine: number;
  officerName: string;
}>;

/** A dossier as intake hands it to storage: all but what storage allocates (code, log-book line). */
export type NewDossier = Omit<Dossier, 'code' | 'codeIsProvisional' | 'logBookLine'> & Readonly<{ intakeKey: string; receivedAtMs: number }>;

/** One line of a list of dossiers (log book, search). */
export type DossierSummary = Readonly<{
  code: string;
  procedureCode: string;
  procedureName: string;
  status: DossierStatus;
  ownerName: string;
  ownerIdNumber: string;
  ownerPhone: string;
  ownerAddress: string;
  receivedAt: LocalDateTime;
  appointmentAt: LocalDateTime;
  logBookLine: number;
}>;
