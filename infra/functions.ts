/**
 * Every Lambda of the product, in one list that the CDK stack and the local twin both
 * read: where its code is, what it may touch, and how the workflow refers to it.
 */

/** Item actions on a table (infra/constructs/data.ts). Links and the breach register are never deleted (TTL removes spent links): their writers get `readPutUpdate`. */
export type TableAccess = 'read' | 'readPutUpdate' | 'readWrite' | 'update';

/** The prefixes of the product's bucket: exports, archives, breaches' lists of addresses. */
export type BucketPrefix = 'staging/' | 'staging/breach-' | 'archives/' | 'breaches/';

export interface FunctionSpec {
  entry: string; // path from the repository root
  description: string;
  /** The audit trail is appended to (PutItem only) or read (Query only), never updated. */
  tables: { requests?: TableAccess; linkTokens?: TableAccess; audit?: 'append' | 'read'; breaches?: TableAccess };
  /** What it may do under each prefix of the product's bucket. */
  bucket?: Partial<Record<BucketPrefix, Array<'read' | 'write' | 'delete' | 'list'>>>;
  /** Needs minutes, not seconds (streams archives). */
  long?: boolean;
  /** Reads shared secrets: the HTTP systems' (to check their callbacks) or the HTTP recipients' (to sign notices). */
  readsSecrets?: 'systems' | 'recipients';
  sendsEmail?: boolean;
  /** Starts executions of the request workflow. */
  startsWorkflow?: boolean;
  /** Starts and stops deadline watches (a request received, refused, extended, cancelled). */
  watchesDeadlines?: boolean;
  /** Stops a request's workflow (an operator cancelling it). */
  stopsWorkflow?: boolean;
  resumesWorkflow?: boolean;
  /** The `${Placeholder}` that stands for this function's ARN in its state machine's file. */
  workflowPlaceholder?: string;
  /** Starts and stops breach clocks (statemachines/breach.asl.json). */
  startsBreachClock?: boolean;
  /** Starts, looks at and stops breach communications (statemachines/communication.asl.json). */
  startsCommunication?: boolean;
  /** Resumes a communication's waiting step (the DPO's approval). */
  resumesCommunication?: boolean;
  /** Writes and reads a communication's list of addresses (BatchWriteItem, Query on the breach register's table). */
  listsRecipients?: boolean;
  /** Sends through the communications' SES configuration set, whose bounce events are recorded. */
  sendsCommunication?: boolean;
  /** Subscribed to the SNS topic of SES's bounces and complaints (every configuration set's). */
  onBounces?: boolean;
  /** The state machine it is a step of, when not the request workflow: `deadline` or `breach` (statemachines/<name>.asl.json). */
  machine?: 'deadline' | 'breach' | 'communication';
  /** Run on a schedule: an EventBridge rule on AWS, the simulated clock in the twin. */
  everyHour?: boolean;
  /** The indexes it queries (infra/tables.ts): the requests table's, or the breach register's (`breaches`). */
  queries?: ReadonlyArray<'minimising' | 'open' | 'register' | 'breaches'>;
}

