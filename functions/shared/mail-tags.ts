/*
 * What an email about a request carries back in its bounce and complaint events: apart
 * from functions/shared/mail.ts so that the function reading those events
 * (functions/record-bounces) does not bundle the letters' texts.
 */

/** Who reads an email about a request: the learner, the DPO, the escalation contact, or an Art. 19 recipient. */
export type Reader = 'learner' | 'dpo' | 'escalation' | 'recipient';
export const READERS: readonly Reader[] = ['learner', 'dpo', 'escalation', 'recipient'];

/** The request an email is about, and who reads it: SES message tags, which its bounce and complaint events carry back. */
export interface About {
  requestId: string;
  reader: Reader;
}

/** The message tags naming the request (SES allows letters, digits, `_` and `-`, up to 256). */
export const MAIL_TAGS = { request: 'dsr-request', reader: 'dsr-reader' } as const;
