import type { LegalBasis, Safeguard } from '../connectors/art15.js';
import { countryName, dateTime, humanSize, longDate, pluralsOf, zoneName } from './formats.js';
import type { ChangeOperation } from '../connectors/kit.js';
import type { BuiltInPurpose, Locale, Right } from './rights.js';
import type { FieldProblem } from './validation.js';

/** Every sentence a learner or the DPO reads, in each language the product speaks. */
export interface Messages {
  rights: Record<Right, string>;
  purposes: Record<BuiltInPurpose, string>;
  /** What each operation does, after "could not": "export", "erase the data". */
  operations: Record<ChangeOperation | 'export' | 'verify', string>;
  problems: Record<FieldProblem, string>;
  fieldNames: Record<string, string>;
  form: {
    title: string;
    intro: string;
    email: string;
    emailHint: string;
    type: string;
    details: string;
    detailsHint: string;
    purposes: string;
    purposesHint: string;
    submit: string;
    errorSummary: string;
    receivedTitle: string;
    received: (dueDate: string) => string;
  };
  invalidRequest: string;
  links: {
    unknownTitle: string;
    unknown: string;
    usedTitle: string;
    used: string;
    expiredTitle: string;
    expired: string;
    unavailableTitle: string;
    unavailable: string;
  };
  verify: {
    title: string;
    explain: (right: string) => string;
    button: string;
    doneTitle: string;
    done: string;
  };
  mail: {
    greeting: string;
    signature: string;
    ackSubject: string;
    ack: (right: string, receivedAt: string, dueDate: string) => string;
    ackAction: string;
    ackLinkExpiry: (expiresAt: string) => string;
    ackIgnore: string;
    unverifiedSubject: string;
    unverified: (right: string) => string;
    rejectedSubject: string;
    rejected: (right: string) => string;
    rejectedReason: string;
    rejectedRemedy: string;
    abandonedSubject: string;
    abandoned: (right: string, due: string) => string;
    cancelledSubject: string;
    cancelled: (right: string) => string;
    duplicateSubject: string;
    duplicate: (right: string, dueDate: string) => string;
  };
  dpo: {
    decisionSubject: (right: string) => string;
    intro: string;
    action: string;
    linkExpiry: (expiresAt: string) => string;
    /** For a link no other follows (the breach form's, a communication's approval). */
    linkWorksUntil: (expiresAt: string) => string;
    fields: { requestId: string; type: string; email: string; language: string; receivedAt: string; dueDate: string; details: string; none: string };
    pageTitle: string;
    approve: string;
    reject: string;
    reason: string;
    reasonHint: string;
    submit: string;
    approvedTitle: string;
    approved: string;
    rejectedTitle: string;
    rejected: string;
  };
  systems: {
    found: string;
    notFound: string;
    failed: string;
    none: string;
    status: Record<'done' | 'not_found' | 'retained' | 'partial' | 'failed' | 'skipped' | 'manual' | 'not_applicable' | 'done_by_hand', string>;
    /** How many files a system exported. */
    files: (count: number) => string;
  };
  attention: {
    subject: (count: number, operation: string) => string;
    intro: (operation: string) => string;
    action: string;
    pageTitle: string;
    retry: string;
    proceed: string;
    reason: string;
    reasonHint: string;
    retryTitle: string;
    retryDone: string;
    proceedTitle: string;
    proceedDone: string;
  };
  erasure: {
    subject: string;
    intro: string;
    action: string;
    pageTitle: string;
    deletes: string;
    deletesExcept: string;
    anonymises: (attributes: string) => string;
    deletesFiles: string;
    erasedBySystem: string;
    keeps: (category: string, basis: string, until?: string) => string;
    keepsByRule: (category: string, basis: string, period: string) => string;
    byHand: string;
    notFound: string;
    button: string;
    doneTitle: string;
    done: string;
  };
  rectification: {
    subject: string;
    intro: string;
    action: string;
    pageTitle: string;
    asked: string;
    valuesIntro: string;
    appliesTo: (systems: string) => string;
    byHand: (systems: string) => string;
    alsoByHand: string;
    alsoByHandHint: string;
    apply: string;
    none: string;
    reason: string;
    reasonHint: string;
    noValue: string;
    appliedTitle: string;
    applied: string;
    noneTitle: string;
    noneDone: string;
  };
  handWork: {
    subject: (count: number) => string;
    intro: (operation: string) => string;
    action: string;
    pageTitle: string;
    note: (system: string) => string;
    noteHint: string;
    button: string;
    doneTitle: string;
    done: string;
  };
  leftover: {
    subject: (count: number) => string;
    intro: string;
    action: string;
    pageTitle: string;
    left: (count: number) => string;
    retry: string;
    close: string;
    reason: string;
    reasonHint: string;
    retryTitle: string;
    retryDone: string;
    closeTitle: string;
    closeDone: string;
  };
  recipients: {
    subject: (right: string) => string;
    intro: (recipient: string) => string;
    closing: string;
    notReachedSubject: string;
    notReached: (names: string) => string;
  };
  /** Each status of a request, as the DPO reads it. */
  statuses: Partial<Record<string, string>>;
  deadline: {
    reminderSubject: (daysLeft: number, due: string) => string;
    reminder: (right: string, daysLeft: number, due: string) => string;
    overdueSubject: (due: string) => string;
    overdue: (right: string, due: string, workingDaysLate: number) => string;
    lastEscalation: (workingDaysLate: number, due: string) => string;
    gateWaiting: string;
    inProgress: (status: string) => string;
    act: string;
    extend: (until: string) => string;
  };
  digest: {
    subject: (open: number, overdue: number) => string;
    intro: (date: string) => string;
    headers: string[];
    daysLeft: (n: number) => string;
    /** Beside the status of a request whose email to the learner bounced. */
    bounced: string;
  };
  /** The 72-hour clock of a personal-data breach (Art. 33), as the DPO reads it. */
  breach: {
    reminderSubject: (id: string, hoursLeft: number) => string;
    reminder: (aware: string, deadline: string, hoursLeft: number) => string;
    overdueSubject: (id: string, hoursLate: number) => string;
    overdue: (aware: string, deadline: string, hoursLate: number) => string;
    lastEscalation: string;
    howTo: (id: string) => string;
    facts: { summary: string; risk: string; aware: string; deadline: string };
    risks: Record<'none' | 'risk' | 'high', string>;
    digestSubject: (n: number) => string;
    digestIntro: string;
    digestHeaders: string[];
    hoursLeft: (n: number) => string;
  };
  /** The DPO's page to record a breach, reached from an emailed link. */
  breachForm: {
    linkSubject: string;
    link: string;
    linkIntro: string;
    title: string;
    intro: (timeZone: string) => string;
    fields: Record<'awareAt' | 'occurredAt' | 'summary' | 'risk' | 'nature' | 'categoriesOfPeople' | 'peopleCount' | 'recordCategories' | 'recordCount' | 'consequences' | 'measures' | 'contact', string>;
    natures: Record<'confidentiality' | 'integrity' | 'availability', string>;
    submit: string;
    recordedTitle: string;
    recorded: (id: string, deadline: string) => string;
  };
  /** A breach's communication to the people concerned (Art. 34), as the DPO reads it. */
  communication: {
    approveSubject: (id: string, n: number) => string;
    /** `unresolved`: user ids of the list that no directory system knew. */
    approve: (n: number, refused: number, unresolved: number) => string;
    approveLink: string;
    pageTitle: string;
    pageExplain: (n: number) => string;
    /** A version of the message, by its language. */
    language: (locale: Locale) => string;
    button: string;
    doneTitle: string;
    donePage: (n: number) => string;
    doneSubject: (id: string) => string;
    done: (sent: number, failed: number, uncertain: number) => string;
    expiredSubject: (id: string) => string;
    expired: (id: string) => string;
    failed: (id: string) => string;
  };
  extension: {
    pageTitle: string;
    explain: (due: string) => string;
    months: string;
    one: (due: string) => string;
    two: (due: string) => string;
    reason: string;
    reasonHint: string;
    button: string;
    doneTitle: string;
    done: (due: string) => string;
    alreadyTitle: string;
    already: (due: string) => string;
    learnerSubject: string;
    learner: (right: string, due: string) => string;
    learnerReason: string;
  };
  lift: {
    subject: string;
    intro: (purposes: string) => string;
    action: (days: number) => string;
    pageTitle: string;
    explain: (days: number) => string;
    reason: string;
    reasonHint: string;
    button: string;
    doneTitle: string;
    done: string;
    announcedSubject: string;
    announced: (purposes: string, date: string) => string;
    announcedReason: string;
    liftedSubject: string;
    lifted: (purposes: string) => string;
  };
  receipt: {
    subject: (right: string) => string;
    intro: (right: string, date: string) => string;
    introIncomplete: (right: string, date: string) => string;
    erased: (count: number) => string;
    erasedUncounted: string;
    anonymised: (count: number) => string;
    kept: (category: string, basis: string, until?: string) => string;
    corrected: (count: number) => string;
    restricted: (purposes: string) => string;
    lifted: string;
    nothingFound: string;
    doneByHand: string;
    nothingToDo: string;
    leftOut: (reason: string) => string;
    dataLeft: (reason: string) => string;
    notChecked: (reason: string) => string;
    noChange: (reason: string) => string;
    recipients: (names: string) => string;
    remedy: string;
  };
  release: {
    subject: string;
    intro: (files: number, size: string) => string;
    action: string;
    pageTitle: string;
    button: string;
    doneTitle: string;
    done: string;
  };
  download: {
    subject: string;
    intro: (right: string) => string;
    action: string;
    expiry: (expiresAt: string) => string;
    pageTitle: string;
    page: (size: string, expiresAt: string) => string;
    button: string;
    expiredTitle: string;
    expired: string;
  };
  /** The learner's archive: index.html, one page per system (functions/assemble-archive/). */
  archive: {
    title: string;
    summary: (right: string, receivedAt: string, createdAt: string) => string;
    holding: string;
    holdingNone: string;
    notAsked: string;
    system: string;
    files: string;
    size: string;
    partial: string;
    failed: string;
    skipped: string;
    note: (note: string) => string;
    noData: string;
    aboutTitle: string;
    formats: string;
    /** After a link to manifest.json. */
    proof: string;
    rightsTitle: string;
    rightsIntro: string;
    rights: string[];
    consent: string;
    howToAsk: string;
    complaint: string;
    back: string;
    processingTitle: string;
    purposes: string;
    legalBasis: (basis: string) => string;
    legalBases: Record<LegalBasis, string>;
    interest: (interest: string) => string;
    categories: string;
    recipients: string;
    noRecipients: string;
    transfer: (country: string, safeguard: string) => string;
    safeguards: Record<Safeguard, string>;
    retention: string;
    source: string;
    fromYou: string;
    automated: string;
    noAutomated: string;
    dataTitle: string;
    tableOf: (file: string) => string;
    continued: (caption: string) => string;
    records: (count: number) => string;
    notShown: string;
    /** The heading of a column whose attribute has no name. */
    unnamed: string;
    value: string;
    filesTitle: string;
    reuse: string;
    beginning: string;
    yes: string;
    no: string;
    /** The language's tag for Intl, with which the pages format dates, times and numbers. */
    intl: string;
    /** Once per page, for the times in its tables. */
    timeZone: (zone: string) => string;
    country: (code: string) => string;
  };
  size: (bytes: number) => string;
  date: (isoDate: string) => string;
  dateTime: (instant: string, timeZone: string) => string;
  /** The time zone's name, as `dateTime` writes it. */
  zoneName: (timeZone: string) => string;
  /** A label and its text on one line: "Shop: erased", "Boutique : effacé". */
  labelled: (label: string, text: string) => string;
}