export const FUNCTIONS = {
  Intake: {
    entry: 'functions/intake/handler.ts',
    description: 'Serves the request form and receives requests',
    tables: { requests: 'readWrite', audit: 'append' },
    startsWorkflow: true,
    watchesDeadlines: true,
  },
  VerifyAddress: {
    entry: 'functions/verify-address/handler.ts',
    description: 'Confirms a learner address from the link in the acknowledgement',
    tables: { requests: 'read', linkTokens: 'readPutUpdate' },
    resumesWorkflow: true,
  },
  Decide: {
    entry: 'functions/decide/handler.ts',
    description: 'Shows the DPO a gate and records the answer; lifts a restriction; extends a deadline',
    tables: { requests: 'readWrite', linkTokens: 'readPutUpdate', audit: 'append' },
    resumesWorkflow: true,
    startsWorkflow: true,
    watchesDeadlines: true,
    sendsEmail: true,
  },
  SendAcknowledgement: {
    entry: 'functions/send-acknowledgement/handler.ts',
    description: 'Workflow step: acknowledges a request and sends the verification link',
    tables: { requests: 'read', linkTokens: 'readPutUpdate', audit: 'append' },
    sendsEmail: true,
    workflowPlaceholder: 'SendAcknowledgementFunctionArn',
  },
  AskDpo: {
    entry: 'functions/ask-dpo/handler.ts',
    description: 'Workflow step: puts a request before the DPO with a decision link',
    tables: { requests: 'readWrite', linkTokens: 'readPutUpdate', audit: 'append' },
    sendsEmail: true,
    workflowPlaceholder: 'AskDpoFunctionArn',
  },
  RecordTransition: {
    entry: 'functions/record-transition/handler.ts',
    description: 'Workflow step: records a status change in the request and the audit trail',
    tables: { requests: 'readWrite', audit: 'append' },
    workflowPlaceholder: 'RecordTransitionFunctionArn',
  },
  RecordLookups: {
    entry: 'functions/record-lookups/handler.ts',
    description: 'Workflow step: records which systems know the learner and the identifiers they found',
    tables: { requests: 'readWrite', audit: 'append' },
    workflowPlaceholder: 'RecordLookupsFunctionArn',
  },
  RecordExports: {
    entry: 'functions/record-exports/handler.ts',
    description: 'Workflow step: records each system export and which systems failed',
    tables: { requests: 'readWrite', audit: 'append' },
    workflowPlaceholder: 'RecordExportsFunctionArn',
  },
  AssembleArchive: {
    entry: 'functions/assemble-archive/handler.ts',
    description: 'Workflow step: streams the staged exports into one ZIP archive',
    tables: { requests: 'readWrite', audit: 'append' },
    bucket: { 'staging/': ['read', 'delete', 'list'], 'archives/': ['write'] },
    long: true,
    workflowPlaceholder: 'AssembleArchiveFunctionArn',
  },
  SendDownloadLink: {
    entry: 'functions/send-download-link/handler.ts',
    description: 'Workflow step: emails the learner the expiring download link',
    tables: { requests: 'readWrite', linkTokens: 'readPutUpdate', audit: 'append' },
    sendsEmail: true,
    workflowPlaceholder: 'SendDownloadLinkFunctionArn',
  },
  DeleteArchive: {
    entry: 'functions/delete-archive/handler.ts',
    description: 'Workflow step: deletes a request\'s archive and staged exports once its link has expired, or when it failed or was abandoned',
    tables: { requests: 'read', audit: 'append' },
    bucket: { 'archives/': ['delete'], 'staging/': ['delete', 'list'] },
    workflowPlaceholder: 'DeleteArchiveFunctionArn',
  },
  Downloads: {
    entry: 'functions/downloads/handler.ts',
    description: 'Shows the download page and redirects to a short-lived S3 address',
    tables: { requests: 'read', linkTokens: 'read', audit: 'append' },
    bucket: { 'archives/': ['read'] },
  },
  Callbacks: {
    entry: 'functions/callbacks/handler.ts',
    description: 'Receives the signed answer of an external system to an asynchronous export or change',
    tables: { requests: 'read', linkTokens: 'readPutUpdate' },
    bucket: { 'staging/': ['write'] },
    readsSecrets: 'systems',
    resumesWorkflow: true,
  },
  RecordChanges: {
    entry: 'functions/record-changes/handler.ts',
    description: 'Workflow step: records what each system erased, kept, corrected or flagged, and the DPO\'s work by hand',
    tables: { requests: 'readWrite', audit: 'append' },
    workflowPlaceholder: 'RecordChangesFunctionArn',
  },
  SendReceipt: {
    entry: 'functions/send-receipt/handler.ts',
    description: 'Workflow step: tells the learner what was done in every system and closes the request',
    tables: { requests: 'readWrite', audit: 'append' },
    bucket: { 'staging/': ['delete', 'list'] },
    sendsEmail: true,
    workflowPlaceholder: 'SendReceiptFunctionArn',
  },
  TellRecipients: {
    entry: 'functions/tell-recipients/handler.ts',
    description: 'Workflow step: tells the recipients of learners\' data of an erasure, rectification or restriction (Art. 19)',
    tables: { requests: 'readWrite', audit: 'append' },
    sendsEmail: true,
    readsSecrets: 'recipients',
    long: true, // one call or email per recipient, each bounded
    workflowPlaceholder: 'TellRecipientsFunctionArn',
  },
  WatchDeadline: {
    entry: 'functions/watch-deadline/handler.ts',
    description: 'Deadline watchdog step: plans the reminders, reminds the DPO, escalates while overdue',
    tables: { requests: 'readWrite', linkTokens: 'readPutUpdate', audit: 'append' },
    sendsEmail: true,
    workflowPlaceholder: 'WatchDeadlineFunctionArn',
    machine: 'deadline',
  },
  MinimiseRequests: {
    entry: 'functions/minimise-requests/handler.ts',
    description: 'Scheduled: minimises the personal data of requests closed long enough ago, keeping the proof',
    tables: { requests: 'readWrite', audit: 'append' },
    everyHour: true,
    queries: ['minimising'],
  },
  SendDigest: {
    entry: 'functions/send-digest/handler.ts',
    description: 'Scheduled: once a day at the configured hour, emails the DPO every open request, most urgent first',
    tables: { requests: 'readWrite', linkTokens: 'readPutUpdate' },
    sendsEmail: true,
    everyHour: true,
    queries: ['open', 'breaches'], // the open breaches through the register's index only (its key: the requests' own)
  },
  NotifyLearner: {
    entry: 'functions/notify-learner/handler.ts',
    description: 'Workflow step: tells the learner how the request ended',
    tables: { requests: 'read', audit: 'append' },
    sendsEmail: true,
    workflowPlaceholder: 'NotifyLearnerFunctionArn',
  },
  AdminQueries: {
    entry: 'functions/admin-queries/handler.ts',
    description: 'Admin API: lists the requests (the register) and shows one with its audit trail',
    tables: { requests: 'read', linkTokens: 'read', audit: 'read' },
    queries: ['register'],
  },
  AdminActions: {
    entry: 'functions/admin-actions/handler.ts',
    description: 'Admin API: extends a deadline, retries failed systems, cancels a request',
    tables: { requests: 'readWrite', linkTokens: 'readPutUpdate', audit: 'append' },
    bucket: { 'archives/': ['delete'], 'staging/': ['delete', 'list'] }, // a cancelled request's files
    sendsEmail: true,
    watchesDeadlines: true,
    stopsWorkflow: true,
    resumesWorkflow: true,
  },
  AdminBreachQueries: {
    entry: 'functions/admin-breach-queries/handler.ts',
    description: 'Admin API: lists the breach register, shows a breach with its timeline, drafts its notification',
    tables: { breaches: 'read', audit: 'read' },
    queries: ['breaches'],
  },
  AdminBreachActions: {
    entry: 'functions/admin-breach-actions/handler.ts',
    description: 'Admin API: records a breach and starts its 72-hour clock; records its notification, or that none is due',
    tables: { breaches: 'readPutUpdate', linkTokens: 'readPutUpdate', audit: 'append' },
    bucket: { 'breaches/': ['write', 'read', 'list'] }, // list: a missing list of addresses is a 404, not a 403
    sendsEmail: true, // the link to the breach form
    startsBreachClock: true,
    startsCommunication: true,
  },
  BreachForm: {
    entry: 'functions/breach-form/handler.ts',
    description: 'Shows the DPO the form to record a breach, from an emailed link, and records it',
    tables: { breaches: 'readPutUpdate', linkTokens: 'readPutUpdate', audit: 'append' },
    startsBreachClock: true,
  },
  Communicate: {
    entry: 'functions/communicate/handler.ts',
    description: 'Breach communication step: reads the addresses (or resolves user ids), asks the DPO to approve, sends batch after batch, reports',
    tables: { breaches: 'readPutUpdate', linkTokens: 'readPutUpdate', audit: 'append' },
    // The list of addresses, deleted once read; a list of user ids, staged for the directories, and their answers.
    bucket: { 'breaches/': ['read', 'delete'], 'staging/breach-': ['read', 'write', 'delete', 'list'] },
    listsRecipients: true,
    sendsEmail: true,
    sendsCommunication: true,
    long: true, // a batch sends for a minute
    workflowPlaceholder: 'CommunicateFunctionArn',
    machine: 'communication',
  },
  RecordBounces: {
    entry: 'functions/record-bounces/handler.ts',
    description: 'Records the bounces and complaints SES reports through SNS: on the request an email was about, or a breach communication\'s address',
    // The request: its mark and the events recorded, in one UpdateItem with the audit entry (no read, no other write).
    tables: { requests: 'update', breaches: 'readPutUpdate', audit: 'append' },
    onBounces: true,
  },
  ApproveCommunication: {
    entry: 'functions/approve-communication/handler.ts',
    description: 'Shows the DPO the message to the people concerned by a breach, and sends it',
    tables: { breaches: 'readPutUpdate', linkTokens: 'readPutUpdate', audit: 'append' },
    resumesCommunication: true,
  },
  WatchBreach: {
    entry: 'functions/watch-breach/handler.ts',
    description: 'Breach clock step: plans the reminders, reminds the DPO, escalates once the 72 hours have passed',
    tables: { breaches: 'readPutUpdate', audit: 'append' },
    sendsEmail: true,
    workflowPlaceholder: 'WatchBreachFunctionArn',
    machine: 'breach',
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

export interface Route {
  method: 'GET' | 'POST';
  path: string; // API Gateway style: /verify/{token}
  function: FunctionName;
  /** Operators only: IAM-authorised (SigV4) on AWS, the admin token in the twin. */
  admin?: true;
}

/**
 * The HTTP routes. Public ones: links in emails only ever show a page on GET; the POST
 * acts. Admin ones (docs/operations.md): JSON, for the `dsr` command line and scripts.
 */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/', function: 'Intake' },
  { method: 'POST', path: '/requests', function: 'Intake' },
  { method: 'GET', path: '/verify/{token}', function: 'VerifyAddress' },
  { method: 'POST', path: '/verify/{token}', function: 'VerifyAddress' },
  { method: 'GET', path: '/decisions/{token}', function: 'Decide' },
  { method: 'POST', path: '/decisions/{token}', function: 'Decide' },
  { method: 'GET', path: '/downloads/{token}', function: 'Downloads' },
  { method: 'POST', path: '/downloads/{token}', function: 'Downloads' },
  { method: 'POST', path: '/callbacks/{token}', function: 'Callbacks' },
  { method: 'GET', path: '/breaches/{token}', function: 'BreachForm' },
  { method: 'POST', path: '/breaches/{token}', function: 'BreachForm' },
  { method: 'GET', path: '/communications/{token}', function: 'ApproveCommunication' },
  { method: 'POST', path: '/communications/{token}', function: 'ApproveCommunication' },
  { method: 'GET', path: '/admin/requests', function: 'AdminQueries', admin: true },
  { method: 'GET', path: '/admin/requests/{id}', function: 'AdminQueries', admin: true },
  { method: 'POST', path: '/admin/requests/{id}/extend', function: 'AdminActions', admin: true },
  { method: 'POST', path: '/admin/requests/{id}/retry', function: 'AdminActions', admin: true },
  { method: 'POST', path: '/admin/requests/{id}/cancel', function: 'AdminActions', admin: true },
  { method: 'GET', path: '/admin/breaches', function: 'AdminBreachQueries', admin: true },
  { method: 'POST', path: '/admin/breaches', function: 'AdminBreachActions', admin: true },
  { method: 'GET', path: '/admin/breaches/{id}', function: 'AdminBreachQueries', admin: true },
  { method: 'GET', path: '/admin/breaches/{id}/draft', function: 'AdminBreachQueries', admin: true },
  { method: 'POST', path: '/admin/breaches/{id}/notify', function: 'AdminBreachActions', admin: true },
  { method: 'POST', path: '/admin/breaches/{id}/no-notification', function: 'AdminBreachActions', admin: true },
  { method: 'POST', path: '/admin/breaches/form-link', function: 'AdminBreachActions', admin: true },
  { method: 'POST', path: '/admin/breaches/{id}/recipients', function: 'AdminBreachActions', admin: true },
  { method: 'POST', path: '/admin/breaches/{id}/communication', function: 'AdminBreachActions', admin: true },
  { method: 'POST', path: '/admin/breaches/{id}/communication/resume', function: 'AdminBreachActions', admin: true },
];

export const STATE_MACHINE_FILE = 'statemachines/dsr.asl.json';
export const DEADLINE_MACHINE_FILE = 'statemachines/deadline.asl.json';
export const BREACH_MACHINE_FILE = 'statemachines/breach.asl.json';
export const COMMUNICATION_MACHINE_FILE = 'statemachines/communication.asl.json';

/** The `${Placeholder}` → function of one state machine: the request workflow's, or `deadline`'s. */
export function stepsOf<T>(machine: 'requests' | 'deadline' | 'breach' | 'communication', pick: (name: FunctionName) => T): Record<string, T> {
  return Object.fromEntries(
    (Object.entries(FUNCTIONS) as Array<[FunctionName, FunctionSpec]>)
      .filter(([, spec]) => spec.workflowPlaceholder && (spec.machine ?? 'requests') === machine)
      .map(([name, spec]) => [spec.workflowPlaceholder!, pick(name)]),
  );
}