const EN = pluralsOf('en-GB');
const FR = pluralsOf('fr-FR');

const en: Messages = {
  rights: {
    access: 'Access to my data (Art. 15 GDPR)',
    portability: 'A copy of my data in a reusable format (portability, Art. 20 GDPR)',
    erasure: 'Erasure of my data (Art. 17 GDPR)',
    rectification: 'Rectification of inaccurate data (Art. 16 GDPR)',
    restriction: 'Restriction of processing (Art. 18 GDPR)',
    objection: 'Objection to processing (Art. 21 GDPR)',
  },
  purposes: {
    marketing: 'Marketing (newsletters, offers)',
    analytics: 'Learning analytics and statistics',
    profiling: 'Profiling and personalised recommendations',
  },
  operations: { export: 'export', erase: 'erase the data', rectify: 'correct the data', restrict: 'restrict processing', lift: 'lift the restriction', verify: 'be checked after the erasure' },
  problems: {
    required: 'This field is required.',
    invalid: 'This value is not valid.',
    too_long: 'This value is too long.',
    not_offered: 'This language is not offered.',
  },
  fieldNames: { months: 'Extension', email: 'Email address', type: 'Request', locale: 'Language', details: 'Details', purposes: 'Uses of your data', decision: 'Decision', reason: 'Reason', byHand: 'Systems to correct by hand' },
  form: {
    title: 'Exercise your data protection rights',
    intro: 'Choose what you would like us to do with your personal data. We will first send you an email to confirm that the address is yours.',
    email: 'Your email address',
    emailHint: 'The address you use on the learning platform.',
    type: 'What would you like to do?',
    details: 'Details (optional)',
    detailsHint: 'For a rectification, say what is wrong and what is right. At most 2,000 characters.',
    purposes: 'For a restriction or an objection: which uses of your data?',
    purposesHint: 'Tick at least one if you chose restriction or objection.',
    submit: 'Send my request',
    errorSummary: 'Please correct the fields marked below.',
    receivedTitle: 'Request received',
    received: (due) => `Thank you. Check your mailbox: we sent a link to confirm that the address is yours. We will answer by ${due} at the latest.`,
  },
  invalidRequest: 'The request is not valid.',
  links: {
    unknownTitle: 'Link not recognised',
    unknown: 'This link is not valid. Check that you copied the whole address from the email.',
    usedTitle: 'Link already used',
    used: 'This link has already been used, so nothing more was done.',
    expiredTitle: 'Link expired',
    expired: 'This link has expired, so nothing was done.',
    unavailableTitle: 'Please try again',
    unavailable: 'We could not complete this just now. Nothing was changed; please try again in a few minutes.',
  },
  verify: {
    title: 'Confirm your email address',
    explain: (right) => `By confirming, you tell us that you sent this request “${right}” and that the address is yours. Our data protection officer will then review it.`,
    button: 'Confirm my request',
    doneTitle: 'Address confirmed',
    done: 'Thank you. Your request is now with our data protection officer. We will write to you at this address.',
  },
  mail: {
    greeting: 'Hello,',
    signature: 'The data protection team',
    ackSubject: 'Your data protection request: please confirm your address',
    ack: (right, receivedAt, due) =>
      `We received your request on ${receivedAt}: ${right}. The law gives us until ${due} to answer it.`,
    ackAction: 'To go ahead, confirm that this address is yours:',
    ackLinkExpiry: (expires) => `This link works until ${expires}. If it is not used by then, the request will be closed.`,
    ackIgnore: 'If you did not send this request, ignore this email: nothing will happen.',
    unverifiedSubject: 'Your data protection request was closed',
    unverified: (right) =>
      `Your request “${right}” was closed because the address was not confirmed in time. You can send a new request whenever you wish.`,
    rejectedSubject: 'Your data protection request',
    rejected: (right) => `Our data protection officer reviewed your request “${right}” and cannot act on it, for this reason:`,
    rejectedReason: 'Reason',
    rejectedRemedy:
      'You have the right to lodge a complaint with a supervisory authority (in France, the CNIL) and to seek a judicial remedy.',
    abandonedSubject: 'Your data protection request could not be answered',
    abandoned: (right, due) => `We are sorry: your request “${right}”, which we had to answer by ${due}, was not answered, and it is now closed. You can send it again at any time.`,
    cancelledSubject: 'Your data protection request is closed',
    cancelled: (right) => `Your request “${right}” was closed without going further, for this reason:`,
    duplicateSubject: 'You already have a request in progress',
    duplicate: (right, due) =>
      `We received a new request “${right}” from this address, but the same request is already in progress, so no second one was opened. We will answer it by ${due}. If you have not confirmed your address yet, use the link in our first email.`,
  },
  dpo: {
    decisionSubject: (right) => `Data subject request to decide: ${right}`,
    intro: 'A learner confirmed their address and is waiting for your decision on this request:',
    action: 'Review it and approve or reject it:',
    linkExpiry: (expires) => `This link works until ${expires}; after that you will receive a new one.`,
    linkWorksUntil: (expires) => `This link works until ${expires}.`,
    fields: { requestId: 'Request', type: 'Right', email: 'Address', language: 'Learner\'s language', receivedAt: 'Received at', dueDate: 'Due date', details: 'Details', none: 'none' },
    pageTitle: 'Decide on a data subject request',
    approve: 'Approve: go ahead with the request',
    reject: 'Reject: the learner will be told why',
    reason: 'Reason for rejecting',
    reasonHint: 'Required to reject. The learner will read it.',
    submit: 'Record my decision',
    approvedTitle: 'Request approved',
    approved: 'The request is approved and will now be processed.',
    rejectedTitle: 'Request rejected',
    rejected: 'The request is rejected and the learner will be told the reason.',
  },
  systems: {
    found: 'Systems that hold data about this person',
    notFound: 'Systems that do not know this person',
    failed: 'Systems that could not be asked',
    none: 'none',
    files: (n) => EN.count(n, 'file', 'files'),
    status: { done: 'done', not_found: 'nothing found', retained: 'retained by law', partial: 'partly done', failed: 'failed', skipped: 'left out by the DPO', manual: 'to do by hand', not_applicable: 'nothing to do', done_by_hand: 'done by hand' },
  },
  attention: {
    subject: (n, op) => `Needs attention: ${EN.count(n, 'system', 'systems')} could not ${op}`,
    intro: (op) => `These systems could not ${op}, even after retrying:`,
    action: 'Retry them, or go on without them (the reason is recorded and shown in the archive):',
    pageTitle: 'Systems that could not export',
    retry: 'Retry the failed systems',
    proceed: 'Go on without them',
    reason: 'Why go on without them',
    reasonHint: 'Required to go on without them. The learner will read it in the archive.',
    retryTitle: 'Retrying',
    retryDone: 'The failed systems are being asked again. You will hear back if they fail again.',
    proceedTitle: 'Going on',
    proceedDone: 'The archive is being built without the failed systems; your reason is recorded.',
  },
  erasure: {
    subject: 'Erasure to confirm',
    intro: 'The request is approved. Here is, system by system, what the erasure will remove and what the law requires us to keep:',
    action: 'Check it and start the erasure:',
    pageTitle: 'Confirm the erasure',
    deletes: 'every record of the learner is deleted',
    deletesExcept: 'the learner\'s records are deleted, except what the law requires us to keep:',
    anonymises: (attributes) => `the learner's records are anonymised (${attributes} removed)`,
    deletesFiles: 'every file of the learner is deleted, with all its versions',
    erasedBySystem: 'the system erases the learner\'s data',
    keeps: (category, basis, until) => `kept: ${category} (${basis})${until ? ` until ${until}` : ''}`,
    keepsByRule: (category, basis, period) => `kept where present: ${category} (${basis}), ${period}`,
    byHand: 'you erase it by hand: you will be asked to confirm it',
    notFound: 'holds nothing about the learner',
    button: 'Erase the learner\'s data',
    doneTitle: 'Erasure started',
    done: 'The data is being erased. You will hear back if a system needs attention; the learner receives the receipt.',
  },
  rectification: {
    subject: 'Rectification: enter the corrected values',
    intro: 'The request is approved. Enter the corrected values the learner asked for; every system that holds the attribute will be updated.',
    action: 'Enter the corrected values:',
    pageTitle: 'Correct the learner\'s data',
    asked: 'What the learner asked',
    valuesIntro: 'Leave a field empty to leave it unchanged.',
    appliesTo: (systems) => `Changed in: ${systems}`,
    byHand: (systems) => `To correct by hand (you will be asked to confirm it): ${systems}`,
    alsoByHand: 'Also to correct by hand',
    alsoByHandHint: 'Systems that hold the learner but correct nothing themselves: tick those the request concerns; you will be asked to confirm each.',
    apply: 'Apply the corrected values',
    none: 'Change nothing: the data is accurate',
    reason: 'Why nothing is changed',
    reasonHint: 'Required to change nothing. The learner will read it.',
    noValue: 'Enter at least one corrected value or tick a system to correct by hand, or choose to change nothing.',
    appliedTitle: 'Correction started',
    applied: 'The corrected values are being applied; the learner receives the receipt.',
    noneTitle: 'Nothing changed',
    noneDone: 'The learner will be told that the data is accurate, and why.',
  },
  handWork: {
    subject: (n) => `To do by hand: ${EN.count(n, 'system', 'systems')}`,
    intro: (op) => `These systems cannot do it themselves. Please ${op} in each by hand, then confirm here with a note of what you did:`,
    action: 'Confirm when it is done:',
    pageTitle: 'Work to do by hand',
    note: (system) => `What you did in ${system}`,
    noteHint: 'Required. Kept in the audit trail as proof.',
    button: 'Confirm it is done',
    doneTitle: 'Recorded',
    done: 'Your confirmation and notes are recorded.',
  },
  leftover: {
    subject: (n) => `Erasure incomplete: data left in ${EN.count(n, 'system', 'systems')}`,
    intro: 'After the erasure, these systems still hold data about the learner that no retention rule covers:',
    action: 'Erase again, or close the request as incomplete with the reason:',
    pageTitle: 'Data left after the erasure',
    left: (n) => `${EN.count(n, 'record or file', 'records or files')} left`,
    retry: 'Erase again in these systems',
    close: 'Close the request as incomplete',
    reason: 'Why the data stays',
    reasonHint: 'Required to close as incomplete. The learner will read it.',
    retryTitle: 'Erasing again',
    retryDone: 'These systems are asked to erase again, then checked again.',
    closeTitle: 'Closed as incomplete',
    closeDone: 'The learner receives the receipt, which says what was left and why.',
  },
  recipients: {
    subject: (right) => `Data subject request to pass on: ${right}`,
    intro: (recipient) => `To ${recipient}: a learner whose personal data we disclosed to you exercised this right with us. Article 19 GDPR asks us to tell you, so that you do the same with the data you hold:`,
    closing: 'Please carry it out and keep a record. Reply to this email if you cannot.',
    notReachedSubject: 'Recipients to tell by hand (Art. 19)',
    notReached: (names) => `These recipients of the learner's data could not be reached about this request; please tell them by hand: ${names}. The learner's receipt names only those who were told.`,
  },
  statuses: {
    awaiting_verification: 'waiting for the learner to confirm the address',
    verified: 'address confirmed',
    awaiting_decision: 'waiting for your decision',
    approved: 'approved',
    exporting: 'exporting',
    awaiting_release: 'waiting for you to release the archive',
    awaiting_erasure: 'waiting for you to confirm the erasure',
    awaiting_rectification: 'waiting for the corrected values',
    in_progress: 'being carried out in the systems',
  },
  deadline: {
    reminderSubject: (n, due) => (n === 0 ? `Due today: a data subject request (${due})` : `Reminder: a data subject request is due in ${EN.count(n, 'day', 'days')} (${due})`),
    reminder: (right, n, due) => `This request “${right}” must be answered by ${due}${n === 0 ? ', today' : `, in ${EN.count(n, 'day', 'days')}`}.`,
    overdueSubject: (due) => `Overdue: a data subject request was due ${due}`,
    overdue: (right, due, late) => `This request “${right}” was due ${due} and is ${EN.count(late, 'working day', 'working days')} late. The learner may complain to the supervisory authority.`,
    lastEscalation: (late, due) => `This request was due ${due} and is now ${EN.count(late, 'working day', 'working days')} late. This is the last daily reminder: the request stays open until it is answered.`,
    gateWaiting: 'It is waiting for you.',
    inProgress: (status) => `It is in progress: ${status}.`,
    act: 'Act on it here:',
    extend: (until) => `If the request is complex or one of many, you may extend the deadline by one or two further months (Art. 12(3) GDPR), until ${until}:`,
  },
  digest: {
    subject: (n, late) => `Open data subject requests: ${n}${late ? `, ${late} overdue` : ''}`,
    intro: (date) => `The requests open on ${date}, the most urgent first (green: 10 working days or more, amber: fewer, red: under 5). Each request links to what it waits for.`,
    headers: ['Request', 'Right', 'Status', 'Due', 'Left'],
    daysLeft: (n) => (n < 0 ? `OVERDUE by ${EN.count(-n, 'working day', 'working days')}` : n === 0 ? 'due today' : EN.count(n, 'working day', 'working days')),
    bounced: "the learner's address bounced our email",
  },
  breach: {
    reminderSubject: (id, left) => `Personal data breach ${id}: ${EN.count(left, 'hour', 'hours')} left to notify the supervisory authority`,
    reminder: (aware, deadline, left) =>
      `We became aware of this breach on ${aware}. Unless it is unlikely to result in a risk to the people concerned, the supervisory authority must be notified by ${deadline}, in ${EN.count(left, 'hour', 'hours')} (Art. 33(1) GDPR).`,
    overdueSubject: (id, late) => `LATE: personal data breach ${id}, the 72 hours ${late ? `passed ${EN.count(late, 'hour', 'hours')} ago` : 'have passed'}`,
    overdue: (aware, deadline, late) =>
      `We became aware of this breach on ${aware}; the 72 hours to notify the supervisory authority ended on ${deadline}${late ? `, ${EN.count(late, 'hour', 'hours')} ago` : ''}. Notify it now, with the reasons for the delay (Art. 33(1) GDPR), or record why no notification is due.`,
    lastEscalation: 'This is the last daily reminder: the breach stays open in the register until its notification, or the decision that none is due, is recorded.',
    howTo: (id) =>
      `Draft of the notification, every item of Art. 33(3) in the order of the authority's form: npx dsr breaches draft ${id}. Once notified: npx dsr breaches notify ${id} --phase initial --reference <the authority's reference>. If no notification is due: npx dsr breaches no-notification ${id} --reason <why>.`,
    facts: { summary: 'What happened', risk: 'Risk to the people', aware: 'Aware since', deadline: 'Notify by' },
    risks: { none: 'none likely', risk: 'a risk', high: 'a high risk (tell the people too, Art. 34)' },
    digestSubject: (n) => `Breaches to notify: ${n}`,
    digestIntro: 'Personal data breaches whose notification to the supervisory authority is not yet recorded:',
    digestHeaders: ['Breach', 'Risk', 'Aware since', 'Notify by', 'Left'],
    hoursLeft: (n) => (n < 0 ? `LATE by ${EN.count(-n, 'hour', 'hours')}` : EN.count(n, 'hour', 'hours')),
  },
  breachForm: {
    linkSubject: 'Record a personal data breach',
    link: 'Use this link to record a personal data breach in the register: its 72-hour clock starts from when we became aware of it.',
    linkIntro: 'Record the breach:',
    title: 'Record a personal data breach',
    intro: (zone) => `Times are in ${zone}. The supervisory authority must be notified within 72 hours of when we became aware, unless the breach is unlikely to result in a risk to people (Art. 33 GDPR).`,
    fields: {
      awareAt: 'When we became aware of it',
      occurredAt: 'When it happened, if known',
      summary: 'What happened',
      risk: 'Risk to the people concerned',
      nature: 'What it touched',
      categoriesOfPeople: 'Categories of people concerned',
      peopleCount: 'About how many people',
      recordCategories: 'Categories of data concerned',
      recordCount: 'About how many records',
      consequences: 'Likely consequences',
      measures: 'Measures taken or proposed',
      contact: 'Contact point (the DPO if empty)',
    },
    natures: { confidentiality: 'confidentiality (disclosed or accessed)', integrity: 'integrity (altered)', availability: 'availability (lost or destroyed)' },
    submit: 'Record the breach',
    recordedTitle: 'Breach recorded',
    recorded: (id, deadline) => `The breach is recorded as ${id}. Notify the supervisory authority by ${deadline}, or record why no notification is due; reminders will follow.`,
  },
  communication: {
    approveSubject: (id, n) => `Breach ${id}: approve the message to the ${EN.count(n, 'person', 'people')} concerned`,
    approve: (n, refused, unresolved) =>
      `The message to the people concerned by this breach (Art. 34 GDPR) is ready for ${EN.count(n, 'address', 'addresses')}${refused ? ` (${EN.count(refused, 'line', 'lines')} of the list refused: not an address or user id, or a language not offered)` : ''}.${unresolved ? ` ${EN.count(unresolved, 'user id', 'user ids')} of the list ${EN.form(unresolved, 'was', 'were')} found in no system: nobody will be written to for ${EN.form(unresolved, 'it', 'them')}.` : ''} Nothing is sent before you approve it.`,
    approveLink: 'Read the message and send it:',
    pageTitle: 'Tell the people concerned by the breach',
    pageExplain: (n) => `This message goes to ${EN.count(n, 'address', 'addresses')}, each once, in its language. Check every version before sending.`,
    language: (locale) => `In ${({ fr: 'French', en: 'English' } as const)[locale]}`,
    button: 'Send the message',
    doneTitle: 'Sending',
    donePage: (n) => `The message is being sent to ${EN.count(n, 'address', 'addresses')}. You will get a report when it is done.`,
    doneSubject: (id) => `Breach ${id}: the message to the people concerned was sent`,
    done: (sent, failed, uncertain) =>
      `Sent: ${sent}. Refused by the mail service: ${failed}.${uncertain ? ` Uncertain (interrupted while sending, not sent again so as never to write twice): ${uncertain}.` : ''} The register keeps each address's outcome.`,
    expiredSubject: (id) => `Breach ${id}: the message to the people concerned was not sent`,
    expired: (id) => `The message was not approved in time, so nothing was sent. To tell the people concerned, ask again: npx dsr breaches communicate ${id}.`,
    failed: (id) => `The list of addresses could not be read (too large, missing, with no valid address, or the service failed), so nothing was sent. Check the list and ask again: npx dsr breaches communicate ${id}.`,
  },
  extension: {
    pageTitle: 'Extend the deadline',
    explain: (due) => `The request is due ${due}. Before then you may extend the deadline by one or two further months, counted from receipt, where it is complex or one of many; the learner is told the new date and your reason.`,
    months: 'Extend by',
    one: (due) => `one further month: due ${due}`,
    two: (due) => `two further months: due ${due}`,
    reason: 'Why the deadline is extended',
    reasonHint: 'Required. The learner will read it.',
    button: 'Extend the deadline',
    doneTitle: 'Deadline extended',
    done: (due) => `The request is now due ${due}; the learner is told, and the reminders follow the new date.`,
    alreadyTitle: 'Already extended',
    already: (due) => `This deadline was already extended; the request is due ${due}.`,
    learnerSubject: 'Your data protection request: the deadline is extended',
    learner: (right, due) => `We need more time to answer your request “${right}” properly. As the law allows (Art. 12(3) GDPR), we will answer by ${due} at the latest, for this reason:`,
    learnerReason: 'Reason',
  },
  lift: {
    subject: 'Restriction in force: lift it here when its ground ends',
    intro: (purposes) => `This learner's data is restricted for: ${purposes}. When the ground for the restriction ends (the accuracy is checked, the objection is decided), lift it from this link.`,
    action: (days) => `Lift the restriction (the learner is told ${EN.count(days, 'day', 'days')} before it is lifted):`,
    pageTitle: 'Lift a restriction',
    explain: (days) => `The learner is told first, with your reason, and the restriction is lifted in every system ${EN.count(days, 'day', 'days')} later (Art. 18(3) GDPR).`,
    reason: 'Why the restriction ends',
    reasonHint: 'Required. The learner will read it.',
    button: 'Lift the restriction',
    doneTitle: 'Lifting announced',
    done: 'The learner is being told; the restriction is lifted in every system after the notice period.',
    announcedSubject: 'The restriction of your data will be lifted',
    announced: (purposes, date) => `The restriction you obtained on the use of your data (${purposes}) will be lifted on ${date}, for this reason:`,
    announcedReason: 'Reason',
    liftedSubject: 'The restriction of your data is lifted',
    lifted: (purposes) => `As announced, the restriction on the use of your data (${purposes}) is now lifted in every system of the platform.`,
  },
  receipt: {
    subject: (right) => `Your data protection request is done: ${right}`,
    intro: (right, date) => `Your request “${right}” was carried out on ${date}. Here is what was done in each system of the platform it concerns:`,
    introIncomplete: (right, date) => `Your request “${right}” was carried out on ${date}, but not completely. Here is what was done in each system of the platform it concerns:`,
    erased: (n) => `erased (${EN.count(n, 'record or file', 'records or files')})`,
    erasedUncounted: 'erased',
    anonymised: (n) => `anonymised (${EN.count(n, 'record', 'records')}: what named you was removed)`,
    kept: (category, basis, until) => `kept: ${category}, as required by ${basis}${until ? `, until ${until}` : ''}`,
    corrected: (n) => `corrected (${EN.count(n, 'record', 'records')})`,
    restricted: (purposes) => `no longer used for: ${purposes}`,
    lifted: 'restriction lifted',
    nothingFound: 'held nothing about you',
    doneByHand: 'done by our staff',
    nothingToDo: 'nothing to change there',
    leftOut: (reason) => `could not be done: ${reason}`,
    dataLeft: (reason) => `data remains: ${reason}`,
    notChecked: (reason) => `could not be checked afterwards: ${reason}`,
    noChange: (reason) => `Our data protection officer checked your data and changed nothing, for this reason: ${reason}`,
    recipients: (names) => `We told those to whom we had disclosed your data (Art. 19 GDPR): ${names}.`,
    remedy: 'If you disagree, you may lodge a complaint with a supervisory authority (in France, the CNIL) and seek a judicial remedy.',
  },
  release: {
    subject: 'Archive ready: release it to the learner',
    intro: (files, size) => `The archive is built: ${EN.count(files, 'file', 'files')}, ${size}. Check the summary below, then release it to the learner.`,
    action: 'Review and release it:',
    pageTitle: 'Release the archive',
    button: 'Release the archive to the learner',
    doneTitle: 'Archive released',
    done: 'The learner is receiving a download link.',
  },
  download: {
    subject: 'Your data is ready to download',
    intro: (right) => `Your request “${right}” is answered: the archive holds the data every system of the platform keeps about you, as web pages you can read and as JSON and CSV files you can reuse. Unzip it and open index.html in your browser: it works offline.`,
    action: 'Download it here:',
    expiry: (expires) => `The link works until ${expires}; after that the archive is deleted.`,
    pageTitle: 'Your data',
    page: (size, expires) => `Your archive (${size}) is ready. This page works until ${expires}; after that the archive is deleted.`,
    button: 'Download the archive',
    expiredTitle: 'Link expired',
    expired: 'This download link has expired and the archive has been deleted. You can file a new request at any time.',
  },
  archive: {
    title: 'Your personal data',
    summary: (right, received, created) => `You asked us for: ${right}. We received your request on ${received} and prepared this copy on ${created}. It holds what every system of the platform keeps about you, why, who receives it and for how long.`,
    holding: 'Systems that hold data about you',
    holdingNone: 'Systems that hold no data about you',
    notAsked: 'Systems we could not ask',
    system: 'System',
    files: 'Files',
    size: 'Size',
    partial: 'Part of the data could not be exported.',
    failed: 'The system did not answer, even after several attempts.',
    skipped: 'Our data protection officer went on without this system, for this reason:',
    note: (note) => `Note from the system: ${note}`,
    noData: 'This system holds no data about you.',
    aboutTitle: 'About this archive',
    formats: 'Each system’s page shows its data as tables and links to its files. The JSON and CSV files hold the same data in formats you can reuse in another service (Art. 20 GDPR).',
    proof: 'lists every file of this archive with its size and SHA-256 checksum: it is the proof of what we sent you.',
    rightsTitle: 'Your rights',
    rightsIntro: 'Besides this copy, you may ask us at any time to:',
    rights: [
      'correct data that is inaccurate, or complete it (Art. 16 GDPR);',
      'erase your data (Art. 17 GDPR), unless the law requires us to keep it;',
      'restrict its use, for example while you contest its accuracy (Art. 18 GDPR);',
      'stop using it for a purpose based on our legitimate interests, or for marketing (Art. 21 GDPR);',
      'send it to you, or to another service, in a reusable format (Art. 20 GDPR).',
    ],
    consent: 'Where we use your data with your consent, you may withdraw it at any time; what was done before stays lawful (Art. 7(3) GDPR).',
    howToAsk: 'To do so, send a request through our form:',
    complaint: 'You also have the right to lodge a complaint with a supervisory authority, in particular in the country where you live or work (in France, the CNIL, www.cnil.fr), and to seek a judicial remedy (Arts. 77 and 79 GDPR).',
    back: 'All your data',
    processingTitle: 'What we do with this data',
    purposes: 'Why we use it',
    legalBasis: (basis) => `Legal basis: ${basis}.`,
    legalBases: {
      consent: 'your consent (Art. 6(1)(a) GDPR)',
      contract: 'the contract between you and us (Art. 6(1)(b) GDPR)',
      legal_obligation: 'a legal obligation we must meet (Art. 6(1)(c) GDPR)',
      vital_interests: 'the protection of someone’s vital interests (Art. 6(1)(d) GDPR)',
      public_task: 'a task we carry out in the public interest (Art. 6(1)(e) GDPR)',
      legitimate_interests: 'our legitimate interests (Art. 6(1)(f) GDPR)',
    },
    interest: (interest) => `Our interest: ${interest}.`,
    categories: 'What data we hold',
    recipients: 'Who receives it',
    noRecipients: 'No one outside our own staff.',
    transfer: (country, safeguard) => `In ${country}, outside the European Economic Area; the transfer is protected by ${safeguard}. You may ask us for a copy of this safeguard.`,
    safeguards: {
      adequacy: 'a decision of the European Commission that this country protects personal data adequately (Art. 45 GDPR)',
      scc: 'the standard data protection clauses adopted by the European Commission (Art. 46 GDPR)',
      bcr: 'binding corporate rules approved by a data protection authority (Art. 47 GDPR)',
      derogation: 'a derogation for a specific situation (Art. 49 GDPR)',
    },
    retention: 'How long we keep it',
    source: 'Where it comes from',
    fromYou: 'From you, as you use the platform.',
    automated: 'Automated decisions',
    noAutomated: 'None: no decision about you is taken by automated means alone (Art. 22 GDPR).',
    dataTitle: 'Your data',
    tableOf: (file) => `Contents of ${file}`,
    continued: (caption) => `${caption} (continued)`,
    records: (n) => EN.count(n, 'record', 'records'),
    notShown: 'This file cannot be shown as a table here; open it from the list of files below.',
    unnamed: '(no name)',
    value: 'Value',
    filesTitle: 'Files',
    reuse: 'reusable format, Art. 20 GDPR',
    beginning: 'The beginning of the file; open it for the rest.',
    yes: 'yes',
    no: 'no',
    intl: 'en-GB',
    timeZone: (zone) => `Times are given in ${zone}.`,
    country: countryName('en-GB'),
  },
  size: humanSize('en-GB'),
  date: longDate('en-GB'),
  dateTime: dateTime('en-GB'),
  zoneName: zoneName('en-GB'),
  labelled: (label, text) => `${label}: ${text}`,
};

/**
 * French typography, as a French reader expects it: a no-break space (U+00A0) before ":",
 * a narrow one (U+202F) before ";", "?", "!" and inside « », the apostrophe ’ never the
 * straight one (test/unit/shared/french-typography.test.ts walks every message).
 */
const fr: Messages = {
  rights: {
    access: 'Accès à mes données (art. 15 RGPD)',
    portability: 'Une copie de mes données dans un format réutilisable (portabilité, art. 20 RGPD)',
    erasure: 'Effacement de mes données (art. 17 RGPD)',
    rectification: 'Rectification de données inexactes (art. 16 RGPD)',
    restriction: 'Limitation du traitement (art. 18 RGPD)',
    objection: 'Opposition au traitement (art. 21 RGPD)',
  },
  purposes: {
    marketing: 'Prospection (lettres d’information, offres)',
    analytics: 'Statistiques et analyse des apprentissages',
    profiling: 'Profilage et recommandations personnalisées',
  },
  operations: { export: 'exporter', erase: 'effacer les données', rectify: 'corriger les données', restrict: 'limiter le traitement', lift: 'lever la limitation', verify: 'être vérifiés après l’effacement' },
  problems: {
    required: 'Ce champ est obligatoire.',
    invalid: 'Cette valeur n’est pas valide.',
    too_long: 'Cette valeur est trop longue.',
    not_offered: 'Cette langue n’est pas proposée.',
  },
  fieldNames: { months: 'Prolongation', email: 'Adresse e-mail', type: 'Demande', locale: 'Langue', details: 'Précisions', purposes: 'Utilisations de vos données', decision: 'Décision', reason: 'Motif', byHand: 'Systèmes à corriger à la main' },
  form: {
    title: 'Exercer vos droits sur vos données personnelles',
    intro: 'Choisissez ce que vous souhaitez que nous fassions de vos données personnelles. Nous vous enverrons d’abord un e-mail pour vérifier que l’adresse est bien la vôtre.',
    email: 'Votre adresse e-mail',
    emailHint: 'L’adresse que vous utilisez sur la plateforme de formation.',
    type: 'Que souhaitez-vous faire ?',
    details: 'Précisions (facultatif)',
    detailsHint: 'Pour une rectification, indiquez ce qui est inexact et ce qui est juste. 2 000 caractères au plus.',
    purposes: 'Pour une limitation ou une opposition : quelles utilisations de vos données ?',
    purposesHint: 'Cochez-en au moins une si vous avez choisi la limitation ou l’opposition.',
    submit: 'Envoyer ma demande',
    errorSummary: 'Merci de corriger les champs signalés ci-dessous.',
    receivedTitle: 'Demande reçue',
    received: (due) => `Merci. Consultez votre messagerie : nous vous avons envoyé un lien pour confirmer que l’adresse est la vôtre. Nous vous répondrons au plus tard le ${due}.`,
  },
  invalidRequest: 'La demande n’est pas valide.',
  links: {
    unknownTitle: 'Lien non reconnu',
    unknown: 'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse complète depuis l’e-mail.',
    usedTitle: 'Lien déjà utilisé',
    used: 'Ce lien a déjà été utilisé ; rien de plus n’a été fait.',
    expiredTitle: 'Lien expiré',
    expired: 'Ce lien a expiré ; rien n’a été fait.',
    unavailableTitle: 'Merci de réessayer',
    unavailable: 'Nous n’avons pas pu terminer cette opération. Rien n’a été modifié ; réessayez dans quelques minutes.',
  },
  verify: {
    title: 'Confirmez votre adresse e-mail',
    explain: (right) => `En confirmant, vous nous indiquez que vous êtes l’auteur de cette demande « ${right} » et que l’adresse est la vôtre. Notre délégué à la protection des données l’examinera ensuite.`,
    button: 'Confirmer ma demande',
    doneTitle: 'Adresse confirmée',
    done: 'Merci. Votre demande est entre les mains de notre délégué à la protection des données. Nous vous écrirons à cette adresse.',
  },
  mail: {
    greeting: 'Bonjour,',
    signature: 'L’équipe protection des données',
    ackSubject: 'Votre demande relative à vos données : confirmez votre adresse',
    ack: (right, receivedAt, due) =>
      `Nous avons reçu votre demande le ${receivedAt} : ${right}. La loi nous donne jusqu’au ${due} pour y répondre.`,
    ackAction: 'Pour la poursuivre, confirmez que cette adresse est la vôtre :',
    ackLinkExpiry: (expires) => `Ce lien fonctionne jusqu’au ${expires}. S’il n’est pas utilisé d’ici là, la demande sera close.`,
    ackIgnore: 'Si vous n’êtes pas l’auteur de cette demande, ignorez cet e-mail : rien ne se passera.',
    unverifiedSubject: 'Votre demande relative à vos données a été close',
    unverified: (right) =>
      `Votre demande « ${right} » a été close car l’adresse n’a pas été confirmée à temps. Vous pouvez envoyer une nouvelle demande quand vous le souhaitez.`,
    rejectedSubject: 'Votre demande relative à vos données',
    rejected: (right) => `Notre délégué à la protection des données a examiné votre demande « ${right} » et ne peut y donner suite, pour ce motif :`,
    rejectedReason: 'Motif',
    rejectedRemedy:
      'Vous avez le droit d’introduire une réclamation auprès d’une autorité de contrôle (en France, la CNIL) et de former un recours juridictionnel.',
    abandonedSubject: 'Votre demande relative à vos données n’a pas pu recevoir de réponse',
    abandoned: (right, due) => `Nous vous présentons nos excuses : votre demande « ${right} », à laquelle nous devions répondre au plus tard le ${due}, n’a pas reçu de réponse et elle est désormais close. Vous pouvez la renouveler à tout moment.`,
    cancelledSubject: 'Votre demande relative à vos données est close',
    cancelled: (right) => `Votre demande « ${right} » a été close sans autre suite, pour ce motif :`,
    duplicateSubject: 'Vous avez déjà une demande en cours',
    duplicate: (right, due) =>
      `Nous avons reçu une nouvelle demande « ${right} » depuis cette adresse, mais la même demande est déjà en cours ; aucune seconde demande n’a été ouverte. Nous y répondrons au plus tard le ${due}. Si vous n’avez pas encore confirmé votre adresse, utilisez le lien de notre premier e-mail.`,
  },
  dpo: {
    decisionSubject: (right) => `Demande de personne concernée à trancher : ${right}`,
    intro: 'Un apprenant a confirmé son adresse et attend votre décision sur cette demande :',
    action: 'Examinez-la, puis approuvez-la ou rejetez-la :',
    linkExpiry: (expires) => `Ce lien fonctionne jusqu’au ${expires} ; vous en recevrez ensuite un nouveau.`,
    linkWorksUntil: (expires) => `Ce lien fonctionne jusqu’au ${expires}.`,
    fields: { requestId: 'Demande', type: 'Droit', email: 'Adresse', language: 'Langue de la personne', receivedAt: 'Reçue le', dueDate: 'Échéance', details: 'Précisions', none: 'aucune' },
    pageTitle: 'Décider d’une demande de personne concernée',
    approve: 'Approuver : donner suite à la demande',
    reject: 'Rejeter : l’apprenant en recevra le motif',
    reason: 'Motif du rejet',
    reasonHint: 'Obligatoire pour rejeter. L’apprenant le lira.',
    submit: 'Enregistrer ma décision',
    approvedTitle: 'Demande approuvée',
    approved: 'La demande est approuvée et va maintenant être traitée.',
    rejectedTitle: 'Demande rejetée',
    rejected: 'La demande est rejetée et l’apprenant en recevra le motif.',
  },
  systems: {
    found: 'Systèmes qui détiennent des données sur cette personne',
    notFound: 'Systèmes qui ne connaissent pas cette personne',
    failed: 'Systèmes qui n’ont pas pu être interrogés',
    none: 'aucun',
    files: (n) => FR.count(n, 'fichier', 'fichiers'),
    status: { done: 'fait', not_found: 'rien trouvé', retained: 'conservé en vertu de la loi', partial: 'fait en partie', failed: 'échec', skipped: 'écarté par le DPO', manual: 'à faire à la main', not_applicable: 'rien à faire', done_by_hand: 'fait à la main' },
  },
  attention: {
    subject: (n, op) => `À traiter : ${FR.count(n, 'système', 'systèmes')} n’${FR.form(n, 'a', 'ont')} pas pu ${op}`,
    intro: (op) => `Ces systèmes n’ont pas pu ${op}, même après plusieurs essais :`,
    action: 'Relancez-les, ou poursuivez sans eux (le motif est enregistré et figure dans l’archive) :',
    pageTitle: 'Systèmes qui n’ont pas pu exporter',
    retry: 'Relancer les systèmes en échec',
    proceed: 'Poursuivre sans eux',
    reason: 'Pourquoi poursuivre sans eux',
    reasonHint: 'Obligatoire pour poursuivre sans eux. L’apprenant le lira dans l’archive.',
    retryTitle: 'Relance en cours',
    retryDone: 'Les systèmes en échec sont de nouveau interrogés. Vous serez prévenu s’ils échouent encore.',
    proceedTitle: 'Suite du traitement',
    proceedDone: 'L’archive est construite sans les systèmes en échec ; votre motif est enregistré.',
  },
  erasure: {
    subject: 'Effacement à confirmer',
    intro: 'La demande est approuvée. Voici, système par système, ce que l’effacement supprimera et ce que la loi nous oblige à conserver :',
    action: 'Vérifiez-le et lancez l’effacement :',
    pageTitle: 'Confirmer l’effacement',
    deletes: 'tous les enregistrements de l’apprenant sont supprimés',
    deletesExcept: 'les enregistrements de l’apprenant sont supprimés, sauf ce que la loi oblige à conserver :',
    anonymises: (attributes) => `les enregistrements de l’apprenant sont anonymisés (${attributes} retirés)`,
    deletesFiles: 'tous les fichiers de l’apprenant sont supprimés, avec toutes leurs versions',
    erasedBySystem: 'le système efface les données de l’apprenant',
    keeps: (category, basis, until) => `conservé : ${category} (${basis})${until ? ` jusqu’au ${until}` : ''}`,
    keepsByRule: (category, basis, period) => `conservé s’il y en a : ${category} (${basis}), ${period}`,
    byHand: 'à effacer à la main : il vous sera demandé de le confirmer',
    notFound: 'ne détient rien sur l’apprenant',
    button: 'Effacer les données de l’apprenant',
    doneTitle: 'Effacement lancé',
    done: 'Les données sont en cours d’effacement. Vous serez prévenu si un système demande votre attention ; l’apprenant recevra l’attestation.',
  },
  rectification: {
    subject: 'Rectification : saisissez les valeurs corrigées',
    intro: 'La demande est approuvée. Saisissez les valeurs corrigées demandées par l’apprenant ; chaque système qui détient l’attribut sera mis à jour.',
    action: 'Saisissez les valeurs corrigées :',
    pageTitle: 'Corriger les données de l’apprenant',
    asked: 'Ce que demande l’apprenant',
    valuesIntro: 'Laissez un champ vide pour ne pas le modifier.',
    appliesTo: (systems) => `Modifié dans : ${systems}`,
    byHand: (systems) => `À corriger à la main (il vous sera demandé de le confirmer) : ${systems}`,
    alsoByHand: 'À corriger aussi à la main',
    alsoByHandHint: 'Systèmes qui détiennent des données de l’apprenant mais ne corrigent rien eux-mêmes : cochez ceux que la demande concerne ; il vous sera demandé de confirmer chacun.',
    apply: 'Appliquer les valeurs corrigées',
    none: 'Ne rien changer : les données sont exactes',
    reason: 'Pourquoi rien ne change',
    reasonHint: 'Obligatoire pour ne rien changer. L’apprenant le lira.',
    noValue: 'Saisissez au moins une valeur corrigée ou cochez un système à corriger à la main, ou choisissez de ne rien changer.',
    appliedTitle: 'Correction lancée',
    applied: 'Les valeurs corrigées sont en cours d’application ; l’apprenant recevra l’attestation.',
    noneTitle: 'Rien de changé',
    noneDone: 'L’apprenant sera informé que ses données sont exactes, et pourquoi.',
  },
  handWork: {
    subject: (n) => `À faire à la main : ${FR.count(n, 'système', 'systèmes')}`,
    intro: (op) => `Ces systèmes ne peuvent pas le faire eux-mêmes. Merci de ${op} dans chacun à la main, puis de le confirmer ici avec une note de ce que vous avez fait :`,
    action: 'Confirmez-le une fois fait :',
    pageTitle: 'Travail à faire à la main',
    note: (system) => `Ce que vous avez fait dans ${system}`,
    noteHint: 'Obligatoire. Conservé dans le journal d’audit comme preuve.',
    button: 'Confirmer que c’est fait',
    doneTitle: 'Enregistré',
    done: 'Votre confirmation et vos notes sont enregistrées.',
  },
  leftover: {
    subject: (n) => `Effacement incomplet : des données restent dans ${FR.count(n, 'système', 'systèmes')}`,
    intro: 'Après l’effacement, ces systèmes détiennent encore des données sur l’apprenant qu’aucune règle de conservation ne couvre :',
    action: 'Effacez de nouveau, ou clôturez la demande comme incomplète en indiquant le motif :',
    pageTitle: 'Données restantes après l’effacement',
    left: (n) => FR.count(n, 'enregistrement ou fichier restant', 'enregistrements ou fichiers restants'),
    retry: 'Effacer de nouveau dans ces systèmes',
    close: 'Clôturer la demande comme incomplète',
    reason: 'Pourquoi les données restent',
    reasonHint: 'Obligatoire pour clôturer comme incomplète. L’apprenant le lira.',
    retryTitle: 'Nouvel effacement',
    retryDone: 'Ces systèmes doivent effacer de nouveau, puis seront de nouveau vérifiés.',
    closeTitle: 'Clôturée comme incomplète',
    closeDone: 'L’apprenant reçoit l’attestation, qui indique ce qui reste et pourquoi.',
  },
  recipients: {
    subject: (right) => `Demande de personne concernée à répercuter : ${right}`,
    intro: (recipient) => `À l’attention de ${recipient} : un apprenant dont nous vous avons communiqué les données personnelles a exercé ce droit auprès de nous. L’article 19 du RGPD nous demande de vous en informer, afin que vous fassiez de même pour les données que vous détenez :`,
    closing: 'Merci de l’exécuter et d’en garder trace. Répondez à cet e-mail si vous ne le pouvez pas.',
    notReachedSubject: 'Destinataires à informer à la main (art. 19)',
    notReached: (names) => `Ces destinataires des données de l’apprenant n’ont pas pu être joints pour cette demande ; merci de les informer à la main : ${names}. L’attestation de l’apprenant ne nomme que ceux qui ont été informés.`,
  },
  statuses: {
    awaiting_verification: 'en attente de la confirmation de l’adresse par l’apprenant',
    verified: 'adresse confirmée',
    awaiting_decision: 'en attente de votre décision',
    approved: 'approuvée',
    exporting: 'export en cours',
    awaiting_release: 'en attente de la transmission de l’archive',
    awaiting_erasure: 'en attente de votre confirmation de l’effacement',
    awaiting_rectification: 'en attente des valeurs corrigées',
    in_progress: 'en cours dans les systèmes',
  },
  deadline: {
    reminderSubject: (n, due) => (n === 0 ? `Échéance aujourd’hui : une demande de personne concernée (${due})` : `Rappel : une demande de personne concernée arrive à échéance dans ${FR.count(n, 'jour', 'jours')} (${due})`),
    reminder: (right, n, due) => `Cette demande « ${right} » doit recevoir une réponse au plus tard le ${due}${n === 0 ? ', c’est-à-dire aujourd’hui' : `, dans ${FR.count(n, 'jour', 'jours')}`}.`,
    overdueSubject: (due) => `En retard : une demande de personne concernée arrivait à échéance le ${due}`,
    overdue: (right, due, late) => `Cette demande « ${right} » arrivait à échéance le ${due} et a ${FR.count(late, 'jour ouvré', 'jours ouvrés')} de retard. L’apprenant peut saisir l’autorité de contrôle.`,
    lastEscalation: (late, due) => `Cette demande arrivait à échéance le ${due} et a désormais ${FR.count(late, 'jour ouvré', 'jours ouvrés')} de retard. Ceci est le dernier rappel quotidien : la demande reste ouverte jusqu’à sa réponse.`,
    gateWaiting: 'Elle attend votre action.',
    inProgress: (status) => `Elle est en cours : ${status}.`,
    act: 'Agissez ici :',
    extend: (until) => `Si la demande est complexe ou si les demandes sont nombreuses, vous pouvez prolonger le délai d’un ou deux mois (art. 12(3) RGPD), jusqu’au ${until} :`,
  },
  digest: {
    subject: (n, late) => `Demandes de personnes concernées ouvertes : ${n}${late ? `, dont ${late} en retard` : ''}`,
    intro: (date) => `Les demandes ouvertes au ${date}, les plus urgentes d’abord (vert : 10 jours ouvrés ou plus, orange : moins, rouge : moins de 5). Chaque demande mène à ce qu’elle attend.`,
    headers: ['Demande', 'Droit', 'État', 'Échéance', 'Reste'],
    daysLeft: (n) => (n < 0 ? `EN RETARD de ${FR.count(-n, 'jour ouvré', 'jours ouvrés')}` : n === 0 ? 'échéance aujourd’hui' : FR.count(n, 'jour ouvré', 'jours ouvrés')),
    bounced: 'l’adresse de la personne a rejeté notre courriel',
  },
  breach: {
    reminderSubject: (id, left) => `Violation de données ${id} : ${FR.count(left, 'heure', 'heures')} pour la notifier à l’autorité de contrôle`,
    reminder: (aware, deadline, left) =>
      `Nous avons eu connaissance de cette violation le ${aware}. Sauf si elle n’est pas susceptible d’engendrer un risque pour les personnes concernées, elle doit être notifiée à l’autorité de contrôle au plus tard le ${deadline}, dans ${FR.count(left, 'heure', 'heures')} (art. 33.1 du RGPD).`,
    overdueSubject: (id, late) => `EN RETARD : violation de données ${id}, les 72 heures sont passées${late ? ` depuis ${FR.count(late, 'heure', 'heures')}` : ''}`,
    overdue: (aware, deadline, late) =>
      `Nous avons eu connaissance de cette violation le ${aware} ; les 72 heures pour la notifier à l’autorité de contrôle ont pris fin le ${deadline}${late ? `, il y a ${FR.count(late, 'heure', 'heures')}` : ''}. Notifiez-la maintenant, avec les motifs du retard (art. 33.1 du RGPD), ou consignez pourquoi aucune notification n’est due.`,
    lastEscalation: 'Ceci est le dernier rappel quotidien : la violation reste ouverte dans le registre jusqu’à ce que sa notification, ou la décision qu’aucune n’est due, soit consignée.',
    howTo: (id) =>
      `Projet de notification, chaque élément de l’art. 33.3 dans l’ordre du formulaire de l’autorité : npx dsr breaches draft ${id}. Une fois notifiée : npx dsr breaches notify ${id} --phase initial --reference <référence de l’autorité>. Si aucune notification n’est due : npx dsr breaches no-notification ${id} --reason <motif>.`,
    facts: { summary: 'Ce qui s’est passé', risk: 'Risque pour les personnes', aware: 'Connue depuis le', deadline: 'À notifier avant le' },
    risks: { none: 'aucun risque probable', risk: 'un risque', high: 'un risque élevé (informer aussi les personnes, art. 34)' },
    digestSubject: (n) => `Violations à notifier : ${n}`,
    digestIntro: 'Violations de données dont la notification à l’autorité de contrôle n’est pas encore consignée :',
    digestHeaders: ['Violation', 'Risque', 'Connue depuis', 'À notifier avant', 'Reste'],
    hoursLeft: (n) => (n < 0 ? `EN RETARD de ${FR.count(-n, 'heure', 'heures')}` : FR.count(n, 'heure', 'heures')),
  },
  breachForm: {
    linkSubject: 'Consigner une violation de données personnelles',
    link: 'Ce lien permet de consigner une violation de données personnelles dans le registre : son délai de 72 heures court depuis le moment où nous en avons eu connaissance.',
    linkIntro: 'Consigner la violation :',
    title: 'Consigner une violation de données personnelles',
    intro: (zone) => `Les heures sont données en ${zone}. La violation doit être notifiée à l’autorité de contrôle dans les 72 heures après que nous en avons eu connaissance, sauf si elle n’est pas susceptible d’engendrer un risque pour les personnes (art. 33 du RGPD).`,
    fields: {
      awareAt: 'Quand nous en avons eu connaissance',
      occurredAt: 'Quand elle s’est produite, si on le sait',
      summary: 'Ce qui s’est passé',
      risk: 'Risque pour les personnes concernées',
      nature: 'Ce qui est atteint',
      categoriesOfPeople: 'Catégories de personnes concernées',
      peopleCount: 'Nombre approximatif de personnes',
      recordCategories: 'Catégories de données concernées',
      recordCount: 'Nombre approximatif d’enregistrements',
      consequences: 'Conséquences probables',
      measures: 'Mesures prises ou envisagées',
      contact: 'Point de contact (le DPO si vide)',
    },
    natures: { confidentiality: 'confidentialité (divulgation ou accès)', integrity: 'intégrité (altération)', availability: 'disponibilité (perte ou destruction)' },
    submit: 'Consigner la violation',
    recordedTitle: 'Violation consignée',
    recorded: (id, deadline) => `La violation est consignée sous ${id}. Notifiez-la à l’autorité de contrôle au plus tard le ${deadline}, ou consignez pourquoi aucune notification n’est due ; des rappels suivront.`,
  },
  communication: {
    approveSubject: (id, n) => `Violation ${id} : approuvez le message à ${FR.count(n, 'personne concernée', 'personnes concernées')}`,
    approve: (n, refused, unresolved) =>
      `Le message aux personnes concernées par cette violation (art. 34 du RGPD) est prêt pour ${FR.count(n, 'adresse', 'adresses')}${refused ? ` (${FR.count(refused, 'ligne', 'lignes')} de la liste ${FR.form(refused, 'refusée', 'refusées')} : ni une adresse ni un identifiant, ou une langue non proposée)` : ''}.${unresolved ? ` ${FR.count(unresolved, 'identifiant', 'identifiants')} de la liste n’${FR.form(unresolved, 'a été trouvé', 'ont été trouvés')} dans aucun système : personne ne sera prévenu à ${FR.form(unresolved, 'son', 'leur')} titre.` : ''} Rien n’est envoyé avant votre approbation.`,
    approveLink: 'Relire le message et l’envoyer :',
    pageTitle: 'Informer les personnes concernées par la violation',
    pageExplain: (n) => `Ce message part vers ${FR.count(n, 'adresse', 'adresses')}, chacune une fois, dans sa langue. Relisez chaque version avant l’envoi.`,
    language: (locale) => `En ${({ fr: 'français', en: 'anglais' } as const)[locale]}`,
    button: 'Envoyer le message',
    doneTitle: 'Envoi en cours',
    donePage: (n) => `Le message part vers ${FR.count(n, 'adresse', 'adresses')}. Vous recevrez un compte rendu à la fin.`,
    doneSubject: (id) => `Violation ${id} : le message aux personnes concernées est envoyé`,
    done: (sent, failed, uncertain) =>
      `Envoyés : ${sent}. Refusés par le service de messagerie : ${failed}.${uncertain ? ` Incertains (envoi interrompu, non renvoyés pour ne jamais écrire deux fois) : ${uncertain}.` : ''} Le registre garde le sort de chaque adresse.`,
    expiredSubject: (id) => `Violation ${id} : le message aux personnes concernées n’a pas été envoyé`,
    expired: (id) => `Le message n’a pas été approuvé à temps : rien n’a été envoyé. Pour informer les personnes concernées, redemandez-le : npx dsr breaches communicate ${id}.`,
    failed: (id) => `La liste des adresses n’a pas pu être lue (trop grande, absente, sans adresse valable, ou le service a échoué) : rien n’a été envoyé. Vérifiez la liste et redemandez : npx dsr breaches communicate ${id}.`,
  },
  extension: {
    pageTitle: 'Prolonger le délai',
    explain: (due) => `La demande arrive à échéance le ${due}. D’ici là, vous pouvez prolonger le délai d’un ou deux mois, comptés depuis la réception, si elle est complexe ou si les demandes sont nombreuses ; l’apprenant est informé de la nouvelle date et de votre motif.`,
    months: 'Prolonger de',
    one: (due) => `un mois : échéance le ${due}`,
    two: (due) => `deux mois : échéance le ${due}`,
    reason: 'Pourquoi le délai est prolongé',
    reasonHint: 'Obligatoire. L’apprenant le lira.',
    button: 'Prolonger le délai',
    doneTitle: 'Délai prolongé',
    done: (due) => `La demande arrive désormais à échéance le ${due} ; l’apprenant est informé et les rappels suivent la nouvelle date.`,
    alreadyTitle: 'Déjà prolongé',
    already: (due) => `Ce délai a déjà été prolongé ; la demande arrive à échéance le ${due}.`,
    learnerSubject: 'Votre demande relative à vos données : le délai est prolongé',
    learner: (right, due) => `Il nous faut davantage de temps pour bien répondre à votre demande « ${right} ». Comme la loi le permet (art. 12(3) RGPD), nous y répondrons au plus tard le ${due}, pour ce motif :`,
    learnerReason: 'Motif',
  },
  lift: {
    subject: 'Limitation en vigueur : levez-la ici quand son motif prend fin',
    intro: (purposes) => `Les données de cet apprenant sont limitées pour : ${purposes}. Quand le motif de la limitation prend fin (exactitude vérifiée, opposition tranchée), levez-la depuis ce lien.`,
    action: (days) => `Lever la limitation (l’apprenant est prévenu ${FR.count(days, 'jour', 'jours')} avant) :`,
    pageTitle: 'Lever une limitation',
    explain: (days) => `L’apprenant est d’abord informé, avec votre motif, et la limitation est levée dans chaque système ${FR.count(days, 'jour', 'jours')} plus tard (art. 18(3) RGPD).`,
    reason: 'Pourquoi la limitation prend fin',
    reasonHint: 'Obligatoire. L’apprenant le lira.',
    button: 'Lever la limitation',
    doneTitle: 'Levée annoncée',
    done: 'L’apprenant est informé ; la limitation sera levée dans chaque système à l’issue du préavis.',
    announcedSubject: 'La limitation de vos données va être levée',
    announced: (purposes, date) => `La limitation que vous avez obtenue sur l’utilisation de vos données (${purposes}) sera levée le ${date}, pour ce motif :`,
    announcedReason: 'Motif',
    liftedSubject: 'La limitation de vos données est levée',
    lifted: (purposes) => `Comme annoncé, la limitation de l’utilisation de vos données (${purposes}) est désormais levée dans chaque système de la plateforme.`,
  },
  receipt: {
    subject: (right) => `Votre demande relative à vos données est traitée : ${right}`,
    intro: (right, date) => `Votre demande « ${right} » a été exécutée le ${date}. Voici ce qui a été fait dans chaque système de la plateforme qu’elle concerne :`,
    introIncomplete: (right, date) => `Votre demande « ${right} » a été exécutée le ${date}, mais pas entièrement. Voici ce qui a été fait dans chaque système de la plateforme qu’elle concerne :`,
    erased: (n) => `effacé (${FR.count(n, 'enregistrement ou fichier', 'enregistrements ou fichiers')})`,
    erasedUncounted: 'effacé',
    anonymised: (n) => `anonymisé (${FR.count(n, 'enregistrement', 'enregistrements')} : ce qui vous désignait a été retiré)`,
    kept: (category, basis, until) => `conservé : ${category}, comme l’exige ${basis}${until ? `, jusqu’au ${until}` : ''}`,
    corrected: (n) => `corrigé (${FR.count(n, 'enregistrement', 'enregistrements')})`,
    restricted: (purposes) => `n’est plus utilisé pour : ${purposes}`,
    lifted: 'limitation levée',
    nothingFound: 'ne détenait rien sur vous',
    doneByHand: 'fait par notre équipe',
    nothingToDo: 'rien à modifier',
    leftOut: (reason) => `n’a pas pu être fait : ${reason}`,
    dataLeft: (reason) => `des données restent : ${reason}`,
    notChecked: (reason) => `n’a pas pu être vérifié ensuite : ${reason}`,
    noChange: (reason) => `Notre délégué à la protection des données a vérifié vos données et n’a rien modifié, pour ce motif : ${reason}`,
    recipients: (names) => `Nous avons informé ceux à qui nous avions communiqué vos données (art. 19 RGPD) : ${names}.`,
    remedy: 'Si vous êtes en désaccord, vous pouvez introduire une réclamation auprès d’une autorité de contrôle (en France, la CNIL) et former un recours juridictionnel.',
  },
  release: {
    subject: 'Archive prête : transmettez-la à l’apprenant',
    intro: (files, size) => `L’archive est construite : ${FR.count(files, 'fichier', 'fichiers')}, ${size}. Vérifiez le résumé ci-dessous, puis transmettez-la à l’apprenant.`,
    action: 'Vérifiez-la et transmettez-la :',
    pageTitle: 'Transmettre l’archive',
    button: 'Transmettre l’archive à l’apprenant',
    doneTitle: 'Archive transmise',
    done: 'L’apprenant reçoit un lien de téléchargement.',
  },
  download: {
    subject: 'Vos données sont prêtes à télécharger',
    intro: (right) => `Votre demande « ${right} » a reçu sa réponse : l’archive contient les données que chaque système de la plateforme conserve sur vous, en pages lisibles et en fichiers JSON et CSV réutilisables. Décompressez-la puis ouvrez index.html dans votre navigateur : elle fonctionne hors ligne.`,
    action: 'Téléchargez-la ici :',
    expiry: (expires) => `Le lien fonctionne jusqu’au ${expires} ; l’archive sera ensuite supprimée.`,
    pageTitle: 'Vos données',
    page: (size, expires) => `Votre archive (${size}) est prête. Cette page fonctionne jusqu’au ${expires} ; l’archive sera ensuite supprimée.`,
    button: 'Télécharger l’archive',
    expiredTitle: 'Lien expiré',
    expired: 'Ce lien de téléchargement a expiré et l’archive a été supprimée. Vous pouvez déposer une nouvelle demande à tout moment.',
  },
  archive: {
    title: 'Vos données personnelles',
    summary: (right, received, created) => `Vous nous avez demandé\u00a0: ${right}. Nous avons reçu votre demande le ${received} et préparé cette copie le ${created}. Elle contient ce que chaque système de la plateforme conserve sur vous, pourquoi, qui le reçoit et pour combien de temps.`,
    holding: 'Systèmes qui détiennent des données sur vous',
    holdingNone: 'Systèmes qui ne détiennent aucune donnée sur vous',
    notAsked: 'Systèmes que nous n’avons pas pu interroger',
    system: 'Système',
    files: 'Fichiers',
    size: 'Taille',
    partial: 'Une partie des données n’a pas pu être exportée.',
    failed: 'Le système n’a pas répondu, même après plusieurs tentatives.',
    skipped: 'Notre délégué à la protection des données a poursuivi sans ce système, pour ce motif\u00a0:',
    note: (note) => `Remarque du système\u00a0: ${note}`,
    noData: 'Ce système ne détient aucune donnée sur vous.',
    aboutTitle: 'À propos de cette archive',
    formats: 'La page de chaque système présente ses données en tableaux et renvoie à ses fichiers. Les fichiers JSON et CSV contiennent les mêmes données dans des formats que vous pouvez réutiliser dans un autre service (art. 20 RGPD).',
    proof: 'liste chaque fichier de cette archive avec sa taille et son empreinte SHA-256\u00a0: c’est la preuve de ce que nous vous avons envoyé.',
    rightsTitle: 'Vos droits',
    rightsIntro: 'En plus de cette copie, vous pouvez nous demander à tout moment de\u00a0:',
    rights: [
      'corriger des données inexactes, ou les compléter (art. 16 RGPD)\u202f;',
      'effacer vos données (art. 17 RGPD), sauf si la loi nous impose de les conserver\u202f;',
      'limiter leur utilisation, par exemple le temps de vérifier leur exactitude (art. 18 RGPD)\u202f;',
      'cesser de les utiliser pour une finalité fondée sur nos intérêts légitimes, ou pour la prospection (art. 21 RGPD)\u202f;',
      'vous les transmettre, ou les transmettre à un autre service, dans un format réutilisable (art. 20 RGPD).',
    ],
    consent: 'Lorsque nous utilisons vos données avec votre consentement, vous pouvez le retirer à tout moment\u202f; ce qui a été fait avant reste licite (art. 7, paragraphe 3, RGPD).',
    howToAsk: 'Pour cela, adressez-nous une demande par notre formulaire\u00a0:',
    complaint: 'Vous avez aussi le droit d’introduire une réclamation auprès d’une autorité de contrôle, notamment dans le pays où vous vivez ou travaillez (en France, la CNIL, www.cnil.fr), et de former un recours juridictionnel (art. 77 et 79 RGPD).',
    back: 'Toutes vos données',
    processingTitle: 'Ce que nous faisons de ces données',
    purposes: 'Pourquoi nous les utilisons',
    legalBasis: (basis) => `Base légale\u00a0: ${basis}.`,
    legalBases: {
      consent: 'votre consentement (art. 6, paragraphe 1, a, RGPD)',
      contract: 'le contrat qui nous lie à vous (art. 6, paragraphe 1, b, RGPD)',
      legal_obligation: 'une obligation légale à laquelle nous sommes tenus (art. 6, paragraphe 1, c, RGPD)',
      vital_interests: 'la sauvegarde des intérêts vitaux d’une personne (art. 6, paragraphe 1, d, RGPD)',
      public_task: 'une mission d’intérêt public dont nous sommes chargés (art. 6, paragraphe 1, e, RGPD)',
      legitimate_interests: 'nos intérêts légitimes (art. 6, paragraphe 1, f, RGPD)',
    },
    interest: (interest) => `Notre intérêt\u00a0: ${interest}.`,
    categories: 'Les données que nous détenons',
    recipients: 'Qui les reçoit',
    noRecipients: 'Personne en dehors de notre propre personnel.',
    transfer: (country, safeguard) => `${country}, hors de l’Espace économique européen\u202f; le transfert est encadré par ${safeguard}. Vous pouvez nous demander une copie de cette garantie.`,
    safeguards: {
      adequacy: 'une décision de la Commission européenne reconnaissant que ce pays protège les données de manière adéquate (art. 45 RGPD)',
      scc: 'les clauses types de protection des données adoptées par la Commission européenne (art. 46 RGPD)',
      bcr: 'des règles d’entreprise contraignantes approuvées par une autorité de protection des données (art. 47 RGPD)',
      derogation: 'une dérogation pour une situation particulière (art. 49 RGPD)',
    },
    retention: 'Combien de temps nous les conservons',
    source: 'D’où elles viennent',
    fromYou: 'De vous, lorsque vous utilisez la plateforme.',
    automated: 'Décisions automatisées',
    noAutomated: 'Aucune\u00a0: aucune décision vous concernant n’est prise sur le seul fondement d’un traitement automatisé (art. 22 RGPD).',
    dataTitle: 'Vos données',
    tableOf: (file) => `Contenu de ${file}`,
    continued: (caption) => `${caption} (suite)`,
    records: (n) => FR.count(n, 'enregistrement', 'enregistrements'),
    notShown: 'Ce fichier ne peut pas être présenté en tableau ici\u202f; ouvrez-le depuis la liste des fichiers ci-dessous.',
    unnamed: '(sans nom)',
    value: 'Valeur',
    filesTitle: 'Fichiers',
    reuse: 'format réutilisable, art. 20 RGPD',
    beginning: 'Le début du fichier\u202f; ouvrez-le pour la suite.',
    yes: 'oui',
    no: 'non',
    intl: 'fr-FR',
    timeZone: (zone) => `Fuseau horaire des heures indiquées\u00a0: ${zone}.`,
    country: countryName('fr-FR'),
  },
  size: humanSize('fr-FR'),
  date: longDate('fr-FR'),
  dateTime: dateTime('fr-FR'),
  zoneName: zoneName('fr-FR'),
  labelled: (label, text) => `${label} : ${text}`,
};

export const messages: Record<Locale, Messages> = { en, fr };

/** Each language's name in itself, for the link that switches to it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English' };

/** The best offered language for an Accept-Language header, else the deployment's first. */
export function negotiateLocale(acceptLanguage: string | undefined, offered: readonly Locale[]): Locale {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((w) => w.lang && w.q > 0)
    .sort((a, b) => b.q - a.q);
  return (wanted.map((w) => w.lang).find((lang) => offered.includes(lang as Locale)) as Locale) ?? offered[0];
}
